package io.cerebro.core.ab.frequentist;

import io.cerebro.core.ab.AbMethod;

import io.cerebro.core.ab.ArmStats;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.result.Statistic;
import io.cerebro.core.spec.Alternative;

/**
 * Tests of two conversion rates from counts: the pooled two-proportion z-test with Wald and
 * Newcombe intervals, Pearson's chi-square test of the 2x2 table (with and without Yates'
 * correction) and Fisher's exact test. An arm's successes are {@link ArmStats#sum()}.
 */
public final class ProportionTests {
    /**
     * Fisher's test enumerates the hypergeometric support; beyond this many tables {@code auto} leaves
     * it out (at that size the chi-square and z-test agree with it to many digits, and enumerating
     * costs a noticeable share of a ten-million-row run). {@code --test fisher} computes it at any size.
     */
    public static final long FISHER_CHEAP_SUPPORT = 200_000L;

    private ProportionTests() {
    }

    /**
     * Two-proportion z-test ({@code ab.z_proportions}): z from the pooled variance (statsmodels
     * {@code proportions_ztest}), estimate and interval from the unpooled Wald standard error, plus
     * the Newcombe hybrid-score interval ({@code newcombe_lower/upper}) and the relative lift.
     */
    public static Estimate zTest(ArmStats c, ArmStats t, double alpha, Alternative alt) {
        double pc = c.sum() / c.n();
        double pt = t.sum() / t.n();
        double pooled = (c.sum() + t.sum()) / (c.n() + t.n());
        double sePooled = Math.sqrt(pooled * (1 - pooled) * (1.0 / c.n() + 1.0 / t.n()));
        double diff = pt - pc;
        double z = diff / sePooled;
        double vc = pc * (1 - pc) / c.n();
        double vt = pt * (1 - pt) / t.n();
        double seWald = Math.sqrt(vc + vt);
        double q = Inference.normalCritical(alpha, alt);
        double[] newcombe = newcombe(t.sum(), t.n(), c.sum(), c.n(), alt == Alternative.TWO_SIDED ? alpha : 2 * alpha);
        Estimate.Builder b = Estimate.builder(t.arm() + " vs " + c.arm(), AbMethod.Z_PROPORTIONS.id())
                .estimand("difference in proportions (" + t.arm() + " - " + c.arm() + ")")
                .estimate(diff).standardError(seWald)
                .interval(Inference.interval(diff, seWald, q, alt, alpha))
                .pValue(Inference.normalPValue(z, alt)).statistic(Statistic.of("z", z))
                .extra("newcombe_lower", alt == Alternative.LESS ? Double.NEGATIVE_INFINITY : newcombe[0])
                .extra("newcombe_upper", alt == Alternative.GREATER ? Double.POSITIVE_INFINITY : newcombe[1]);
        Inference.putRelativeLift(b, pt, pc, vt, vc, q, alt);
        return b.build();
    }

    /**
     * Newcombe's hybrid score interval for p1 - p2 (his method 10) from Wilson intervals at level
     * 1 - alpha, as statsmodels {@code confint_proportions_2indep(method='newcomb')}.
     *
     * @return {lower, upper}
     */
    public static double[] newcombe(double x1, long n1, double x2, long n2, double alpha) {
        double p1 = x1 / n1;
        double p2 = x2 / n2;
        double[] w1 = wilson(p1, n1, alpha);
        double[] w2 = wilson(p2, n2, alpha);
        double d = p1 - p2;
        double dLow = Math.sqrt(Math.pow(p1 - w1[0], 2) + Math.pow(w2[1] - p2, 2));
        double dUpp = Math.sqrt(Math.pow(p2 - w2[0], 2) + Math.pow(w1[1] - p1, 2));
        return new double[]{d - dLow, d + dUpp};
    }

