package io.cerebro.cli.mcp;

import java.util.List;

/** Tools of commands that joined after the first set (kept apart so that adding one touches one line). */
final class ExtraTools {
    private ExtraTools() {
    }

    static List<CommandTool> commandTools() {
        return List.of();
    }
}
