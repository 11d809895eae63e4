package io.cerebro.core.causal.refute;

import io.cerebro.core.causal.observational.CausalData;
import org.hipparchus.distribution.continuous.NormalDistribution;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * A refutation step: alters the data in a way whose effect on the estimate is known, re-runs the
 * estimator and reports how the estimate moved.
 */
@FunctionalInterface
public interface Refuter {
    /**
     * @param data      the analysed data
     * @param estimator re-runs the estimator on altered data and returns its point estimate
     * @param original  the estimate on the unaltered data
     * @param runs      re-estimations to make
     * @param seed      random seed
     */
    Refutation refute(CausalData data, ToDoubleFunction<CausalData> estimator, double original, int runs, long seed);

    /** Names accepted by {@link #named}. */
    List<String> NAMES = List.of("placebo", "random_common_cause", "subset", "bootstrap");

    /**
     * The refuter with this name.
     *
     * @throws io.cerebro.core.error.UserInputException for an unknown name
     */
    static Refuter named(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "placebo", "placebo_treatment" -> Refuter::placebo;
            case "random_common_cause", "common_cause" -> Refuter::randomCommonCause;
            case "subset", "data_subset", "subsets" -> Refuter::subset;
            case "bootstrap" -> Refuter::bootstrap;
            default -> throw new io.cerebro.core.error.UserInputException("unknown refuter '" + name
                    + "'; choose from placebo, random_common_cause, subset, bootstrap or all");
        };
    }

    /**
     * Placebo treatment: the treatment is randomly permuted, so the true effect is zero. The p-value
     * is the permutation p-value of the original estimate, (1 + #{|placebo| >= |original|}) / (runs + 1);
     * a small value says the original effect is unlike what a meaningless treatment produces.
     */
    static Refutation placebo(CausalData data, ToDoubleFunction<CausalData> estimator, double original, int runs, long seed) {
        Random rnd = new Random(seed);
        double[] t = data.treatment();
        double[] est = new double[runs];
        int extreme = 0;
        for (int r = 0; r < runs; r++) {
            double[] p = t.clone();
            for (int i = p.length - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                double tmp = p[i];
                p[i] = p[j];
                p[j] = tmp;
            }
            est[r] = estimator.applyAsDouble(data.withTreatment(p));
            if (Math.abs(est[r]) >= Math.abs(original)) {
                extreme++;
            }
        }
        return new Refutation("placebo", original, mean(est), sd(est), (1.0 + extreme) / (runs + 1), runs,
                "permutation p-value of the original estimate against placebo (permuted) treatments; small is reassuring");
    }

    /**
     * Random common cause: an independent standard-normal covariate is added to the adjustment set;
     * the estimate should not move. The p-value compares the original estimate with the spread of
     * the new estimates; large is reassuring.
     */
    static Refutation randomCommonCause(CausalData data, ToDoubleFunction<CausalData> estimator, double original, int runs, long seed) {
        Random rnd = new Random(seed);
        double[] est = new double[runs];
        for (int r = 0; r < runs; r++) {
            double[] z = new double[data.n()];
            for (int i = 0; i < z.length; i++) {
                z[i] = rnd.nextGaussian();
            }
            est[r] = estimator.applyAsDouble(data.withColumn("random_common_cause", z));
        }
        return stable("random_common_cause", original, est);
    }

    /** Data subsets: the estimator is re-run on random 80% subsets; the estimate should be stable. */
    static Refutation subset(CausalData data, ToDoubleFunction<CausalData> estimator, double original, int runs, long seed) {
        Random rnd = new Random(seed);
        int n = data.n();
        int m = (int) Math.round(0.8 * n);
        double[] est = new double[runs];
        for (int r = 0; r < runs; r++) {
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) {
                idx[i] = i;
            }
            for (int i = 0; i < m; i++) {
                int j = i + rnd.nextInt(n - i);
                int tmp = idx[i];
                idx[i] = idx[j];
                idx[j] = tmp;
            }
            int[] keep = Arrays.copyOf(idx, m);
            Arrays.sort(keep);
            est[r] = estimator.applyAsDouble(data.rows(keep));
        }
        return stable("subset", original, est);
    }

    /** Bootstrap: the estimator is re-run on resamples with replacement; the spread is a bootstrap SE. */
    static Refutation bootstrap(CausalData data, ToDoubleFunction<CausalData> estimator, double original, int runs, long seed) {
        Random rnd = new Random(seed);
        int n = data.n();
        double[] est = new double[runs];
        for (int r = 0; r < runs; r++) {
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) {
                idx[i] = rnd.nextInt(n);
            }
            est[r] = estimator.applyAsDouble(data.rows(idx));
        }
        return stable("bootstrap", original, est);
    }

    private static Refutation stable(String name, double original, double[] est) {
        double m = mean(est);
        double s = sd(est);
        double p = s == 0 ? (m == original ? 1 : 0)
                : 2 * (1 - new NormalDistribution().cumulativeProbability(Math.abs(original - m) / s));
        return new Refutation(name, original, m, s, p, est.length,
                "two-sided p-value of the original estimate within the normal approximation of the re-estimates; large is reassuring");
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }

    private static double sd(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double d : v) {
            s += (d - m) * (d - m);
        }
        return v.length > 1 ? Math.sqrt(s / (v.length - 1)) : 0;
    }
}
