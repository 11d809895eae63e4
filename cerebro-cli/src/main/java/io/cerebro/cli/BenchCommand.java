package io.cerebro.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cerebro bench}: performance benchmarks against peer libraries, measured in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks against peer libraries on the same data in the same run.",
        subcommands = {BenchCausalCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
