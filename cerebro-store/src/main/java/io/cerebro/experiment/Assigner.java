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
     * count}, ties to the variant listed first), counting the stratum's units of this batch already
     * assigned. Equal shares then differ by at most one unit within every stratum; unequal shares are
     * met to within one unit.
     *
     * @param existing stored assignments of the batch's units, by unit id
     * @return the new assignments (units in {@code existing} are not repeated)
     */
    public static List<Assignment> batch(Experiment e, List<Unit> units, Map<String, Assignment> existing, Instant at) {
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
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Unit u : units) {
            if (!seen.add(u.id())) {
                continue;
            }
            String s = u.stratum() == null ? "" : u.stratum();
            Map<String, Integer> c = counts.computeIfAbsent(s, k -> new LinkedHashMap<>());
            Assignment a = existing.get(u.id());
            if (a != null) {
                c.merge(a.variant(), 1, Integer::sum);
            } else {
                byStratum.computeIfAbsent(s, k -> new ArrayList<>()).add(u);
            }
        }
        for (Map.Entry<String, List<Unit>> s : byStratum.entrySet()) {
            List<Unit> todo = new ArrayList<>(s.getValue());
            todo.sort(Comparator.comparingDouble((Unit u) -> UnitHash.position(e.salt(), u.id())).thenComparing(Unit::id));
            Map<String, Integer> c = counts.get(s.getKey());
            int k = c.values().stream().mapToInt(Integer::intValue).sum();
            for (Unit u : todo) {
                Variant best = null;
                double bestDeficit = Double.NEGATIVE_INFINITY;
                for (Variant v : e.variants()) {
                    double deficit = v.weight() * (k + 1) - c.getOrDefault(v.name(), 0);
                    if (deficit > bestDeficit + 1e-12) {
                        best = v;
                        bestDeficit = deficit;
                    }
                }
                c.merge(best.name(), 1, Integer::sum);
                k++;
                out.add(new Assignment(u.id(), best.name(), u.stratum(), at));
            }
        }
        return out;
    }
}
