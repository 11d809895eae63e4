package io.cerebro.core.tune.sampler;

import io.cerebro.core.tune.StudySpec;
import io.cerebro.core.tune.journal.Trial;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns completed trials into losses the model-based samplers minimise. One objective: its value,
 * negated when maximised. Several objectives: the trial's non-domination rank (0 for the Pareto
 * front), with ties broken by the sum of the objectives rescaled to [0,1] (a scalarisation, not
 * Optuna's hypervolume-based MOTPE).
 */
public final class Losses {
    private Losses() {
    }

    /** @return one loss per trial of {@code complete} (all complete), lower is better. */
    public static double[] of(List<Trial> complete, List<StudySpec.Direction> directions) {
        int n = complete.size();
        double[] loss = new double[n];
        if (directions.size() == 1) {
            double sign = directions.get(0) == StudySpec.Direction.MAXIMIZE ? -1 : 1;
            for (int i = 0; i < n; i++) {
                loss[i] = sign * complete.get(i).value();
            }
            return loss;
        }
        double[][] v = signed(complete, directions);
        int[] rank = paretoRanks(v);
        int m = directions.size();
        double[] lo = new double[m];
        double[] hi = new double[m];
        java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (double[] row : v) {
            for (int k = 0; k < m; k++) {
                lo[k] = Math.min(lo[k], row[k]);
                hi[k] = Math.max(hi[k], row[k]);
            }
        }
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < m; k++) {
                s += hi[k] > lo[k] ? (v[i][k] - lo[k]) / (hi[k] - lo[k]) : 0;
            }
            loss[i] = rank[i] + s / (m + 1.0);
        }
        return loss;
    }

    /** @return the objectives with maximised ones negated, so lower is better everywhere. */
    public static double[][] signed(List<Trial> complete, List<StudySpec.Direction> directions) {
        double[][] v = new double[complete.size()][directions.size()];
        for (int i = 0; i < v.length; i++) {
            for (int k = 0; k < directions.size(); k++) {
                double x = k < complete.get(i).values().size() ? complete.get(i).values().get(k) : Double.NaN;
                v[i][k] = directions.get(k) == StudySpec.Direction.MAXIMIZE ? -x : x;
            }
        }
        return v;
    }

    /**
     * @return each row's non-domination rank (0 = not dominated by any row; otherwise one more than
     * the largest rank among the rows that dominate it, which is the rank of repeated front peeling).
     * The rows are sorted lexicographically, since only an earlier row can dominate a later one. Two
     * objectives: each row goes to the first front whose smallest second objective exceeds its own,
     * found by binary search (the fronts' minima increase), O(n log n). More: each row is compared with
     * the earlier ones, O(m n²); one: the count of smaller distinct values. Never the O(fronts · n²) of peeling.
     */
    public static int[] paretoRanks(double[][] v) {
        int n = v.length;
        int[] rank = new int[n];
        if (n == 0) {
            return rank;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> java.util.Arrays.compare(v[a], v[b]));
        int m = v[0].length;
        if (m == 1) {
            for (int r = 1; r < n; r++) {
                rank[order[r]] = rank[order[r - 1]] + (v[order[r]][0] == v[order[r - 1]][0] ? 0 : 1);
            }
            return rank;
        }
        if (m == 2) {
            double[] frontMin = new double[n];
            int fronts = 0;
            for (int r = 0; r < n; r++) {
                int i = order[r];
                if (r > 0 && java.util.Arrays.equals(v[i], v[order[r - 1]])) {
                    rank[i] = rank[order[r - 1]]; // an equal row neither dominates nor is dominated by its twin
                    continue;
                }
                // the first front whose minimum second objective is above this row's: none of its rows dominates it
                int lo = 0;
                int hi = fronts;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (frontMin[mid] <= v[i][1]) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                rank[i] = lo;
                if (lo == fronts) {
                    frontMin[fronts++] = v[i][1];
                } else {
                    frontMin[lo] = Math.min(frontMin[lo], v[i][1]);
                }
            }
            return rank;
        }
        for (int r = 0; r < n; r++) {
            int i = order[r];
            int best = 0;
            for (int q = 0; q < r; q++) {
                int j = order[q];
                if (rank[j] + 1 > best && dominates(v[j], v[i])) {
                    best = rank[j] + 1;
                }
            }
            rank[i] = best;
        }
        return rank;
    }

    /** @return whether {@code a} is no worse than {@code b} everywhere and better somewhere (lower is better). */
    public static boolean dominates(double[] a, double[] b) {
        boolean better = false;
        for (int k = 0; k < a.length; k++) {
            if (a[k] > b[k]) {
                return false;
            }
            if (a[k] < b[k]) {
                better = true;
            }
        }
        return better;
    }
}