    /** @return the two-sided Wilson score interval {lower, upper} for a proportion at level 1 - alpha. */
    public static double[] wilson(double p, long n, double alpha) {
        double z = Inference.STD_NORMAL.inverseCumulativeProbability(1 - alpha / 2);
        double z2 = z * z;
        double denom = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denom;
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denom;
        return new double[]{centre - half, centre + half};
    }

    /**
     * Pearson's chi-square test of the 2x2 table arm/control x success/failure ({@code ab.chi_square}).
     * The statistic is Yates-corrected, as scipy {@code chi2_contingency} by default; the
     * uncorrected statistic and p-value are in {@code chi2_uncorrected}, {@code p_uncorrected}. A
     * one-sided alternative uses the signed root of the statistic as a normal deviate. The estimate
     * is the difference in proportions.
     */
    public static Estimate chiSquare(ArmStats c, ArmStats t, double alpha, Alternative alt) {
        double[][] obs = {{t.sum(), t.n() - t.sum()}, {c.sum(), c.n() - c.sum()}};
        double corrected = chi2(obs, true);
        double uncorrected = chi2(obs, false);
        double diff = t.sum() / t.n() - c.sum() / c.n();
        double p;
        double pU;
        if (alt == Alternative.TWO_SIDED) {
            p = Inference.chiSquareSf(corrected, 1);
            pU = Inference.chiSquareSf(uncorrected, 1);
        } else {
            p = Inference.normalPValue(Math.signum(diff) * Math.sqrt(corrected), alt);
            pU = Inference.normalPValue(Math.signum(diff) * Math.sqrt(uncorrected), alt);
        }
        return Estimate.builder(t.arm() + " vs " + c.arm(), AbMethod.CHI_SQUARE.id())
                .estimand("association of arm and outcome in the 2x2 table (estimate: " + t.arm() + " - " + c.arm()
                        + " difference in proportions)")
                .estimate(diff).pValue(p).statistic(Statistic.of("chi2", corrected, 1))
                .extra("chi2_uncorrected", uncorrected).extra("p_uncorrected", pU).build();
    }

