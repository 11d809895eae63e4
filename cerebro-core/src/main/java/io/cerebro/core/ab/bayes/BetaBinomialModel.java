package io.cerebro.core.ab.bayes;

import org.hipparchus.analysis.solvers.BrentSolver;
import org.hipparchus.special.Beta;

import java.util.List;

/**
 * The Beta-Binomial model of conversion rates: each arm's rate has a Beta posterior, and arms are
 * compared by the probability that one rate exceeds another, the expected loss of a choice and an
 * equal-tailed credible interval of the difference.
 */
public final class BetaBinomialModel {
    private static final int PANELS = 64;

    private BetaBinomialModel() {
    }

    /**
     * P(p_B > p_A), exactly: the closed-form finite sum (Evan Miller's formula) over whichever
     * posterior parameter is an integer with the fewest terms, summed in log space; by numerical
     * integration when no parameter is an integer (a fractional prior on fractional counts).
     */
    public static double probGreater(BetaPosterior a, BetaPosterior b) {
        double best = Double.POSITIVE_INFINITY;
        int option = -1;
        double[] terms = {b.alpha(), b.beta() /* complement */, a.beta(), a.alpha() /* complement */};
        for (int i = 0; i < 4; i++) {
            if (isInteger(terms[i]) && terms[i] + (i % 2) * 1e6 < best) {
                best = terms[i] + (i % 2) * 1e6; // prefer the direct sums, which keep small probabilities accurate
                option = i;
            }
        }
        return switch (option) {
            case 0 -> sum(a.alpha(), a.beta(), b.alpha(), b.beta());
            // P(pB > pA) = P(1-pA > 1-pB): Beta(bB, aB) against Beta(bA, aA)
            case 2 -> sum(b.beta(), b.alpha(), a.beta(), a.alpha());
            case 1 -> 1 - sum(a.beta(), a.alpha(), b.beta(), b.alpha());
            case 3 -> 1 - sum(b.alpha(), b.beta(), a.alpha(), a.beta());
            default -> Quadrature.integrate(x -> b.density(x) * a.cdf(x), b.range()[0], b.range()[1], PANELS);
        };
    }

    private static boolean isInteger(double v) {
        return v == Math.rint(v) && v >= 1 && v < 1e9;
    }

    /**
     * sum_{i < aB} B(aA + i, bA + bB) / ((bB + i) B(1 + i, bB) B(aA, bA)). The terms are unimodal
     * (their ratio falls with i), so the largest one is computed directly from log-Beta functions
     * and the others by walking outwards with the exact term ratio
     * (aA + i)(bB + i) / ((aA + bA + bB + i)(1 + i)) until they drop below e^-60 of the peak: no
     * rounding accumulates over the hundreds of thousands of terms a large experiment has.
     */
    private static double sum(double aA, double bA, double aB, double bB) {
        long k = (long) aB;
        double total = aA + bA + bB;
        long peak = (long) Math.floor((aA * bB - total) / (bA + 1));
        peak = Math.max(0, Math.min(k - 1, peak));
        double logPeak = Beta.logBeta(aA + peak, bA + bB) - Math.log(bB + peak) - Beta.logBeta(1.0 + peak, bB)
                - Beta.logBeta(aA, bA);
        double s = 1;
        double l = 0;
        for (long i = peak; i < k - 1 && l > -60; i++) {
            l += Math.log((aA + i) * (bB + i)) - Math.log((total + i) * (1.0 + i));
            s += Math.exp(l);
        }
        l = 0;
        for (long i = peak - 1; i >= 0 && l > -60; i--) {
            l -= Math.log((aA + i) * (bB + i)) - Math.log((total + i) * (1.0 + i));
            s += Math.exp(l);
        }
        return Math.exp(logPeak + Math.log(s));
    }

    /**
     * Expected loss of choosing B over A, E[max(p_A - p_B, 0)], in closed form (Stucchio):
     * E[p_A] P(Beta(aA+1, bA) > p_B) - E[p_B] P(p_A > Beta(aB+1, bB)).
     */
    public static double expectedLoss(BetaPosterior a, BetaPosterior b) {
        double first = a.mean() * probGreater(b, new BetaPosterior(a.alpha() + 1, a.beta()));
        double second = b.mean() * probGreater(new BetaPosterior(b.alpha() + 1, b.beta()), a);
        return Math.max(0, first - second);
    }

    /** @return P(p_B - p_A <= d), by quadrature over A's posterior. */
    public static double differenceCdf(BetaPosterior a, BetaPosterior b, double d) {
        double[] r = a.range();
        return Quadrature.integrate(x -> a.density(x) * b.cdf(x + d), r[0], r[1], PANELS);
    }

    /** @return the {@code prob} quantile of p_B - p_A. */
    public static double differenceQuantile(BetaPosterior a, BetaPosterior b, double prob) {
        double m = b.mean() - a.mean();
        double sd = Math.sqrt(a.variance() + b.variance());
        double lo = Math.max(-1, m - 20 * sd);
        double hi = Math.min(1, m + 20 * sd);
        return new BrentSolver(1e-13, 1e-15).solve(200, d -> differenceCdf(a, b, d) - prob, lo, hi, m);
    }

    /**
     * P(each arm has the highest rate) = integral of f_i(x) prod_{j != i} F_j(x) dx, by quadrature
     * (deterministic; no Monte Carlo error).
     */
    public static double[] probabilityBest(List<BetaPosterior> arms) {
        double[] out = new double[arms.size()];
        for (int i = 0; i < arms.size(); i++) {
            BetaPosterior pi = arms.get(i);
            int self = i;
            double[] r = pi.range();
            out[i] = Quadrature.integrate(x -> {
                double v = pi.density(x);
                for (int j = 0; j < arms.size() && v > 0; j++) {
                    if (j != self) {
                        v *= arms.get(j).cdf(x);
                    }
                }
                return v;
            }, r[0], r[1], 4 * PANELS);
        }
        return out;
    }
}
