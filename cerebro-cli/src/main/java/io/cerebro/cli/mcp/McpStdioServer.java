package io.cerebro.cli.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.cli.AbtestCommand;
import io.cerebro.cli.BanditCommand;
import io.cerebro.cli.GeotestCommand;
import io.cerebro.cli.MmmCommand;
import io.cerebro.cli.UpliftCommand;
import io.cerebro.cli.CausalCommand;
import io.cerebro.cli.CliSupport;
import io.cerebro.cli.PowerCommand;
import io.cerebro.cli.exp.ExpCommand;
import io.cerebro.core.CerebroVersion;
import io.cerebro.core.data.CsvDialect;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.data.ReadOptions;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.family.AnalysisFamily;
import io.cerebro.core.family.Families;
import io.cerebro.core.result.ResultJson;
import io.cerebro.core.spec.AnalysisSpec;
import io.cerebro.core.spec.SpecReader;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * The MCP server: builds the tool list and serves it over the given streams until the client closes
 * its end. Everything the tools or libraries print to {@code System.out} is sent to stderr instead,
 * so the protocol stream carries protocol messages only.
 */
public final class McpStdioServer {
    private McpStdioServer() {
    }

    /** The tools backed by a CLI command: name, top-level command, command path, fixed flags. */
    static List<CommandTool> commandTools() {
        List<CommandTool> t = new ArrayList<>();
        List<String> json = List.of("--format", "json");
        t.add(new CommandTool("abtest", AbtestCommand.class, List.of("abtest"), json));
        t.add(new CommandTool("causal", CausalCommand.class, List.of("causal"), json));
        t.add(new CommandTool("power_proportions", PowerCommand.class, List.of("power", "proportions"), json));
        t.add(new CommandTool("power_means", PowerCommand.class, List.of("power", "means"), json));
        t.add(new CommandTool("uplift", UpliftCommand.class, List.of("uplift"), json));
        t.add(new CommandTool("uplift_evaluate", UpliftCommand.class, List.of("uplift", "evaluate"), json));
        t.add(new CommandTool("geotest", GeotestCommand.class, List.of("geotest"), json));
        t.add(new CommandTool("geotest_design", GeotestCommand.class, List.of("geotest", "design"), json));
        t.add(new CommandTool("mmm", MmmCommand.class, List.of("mmm"), json));
        for (String sub : List.of("recommend", "simulate", "evaluate")) {
            t.add(new CommandTool("bandit_" + sub, BanditCommand.class, List.of("bandit", sub), json));
        }
        for (String sub : List.of("create", "start", "pause", "stop", "assign", "record", "recommend", "list", "show")) {
            t.add(new CommandTool("exp_" + sub, ExpCommand.class, List.of("exp", sub), List.of()));
        }
        t.add(new CommandTool("exp_analyze", ExpCommand.class, List.of("exp", "analyze"), json));
        t.addAll(ExtraTools.commandTools());
        return t;
    }

