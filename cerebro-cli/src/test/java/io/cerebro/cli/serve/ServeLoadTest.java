package io.cerebro.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.experiment.Assigner;
import io.cerebro.experiment.ExperimentDesigns;
import io.cerebro.experiment.Lifecycle;
import io.cerebro.store.Experiment;
import io.cerebro.store.ExperimentStore;
import io.cerebro.store.MetricDefinition;
import io.cerebro.store.SequentialTest;
import io.cerebro.store.Stores;
import io.cerebro.store.UnitOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cerebro serve} on loopback: 16 concurrent clients assign and record through the HTTP API
 * (single events, batches, repeated assignments and requests that must fail), then the store holds
 * exactly the events that were acknowledged — none lost, none twice — and every unit has the
 * deterministic hash assignment of its experiment's salt.
 */
class ServeLoadTest {
    static final int CLIENTS = 16;
    static final int UNITS_PER_CLIENT = 40;
    static final String TOKEN = "test-token";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    ExperimentStore store;
    ExperimentHttpServer server;

    @BeforeEach
    void start() throws Exception {
        store = Stores.open(dir.resolve("serve.duckdb").toString());
        Lifecycle life = new Lifecycle(store);
        life.create(new Lifecycle.Design("load", ExperimentDesigns.variants("control:0.5,treatment:0.3,other:0.2"),
                List.of(ExperimentDesigns.metric("converted:binary"), ExperimentDesigns.metric("revenue:continuous")), 10, null, null,
                null, SequentialTest.MSPRT, 0.05, 0.8, null, null, 0.2, "load-salt"));
        life.start("load", null);
        life.create(new Lifecycle.Design("ended", ExperimentDesigns.variants("control:0.5,treatment:0.5"),
                List.of(ExperimentDesigns.metric("converted:binary")), 10, null, null, null, SequentialTest.MSPRT, 0.05, 0.8, null, null,
                0.2, "ended-salt"));
        life.start("ended", null);
        life.stop("ended", "done");
        server = new ExperimentHttpServer(store, "127.0.0.1", 0, TOKEN);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (store != null) {
            store.close();
        }
    }

