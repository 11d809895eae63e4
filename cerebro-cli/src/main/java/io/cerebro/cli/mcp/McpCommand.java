package io.cerebro.cli.mcp;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/**
 * {@code cerebro mcp}: serves Cerebro's tools to an MCP client (an assistant) over stdin/stdout.
 * Only this class is loaded by the other commands' start-up (it names no SDK type); the server
 * itself lives in {@link McpStdioServer}.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run an MCP server over stdio: tools for the analysis engines (abtest, causal, power, any family from a spec) "
                + "and for experiments (create, start, assign, record, analyze, recommend, list, show).",
                "stdout carries only protocol messages; notes go to stderr. Register it with an MCP client as the command "
                        + "'cerebro mcp' (see README)."})
public final class McpCommand implements Callable<Integer> {
    @Option(names = "--store", paramLabel = "PATH|URL",
            description = "Store the experiment tools use when a call names none (default: $CEREBRO_STORE, else the user's data directory).")
    String store;

    @Override
    public Integer call() {
        return McpStdioServer.serve(store, System.in, System.out);
    }
}
