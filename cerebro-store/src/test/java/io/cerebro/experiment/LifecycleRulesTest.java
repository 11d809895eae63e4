package io.cerebro.experiment;

import io.cerebro.core.error.UserInputException;
import io.cerebro.store.ExperimentStore;
import io.cerebro.store.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What each status allows, and bad input that must leave the store as it was. */
class LifecycleRulesTest {
    @TempDir
    Path dir;
    ExperimentStore store;
    Lifecycle life;

    @BeforeEach
    void open() {
        store = Stores.open(dir.resolve("s.duckdb").toString(), Map.of());
        life = new Lifecycle(store);
        life.create(Stores4Tests.design("e", Stores4Tests.even(), null));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static String fails(Runnable r) {
        return assertThrows(UserInputException.class, r::run).getMessage();
    }

    @Test
    void badDesignsAreRefusedWithTheFix() {
        assertTrue(fails(() -> ExperimentDesigns.variants("control:0.5,treatment:0.4")).contains("sum to 0.9, not 1"));
        assertTrue(fails(() -> ExperimentDesigns.variants("control:1")).contains("at least two variants"));
        assertTrue(fails(() -> ExperimentDesigns.variants("control:0.5,control:0.5")).contains("named twice"));
        assertTrue(fails(() -> ExperimentDesigns.metric("revenue:money")).contains("use binary or continuous"));
        assertEquals(0.5, ExperimentDesigns.variants("a:0.3333,b:0.3333,c:0.3334").stream().mapToDouble(v -> v.weight()).sum() - 0.5, 1e-12);
        assertTrue(fails(() -> life.create(Stores4Tests.design("e", Stores4Tests.even(), null))).contains("already exists"));
        assertTrue(fails(() -> life.require("nope")).contains("no experiment named 'nope'"));
    }

    @Test
    void eventsAreRecordedOnlyWhileRunningOrPausedAndABadBatchStoresNothing() {
        List<Lifecycle.Observation> ok = List.of(new Lifecycle.Observation("u1", "converted", 1, null),
                new Lifecycle.Observation("u2", "revenue", 9.5, null));
        assertTrue(fails(() -> life.record("e", ok, n -> { })).contains("draft"));
        life.start("e", null);
        assertEquals(new Lifecycle.Recorded(2, 2, 0), life.record("e", ok, n -> { }));
        assertTrue(fails(() -> life.record("e", List.of(new Lifecycle.Observation("u3", "converted", 1, null),
                new Lifecycle.Observation("u3", "clicks", 1, null)), n -> { })).contains("has no metric 'clicks'; its metrics are converted, revenue"));
        assertTrue(fails(() -> life.record("e", List.of(new Lifecycle.Observation("u3", "converted", 2, null)), n -> { }))
                .contains("binary"));
        assertEquals(2, store.eventCount("e"));
        assertTrue(store.assignment("e", "u3").isEmpty(), "a refused batch assigns nobody");
        life.pause("e", null);
        // paused: units already in the experiment still report; new ones are not in it
        assertEquals(new Lifecycle.Recorded(1, 0, 1), life.record("e", List.of(new Lifecycle.Observation("u1", "revenue", 3, null),
                new Lifecycle.Observation("u9", "revenue", 3, null)), n -> { }));
        life.stop("e", "shipped");
        assertTrue(fails(() -> life.record("e", ok, n -> { })).contains("stopped"));
        assertEquals(3, store.eventCount("e"));
        assertTrue(fails(() -> life.analyze("e", "clicks", false)).contains("no metric 'clicks'"));
        assertTrue(fails(() -> life.analyze("e", null, false)).contains("too few units"));
    }
}