    HttpResponse<String> send(HttpClient c, String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return c.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void sixteenClientsLoseAndDuplicateNothing() throws Exception {
        Map<String, String> answered = new ConcurrentHashMap<>();
        Map<String, double[]> sentRevenue = new ConcurrentHashMap<>(); // unit -> {sum, count}
        Map<String, Double> sentConverted = new ConcurrentHashMap<>();
        AtomicLong events = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            done.add(pool.submit(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                for (int k = 0; k < UNITS_PER_CLIENT; k++) {
                    String unit = "c" + client + "-u" + k;
                    HttpResponse<String> a = send(http, "POST", "/experiments/load/assign", "{\"unit\":\"" + unit + "\"}", TOKEN);
                    assertEquals(200, a.statusCode(), a.body());
                    String variant = JSON.readTree(a.body()).get("variant").asText();
                    answered.put(unit, variant);
                    // sticky: asking again (by GET) gives the same variant
                    HttpResponse<String> again = send(http, "GET", "/experiments/load/assign?unit=" + unit, null, TOKEN);
                    assertEquals(variant, JSON.readTree(again.body()).get("variant").asText());
                    // one single event
                    double conv = (client + k) % 4 == 0 ? 1 : 0;
                    HttpResponse<String> single = send(http, "POST", "/experiments/load/events",
                            "{\"unit\":\"" + unit + "\",\"metric\":\"converted\",\"value\":" + (int) conv + "}", TOKEN);
                    assertEquals(200, single.statusCode(), single.body());
                    assertEquals(1, JSON.readTree(single.body()).get("recorded").asLong());
                    sentConverted.put(unit, conv);
                    events.incrementAndGet();
                    // a batch of three revenue events
                    StringBuilder batch = new StringBuilder("{\"events\":[");
                    double sum = 0;
                    for (int j = 0; j < 3; j++) {
                        double v = client * 1.5 + k * 0.25 + j;
                        sum += v;
                        batch.append(j == 0 ? "" : ",").append("{\"unit\":\"").append(unit).append("\",\"metric\":\"revenue\",\"value\":").append(v).append('}');
                    }
                    batch.append("]}");
                    HttpResponse<String> b = send(http, "POST", "/experiments/load/events", batch.toString(), TOKEN);
                    assertEquals(200, b.statusCode(), b.body());
                    assertEquals(3, JSON.readTree(b.body()).get("recorded").asLong());
                    sentRevenue.put(unit, new double[]{sum, 3});
                    events.addAndGet(3);
                    if (k % 20 == 0) {
                        // a bad batch mixed in with the good ones fails alone and stores nothing
                        HttpResponse<String> bad = send(http, "POST", "/experiments/load/events",
                                "{\"events\":[{\"unit\":\"" + unit + "\",\"metric\":\"revenue\",\"value\":5},{\"unit\":\"" + unit
                                        + "\",\"metric\":\"clicks\",\"value\":1}]}", TOKEN);
                        assertEquals(400, bad.statusCode(), bad.body());
                        assertTrue(JSON.readTree(bad.body()).get("error").asText().contains("has no metric 'clicks'"), bad.body());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        server.close();
        server = null;

        long units = (long) CLIENTS * UNITS_PER_CLIENT;
        assertEquals(units, answered.size());
        assertEquals(units * 4, events.get());
        assertEquals(events.get(), store.eventCount("load"), "every acknowledged event, once");
        Experiment e = store.experiment("load").orElseThrow();
        assertEquals(units, store.variantCounts("load").values().stream().mapToLong(Long::longValue).sum());
        for (Map.Entry<String, String> a : answered.entrySet()) {
            assertEquals(Assigner.single(e, a.getKey()).name(), a.getValue(), "hash assignment of " + a.getKey());
            assertEquals(a.getValue(), store.assignment("load", a.getKey()).orElseThrow().variant());
        }
        MetricDefinition revenue = e.metric("revenue").orElseThrow();
        MetricDefinition converted = e.metric("converted").orElseThrow();
        List<UnitOutcome> rev = store.unitOutcomes("load", revenue);
        List<UnitOutcome> conv = store.unitOutcomes("load", converted);
        assertEquals(units, rev.size());
        for (UnitOutcome u : rev) {
            double[] s = sentRevenue.get(u.unit());
            // a continuous metric is a unit's sum of events (MetricKind): a lost or doubled event would change it
            assertEquals(s[0], u.value(), 1e-9, u.unit());
        }
        for (UnitOutcome u : conv) {
            assertEquals(sentConverted.get(u.unit()), u.value(), 0.0, u.unit());
        }
    }

    /** Concurrent single assignments of a stratified experiment leave every stratum balanced to within one unit. */
    @Test
    void concurrentStratifiedAssignmentsStayBalanced() throws Exception {
        Lifecycle life = new Lifecycle(store);
        life.create(new Lifecycle.Design("strat", ExperimentDesigns.variants("control:0.5,treatment:0.5"),
                List.of(ExperimentDesigns.metric("converted:binary")), 10, null, "country", null, SequentialTest.MSPRT, 0.05, 0.8,
                null, null, 0.2, "strat-salt"));
        life.start("strat", null);
        Map<String, String> answered = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        String[] countries = {"US", "DE", "BR"};
        for (int c = 0; c < 8; c++) {
            int client = c;
            done.add(pool.submit(() -> {
                HttpClient http = HttpClient.newHttpClient();
                for (int k = 0; k < 15; k++) {
                    String unit = "s" + client + "-" + k;
                    String country = countries[(client + k) % 3];
                    HttpResponse<String> r = send(http, "POST", "/experiments/strat/assign",
                            "{\"unit\":\"" + unit + "\",\"attributes\":{\"country\":\"" + country + "\"}}", TOKEN);
                    assertEquals(200, r.statusCode(), r.body());
                    answered.put(unit, JSON.readTree(r.body()).get("variant").asText());
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        server.close();
        server = null;
        Map<String, Map<String, Long>> counts = store.stratumCounts("strat");
        assertEquals(3, counts.size(), counts.toString());
        for (Map.Entry<String, Map<String, Long>> c : counts.entrySet()) {
            long control = c.getValue().getOrDefault("control", 0L);
            long treatment = c.getValue().getOrDefault("treatment", 0L);
            assertEquals(40, control + treatment, c.toString());
            assertTrue(Math.abs(control - treatment) <= 1, "stratum " + c.getKey() + " " + c.getValue());
        }
        for (Map.Entry<String, String> a : answered.entrySet()) {
            assertEquals(a.getValue(), store.assignment("strat", a.getKey()).orElseThrow().variant(), a.getKey());
        }
    }

    @Test
    void tokensErrorsAndReads() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        assertEquals(200, send(http, "GET", "/health", null, null).statusCode(), "health needs no token");
        HttpResponse<String> none = send(http, "POST", "/experiments/load/assign", "{\"unit\":\"x\"}", null);
        assertEquals(401, none.statusCode());
        assertTrue(JSON.readTree(none.body()).get("error").asText().contains("Authorization: Bearer"));
        assertEquals(401, send(http, "POST", "/experiments/load/assign", "{\"unit\":\"x\"}", "wrong").statusCode());

        HttpResponse<String> unknown = send(http, "POST", "/experiments/nope/events", "{\"unit\":\"x\",\"metric\":\"converted\",\"value\":1}", TOKEN);
        assertEquals(404, unknown.statusCode());
        assertTrue(JSON.readTree(unknown.body()).get("error").asText().startsWith("no experiment named 'nope'"), unknown.body());
        assertEquals(404, send(http, "GET", "/nothing/here", null, TOKEN).statusCode());
        HttpResponse<String> notJson = send(http, "POST", "/experiments/load/events", "{unit: x", TOKEN);
        assertEquals(400, notJson.statusCode());
        assertTrue(JSON.readTree(notJson.body()).get("error").asText().startsWith("the request body is not valid JSON"), notJson.body());
        HttpResponse<String> binary = send(http, "POST", "/experiments/load/events", "{\"unit\":\"x\",\"metric\":\"converted\",\"value\":3}", TOKEN);
        assertEquals(400, binary.statusCode());
        assertTrue(JSON.readTree(binary.body()).get("error").asText().contains("is binary"), binary.body());
        HttpResponse<String> stopped = send(http, "POST", "/experiments/ended/events", "{\"unit\":\"x\",\"metric\":\"converted\",\"value\":1}", TOKEN);
        assertEquals(400, stopped.statusCode());
        assertTrue(JSON.readTree(stopped.body()).get("error").asText().contains("is stopped"), stopped.body());
        HttpResponse<String> stoppedAssign = send(http, "POST", "/experiments/ended/assign", "{\"unit\":\"x\"}", TOKEN);
        assertEquals("control", JSON.readTree(stoppedAssign.body()).get("variant").asText());
        assertTrue(JSON.readTree(stoppedAssign.body()).get("note").asText().contains("is stopped"));
        assertEquals(405, send(http, "DELETE", "/experiments/load/assign", null, TOKEN).statusCode());
        assertEquals(0, store.eventCount("load"), "nothing of the refused requests was stored");

        // record 30 units with "metrics" objects, then the analysis counts them and the difference is the data's
        double[] n = new double[3];
        double[] sum = new double[3];
        List<String> arms = List.of("control", "other", "treatment");
        Experiment e = store.experiment("load").orElseThrow();
        for (int i = 0; i < 60; i++) {
            int conv = i % 3 == 0 ? 1 : 0;
            HttpResponse<String> r = send(http, "POST", "/experiments/load/events",
                    "{\"unit\":\"r" + i + "\",\"metrics\":{\"converted\":" + conv + ",\"revenue\":" + (i * 0.5) + "}}", TOKEN);
            assertEquals(200, r.statusCode(), r.body());
            int arm = arms.indexOf(Assigner.single(e, "r" + i).name());
            n[arm]++;
            sum[arm] += conv;
        }
        HttpResponse<String> analysis = send(http, "GET", "/experiments/load/analysis", null, TOKEN);
        assertEquals(200, analysis.statusCode(), analysis.body());
        JsonNode a = JSON.readTree(analysis.body());
        assertEquals((long) n[0], a.get("sampleSizes").get("control").asLong());
        assertEquals((long) n[2], a.get("sampleSizes").get("treatment").asLong());
        for (JsonNode est : a.get("estimates")) {
            String label = est.get("label").asText();
            int t = label.startsWith("treatment") ? 2 : label.startsWith("other") ? 1 : -1;
            if (t > 0 && label.endsWith("vs control")) {
                assertEquals(sum[t] / n[t] - sum[0] / n[0], est.get("estimate").asDouble(), 1e-12, label);
            }
        }
        assertTrue(a.at("/details/stopping/decision").isTextual());
        HttpResponse<String> rec = send(http, "GET", "/experiments/load/recommendation", null, TOKEN);
        assertEquals(200, rec.statusCode(), rec.body());
        assertTrue(JSON.readTree(rec.body()).get("message").asText().length() > 10);
        HttpResponse<String> list = send(http, "GET", "/experiments", null, TOKEN);
        assertTrue(list.body().contains("\"load\""), list.body());
    }
}
