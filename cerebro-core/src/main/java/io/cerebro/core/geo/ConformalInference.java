package io.cerebro.core.geo;

import io.cerebro.core.spec.Alternative;
import io.cerebro.core.spec.GeoTestSpec;

import java.util.SplittableRandom;

/**
 * Conformal inference for the average effect of a synthetic control (Chernozhukov, Wüthrich and
 * Zhu 2021). Under the null that the effect is {@code theta} in every test period, the test-period
 * outcomes minus {@code theta} are untreated; the counterfactual is refitted on every period, and
 * the residuals are exchangeable over time. The interval's statistic is the test periods' residuals summed and
 * scaled by {@code 1/sqrt(T1)}, in absolute value for a two-sided test and signed for one-sided
 * ones: GeoLift's "Total" statistic, which targets the average effect (the q = 1 statistic of the
 * paper, the sum of absolute residuals, would test a constant effect in every period and reject any
 * effect that ramps up during the test; it gives {@link Statistic#SHARP} p-values of no effect at all); its p-value is its rank among the same statistic over permutations of the
 * residuals in time: random permutations ({@code iid}) or the {@code T} cyclic shifts
 * ({@code moving_block}, for serially dependent residuals). The confidence set for the effect is
 * every {@code theta} not rejected, found by bisection from the estimate outwards. The permutations
 * are drawn once, so every null is tested with the same ones and the set is an interval.
 */
public final class ConformalInference {
    private final double[] target;
    private final double[][] donors;
    private final int preEnd;
    private final GeoEstimator.Fitter fitter;
    private final Alternative alternative;
    private final int[][] draws;
    private final boolean shifts;

    /**
     * @param target       the treated mean, every period (pre and test)
     * @param donors       the donors' outcomes, one row per donor
     * @param preEnd       the first test period's index
     * @param fitter       the estimator, refitted under each null
     * @param alternative  two-sided, or the sign of the effect the one-sided test looks for
     * @param scheme       iid permutations or moving blocks
     * @param permutations how many iid permutations (ignored for moving blocks)
     * @param seed         random seed of the permutations
     */
    public ConformalInference(double[] target, double[][] donors, int preEnd, GeoEstimator.Fitter fitter, Alternative alternative,
                              GeoTestSpec.Conformal scheme, int permutations, long seed) {
        this.target = target;
        this.donors = donors;
        this.preEnd = preEnd;
        this.fitter = fitter;
        this.alternative = alternative;
        int nt = target.length;
        int post = nt - preEnd;
        this.shifts = scheme == GeoTestSpec.Conformal.MOVING_BLOCK;
        if (shifts) {
            draws = new int[nt][post];
            for (int s = 0; s < nt; s++) {
                for (int k = 0; k < post; k++) {
                    draws[s][k] = (preEnd + k + s) % nt;
                }
            }
        } else {
            SplittableRandom rng = new SplittableRandom(seed);
            draws = new int[permutations][post];
            int[] idx = new int[nt];
            for (int p = 0; p < permutations; p++) {
                for (int t = 0; t < nt; t++) {
                    idx[t] = t;
                }
                // the first post positions of a partial Fisher-Yates shuffle: a uniform draw of the test periods' residuals
                for (int k = 0; k < post; k++) {
                    int j = k + rng.nextInt(nt - k);
                    int tmp = idx[k];
                    idx[k] = idx[j];
                    idx[j] = tmp;
                    draws[p][k] = idx[k];
                }
            }
        }
    }

    /** @return the smallest p-value the permutations can give. */
    public double smallestPValue() {
        return shifts ? 1.0 / draws.length : 1.0 / (draws.length + 1);
    }

    /** The statistic of the permutation test. */
    public enum Statistic {
        /**
         * the absolute residuals summed (the paper's q = 1 statistic, GeoLift's published p-values):
         * sensitive to an effect in any period, also one that ramps up
         */
        SHARP,
        /** the residuals summed, in absolute value when two-sided (GeoLift's "Total"): the average effect */
        AVERAGE
    }

    /** @return the p-value of the null "the effect is theta in every test period", with the average-effect statistic. */
    public double pValue(double theta) {
        return pValue(theta, Statistic.AVERAGE);
    }

