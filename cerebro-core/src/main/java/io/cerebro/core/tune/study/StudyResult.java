package io.cerebro.core.tune.study;

import io.cerebro.core.tune.StudySpec;
import io.cerebro.core.tune.journal.Trial;
import io.cerebro.core.tune.sampler.Losses;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A finished (or interrupted) study.
 *
 * @param spec       the study
 * @param trials     every trial, by number
 * @param best       the best complete trial (the first objective's best; the lowest loss with several), or null
 * @param front      the complete trials on the Pareto front (one objective: just the best)
 * @param importance each parameter's importance ({@link Importance}), summing to 1
 */
public record StudyResult(StudySpec spec, List<Trial> trials, Trial best, List<Trial> front, Map<String, Double> importance) {
    /** @return the result of {@code trials}. */
    public static StudyResult of(StudySpec spec, List<Trial> trials) {
        List<Trial> complete = trials.stream().filter(Trial::complete).toList();
        Trial best = best(spec, trials);
        List<Trial> front = new ArrayList<>();
        Map<String, Double> importance = Map.of();
        if (!complete.isEmpty()) {
            double[][] v = Losses.signed(complete, spec.directions());
            int[] rank = Losses.paretoRanks(v);
            for (int i = 0; i < rank.length; i++) {
                if (rank[i] == 0) {
                    front.add(complete.get(i));
                }
            }
            front.sort(Comparator.comparingDouble(Trial::value));
            importance = Importance.of(spec.space(), complete.stream().map(Trial::params).toList(), Losses.of(complete, spec.directions()));
        }
        return new StudyResult(spec, trials, best, front, importance);
    }

    /** @return the best complete trial, or null. */
    public static Trial best(StudySpec spec, List<Trial> trials) {
        List<Trial> complete = trials.stream().filter(Trial::complete).toList();
        if (complete.isEmpty()) {
            return null;
        }
        double[] loss = Losses.of(complete, spec.directions());
        int b = 0;
        for (int i = 1; i < loss.length; i++) {
            if (loss[i] < loss[b]) {
                b = i;
            }
        }
        return complete.get(b);
    }

    /** @return the complete trials, best first. */
    public List<Trial> ranked() {
        List<Trial> complete = trials.stream().filter(Trial::complete).toList();
        double[] loss = Losses.of(complete, spec.directions());
        Integer[] order = new Integer[complete.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> loss[i]).thenComparingInt(i -> complete.get(i).number()));
        return java.util.Arrays.stream(order).map(complete::get).toList();
    }

    /** @return how many trials ended in each state. */
    public Map<Trial.State, Long> counts() {
        Map<Trial.State, Long> m = new java.util.EnumMap<>(Trial.State.class);
        for (Trial t : trials) {
            m.merge(t.state(), 1L, Long::sum);
        }
        return m;
    }
}
