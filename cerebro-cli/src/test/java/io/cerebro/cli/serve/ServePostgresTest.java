package io.cerebro.cli.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.core.testing.LocalPostgres;
import io.cerebro.experiment.ExperimentDesigns;
import io.cerebro.experiment.Lifecycle;
import io.cerebro.store.ExperimentStore;
import io.cerebro.store.SequentialTest;
import io.cerebro.store.Stores;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two {@code cerebro serve} instances over one real PostgreSQL store, as a team runs several:
 * concurrent stratified assignments and records through both keep every stratum balanced within
 * one unit (the new units are decided under the store's lock on counts that include the other
 * server's), every answer is the stored assignment, and every acknowledged event is stored once.
 */
class ServePostgresTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void twoServersKeepStrataBalancedOnOneStore() throws Exception {
        assumeTrue(LocalPostgres.binaries().isPresent(), "PostgreSQL server binaries not installed");
        try (LocalPostgres pg = LocalPostgres.start()) {
            String url = pg.newDatabaseUrl();
            try (ExperimentStore s = Stores.open(url, Map.of())) {
                Lifecycle life = new Lifecycle(s);
                life.create(new Lifecycle.Design("strat", ExperimentDesigns.variants("control:0.5,treatment:0.5"),
                        List.of(ExperimentDesigns.metric("revenue:continuous")), 10, null, "country", null, SequentialTest.MSPRT, 0.05, 0.8,
                        null, null, 0.2, "strat-salt"));
                life.start("strat", null);
            }
            ExperimentStore storeA = Stores.open(url, Map.of());
            ExperimentStore storeB = Stores.open(url, Map.of());
            ExperimentHttpServer a = new ExperimentHttpServer(storeA, "127.0.0.1", 0, null);
            ExperimentHttpServer b = new ExperimentHttpServer(storeB, "127.0.0.1", 0, null);
            Map<String, String> answered = new ConcurrentHashMap<>();
            String[] countries = {"US", "DE", "BR"};
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                int client = c;
                int port = (c % 2 == 0 ? a : b).port();
                done.add(pool.submit(() -> {
                    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                    for (int k = 0; k < 15; k++) {
                        String unit = "s" + client + "-" + k;
                        String country = countries[(client + k) % 3];
                        // half the units come in by assignment, half by their first event
                        boolean byEvent = k % 2 == 1;
                        String body = byEvent
                                ? "{\"unit\":\"" + unit + "\",\"metric\":\"revenue\",\"value\":2,\"attributes\":{\"country\":\"" + country + "\"}}"
                                : "{\"unit\":\"" + unit + "\",\"attributes\":{\"country\":\"" + country + "\"}}";
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/experiments/strat/"
                                + (byEvent ? "events" : "assign"))).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        assertEquals(200, r.statusCode(), r.body());
                        if (!byEvent) {
                            answered.put(unit, JSON.readTree(r.body()).get("variant").asText());
                        } else {
                            assertEquals(1, JSON.readTree(r.body()).get("recorded").asLong(), r.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            a.close();
            b.close();
            storeA.close();
            storeB.close();
            try (ExperimentStore s = Stores.open(url, Map.of())) {
                Map<String, Map<String, Long>> counts = s.stratumCounts("strat");
                assertEquals(3, counts.size(), counts.toString());
                for (Map.Entry<String, Map<String, Long>> c : counts.entrySet()) {
                    long control = c.getValue().getOrDefault("control", 0L);
                    long treatment = c.getValue().getOrDefault("treatment", 0L);
                    assertEquals(40, control + treatment, c.toString());
                    assertTrue(Math.abs(control - treatment) <= 1, "stratum " + c.getKey() + " " + c.getValue());
                }
                for (Map.Entry<String, String> e : answered.entrySet()) {
                    assertEquals(e.getValue(), s.assignment("strat", e.getKey()).orElseThrow().variant(), e.getKey());
                }
                assertEquals(8 * 7, s.eventCount("strat"), "every acknowledged event once");
            }
        }
    }
}
