package io.cerebro.core.causal.bounds;

import io.cerebro.core.error.UserInputException;
import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * Sharp bounds on the average treatment effect E[Y(1)] - E[Y(0)] of a 0/1 treatment D on an outcome
 * known to lie in [lo, hi], with p = P(D = 1):
 *
 * <ul>
 *   <li>{@code manski}, no assumption: each arm's missing potential outcomes may be anything in
 *       [lo, hi], so E[Y(1)] is in [E[DY] + (1-p) lo, E[DY] + (1-p) hi] and likewise for Y(0);</li>
 *   <li>{@code mtr}, monotone treatment response (Y(1) &ge; Y(0) for every unit): E[Y(1)] &ge; E[Y] &ge;
 *       E[Y(0)], so the lower bound rises to 0;</li>
 *   <li>{@code mts}, monotone treatment selection (E[Y(t) | D=1] &ge; E[Y(t) | D=0] for t = 0, 1: the treated
 *       would do at least as well either way): the upper bound falls to the naive difference
 *       E[Y | D=1] - E[Y | D=0];</li>
 *   <li>{@code mtr+mts}: [0, E[Y | D=1] - E[Y | D=0]] (Manski and Pepper 2000, corollary 2); a negative naive
 *       difference contradicts the two assumptions together.</li>
 * </ul>
 *
 * <p>Every bound is a sample mean of one term per unit (or the difference of two arm means), so its
 * standard error is the plain one; the interval covering the effect with probability 1 - alpha is
 * Imbens and Manski's (2004): [lower - c se_lower, upper + c se_upper] with c solving
 * Phi(c + width / max(se)) - Phi(-c) = 1 - alpha.
 *
 * @param assumption  manski, mtr, mts or mtr+mts
 * @param lower       lower bound of the ATE
 * @param upper       upper bound
 * @param seLower     standard error of the lower bound (0 when it is the constant 0)
 * @param seUpper     standard error of the upper bound
 * @param ciLower     lower end of the Imbens-Manski interval
 * @param ciUpper     upper end
 * @param contradicted whether the data contradict the assumption (upper below lower)
 */
public record TreatmentEffectBounds(String assumption, double lower, double upper, double seLower, double seUpper,
                                    double ciLower, double ciUpper, boolean contradicted) {
    private static final NormalDistribution NORMAL = new NormalDistribution();

    /**
     * @param assumption manski, mtr, mts or mtr+mts
     * @param t          0/1 treatment per unit
     * @param y          outcome per unit, within [lo, hi]
     * @param lo         smallest possible outcome
     * @param hi         largest possible outcome
     * @param alpha      1 minus the coverage of the Imbens-Manski interval
     * @throws UserInputException when an arm is empty or an outcome lies outside [lo, hi]
     */
    public static TreatmentEffectBounds of(String assumption, double[] t, double[] y, double lo, double hi, double alpha) {
        int n = t.length;
        int n1 = 0;
        double s1 = 0;
        double s0 = 0;
        for (int i = 0; i < n; i++) {
            if (y[i] < lo || y[i] > hi) {
                throw new UserInputException("outcome value " + y[i] + " (row " + (i + 1) + ") lies outside the outcome range [" + lo + ", "
                        + hi + "]; widen --outcome-range");
            }
            if (t[i] == 1) {
                n1++;
                s1 += y[i];
            } else {
                s0 += y[i];
            }
        }
        int n0 = n - n1;
        if (n1 < 2 || n0 < 2) {
            throw new UserInputException("bounds need at least two treated and two untreated units, got " + n1 + " and " + n0);
        }
        // per-unit terms whose means are the worst-case bounds
        double[] zl = new double[n];
        double[] zu = new double[n];
        for (int i = 0; i < n; i++) {
            boolean d = t[i] == 1;
            zl[i] = d ? y[i] - hi : lo - y[i];
            zu[i] = d ? y[i] - lo : hi - y[i];
        }
        double m1 = s1 / n1;
        double m0 = s0 / n0;
        double v1 = 0;
        double v0 = 0;
        for (int i = 0; i < n; i++) {
            if (t[i] == 1) {
                v1 += (y[i] - m1) * (y[i] - m1);
            } else {
                v0 += (y[i] - m0) * (y[i] - m0);
            }
        }
        double naive = m1 - m0;
        double seNaive = Math.sqrt(v1 / (n1 - 1) / n1 + v0 / (n0 - 1) / n0);
        double worstLower = mean(zl);
        double worstUpper = mean(zu);
        double seWorstLower = sdOfMean(zl);
        double seWorstUpper = sdOfMean(zu);
        double l;
        double u;
        double sl;
        double su;
        switch (assumption) {
            case "manski" -> { l = worstLower; u = worstUpper; sl = seWorstLower; su = seWorstUpper; }
            case "mtr" -> { l = 0; u = worstUpper; sl = 0; su = seWorstUpper; }
            case "mts" -> { l = worstLower; u = naive; sl = seWorstLower; su = seNaive; }
            case "mtr+mts" -> { l = 0; u = naive; sl = 0; su = seNaive; }
            default -> throw new UserInputException("bounds assumption must be manski, mtr, mts or mtr+mts, got '" + assumption + "'");
        }
        boolean contradicted = u < l;
        double c = imbensManskiCritical(Math.max(0, u - l), Math.max(sl, su), alpha);
        return new TreatmentEffectBounds(assumption, l, u, sl, su, l - c * sl, u + c * su, contradicted);
    }

    /**
     * The Imbens-Manski (2004) critical value: c with Phi(c + width / se) - Phi(-c) = 1 - alpha; the
     * two-sided normal value when the width is 0, the one-sided one as the width grows.
     */
    static double imbensManskiCritical(double width, double se, double alpha) {
        if (se == 0) {
            return 0;
        }
        double r = width / se;
        double a = 0;
        double b = NORMAL.inverseCumulativeProbability(1 - alpha / 2);
        for (int it = 0; it < 200; it++) {
            double mid = (a + b) / 2;
            if (NORMAL.cumulativeProbability(mid + r) - NORMAL.cumulativeProbability(-mid) < 1 - alpha) {
                a = mid;
            } else {
                b = mid;
            }
        }
        return (a + b) / 2;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double sdOfMean(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1) / v.length);
    }
}
