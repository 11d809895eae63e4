package io.cerebro.core.tune.objective;

import io.cerebro.core.tune.journal.Trial;

import java.util.List;

/**
 * What an objective returned for one configuration.
 *
 * @param state  complete, failed or timeout
 * @param values the mean of each objective over the repeats (empty unless complete)
 * @param spread the sample standard deviation of the first objective over the repeats (0 for one)
 * @param runs   the first objective of each repeat
 * @param error  why it failed, or null
 * @param steps  the intermediate values reported while it ran
 */
public record Outcome(Trial.State state, List<Double> values, double spread, List<Double> runs, String error, List<Trial.Step> steps) {
    public Outcome {
        values = values == null ? List.of() : List.copyOf(values);
        runs = runs == null ? List.of() : List.copyOf(runs);
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** An outcome without intermediate values. */
    public Outcome(Trial.State state, List<Double> values, double spread, List<Double> runs, String error) {
        this(state, values, spread, runs, error, List.of());
    }

    /** @return this outcome with {@code s} as its intermediate values. */
    public Outcome withSteps(List<Trial.Step> s) {
        return new Outcome(state, values, spread, runs, error, s);
    }

    /** @return a pruned outcome: stopped after the last of {@code steps}, whose value it keeps. */
    public static Outcome pruned(List<Trial.Step> steps) {
        double last = steps.get(steps.size() - 1).value();
        return new Outcome(Trial.State.PRUNED, List.of(last), Double.NaN, List.of(last), null, steps);
    }

    /** @return the first objective's mean, NaN unless complete. */
    public double value() {
        return values.isEmpty() ? Double.NaN : values.get(0);
    }

    /** @return a complete outcome of one run with value {@code v}. */
    public static Outcome of(double v) {
        return new Outcome(Trial.State.COMPLETE, List.of(v), 0, List.of(v), null);
    }

    /** @return a failed outcome. */
    public static Outcome failed(String why) {
        return new Outcome(Trial.State.FAILED, List.of(), Double.NaN, List.of(), why);
    }

    /**
     * @return the repeats aggregated: the mean of every objective, the spread of the first
     */
    public static Outcome aggregate(List<double[]> repeats) {
        int m = repeats.get(0).length;
        double[] mean = new double[m];
        for (double[] r : repeats) {
            for (int k = 0; k < m; k++) {
                mean[k] += r[k] / repeats.size();
            }
        }
        double ss = 0;
        for (double[] r : repeats) {
            ss += (r[0] - mean[0]) * (r[0] - mean[0]);
        }
        double sd = repeats.size() > 1 ? Math.sqrt(ss / (repeats.size() - 1)) : 0;
        return new Outcome(Trial.State.COMPLETE, java.util.Arrays.stream(mean).boxed().toList(), sd,
                repeats.stream().map(r -> r[0]).toList(), null);
    }
}
