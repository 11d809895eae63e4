/**
 * {@code cerebro mcp}: a Model Context Protocol server over stdio (the MCP Java SDK) whose tools are
 * Cerebro's commands — the analysis engines on a file, any family from its spec, and the experiment
 * lifecycle on a store. A tool runs the same command the CLI runs, so its results and its one-line
 * errors are the CLI's.
 */
package io.cerebro.cli.mcp;
