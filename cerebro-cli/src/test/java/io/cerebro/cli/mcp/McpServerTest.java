package io.cerebro.cli.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.cli.CliTestSupport;
import io.cerebro.core.testing.SharedFixtures;
import io.cerebro.experiment.Assigner;
import io.cerebro.store.Experiment;
import io.cerebro.store.ExperimentStore;
import io.cerebro.store.Stores;
import io.cerebro.store.UnitOutcome;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cerebro mcp} under the MCP Java SDK's own client, over stdio, with the server as a child
 * process ({@code java -cp ... CerebroCommand mcp}): the tool list, an A/B analysis whose numbers
 * are scipy's and statsmodels' ({@code oracles/ab/ab_oracles.json}: scipy 1.10.1, statsmodels
 * 0.13.5), an experiment created, started, assigned, recorded and analysed through tools on a
 * temporary DuckDB store, and bad input answered with the CLI's one line.
 */
class McpServerTest {
    @TempDir
    static Path dir;

    static McpSyncClient client;
    static Path store;
    static final ObjectMapper JSON = new ObjectMapper();

    static List<String> serverCommand(String... extra) {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "io.cerebro.cli.CerebroCommand", "mcp"));
        cmd.addAll(List.of(extra));
        return cmd;
    }

    @BeforeAll
    static void start() {
        store = dir.resolve("mcp.duckdb");
        List<String> cmd = serverCommand("--store", store.toString());
        ServerParameters params = ServerParameters.builder(cmd.get(0)).args(cmd.subList(1, cmd.size())).build();
        StdioClientTransport transport = new StdioClientTransport(params, new JacksonMcpJsonMapper(new ObjectMapper()));
        client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(120)).initializationTimeout(Duration.ofSeconds(120)).build();
        client.initialize();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.closeGracefully();
        }
    }

    static McpSchema.CallToolResult call(String tool, Map<String, Object> args) {
        return client.callTool(new McpSchema.CallToolRequest(tool, args));
    }

    static String text(McpSchema.CallToolResult r) {
        return ((McpSchema.TextContent) r.content().get(0)).text();
    }

    static JsonNode ok(McpSchema.CallToolResult r) throws Exception {
        assertFalse(Boolean.TRUE.equals(r.isError()), () -> text(r));
        return JSON.readTree(text(r));
    }

    @Test
    void listsTheToolsWithSchemas() {
        Map<String, McpSchema.Tool> tools = client.listTools().tools().stream().collect(Collectors.toMap(McpSchema.Tool::name, t -> t));
        assertTrue(tools.keySet().containsAll(Set.of("abtest", "causal", "power_proportions", "power_means", "analyze_spec",
                "exp_create", "exp_start", "exp_assign", "exp_record", "exp_analyze", "exp_recommend", "exp_list", "policy_route",
                "policy_rollback", "uplift", "uplift_evaluate", "geotest", "geotest_design", "mmm", "bandit_recommend",
                "bandit_simulate", "bandit_evaluate")), tools.keySet().toString());
        Map<String, Object> ab = tools.get("abtest").inputSchema();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> props = (Map<String, Map<String, Object>>) ab.get("properties");
        assertEquals("string", props.get("treatment").get("type"));
        assertEquals("number", props.get("alpha").get("type"));
        assertTrue(((List<?>) props.get("test").get("enum")).contains("welch"));
        assertFalse(props.containsKey("format"), "the output format is fixed to JSON");
        assertEquals(List.of("name"), tools.get("exp_assign").inputSchema().get("required"));
    }

    /** The geo family through its tool: GeoLift's published walkthrough numbers, as the CLI test checks them. */
    @Test
    void geotestToolReproducesGeoLiftsWalkthrough() throws Exception {
        String csv = io.cerebro.cli.CliTestSupport.repoFile("examples/geo/GeoLift_Test.csv").toString();
        Map<String, Object> args = new java.util.LinkedHashMap<>();
        args.put("data", csv);
        args.put("location", "location");
        args.put("time", "date");
        args.put("outcome", "Y");
        args.put("treated", "chicago,portland");
        args.put("start", "2021-04-01");
        args.put("end", "2021-04-15");
        args.put("permutations", 199);
        JsonNode j = ok(call("geotest", args));
        assertEquals("geo.scm", j.get("method").asText());
        JsonNode att = null;
        for (JsonNode e : j.get("estimates")) {
            if (e.get("label").asText().equals("chicago+portland") && e.get("method").asText().equals("geo.scm")) {
                att = e;
            }
        }
        // GeoLift: ATT 155.556, scaled L2 imbalance 0.1636
        assertEquals(155.556, att.get("estimate").asDouble(), 1e-3 * 155.556);
        assertEquals(0.1636, att.get("extra").get("scaled_l2_imbalance").asDouble(), 1e-3);
    }

    @Test
    void abtestMatchesScipyAndStatsmodels() throws Exception {
        JsonNode oracle = JSON.readTree(SharedFixtures.stream(SharedFixtures.AB + "ab_oracles.json"))
                .get("checkout_ab.csv").get("treatment_vs_control");
        String csv = SharedFixtures.path(SharedFixtures.AB + "checkout_ab.csv").toString();

        JsonNode welch = ok(call("abtest", Map.of("data", csv, "treatment", "variant", "outcome", "revenue", "test", "welch")));
        JsonNode w = oracle.get("revenue").get("welch");
        assertEquals("ab.welch", welch.get("method").asText());
        assertEquals(w.get("diff").asDouble(), welch.get("estimate").asDouble(), 1e-9);
        assertEquals(w.get("pvalue").asDouble(), welch.get("pValue").asDouble(), 1e-9);
        assertEquals(w.get("ci95").get(0).asDouble(), welch.get("interval").get("lower").asDouble(), 1e-9);
        assertEquals(w.get("ci95").get(1).asDouble(), welch.get("interval").get("upper").asDouble(), 1e-9);
        assertEquals(w.get("statistic").asDouble(), welch.get("estimates").get(0).get("statistic").get("value").asDouble(), 1e-9);
        assertEquals(w.get("df").asDouble(), welch.get("estimates").get(0).get("statistic").get("df").asDouble(), 1e-6);

        JsonNode z = ok(call("abtest", Map.of("data", csv, "treatment", "variant", "outcome", "converted", "test", "z_proportions")));
        JsonNode c = oracle.get("converted");
        assertEquals("ab.z_proportions", z.get("method").asText());
        assertEquals(c.get("diff_ci95_wald").get("diff").asDouble(), z.get("estimate").asDouble(), 1e-12);
        assertEquals(c.get("two_proportion_z").get("pvalue").asDouble(), z.get("pValue").asDouble(), 1e-9);
        assertEquals(c.get("two_proportion_z").get("z").asDouble(), z.get("estimates").get(0).get("statistic").get("value").asDouble(), 1e-9);
        assertEquals(c.get("counts").get("n_control").asLong(), z.get("sampleSizes").get("control").asLong());
    }

    @Test
    void aPowerSpecRunsThroughAnalyzeSpec() throws Exception {
        // statsmodels NormalIndPower().solve_power(effect_size=proportion_effectsize(0.11, 0.10), alpha=0.05, power=0.8): 14744.1
        JsonNode power = JSON.readTree(SharedFixtures.stream(SharedFixtures.AB + "ab_oracles.json")).get("power")
                .get("n_per_arm_props_0.10_to_0.11_a05_p80");
        JsonNode r = ok(call("analyze_spec", Map.of("spec", "family: power\noutcome: proportions\nbaseline: 0.10\nmde: 0.01\n")));
        assertEquals("power", r.get("family").asText());
        JsonNode cli = JSON.readTree(CliTestSupport.run("power", "proportions", "--baseline", "0.10", "--mde", "0.01", "--format", "json").out());
        assertEquals(cli.get("estimate").asDouble(), r.get("estimate").asDouble(), 0.0, "the spec tool runs the CLI's engine");
        assertTrue(Math.abs(r.get("estimate").asDouble() - power.get("n_per_arm").asDouble()) <= 1e-6 * power.get("n_per_arm").asDouble(),
                r.get("estimate") + " vs " + power.get("n_per_arm"));
    }

    @Test
    void anExperimentThroughTools() throws Exception {
        Map<String, Object> create = new LinkedHashMap<>();
        create.put("name", "mcp-checkout");
        create.put("variants", "control:0.5,treatment:0.5");
        create.put("metric", List.of("converted:binary"));
        create.put("min_samples", 10);
        create.put("salt", "mcp-salt");
        McpSchema.CallToolResult created = call("exp_create", create);
        assertFalse(Boolean.TRUE.equals(created.isError()), () -> text(created));
        assertTrue(text(created).startsWith("created experiment mcp-checkout"), text(created));
        assertFalse(Boolean.TRUE.equals(call("exp_start", Map.of("name", "mcp-checkout")).isError()));

        Map<String, String> variantOf = new HashMap<>();
        for (int i = 0; i < 24; i++) {
            McpSchema.CallToolResult a = call("exp_assign", Map.of("name", "mcp-checkout", "unit", "u" + i));
            assertFalse(Boolean.TRUE.equals(a.isError()), () -> text(a));
            variantOf.put("u" + i, text(a));
        }
        // converted = 1 for every third unit, recorded one call per unit with the metric as an object
        Map<String, Integer> conversions = new HashMap<>();
        for (int i = 0; i < 24; i++) {
            int v = i % 3 == 0 ? 1 : 0;
            McpSchema.CallToolResult r = call("exp_record", Map.of("name", "mcp-checkout", "unit", "u" + i, "metric", Map.of("converted", v)));
            assertFalse(Boolean.TRUE.equals(r.isError()), () -> text(r));
            conversions.put("u" + i, v);
        }
        JsonNode analysis = ok(call("exp_analyze", Map.of("name", "mcp-checkout")));

        // the variants are the deterministic hash assignment, and the analysis counts what was recorded
        try (ExperimentStore s = Stores.open(store.toString())) {
            Experiment e = s.experiment("mcp-checkout").orElseThrow();
            for (Map.Entry<String, String> v : variantOf.entrySet()) {
                assertEquals(Assigner.single(e, v.getKey()).name(), v.getValue(), v.getKey());
            }
            assertEquals(24, s.eventCount("mcp-checkout"));
            List<UnitOutcome> outcomes = s.unitOutcomes("mcp-checkout", e.metrics().get(0));
            assertEquals(24, outcomes.size());
        }
        double[] n = new double[2];
        double[] conv = new double[2];
        variantOf.forEach((u, v) -> {
            int k = v.equals("control") ? 0 : 1;
            n[k]++;
            conv[k] += conversions.get(u);
        });
        assertEquals((long) n[0], analysis.get("sampleSizes").get("control").asLong());
        assertEquals((long) n[1], analysis.get("sampleSizes").get("treatment").asLong());
        assertEquals(conv[1] / n[1] - conv[0] / n[0], analysis.get("estimate").asDouble(), 1e-12);
        assertTrue(analysis.at("/details/stopping/decision").isTextual(), analysis.toString());

        McpSchema.CallToolResult rec = call("exp_recommend", Map.of("name", "mcp-checkout"));
        assertFalse(Boolean.TRUE.equals(rec.isError()), () -> text(rec));
        assertTrue(text(call("exp_list", Map.of())).contains("mcp-checkout"));
    }

    @Test
    void badInputGetsTheCliLine() {
        String csv = SharedFixtures.path(SharedFixtures.AB + "checkout_ab.csv").toString();
        McpSchema.CallToolResult r = call("abtest", Map.of("data", csv, "treatment", "variant", "outcome", "nope"));
        assertTrue(r.isError());
        String line = text(r);
        CliTestSupport.Run cli = CliTestSupport.run("abtest", csv, "--treatment", "variant", "--outcome", "nope", "--format", "json");
        assertEquals(2, cli.code());
        assertEquals(cli.err().strip(), line, "the same one line as the CLI");
        assertFalse(line.contains("\n") || line.contains("Exception") || line.contains("\tat "), line);

        McpSchema.CallToolResult unknown = call("exp_record", Map.of("name", "no-such", "unit", "u1", "metric", List.of("converted=1")));
        assertTrue(unknown.isError());
        assertTrue(text(unknown).startsWith("cerebro: no experiment named 'no-such'"), text(unknown));

        McpSchema.CallToolResult shares = call("exp_create", Map.of("name", "bad", "variants", "a:0.5,b:0.6", "metric", List.of("y:binary")));
        assertTrue(shares.isError());
        CliTestSupport.Run cliShares = CliTestSupport.run("exp", "create", "bad", "--variants", "a:0.5,b:0.6", "--metric", "y:binary",
                "--store", dir.resolve("other.duckdb").toString());
        assertEquals(cliShares.err().strip(), text(shares));

        McpSchema.CallToolResult extra = call("abtest", Map.of("data", csv, "colour", "blue"));
        assertTrue(extra.isError());
        assertTrue(text(extra).contains("no argument 'colour'"), text(extra));

        McpSchema.CallToolResult notNumber = call("abtest", Map.of("data", csv, "treatment", "variant", "outcome", "revenue", "alpha", "lots"));
        assertTrue(notNumber.isError());
        assertTrue(text(notNumber).startsWith("cerebro: ") && text(notNumber).contains("--alpha"), text(notNumber));
    }

    /** Policies set up with the CLI, then routed, learned and rolled back through tools (the store is opened per call). */
    @Test
    void policyRouteLearnAndRollbackThroughTools() throws Exception {
        String st = store.toString();
        assertEquals(0, CliTestSupport.run("policy", "set", "routing.model", "careful", "--type", "string", "--store", st).code());
        assertEquals(0, CliTestSupport.run("policy", "router", "--actions", "fast,careful,thorough", "--weights", "q=1,bandit=0,policy=0.1",
                "--baseline", "routing.model", "--store", st).code());
        Map<String, Object> state = Map.of("task", "refactor", "size", "large");
        JsonNode first = ok(call("policy_route", Map.of("state", state)));
        assertEquals("careful", first.get("action").asText(), "nothing learned: the baseline policy's action");
        for (int i = 0; i < 3; i++) {
            ok(call("policy_learn", Map.of("state", state, "action", "thorough", "outcome", "excellent")));
        }
        JsonNode learned = ok(call("policy_route", Map.of("state", state)));
        assertEquals("thorough", learned.get("action").asText(), learned.toString());
        // three +1.0 rewards: Q = 1 (the mean reward), the score 1 x Q = 1
        assertEquals(1.0, learned.get("components").get(2).get("score").asDouble(), 1e-12);

        assertEquals(0, CliTestSupport.run("policy", "set", "routing.threshold", "0.7", "--min", "0", "--max", "1", "--max-step", "0.1",
                "--store", st).code());
        CliTestSupport.Run second = CliTestSupport.run("policy", "set", "routing.threshold", "0.75", "--store", st);
        assertEquals(0, second.code(), second.err());
        JsonNode snaps = ok(call("policy_snapshots", Map.of()));
        String before = snaps.get(snaps.size() - 1).get("id").asText();
        McpSchema.CallToolResult back = call("policy_rollback", Map.of("to", before, "reason", "escalations up"));
        assertFalse(Boolean.TRUE.equals(back.isError()), () -> text(back));
        assertEquals("0.7", CliTestSupport.run("policy", "get", "routing.threshold", "--store", st).out().strip());
        McpSchema.CallToolResult unknown = call("policy_rollback", Map.of("to", "snap-nope"));
        assertTrue(unknown.isError());
        assertEquals(CliTestSupport.run("policy", "rollback", "--to", "snap-nope", "--store", st).err().strip(), text(unknown));
    }

    /** Read raw: every line the server writes on stdout is a JSON-RPC message, also around a failing call. */
    @Test
    void stdoutCarriesOnlyProtocolMessages() throws Exception {
        Process p = new ProcessBuilder(serverCommand("--store", dir.resolve("raw.duckdb").toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = p.getOutputStream();
             BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String[] messages = {
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                            + "\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}",
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"exp_list\",\"arguments\":{}}}",
                    "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"abtest\",\"arguments\":{\"data\":\"/no/such.csv\"}}}"};
            for (String m : messages) {
                in.write((m + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
            }
            Set<Integer> answered = new java.util.HashSet<>();
            while (answered.size() < 3) {
                String line = out.readLine();
                if (line == null) {
                    break;
                }
                JsonNode msg = JSON.readTree(line);
                assertEquals("2.0", msg.get("jsonrpc").asText(), line);
                if (msg.has("id")) {
                    answered.add(msg.get("id").asInt());
                }
                if (msg.has("id") && msg.get("id").asInt() == 3) {
                    assertTrue(msg.at("/result/isError").asBoolean(), line);
                    assertTrue(msg.at("/result/content/0/text").asText().startsWith("cerebro: "), line);
                }
            }
            assertEquals(Set.of(1, 2, 3), answered);
        } finally {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
