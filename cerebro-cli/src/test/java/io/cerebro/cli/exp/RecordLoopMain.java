package io.cerebro.cli.exp;

import io.cerebro.cli.CerebroCommand;

/**
 * A child process of {@link ExpProcessesTest}: runs {@code cerebro exp record} for {@code count}
 * new units, one command (one store open, one transaction) each, and exits with the number of
 * commands that failed.
 */
public final class RecordLoopMain {
    private RecordLoopMain() {
    }

    public static void main(String[] args) {
        String store = args[0];
        String experiment = args[1];
        String prefix = args[2];
        int count = Integer.parseInt(args[3]);
        int failed = 0;
        for (int i = 0; i < count; i++) {
            int code = CerebroCommand.execute("exp", "record", experiment, "--unit", prefix + "-" + i, "--metric", "converted=1",
                    "--store", store);
            failed += code == 0 ? 0 : 1;
        }
        System.exit(failed);
    }
}