    /** @return the p-value of the null "the effect is theta in every test period". */
    public double pValue(double theta, Statistic statistic) {
        int nt = target.length;
        double[] adjusted = target.clone();
        for (int t = preEnd; t < nt; t++) {
            adjusted[t] -= theta;
        }
        double[] u = fitter.fit(adjusted, donors, nt).gaps();
        boolean sharp = statistic == Statistic.SHARP && alternative == Alternative.TWO_SIDED;
        double observed = statistic(u, null, sharp);
        // a hair of tolerance so that ties in exact arithmetic (the identity shift) count as ties
        double tie = 1e-9 * (Math.abs(observed) + 1e-300);
        int atLeast = 0;
        for (int[] d : draws) {
            if (statistic(u, d, sharp) >= observed - tie) {
                atLeast++;
            }
        }
        return shifts ? (double) atLeast / draws.length : (atLeast + 1.0) / (draws.length + 1.0);
    }

    private double statistic(double[] u, int[] positions, boolean sharp) {
        int post = target.length - preEnd;
        double s = 0;
        for (int k = 0; k < post; k++) {
            double r = positions == null ? u[preEnd + k] : u[positions[k]];
            s += sharp ? Math.abs(r) : r;
        }
        return switch (alternative) {
            case TWO_SIDED -> Math.abs(s) / Math.sqrt(post);
            case GREATER -> s / Math.sqrt(post);
            case LESS -> -s / Math.sqrt(post);
        };
    }

    /**
     * The confidence interval for the effect at level {@code 1 - alpha}: the nulls not rejected.
     * One-sided tests give a half-line ({@code greater}: an upper bound of +infinity).
     *
     * @param estimate the point estimate, where the search starts
     * @param scale    a typical size of the residuals (the pre-period RMSE), for the first steps
     */
    public double[] interval(double estimate, double scale, double alpha) {
        double step = Math.max(scale, 1e-6 * Math.max(1, Math.abs(estimate)));
        if (pValue(estimate) <= alpha) {
            // the pre-period fit's estimate can lie outside the set when refitting on every period moves the
            // counterfactual (an effect that ramps up): start from the null whose refit leaves no summed test residual
            estimate = centre(estimate, step);
        }
        double lower = alternative == Alternative.LESS ? Double.NEGATIVE_INFINITY : bound(estimate, -step, alpha);
        double upper = alternative == Alternative.GREATER ? Double.POSITIVE_INFINITY : bound(estimate, step, alpha);
        return new double[]{lower, upper};
    }

    /** @return the theta at which the refit's test-period residuals sum to zero, by secant steps from the estimate. */
    private double centre(double estimate, double step) {
        double a = estimate;
        double fa = residualSum(a);
        double b = estimate + step;
        double fb = residualSum(b);
        for (int i = 0; i < 30 && fb != fa; i++) {
            double c = b - fb * (b - a) / (fb - fa);
            a = b;
            fa = fb;
            b = c;
            fb = residualSum(b);
            if (Math.abs(b - a) <= 1e-9 * Math.max(1, Math.abs(b))) {
                break;
            }
        }
        return b;
    }

    /** @return the summed test-period residuals of the refit under the null theta. */
    private double residualSum(double theta) {
        int nt = target.length;
        double[] adjusted = target.clone();
        for (int t = preEnd; t < nt; t++) {
            adjusted[t] -= theta;
        }
        double[] u = fitter.fit(adjusted, donors, nt).gaps();
        double sum = 0;
        for (int t = preEnd; t < nt; t++) {
            sum += u[t];
        }
        return sum;
    }

    /** Walks from the estimate in the direction of {@code step} until a null is rejected, then bisects the edge. */
    private double bound(double estimate, double step, double alpha) {
        double inside = estimate;
        if (pValue(estimate) <= alpha) {
            // the estimate itself is rejected (possible with coarse permutations): report the point
            return estimate;
        }
        double outside = Double.NaN;
        double s = step;
        for (int i = 0; i < 60; i++) {
            double trial = estimate + s;
            if (pValue(trial) <= alpha) {
                outside = trial;
                break;
            }
            inside = trial;
            s *= 2;
        }
        if (Double.isNaN(outside)) {
            return step > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        double tol = 1e-6 * Math.abs(step);
        for (int i = 0; i < 60 && Math.abs(outside - inside) > tol; i++) {
            double mid = 0.5 * (inside + outside);
            if (pValue(mid) <= alpha) {
                outside = mid;
            } else {
                inside = mid;
            }
        }
        return 0.5 * (inside + outside);
    }
}
