package io.cerebro.store;

import io.cerebro.core.testing.LocalPostgres;
import io.cerebro.experiment.Lifecycle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real child JVMs recording into one PostgreSQL store at once, as concurrent {@code cerebro exp
 * record} processes do (each batch: open the store, one transaction, close; the command maps its
 * flags onto that same {@link Lifecycle#record} call): no batch fails, no event is lost or
 * duplicated, and units that several writers assign at once keep one assignment. The DuckDB
 * counterpart is {@code ExpProcessesTest} in cerebro-cli.
 */
class PostgresConcurrentRecordTest {
    @TempDir
    Path dir;

    private static ProcessBuilder java(Class<?> main, String... args) {
        return io.cerebro.core.testing.ChildJvm.of(256, main, args);
    }

    @Test
    void concurrentWritersLoseAndDuplicateNoEvent() throws Exception {
        try (LocalPostgres pg = LocalPostgres.start()) {
            String url = pg.newDatabaseUrl();
            try (ExperimentStore s = Stores.open(url, java.util.Map.of())) {
                Lifecycle life = new Lifecycle(s);
                life.create(new Lifecycle.Design("e", List.of(new Variant("control", 0.5), new Variant("treatment", 0.5)),
                        List.of(new MetricDefinition("revenue", MetricKind.CONTINUOUS)), 100, null, null, null, SequentialTest.MSPRT,
                        0.05, 0.8, null, null, 0.2, "pg"));
                life.start("e", null);
            }
            int processes = 4;
            int each = 12;
            List<Process> children = new ArrayList<>();
            for (int p = 0; p < processes; p++) {
                children.add(java(RecordWriterMain.class, url, "e", "p" + p, Integer.toString(each))
                        .redirectErrorStream(true).redirectOutput(dir.resolve("child-" + p + ".log").toFile()).start());
            }
            for (int p = 0; p < processes; p++) {
                Process c = children.get(p);
                assertTrue(c.waitFor(180, TimeUnit.SECONDS), "child " + p + " did not finish");
                assertEquals(0, c.exitValue(), "failed batches in child " + p + ": " + Files.readString(dir.resolve("child-" + p + ".log")));
            }
            try (ExperimentStore s = Stores.open(url, java.util.Map.of())) {
                assertEquals(2L * processes * each, s.eventCount("e"), "every event of every batch");
                List<UnitOutcome> units = s.unitOutcomes("e", new MetricDefinition("revenue", MetricKind.CONTINUOUS));
                assertEquals(processes * each + each, units.size(), "one assignment per unit, shared units included");
                for (UnitOutcome u : units) {
                    double expected = u.unit().startsWith("shared-") ? processes : 1;
                    assertEquals(expected, u.value(), "events of " + u.unit() + " (a sum of 1s): none lost, none twice");
                }
            }
        }
    }
}
