package io.cerebro.experiment;

import io.cerebro.store.MetricDefinition;
import io.cerebro.store.MetricKind;
import io.cerebro.store.SequentialTest;
import io.cerebro.store.Variant;

import java.util.List;

/** Designs the lifecycle tests share. */
final class Stores4Tests {
    private Stores4Tests() {
    }

    static Lifecycle.Design design(String name, List<Variant> variants, String strata) {
        return new Lifecycle.Design(name, variants, List.of(new MetricDefinition("converted", MetricKind.BINARY),
                new MetricDefinition("revenue", MetricKind.CONTINUOUS)), 100, null, strata, null, SequentialTest.MSPRT,
                0.05, 0.8, 0.02, null, 0.2, "fixed-salt");
    }

    static List<Variant> even() {
        return List.of(new Variant("control", 0.5), new Variant("treatment", 0.5));
    }
}
