package io.cerebro.store;

import io.cerebro.core.error.UserInputException;
import io.cerebro.store.jdbc.SchemaMigrations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one contract every store passes, run against DuckDB and against a real PostgreSQL server.
 * A subclass says where a fresh store is ({@link #freshLocation}); each test opens it, and some
 * reopen it to check what was committed is what a new process sees.
 */
abstract class ExperimentStoreContract {
    private String location;
    private ExperimentStore store;

    /** @return the location of a new, empty store. */
    abstract String freshLocation() throws Exception;

    @BeforeEach
    void open() throws Exception {
        location = freshLocation();
        store = Stores.open(location, Map.of());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private ExperimentStore reopen() {
        store.close();
        store = Stores.open(location, Map.of());
        return store;
    }

    static Experiment checkout(String name) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new Experiment(name, "salt-" + name, ExperimentStatus.DRAFT,
                List.of(new Variant("control", 0.5), new Variant("treatment", 0.5)),
                List.of(new MetricDefinition("converted", MetricKind.BINARY), new MetricDefinition("revenue", MetricKind.CONTINUOUS)),
                "the new checkout converts better", "country", SequentialTest.MSPRT, 0.05, 0.8, 2000, 5000L, 0.01, null, 0.2, now, now);
    }

    @Test
    void migrationsBringANewStoreToTheCurrentVersionOnceAndReopeningKeepsIt() {
        assertEquals(SchemaMigrations.CURRENT, store.schemaVersion());
        store.createExperiment(checkout("a"));
        assertEquals(SchemaMigrations.CURRENT, reopen().schemaVersion());
        assertEquals(1, store.experiments().size());
    }

    @Test
    void experimentsRoundTripAndNamesAreUnique() {
        Experiment e = checkout("checkout-v2");
        store.createExperiment(e);
        assertEquals(e, reopen().experiment("checkout-v2").orElseThrow());
        UserInputException dup = assertThrows(UserInputException.class, () -> store.createExperiment(e));
        assertTrue(dup.getMessage().contains("already exists"), dup.getMessage());
        store.createExperiment(checkout("another"));
        assertEquals(List.of("another", "checkout-v2"), store.experiments().stream().map(Experiment::name).toList());
        assertTrue(store.experiment("nope").isEmpty());
    }

    @Test
    void statusChangesAreLoggedWithTheirReasons() {
        store.createExperiment(checkout("e"));
        store.changeStatus("e", ExperimentStatus.RUNNING, "launch");
        store.changeStatus("e", ExperimentStatus.PAUSED, "bug in the treatment");
        assertEquals(ExperimentStatus.PAUSED, reopen().experiment("e").orElseThrow().status());
        List<StatusChange> log = store.statusChanges("e");
        assertEquals(List.of(ExperimentStatus.DRAFT, ExperimentStatus.RUNNING, ExperimentStatus.PAUSED),
                log.stream().map(StatusChange::status).toList());
        assertEquals("bug in the treatment", log.get(2).reason());
        assertThrows(UserInputException.class, () -> store.changeStatus("missing", ExperimentStatus.RUNNING, null));
    }

    @Test
    void allocationChangesKeepStoredAssignments() {
        store.createExperiment(checkout("e"));
        Instant now = Instant.now();
        assertEquals(2, store.saveAssignments("e", List.of(new Assignment("u1", "control", "US", now),
                new Assignment("u2", "treatment", "FR", now))));
        store.changeAllocation("e", List.of(new Variant("control", 0.2), new Variant("treatment", 0.8)));
        // a second writer that computed another variant for u1 does not overwrite the first
        assertEquals(1, store.saveAssignments("e", List.of(new Assignment("u1", "treatment", "US", now),
                new Assignment("u3", "treatment", null, now))));
        reopen();
        assertEquals("control", store.assignment("e", "u1").orElseThrow().variant());
        assertEquals("US", store.assignment("e", "u1").orElseThrow().stratum());
        assertEquals(Map.of("control", 1L, "treatment", 2L), store.variantCounts("e"));
        assertEquals(Map.of("US", Map.of("control", 1L), "FR", Map.of("treatment", 1L), "", Map.of("treatment", 1L)), store.stratumCounts("e"),
                "per stratum, units without one under \"\"");
        assertEquals(0.8, store.experiment("e").orElseThrow().variants().get(1).weight());
        assertEquals(3, store.assignments("e", List.of("u1", "u2", "u3", "u4")).size());
    }

    @Test
    void unitOutcomesAreTheMaxOfBinaryAndTheSumOfContinuousEventsWithZeroForNone() {
        store.createExperiment(checkout("e"));
        Instant now = Instant.now();
        List<Assignment> a = List.of(new Assignment("u1", "control", null, now), new Assignment("u2", "treatment", null, now),
                new Assignment("u3", "treatment", null, now));
        List<MetricEvent> events = List.of(new MetricEvent("u1", "converted", 1, now), new MetricEvent("u1", "converted", 1, now),
                new MetricEvent("u1", "revenue", 12.5, now), new MetricEvent("u1", "revenue", 7.5, now),
                new MetricEvent("u2", "revenue", 3, now));
        store.recordEvents("e", a, events, n -> { });
        reopen();
        assertEquals(5, store.eventCount("e"));
        List<UnitOutcome> conv = store.unitOutcomes("e", new MetricDefinition("converted", MetricKind.BINARY));
        assertEquals(List.of(new UnitOutcome("u1", "control", null, 1), new UnitOutcome("u2", "treatment", null, 0),
                new UnitOutcome("u3", "treatment", null, 0)), conv);
        List<UnitOutcome> rev = store.unitOutcomes("e", new MetricDefinition("revenue", MetricKind.CONTINUOUS));
        assertEquals(List.of(20.0, 3.0, 0.0), rev.stream().map(UnitOutcome::value).toList());
    }

    @Test
    void aBatchThatFailsPartWayStoresNothingOfIt() {
        store.createExperiment(checkout("e"));
        Instant now = Instant.now();
        store.recordEvents("e", List.of(new Assignment("u0", "control", null, now)), List.of(new MetricEvent("u0", "revenue", 1, now)), n -> { });
        List<MetricEvent> big = new ArrayList<>();
        List<Assignment> units = new ArrayList<>();
        for (int i = 0; i < 3500; i++) {
            units.add(new Assignment("b" + i, i % 2 == 0 ? "control" : "treatment", null, now));
            big.add(new MetricEvent("b" + i, "revenue", i, now));
        }
        assertThrows(IllegalStateException.class, () -> store.recordEvents("e", units, big, n -> {
            if (n >= 2000) {
                throw new IllegalStateException("writer failed after " + n + " events");
            }
        }));
        reopen();
        assertEquals(1, store.eventCount("e"));
        assertEquals(Map.of("control", 1L), store.variantCounts("e"));
        store.recordEvents("e", units, big, n -> { });
        assertEquals(3501, store.eventCount("e"));
        assertThrows(UserInputException.class, () -> store.recordEvents("missing", List.of(), big, n -> { }));
    }

    @Test
    void anAssignmentAlreadyStoredStandsAndTheBatchIsStillWhole() {
        store.createExperiment(checkout("e"));
        Instant now = Instant.now();
        store.recordEvents("e", List.of(new Assignment("u1", "control", "US", now), new Assignment("u2", "treatment", null, now)),
                List.of(), n -> { });
        // a batch that names u1 as new again (another writer's view): the stored variant stands, u3 is added, every event stored
        store.recordEvents("e", List.of(new Assignment("u3", "control", null, now), new Assignment("u1", "treatment", "FR", now)),
                List.of(new MetricEvent("u1", "revenue", 2, now), new MetricEvent("u3", "revenue", 5, now)), n -> { });
        reopen();
        assertEquals("control", store.assignment("e", "u1").orElseThrow().variant());
        assertEquals("US", store.assignment("e", "u1").orElseThrow().stratum());
        assertEquals(null, store.assignment("e", "u2").orElseThrow().stratum());
        assertEquals("control", store.assignment("e", "u3").orElseThrow().variant());
        assertEquals(2, store.eventCount("e"));
        assertEquals(Map.of("control", 2L, "treatment", 1L), store.variantCounts("e"));
    }

    @Test
    void stoppingDecisionsKeepTheirNumbers() {
        store.createExperiment(checkout("e"));
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        StoppingDecision d = new StoppingDecision(t, "converted", "treatment", "futility", 2100, 2080, 0.001, 0.71, 0.04,
                "conditional power 0.04 < 0.20");
        StoppingDecision d2 = new StoppingDecision(t.plusSeconds(1), "converted", "treatment", "continue", 10, 12, null, null, null, "few units");
        store.recordDecision("e", d);
        store.recordDecision("e", d2);
        assertEquals(List.of(d, d2), reopen().decisions("e"));
    }

    @Test
    void policiesAuditSnapshotsAndTheQTableRoundTrip() {
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Policy p = new Policy("routing.threshold", "repo-a", "0.7", "number", 0.0, 1.0, 0.1, t);
        store.putPolicy(p);
        Policy moved = new Policy("routing.threshold", "repo-a", "0.75", "number", 0.0, 1.0, 0.1, t.plusSeconds(1));
        store.putPolicy(moved);
        store.putPolicy(new Policy("routing.threshold", "repo-b", "0.5", "number", null, null, null, t));
        PolicyAdjustment a = new PolicyAdjustment("adj-1", "routing.threshold", "repo-a", "0.7", "0.75", "cerebro policy",
                "feedback", "feedback", 42, 0.9, "applied", t);
        store.recordAdjustment(a);
        PolicySnapshot s = new PolicySnapshot("snap-1", t, "before adj-1", "[{\"name\":\"routing.threshold\",\"value\":\"0.7\"}]");
        store.saveSnapshot(s);
        store.putQValue(new QValue("router", "{\"lang\":\"java\"}", "fast", 0.5, 1, t));
        store.putQValue(new QValue("router", "{\"lang\":\"java\"}", "fast", 0.65, 2, t));
        store.putQValue(new QValue("router", "{\"lang\":\"java\"}", "careful", -0.1, 1, t));
        reopen();
        assertEquals(moved, store.policy("routing.threshold", "repo-a").orElseThrow());
        assertEquals(2, store.policies().size());
        assertEquals(List.of(a), store.adjustments("routing.threshold", "repo-a"));
        assertEquals(s, store.snapshot("snap-1").orElseThrow());
        assertEquals(List.of(s), store.snapshots());
        List<QValue> q = store.qTable("router");
        assertEquals(List.of("careful", "fast"), q.stream().map(QValue::action).toList());
        assertEquals(0.65, q.get(1).value());
        assertEquals(2, q.get(1).visits());
    }
}
