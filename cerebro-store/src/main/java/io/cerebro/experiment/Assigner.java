package io.cerebro.experiment;

import io.cerebro.store.Assignment;
import io.cerebro.store.Experiment;
import io.cerebro.store.Variant;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses variants for units that have none yet. Units already assigned keep their stored variant
 * (the caller passes them in), which makes assignment sticky when the allocation changes.
 */
public final class Assigner {
    private Assigner() {
    }

    /** One unit to assign in a batch, with its stratum value (null when the experiment has no strata). */
    public record Unit(String id, String stratum) {
    }

    /** @return the variant a single new unit gets: by its hash position under the current allocation. */
    public static Variant single(Experiment e, String unit) {
        return UnitHash.pick(e.variants(), UnitHash.position(e.salt(), unit));
    }

    /**
     * Assigns a batch.
     *
     * <p>Without strata each new unit gets {@link #single}. With strata, within each stratum the new
     * units are taken in the order of their hash positions (deterministic given the salt) and each
     * goes to the variant furthest below its share of the stratum so far ({@code share * (k + 1) -
     * count}), counting every unit of the stratum already stored ({@code stratumCounts}) and those of
     * this batch assigned before it. When several variants are equally far below, the unit's hash
     * position picks among them in proportion to their shares, so a single unit, or the first of a
     * balanced stratum, is not always given the variant listed first. Every variant's count then
     * stays within one unit of its share of the stratum, whether units come one at a time or in
     * batches.
     *
     * @param existing      stored assignments of the batch's units, by unit id
     * @param stratumCounts stored units per variant of every stratum ({@link io.cerebro.store.ExperimentStore#stratumCounts}), by stratum
     * @return the new assignments (units in {@code existing} are not repeated)
     */
    public static List<Assignment> batch(Experiment e, List<Unit> units, Map<String, Assignment> existing,
                                         Map<String, Map<String, Long>> stratumCounts, Instant at) {
        List<Assignment> out = new ArrayList<>();
        if (e.strata() == null) {
            for (Unit u : units) {
                if (!existing.containsKey(u.id())) {
                    out.add(new Assignment(u.id(), single(e, u.id()).name(), u.stratum(), at));
                }
            }
            return out;
        }
        Map<String, List<Unit>> byStratum = new LinkedHashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Unit u : units) {
            if (!seen.add(u.id()) || existing.containsKey(u.id())) {
                continue;
            }
            byStratum.computeIfAbsent(u.stratum() == null ? "" : u.stratum(), k -> new ArrayList<>()).add(u);
        }
        for (Map.Entry<String, List<Unit>> s : byStratum.entrySet()) {
            List<Unit> todo = new ArrayList<>(s.getValue());
            todo.sort(Comparator.comparingDouble((Unit u) -> UnitHash.position(e.salt(), u.id())).thenComparing(Unit::id));
            Map<String, Long> c = new LinkedHashMap<>(stratumCounts.getOrDefault(s.getKey(), Map.of()));
            long k = c.values().stream().mapToLong(Long::longValue).sum();
            for (Unit u : todo) {
                double bestDeficit = Double.NEGATIVE_INFINITY;
                for (Variant v : e.variants()) {
                    bestDeficit = Math.max(bestDeficit, v.weight() * (k + 1) - c.getOrDefault(v.name(), 0L));
                }
                List<Variant> tied = new ArrayList<>();
                double tiedWeight = 0;
                for (Variant v : e.variants()) {
                    if (v.weight() * (k + 1) - c.getOrDefault(v.name(), 0L) >= bestDeficit - 1e-9) {
                        tied.add(v);
                        tiedWeight += v.weight();
                    }
                }
                Variant best = tied.get(0);
                if (tied.size() > 1) {
                    double total = tiedWeight;
                    best = UnitHash.pick(tied.stream().map(v -> new Variant(v.name(), v.weight() / total)).toList(),
                            UnitHash.position(e.salt(), u.id()));
                }
                c.merge(best.name(), 1L, Long::sum);
                k++;
                out.add(new Assignment(u.id(), best.name(), u.stratum(), at));
            }
        }
        return out;
    }
}