    /**
     * Serves until {@code in} ends.
     *
     * @param store the store the experiment tools use when a call gives none (null: the default)
     * @return the exit code
     */
    public static int serve(String store, InputStream in, OutputStream protocolOut) {
        PrintStream protocol = protocolOut instanceof PrintStream ps ? ps : new PrintStream(protocolOut, true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        CountDownLatch closed = new CountDownLatch(1);
        InputStream watched = new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b < 0) {
                    closed.countDown();
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n < 0) {
                    closed.countDown();
                }
                return n;
            }
        };
        JacksonMcpJsonMapper mapper = new JacksonMcpJsonMapper(new ObjectMapper());
        Map<String, String> defaults = new LinkedHashMap<>();
        if (store != null) {
            defaults.put("store", store);
        }
        List<SyncToolSpecification> tools = new ArrayList<>();
        for (CommandTool t : commandTools()) {
            tools.add(tool(t.name(), t.description(), t.inputSchema(), args -> result(t.call(args, defaults))));
        }
        tools.add(tool("analyze_spec", "Run any analysis family (" + Families.names() + ") from its spec, given as YAML or JSON text "
                        + "(or a JSON object) with 'family: NAME' and that family's fields (docs/<family>.md), on a data file where the "
                        + "family reads one. Returns the engine's result JSON (docs/result-schema.json).",
                specSchema(), McpStdioServer::runSpec));
        McpSyncServer server = McpServer.sync(new StdioServerTransportProvider(mapper, watched, protocol))
                .serverInfo("cerebro", CerebroVersion.get())
                .instructions("Cerebro: validated experiment analysis and causal inference. Analysis tools take a data file path "
                        + "and column names; experiment tools keep experiments in a store (create, start, assign, record, analyze, recommend).")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .jsonMapper(mapper)
                // arguments are checked by the command itself, so a wrong value gets the CLI's one-line message
                .validateToolInputs(false)
                .tools(tools)
                .build();
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.closeGracefully();
        return CliSupport.OK;
    }

    private static SyncToolSpecification tool(String name, String description, Map<String, Object> schema,
                                               Function<Map<String, Object>, McpSchema.CallToolResult> run) {
        McpSchema.Tool tool = McpSchema.Tool.builder().name(name).description(description).inputSchema(schema).build();
        return SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> {
            try {
                return run.apply(request.arguments() == null ? Map.of() : request.arguments());
            } catch (UserInputException e) {
                return error("cerebro: " + e.getMessage());
            } catch (RuntimeException e) {
                // never a stack trace on the wire: the one line the CLI prints for an internal error
                return error("cerebro: internal error: " + e + " (please report it with the call you made)");
            }
        }).build();
    }

    static McpSchema.CallToolResult result(CommandTool.Outcome o) {
        if (o.failed()) {
            String line = o.stderr().strip();
            return error(line.isEmpty() ? o.stdout().strip() : line);
        }
        McpSchema.CallToolResult.Builder b = McpSchema.CallToolResult.builder().addTextContent(o.stdout().strip()).isError(false);
        if (!o.stderr().isBlank()) {
            b.addTextContent(o.stderr().strip());
        }
        return b.build();
    }

    private static McpSchema.CallToolResult error(String line) {
        return McpSchema.CallToolResult.builder().addTextContent(line).isError(true).build();
    }

    private static Map<String, Object> specSchema() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("description", "The spec: YAML or JSON text, or a JSON object, e.g. {\"family\": \"uplift\", ...}.");
        spec.put("type", List.of("string", "object"));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", "string");
        data.put("description", "Data file (CSV, TSV, Parquet or JSON) for families that read one; power reads none.");
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "object");
        s.put("properties", Map.of("spec", spec, "data", data));
        s.put("required", List.of("spec"));
        s.put("additionalProperties", false);
        return s;
    }

    private static McpSchema.CallToolResult runSpec(Map<String, Object> args) {
        for (String k : args.keySet()) {
            if (!k.equals("spec") && !k.equals("data")) {
                throw new UserInputException("tool analyze_spec has no argument '" + k + "'; its arguments are spec, data");
            }
        }
        Object given = args.get("spec");
        if (given == null) {
            throw new UserInputException("analyze_spec needs 'spec': YAML or JSON text with 'family: NAME' and its fields");
        }
        String text;
        try {
            text = given instanceof String s ? s : ResultJson.mapper().writeValueAsString(given);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UserInputException("analyze_spec: the spec object cannot be written as JSON: " + e.getOriginalMessage());
        }
        AnalysisSpec spec = SpecReader.parse(text, false, "given to analyze_spec");
        AnalysisFamily<?> family = Families.of(spec);
        String result;
        if (!family.readsData()) {
            result = ResultJson.write(Engines.run(spec, null));
        } else {
            Object data = args.get("data");
            if (data == null) {
                throw new UserInputException("the " + spec.family() + " family analyses a data file; give 'data' (a CSV, TSV, Parquet or JSON path)");
            }
            try (Dataset d = Dataset.readWith(Path.of(String.valueOf(data)), new ReadOptions(spec.where(), spec.columns(), CsvDialect.DETECT))) {
                result = ResultJson.write(Engines.run(spec, d));
            }
        }
        return McpSchema.CallToolResult.builder().addTextContent(result).isError(false).build();
    }
}
