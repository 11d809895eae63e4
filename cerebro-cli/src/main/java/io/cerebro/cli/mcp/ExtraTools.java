package io.cerebro.cli.mcp;

import io.cerebro.cli.policy.PolicyCommand;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;

/** Tools of commands that joined after the first set (kept apart so that adding one touches one line). */
final class ExtraTools {
    private ExtraTools() {
    }

    static List<CommandTool> commandTools() {
        List<CommandTool> t = new ArrayList<>();
        // policies: the router's recommendation (route) and learning from an outcome, reading policies and their history,
        // and rolling back to a snapshot
        for (String sub : List.of("route", "learn", "get", "list", "history", "snapshots", "rollback")) {
            t.add(new CommandTool("policy_" + sub, PolicyCommand.class, List.of("policy", sub), jsonIfOffered(PolicyCommand.class, sub)));
        }
        return t;
    }

    /** @return {@code --format json} when the subcommand has a --format option, else nothing. */
    private static List<String> jsonIfOffered(Class<?> command, String sub) {
        CommandLine.Model.CommandSpec spec = new CommandLine(command).getSubcommands().get(sub).getCommandSpec();
        return spec.findOption("--format") != null ? List.of("--format", "json") : List.of();
    }
}
