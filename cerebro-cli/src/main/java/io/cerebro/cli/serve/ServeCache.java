package io.cerebro.cli.serve;

import io.cerebro.store.Experiment;
import io.cerebro.store.ExperimentStore;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the server keeps in memory so that most requests need no store read.
 *
 * <ul>
 *   <li>Experiments (design and status) for {@value #EXPERIMENT_TTL_MILLIS} ms: a status changed by
 *       another process on a shared PostgreSQL store is seen within that time. (A DuckDB store is
 *       held by the server alone.)</li>
 *   <li>Stored assignments, unit by unit: a stored assignment never changes (first writer wins),
 *       so a unit asked for again is answered at once. On a shared (PostgreSQL) store this is a
 *       cache of at most {@value #MAX_UNITS} units, started afresh beyond that. On a DuckDB store,
 *       which only this server can write while it runs, the map is loaded whole on an experiment's
 *       first use and is then the authority ({@link #owned}): every stored assignment is in it, and
 *       the writer adds new ones once their commit has succeeded (never before, so an answer from
 *       memory is always an answer the store holds).</li>
 * </ul>
 */
final class ServeCache {
    static final long EXPERIMENT_TTL_MILLIS = 1000;
    static final int MAX_UNITS = 2_000_000;

    private record Entry(Optional<Experiment> experiment, long readAt) {
    }

    private final ExperimentStore store;
    private final Map<String, Entry> experiments = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> assigned = new ConcurrentHashMap<>();
    private final AtomicInteger units = new AtomicInteger();

    private final Map<String, Map<String, String>> owned = new ConcurrentHashMap<>();

    ServeCache(ExperimentStore store) {
        this.store = store;
    }

    /**
     * @return every assignment of the experiment, unit to variant, loaded from the store on first use
     *         and kept complete by the writer after each commit (for a store no other process writes)
     */
    Map<String, String> owned(Experiment e) {
        return owned.computeIfAbsent(e.name(), k -> {
            Map<String, String> m = new ConcurrentHashMap<>();
            store.unitOutcomes(e.name(), e.metrics().get(0)).forEach(u -> m.put(u.unit(), u.variant()));
            return m;
        });
    }

    /** @return the experiment as stored at most a second ago. */
    Optional<Experiment> experiment(String name) {
        long now = System.nanoTime();
        Entry e = experiments.get(name);
        if (e == null || now - e.readAt() > TimeUnit.MILLISECONDS.toNanos(EXPERIMENT_TTL_MILLIS)) {
            e = new Entry(store.experiment(name), now);
            experiments.put(name, e);
        }
        return e.experiment();
    }

    /** @return the unit's stored variant if this server has seen it, else null. */
    String variant(String experiment, String unit) {
        Map<String, String> m = assigned.get(experiment);
        return m == null ? null : m.get(unit);
    }

    /** Notes a stored assignment. */
    void remember(String experiment, String unit, String variant) {
        if (units.incrementAndGet() > MAX_UNITS) {
            assigned.clear();
            units.set(0);
        }
        assigned.computeIfAbsent(experiment, k -> new ConcurrentHashMap<>()).put(unit, variant);
    }
}
