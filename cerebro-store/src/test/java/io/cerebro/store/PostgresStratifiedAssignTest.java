package io.cerebro.store;

import io.cerebro.core.testing.LocalPostgres;
import io.cerebro.experiment.Lifecycle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real child JVMs assigning single units of a stratified experiment into one PostgreSQL store at
 * once, as concurrent {@code cerebro exp assign --unit U --stratum S} processes do: every stratum
 * stays balanced within one unit of its allocation (each variant's count within 1 of weight x the
 * stratum's units), at the end and at every point in between, as one process assigning them one
 * after another would keep it. (Without the store's assignment lock, two processes that read the
 * same counts give the same under-filled variant to two units.)
 */
class PostgresStratifiedAssignTest {
    @TempDir
    Path dir;

    private static ProcessBuilder java(Class<?> main, String... args) {
        return io.cerebro.core.testing.ChildJvm.of(256, main, args);
    }

    @Test
    void concurrentSingleAssignmentsKeepEveryStratumBalanced() throws Exception {
        try (LocalPostgres pg = LocalPostgres.start()) {
            String url = pg.newDatabaseUrl();
            List<Variant> variants = List.of(new Variant("control", 0.5), new Variant("treatment", 0.25), new Variant("other", 0.25));
            try (ExperimentStore s = Stores.open(url, Map.of())) {
                Lifecycle life = new Lifecycle(s);
                life.create(new Lifecycle.Design("e", variants, List.of(new MetricDefinition("revenue", MetricKind.CONTINUOUS)), 100, null,
                        "country", null, SequentialTest.MSPRT, 0.05, 0.8, null, null, 0.2, "strata-salt"));
                life.start("e", null);
            }
            int processes = 6;
            int each = 60;
            int strata = 2;
            List<Process> children = new ArrayList<>();
            for (int p = 0; p < processes; p++) {
                children.add(java(AssignWriterMain.class, url, "e", "p" + p, Integer.toString(each), Integer.toString(strata))
                        .redirectErrorStream(true).redirectOutput(dir.resolve("child-" + p + ".log").toFile()).start());
            }
            for (int p = 0; p < processes; p++) {
                Process c = children.get(p);
                assertTrue(c.waitFor(300, TimeUnit.SECONDS), "child " + p + " did not finish");
                assertEquals(0, c.exitValue(), "failed assignments in child " + p + ": " + Files.readString(dir.resolve("child-" + p + ".log")));
            }
            try (ExperimentStore s = Stores.open(url, Map.of())) {
                Map<String, Map<String, Long>> counts = s.stratumCounts("e");
                assertEquals(strata, counts.size(), counts.toString());
                for (Map.Entry<String, Map<String, Long>> st : counts.entrySet()) {
                    long n = st.getValue().values().stream().mapToLong(Long::longValue).sum();
                    assertEquals((long) processes * each / strata, n, "units of stratum " + st.getKey());
                    for (Variant v : variants) {
                        long got = st.getValue().getOrDefault(v.name(), 0L);
                        assertTrue(Math.abs(got - v.weight() * n) <= 1, "stratum " + st.getKey() + ": " + v.name() + " has " + got + " of " + n
                                + " units, allocation " + v.weight() + " (all: " + counts + ")");
                    }
                }
                // and at every moment: in the order the assignments were decided (under the lock, each sees all earlier
                // ones), every stratum's counts stay within 1 of the allocation, as one sequential process keeps them
                List<String> units = new ArrayList<>();
                for (int p = 0; p < processes; p++) {
                    for (int i = 0; i < each; i++) {
                        units.add("p" + p + "-" + i);
                    }
                }
                List<Assignment> order = new ArrayList<>(s.assignments("e", units).values());
                assertEquals(processes * each, order.size());
                order.sort(java.util.Comparator.comparing(Assignment::assignedAt));
                Map<String, Map<String, Long>> running = new java.util.HashMap<>();
                for (Assignment a : order) {
                    Map<String, Long> c = running.computeIfAbsent(a.stratum(), k -> new java.util.HashMap<>());
                    c.merge(a.variant(), 1L, Long::sum);
                    long n = c.values().stream().mapToLong(Long::longValue).sum();
                    for (Variant v : variants) {
                        long got = c.getOrDefault(v.name(), 0L);
                        assertTrue(Math.abs(got - v.weight() * n) <= 1, "after " + n + " units of stratum " + a.stratum() + ", " + v.name()
                                + " has " + got + " (allocation " + v.weight() + "): " + c);
                    }
                }
            }
        }
    }
}
