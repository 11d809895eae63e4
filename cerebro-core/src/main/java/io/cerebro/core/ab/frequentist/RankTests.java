package io.cerebro.core.ab.frequentist;

import io.cerebro.core.ab.AbMethod;

import io.cerebro.core.result.Estimate;
import io.cerebro.core.result.Statistic;
import io.cerebro.core.spec.Alternative;

import java.util.Arrays;
import java.util.List;

/**
 * Rank tests: Mann-Whitney U for an arm against control and Kruskal-Wallis H over all arms. Both
 * work from rank sums (midranks for ties) and the tie term {@code sum(t^3 - t)} over groups of tied
 * values, which the engine computes inside DuckDB, so no rows reach Java; the exact Mann-Whitney
 * distribution needs the values themselves and is used only for small tie-free samples.
 */
public final class RankTests {
    /** scipy's {@code method='auto'} rule: exact when an arm has at most this many rows and there are no ties. */
    public static final int EXACT_MAX_SMALL_ARM = 8;
    /** The exact distribution costs O(m^2 n^2); beyond this many rows in the larger arm the normal approximation is used. */
    public static final int EXACT_MAX_LARGE_ARM = 2000;

    private RankTests() {
    }

    /**
     * Rank sums of one arm-versus-control comparison.
     *
     * @param nArm        rows in the arm
     * @param nControl    rows in control
     * @param rankSumArm  sum of the arm's midranks in the pooled sample
     * @param tieTerm     sum over groups of tied values of t^3 - t
     */
    public record PairRanks(long nArm, long nControl, double rankSumArm, double tieTerm) {
    }

    /**
     * Mann-Whitney U with the tie-corrected normal approximation and continuity correction, as scipy
     * {@code mannwhitneyu(x_arm, x_control, use_continuity=True, method='asymptotic')}.
     * The statistic is U of the arm; the estimate U/(n_arm n_control) is the probability of superiority.
     */
    public static Estimate mannWhitney(String arm, String control, PairRanks r, Alternative alt) {
        double n1 = r.nArm();
        double n2 = r.nControl();
        double u1 = r.rankSumArm() - n1 * (n1 + 1) / 2;
        double u2 = n1 * n2 - u1;
        double n = n1 + n2;
        double mu = n1 * n2 / 2;
        double s = Math.sqrt(n1 * n2 / 12 * ((n + 1) - r.tieTerm() / (n * (n - 1))));
        double u = switch (alt) {
            case TWO_SIDED -> Math.max(u1, u2);
            case GREATER -> u1;
            case LESS -> u2;
        };
        double z = (u - mu - 0.5) / s;
        double p = Inference.STD_NORMAL.cumulativeProbability(-z) * (alt == Alternative.TWO_SIDED ? 2 : 1);
        return estimate(arm, control, u1, n1 * n2, Math.min(1, Math.max(0, p)), false);
    }

    /**
     * Mann-Whitney U with the exact null distribution of U (no ties allowed), as scipy
     * {@code mannwhitneyu(..., method='exact')}.
     */
    public static Estimate mannWhitneyExact(String arm, String control, double[] xArm, double[] xControl, Alternative alt) {
        double u1 = 0;
        for (double a : xArm) {
            for (double c : xControl) {
                u1 += a > c ? 1 : (a == c ? 0.5 : 0);
            }
        }
        int n1 = xArm.length;
        int n2 = xControl.length;
        long u2 = (long) n1 * n2 - Math.round(u1);
        long u = switch (alt) {
            case TWO_SIDED -> Math.max(Math.round(u1), u2);
            case GREATER -> Math.round(u1);
            case LESS -> u2;
        };
        double p = exactUpperTail(Math.min(n1, n2), Math.max(n1, n2), u) * (alt == Alternative.TWO_SIDED ? 2 : 1);
        return estimate(arm, control, u1, (double) n1 * n2, Math.min(1, p), true);
    }

    /** @return whether scipy's rule picks the exact test for these sizes (ties are checked by the caller). */
    public static boolean exactApplies(long nArm, long nControl) {
        return Math.min(nArm, nControl) <= EXACT_MAX_SMALL_ARM && Math.max(nArm, nControl) <= EXACT_MAX_LARGE_ARM;
    }

    /** @return P(U >= u) under the null for samples of sizes m <= n without ties. */
    static double exactUpperTail(int m, int n, long u) {
        // counts of nondecreasing sequences 0 <= a_1 <= ... <= a_m <= n with sum s (= U): add the values v = 0..n in turn
        int max = m * n;
        double[][] dp = new double[m + 1][max + 1];
        dp[0][0] = 1;
        for (int v = 0; v <= n; v++) {
            for (int j = 1; j <= m; j++) {
                double[] cur = dp[j];
                double[] prev = dp[j - 1];
                for (int s = v; s <= Math.min(max, j * n); s++) {
                    cur[s] += prev[s - v];
                }
            }
        }
        double total = 0;
        double tail = 0;
        for (int s = 0; s <= max; s++) {
            total += dp[m][s];
            if (s >= u) {
                tail += dp[m][s];
            }
        }
        return tail / total;
    }

    private static Estimate estimate(String arm, String control, double u1, double nn, double p, boolean exact) {
        return Estimate.builder(arm + " vs " + control, AbMethod.MANN_WHITNEY.id())
                .estimand("probability of superiority P(" + arm + " > " + control + ") + P(tie)/2")
                .estimate(u1 / nn).pValue(p).statistic(Statistic.of("U", u1))
                .extra("exact", exact ? 1 : 0).build();
    }

    /**
     * Kruskal-Wallis H over all arms ({@code ab.kruskal_wallis}), tie-corrected, chi-square with k - 1
     * df, as scipy {@code kruskal}.
     *
     * @param n        rows per arm
     * @param rankSums midrank sums per arm in the pooled sample
     * @param tieTerm  sum over tie groups of t^3 - t
     */
    public static Estimate kruskalWallis(long[] n, double[] rankSums, double tieTerm) {
        double total = Arrays.stream(n).sum();
        double s = 0;
        for (int i = 0; i < n.length; i++) {
            s += rankSums[i] * rankSums[i] / n[i];
        }
        double h = 12.0 / (total * (total + 1)) * s - 3 * (total + 1);
        h /= 1 - tieTerm / (total * total * total - total);
        int df = n.length - 1;
        return Estimate.builder("all arms", AbMethod.KRUSKAL_WALLIS.id()).estimand("equality of the outcome distributions across arms")
                .pValue(Inference.chiSquareSf(h, df))
                .statistic(Statistic.of("H", h, df)).build();
    }

    /** @return whether any value occurs twice across the samples. */
    public static boolean hasTies(List<double[]> samples) {
        double[] all = samples.stream().flatMapToDouble(Arrays::stream).sorted().toArray();
        for (int i = 1; i < all.length; i++) {
            if (all[i] == all[i - 1]) {
                return true;
            }
        }
        return false;
    }
}
