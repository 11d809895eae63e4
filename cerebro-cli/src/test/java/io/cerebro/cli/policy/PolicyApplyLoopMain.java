package io.cerebro.cli.policy;

import io.cerebro.cli.CerebroCommand;

/**
 * A child process of {@link PolicyKillTest}: runs {@code cerebro policy propose price --delta 1}
 * and {@code cerebro policy apply price} on a store, again and again, until it is killed. Each
 * command opens and closes the store as a separate CLI call would. Prints "ready" once the first
 * apply has finished; exits with 3 when a command fails (the parent tells that from a kill).
 */
public final class PolicyApplyLoopMain {
    private PolicyApplyLoopMain() {
    }

    public static void main(String[] args) {
        String store = args[0];
        for (long i = 0; ; i++) {
            int p = CerebroCommand.execute("policy", "propose", "price", "--delta", "1", "--store", store, "--format", "json");
            int a = p != 0 ? p : CerebroCommand.execute("policy", "apply", "price", "--store", store, "--format", "json");
            if (p != 0 || a != 0) {
                System.err.println("iteration " + i + ": propose exited " + p + ", apply " + a);
                System.exit(3);
            }
            if (i == 0) {
                System.err.println("ready");
                System.err.flush();
            }
        }
    }
}