    /** Pearson's statistic of a 2x2 table; Yates' correction moves each cell at most 0.5 towards its expectation. */
    static double chi2(double[][] obs, boolean yates) {
        double r0 = obs[0][0] + obs[0][1];
        double r1 = obs[1][0] + obs[1][1];
        double c0 = obs[0][0] + obs[1][0];
        double c1 = obs[0][1] + obs[1][1];
        double n = r0 + r1;
        double[][] e = {{r0 * c0 / n, r0 * c1 / n}, {r1 * c0 / n, r1 * c1 / n}};
        double s = 0;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                double d = obs[i][j] - e[i][j];
                if (yates) {
                    d = Math.signum(d) * Math.max(0, Math.abs(d) - 0.5);
                }
                s += d * d / e[i][j];
            }
        }
        return s;
    }

    /** @return the size of the hypergeometric support Fisher's test would enumerate. */
    public static long fisherSupport(ArmStats c, ArmStats t) {
        long a = Math.round(t.sum()) + Math.round(c.sum());
        long b = (t.n() + c.n()) - a;
        return Math.min(Math.min(a, b), Math.min(t.n(), c.n())) + 1;
    }

    /**
     * Fisher's exact test of the table [[x_arm, n_arm - x_arm], [x_ctl, n_ctl - x_ctl]] ({@code ab.fisher}).
     * The estimate is the sample odds ratio; the interval is Woolf's log-odds-ratio interval
     * (statsmodels {@code Table2x2.oddsratio_confint}). Two-sided p sums the tables no more likely
     * than the observed one (relative tolerance 1e-7, as R), as scipy {@code fisher_exact};
     * {@code greater} means a larger odds of success in the arm.
     */
    public static Estimate fisher(ArmStats c, ArmStats t, double alpha, Alternative alt) {
        long a = Math.round(t.sum());
        long b = t.n() - a;
        long cc = Math.round(c.sum());
        long d = c.n() - cc;
        double p = fisherPValue(a, b, cc, d, alt);
        double num = (double) a * d;
        double den = (double) b * cc;
        // a zero cell: the sample odds ratio is infinite (or undefined when both products vanish)
        Double or = den != 0 ? num / den : num != 0 ? Double.POSITIVE_INFINITY : null;
        Estimate.Builder e = Estimate.builder(t.arm() + " vs " + c.arm(), AbMethod.FISHER.id())
                .estimand("odds ratio of success (" + t.arm() + " / " + c.arm() + ")")
                .estimate(or).pValue(p);
        if (a > 0 && b > 0 && cc > 0 && d > 0) {
            double se = Math.sqrt(1.0 / a + 1.0 / b + 1.0 / cc + 1.0 / d);
            double q = Inference.normalCritical(alpha, alt);
            double lor = Math.log(num / den);
            e.interval(Inference.bounds(Math.exp(lor - q * se), Math.exp(lor + q * se), alt, alpha));
            e.extra("log_odds_ratio_se", se);
        }
        return e.build();
    }

    /** Fisher's exact p-value of the 2x2 table [[a, b], [c, d]]. */
    public static double fisherPValue(long a, long b, long c, long d, Alternative alt) {
        long row1 = a + b;
        long col1 = a + c;
        long n = a + b + c + d;
        long lo = Math.max(0, col1 - (n - row1));
        long hi = Math.min(row1, col1);
        int size = Math.toIntExact(hi - lo + 1);
        // relative probabilities from the mode outwards by the pmf ratio, then normalised: exact to rounding
        double[] w = new double[size];
        long mode = (long) Math.floor((row1 + 1.0) * (col1 + 1.0) / (n + 2.0));
        mode = Math.max(lo, Math.min(hi, mode));
        int m = (int) (mode - lo);
        w[m] = 1.0;
        for (int i = m; i < size - 1; i++) {
            long x = lo + i;
            w[i + 1] = w[i] * ((double) (row1 - x) * (col1 - x)) / ((double) (x + 1) * (n - row1 - col1 + x + 1));
        }
        for (int i = m; i > 0; i--) {
            long x = lo + i;
            w[i - 1] = w[i] * ((double) x * (n - row1 - col1 + x)) / ((double) (row1 - x + 1) * (col1 - x + 1));
        }
        double total = 0;
        for (double v : w) {
            total += v;
        }
        int obs = (int) (a - lo);
        double s = 0;
        switch (alt) {
            case GREATER -> {
                for (int i = obs; i < size; i++) {
                    s += w[i];
                }
            }
            case LESS -> {
                for (int i = 0; i <= obs; i++) {
                    s += w[i];
                }
            }
            case TWO_SIDED -> {
                double cut = w[obs] * (1 + 1e-7);
                for (double v : w) {
                    if (v <= cut) {
                        s += v;
                    }
                }
            }
        }
        return Math.min(1.0, s / total);
    }

    /**
     * Pearson's chi-square test of independence of arm and outcome over all k arms (a k x 2 table,
     * no continuity correction), as scipy {@code chi2_contingency(table, correction=False)}: the
     * omnibus test for a binary outcome with three or more arms.
     */
    public static Estimate chiSquareAllArms(java.util.List<ArmStats> arms) {
        double n = 0;
        double successes = 0;
        for (ArmStats a : arms) {
            n += a.n();
            successes += a.sum();
        }
        double rate = successes / n;
        double chi2 = 0;
        for (ArmStats a : arms) {
            double expS = a.n() * rate;
            double expF = a.n() * (1 - rate);
            double s = a.sum();
            double f = a.n() - s;
            chi2 += (s - expS) * (s - expS) / expS + (f - expF) * (f - expF) / expF;
        }
        double df = arms.size() - 1;
        return Estimate.builder("all arms", AbMethod.CHI_SQUARE.id()).estimand("equality of the arms' conversion rates (k x 2 table)")
                .pValue(Inference.chiSquareSf(chi2, df)).statistic(Statistic.of("chi2", chi2, df)).build();
    }
}
