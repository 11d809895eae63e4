package io.cerebro.core.causal.observational;

import io.cerebro.core.error.UserInputException;
import io.cerebro.core.spec.Estimand;
import io.cerebro.core.stats.LinearModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Nearest-neighbour matching (1:k) on a distance: the propensity score (a scalar, searched by
 * sorting) or whitened covariates (Mahalanobis distance, searched with a k-d tree).
 *
 * <p><b>With replacement</b> it follows R's {@code Matching::Match(..., replace = TRUE, ties = TRUE)}:
 * each focal unit is matched to its k nearest units of the other group plus every unit tied with
 * the k-th (distances within {@value #TIE_TOLERANCE} after scaling), tied matches share the unit's
 * weight, and the standard error is the Abadie-Imbens (2006) variance with a homoskedastic
 * conditional variance, as {@code Match} reports it by default ({@code Var.calc = 0}), including its
 * convention that focal units dropped by a caliper stay in the variance's denominator.
 *
 * <p><b>Without replacement</b> it is the greedy algorithm documented for {@code MatchIt::matchit(method = "nearest")}: focal
 * units taken from the largest propensity score down ({@code m.order = "largest"}; for the ATC the
 * controls, from the smallest score up), each taking the nearest still-unused unit (the one earliest
 * in the data among exact ties); with k &gt; 1 every focal unit gets its first match before any gets
 * its second. The standard error is that of the weighted regression of the outcome on treatment in
 * the matched sample, clustered on the matched set (CR1, as {@code sandwich::vcovCL}).
 */
public final class MatchingEstimator {
    /** Distances within this of the k-th nearest count as ties (Matching's {@code distance.tolerance}). */
    public static final double TIE_TOLERANCE = 1e-5;

    private MatchingEstimator() {
    }

    /**
     * The matched sample and the effect estimated from it.
     *
     * @param estimate        the matching estimate (treated minus control)
     * @param standardError   Abadie-Imbens (with replacement) or pair-clustered (without)
     * @param seKind          which standard error
     * @param focalMatched    focal units that found a match
     * @param focalDropped    focal units dropped by the caliper (or left over without replacement)
     * @param distinctMatched distinct units used as matches
     * @param weights         matched-sample weight of every unit (0 when unused), for balance checks
     * @param pairDifferences per focal unit, its outcome difference treated minus control (for Rosenbaum bounds)
     */
    public record Result(double estimate, double standardError, String seKind, int focalMatched, int focalDropped,
                         int distinctMatched, double[] weights, double[] pairDifferences) {
    }

    /**
     * Matches and estimates.
     *
     * @param points   per unit, its coordinates: {score} or whitened covariates
     * @param t        0/1 treatment
     * @param y        outcome
     * @param estimand ATT, ATC or ATE (ATE needs replacement)
     * @param k        matches per focal unit
     * @param replace  match with replacement
     * @param caliper  maximum distance in the units of {@code points} (infinite for none)
     * @param scale    divide distances by this before comparing with the tie tolerance (the score's SD)
     */
    public static Result estimate(double[][] points, double[] t, double[] y, Estimand estimand, int k, boolean replace,
                                  double caliper, double scale) {
        if (!replace && estimand == Estimand.ATE) {
            throw new UserInputException("matching without replacement estimates the ATT or the ATC, not the ATE; "
                    + "use --replacement or --estimand att");
        }
        return replace ? withReplacement(points, t, y, estimand, k, caliper, scale)
                : withoutReplacement(points, t, y, estimand, k, caliper);
    }

    private static NeighbourIndex index(double[][] points, int[] pool) {
        if (points[0].length == 1) {
            double[] s = new double[pool.length];
            for (int j = 0; j < pool.length; j++) {
                s[j] = points[pool[j]][0];
            }
            return ScoreIndex.of(s);
        }
        double[][] p = new double[pool.length][];
        for (int j = 0; j < pool.length; j++) {
            p[j] = points[pool[j]];
        }
        return new KdTree(p);
    }

    private static ScoreRangeMatcher range(double[][] points, int[] pool, double[] y) {
        double[] s = new double[pool.length];
        for (int j = 0; j < pool.length; j++) {
            s[j] = points[pool[j]][0];
        }
        return new ScoreRangeMatcher(s, pool, y);
    }

    private static int[] group(double[] t, double v) {
        return IntStream.range(0, t.length).filter(i -> t[i] == v).toArray();
    }

    private static Result withReplacement(double[][] points, double[] t, double[] y, Estimand estimand, int k,
                                          double caliper, double scale) {
        int n = t.length;
        int[] treated = group(t, 1);
        int[] controls = group(t, 0);
        boolean scalar = points[0].length == 1;
        NeighbourIndex toControls = !scalar && estimand != Estimand.ATC ? index(points, controls) : null;
        NeighbourIndex toTreated = !scalar && estimand != Estimand.ATT ? index(points, treated) : null;
        ScoreRangeMatcher rangeC = scalar && estimand != Estimand.ATC ? range(points, controls, y) : null;
        ScoreRangeMatcher rangeT = scalar && estimand != Estimand.ATT ? range(points, treated, y) : null;
        double tol = TIE_TOLERANCE * scale * scale;
        double[] kCount = new double[n];
        double[] kkCount = new double[n];
        double[] tau = new double[n];
        boolean[] matched = new boolean[n];
        // sigma^2 needs the weighted squared deviations of every pair difference from the final estimate;
        // the match sets are not kept (with many ties they would not fit in memory), only shifted sums
        int focal = 0;
        double shift = Double.NaN;
        double pairSq = 0;
        // k-d tree searches are read-only and independent: run them in parallel, accumulate in order
        int[][] kdFound = null;
        if (!scalar) {
            int[][] f = new int[n][];
            java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
                boolean isT = t[i] == 1;
                if ((estimand == Estimand.ATT && !isT) || (estimand == Estimand.ATC && isT)) {
                    return;
                }
                f[i] = (isT ? toControls : toTreated).nearest(points[i], k, tol, caliper);
            });
            kdFound = f;
        }
        for (int i = 0; i < n; i++) {
            boolean isT = t[i] == 1;
            if ((estimand == Estimand.ATT && !isT) || (estimand == Estimand.ATC && isT)) {
                continue;
            }
            if (scalar) {
                ScoreRangeMatcher rm = isT ? rangeC : rangeT;
                int[] set = rm.match(points[i][0], k, tol, caliper);
                if (set == null) {
                    continue;
                }
                int m = set[1] - set[0];
                double mean = rm.meanOutcome(set[0], set[1]);
                tau[i] = isT ? y[i] - mean : mean - y[i];
                if (Double.isNaN(shift)) {
                    shift = tau[i];
                }
                double w = 1.0 / m;
                rm.use(set[0], set[1], w);
                // pair - shift = +-(y_i - y_j) - shift: sum over j of (a - y_j)^2 with a = y_i - shift (treated)
                // or a = y_i + shift (control, where pair - shift = -(y_i + shift - y_j))
                double a = isT ? y[i] - shift : y[i] + shift;
                pairSq += w * rm.sumSquaredDifferences(set[0], set[1], a);
                matched[i] = true;
                focal++;
                continue;
            }
            int[] pool = isT ? controls : treated;
            int[] found = kdFound[i];
            if (found.length == 0) {
                continue;
            }
            double mean = 0;
            for (int f : found) {
                mean += y[pool[f]];
            }
            mean /= found.length;
            tau[i] = isT ? y[i] - mean : mean - y[i];
            if (Double.isNaN(shift)) {
                shift = tau[i];
            }
            double w = 1.0 / found.length;
            for (int f : found) {
                int j = pool[f];
                kCount[j] += w;
                kkCount[j] += w * w;
                double pair = (isT ? y[i] - y[j] : y[j] - y[i]) - shift;
                pairSq += w * pair * pair;
            }
            matched[i] = true;
            focal++;
        }
        if (rangeC != null) {
            rangeC.addCounts(kCount, kkCount);
        }
        if (rangeT != null) {
            rangeT.addCounts(kCount, kkCount);
        }
        int eligible = estimand == Estimand.ATT ? treated.length : estimand == Estimand.ATC ? controls.length : n;
        if (focal == 0) {
            throw new UserInputException("no unit found a match within the caliper; widen --caliper or drop it");
        }
        double est = 0;
        for (int i = 0; i < n; i++) {
            if (matched[i]) {
                est += tau[i];
            }
        }
        est /= focal;
        double s2 = pairSq - focal * (est - shift) * (est - shift);
        double sigma2 = 0.5 * s2 / focal;
        double var = 0;
        boolean ate = estimand == Estimand.ATE;
        for (int i = 0; i < n; i++) {
            if (matched[i]) {
                var += (tau[i] - est) * (tau[i] - est);
            }
            boolean inPool = ate || (estimand == Estimand.ATT ? t[i] == 0 : t[i] == 1);
            if (inPool) {
                var += sigma2 * (kCount[i] * kCount[i] - kkCount[i] + (ate ? 2 * kCount[i] : 0));
            }
        }
        // Match keeps focal units dropped by the caliper in the variance's denominator, each adding
        // (0 - est)^2; reproduced so that the standard error is the one Match reports
        var += (double) (eligible - focal) * est * est;
        double sn = eligible;
        double se = Math.sqrt(var) / sn;
        double[] weights = new double[n];
        double[] diffs = new double[focal];
        int d = 0;
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            weights[i] = (matched[i] ? 1 : 0) + kCount[i];
            if (matched[i]) {
                diffs[d++] = tau[i];
            }
            if (kCount[i] > 0) {
                distinct++;
            }
        }
        return new Result(est, se, "Abadie-Imbens", focal, eligible - focal, distinct, weights, diffs);
    }

    private static Result withoutReplacement(double[][] points, double[] t, double[] y, Estimand estimand, int k,
                                             double caliper) {
        int n = t.length;
        boolean att = estimand == Estimand.ATT;
        int[] focalUnits = group(t, att ? 1 : 0);
        int[] pool = group(t, att ? 0 : 1);
        NeighbourIndex idx = index(points, pool);
        // MatchIt's m.order = "largest": focal units by descending propensity of being focal
        Integer[] order = new Integer[focalUnits.length];
        for (int a = 0; a < order.length; a++) {
            order[a] = focalUnits[a];
        }
        if (points[0].length == 1) {
            Comparator<Integer> byScore = Comparator.comparingDouble(i -> points[i][0]);
            Arrays.sort(order, att ? byScore.reversed().thenComparingInt(i -> i) : byScore.thenComparingInt(i -> i));
        }
        int[] setOf = new int[n];
        Arrays.fill(setOf, -1);
        int[] matchesOf = new int[n];
        boolean exhausted = false;
        for (int round = 0; round < k && !exhausted; round++) {
            for (int i : order) {
                if (round > 0 && setOf[i] < 0) {
                    continue;
                }
                int j = idx.nearestOne(points[i], caliper);
                if (j < 0) {
                    continue;
                }
                idx.remove(j);
                int unit = pool[j];
                setOf[i] = i;
                setOf[unit] = i;
                matchesOf[i]++;
            }
        }
        int focal = 0;
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (setOf[i] >= 0) {
                rows.add(i);
            }
            if (setOf[i] == i) {
                focal++;
            }
        }
        if (focal == 0) {
            throw new UserInputException("no unit found a match within the caliper; widen --caliper or drop it");
        }
        if (focal < 2) {
            throw new UserInputException("only one matched set; a standard error needs at least two; widen --caliper");
        }
        int m = rows.size();
        double[][] x = new double[m][];
        double[] yy = new double[m];
        double[] w = new double[m];
        int[] cluster = new int[m];
        double[] weights = new double[n];
        for (int r = 0; r < m; r++) {
            int i = rows.get(r);
            x[r] = new double[]{1, t[i]};
            yy[r] = y[i];
            boolean isFocal = setOf[i] == i;
            w[r] = isFocal ? 1 : 1.0 / matchesOf[setOf[i]];
            weights[i] = w[r];
            cluster[r] = setOf[i];
        }
        LinearModel lm = LinearModel.fitWeighted(new String[]{"(Intercept)", "treated"}, x, yy, w);
        double est = lm.coefficient("treated");
        double se = Math.sqrt(lm.covCluster(cluster)[1][1]);
        double[] diffs = new double[focal];
        double[] sum = new double[n];
        for (int i : rows) {
            if (setOf[i] != i) {
                sum[setOf[i]] += y[i];
            }
        }
        int d = 0;
        for (int i = 0; i < n; i++) {
            if (setOf[i] == i) {
                double mean = sum[i] / matchesOf[i];
                diffs[d++] = t[i] == 1 ? y[i] - mean : mean - y[i];
            }
        }
        return new Result(est, se, "cluster-robust on matched sets (CR1)", focal, focalUnits.length - focal,
                m - focal, weights, diffs);
    }
}
