package io.cerebro.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cerebro bench}: performance benchmarks against peer tools, measured in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks Cerebro's engines against a peer tool on the same data in the same run.",
        subcommands = {BenchQuasiCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
