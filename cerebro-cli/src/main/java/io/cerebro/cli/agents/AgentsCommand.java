package io.cerebro.cli.agents;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cerebro agents}: the agents' benchmark, strategy selection, prompt evolution and the replay endpoint. */
@Command(name = "agents", mixinStandardHelpOptions = true,
        description = {"Benchmark pipeline generation and let the agents learn from validation outcomes.",
                "See docs/agents.md."},
        subcommands = {AgentsBenchCommand.class, AgentsStrategiesCommand.class, AgentsEvolveCommand.class,
                AgentsReplayCommand.class})
public final class AgentsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
