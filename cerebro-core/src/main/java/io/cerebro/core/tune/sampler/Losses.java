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

    /** @return each row's non-domination rank (0 = not dominated by any row). */
    public static int[] paretoRanks(double[][] v) {
        int n = v.length;
        int[] rank = new int[n];
        java.util.Arrays.fill(rank, -1);
        List<Integer> left = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            left.add(i);
        }
        int r = 0;
        while (!left.isEmpty()) {
            List<Integer> front = new ArrayList<>();
            for (int i : left) {
                boolean dominated = false;
                for (int j : left) {
                    if (j != i && dominates(v[j], v[i])) {
                        dominated = true;
                        break;
                    }
                }
                if (!dominated) {
                    front.add(i);
                }
            }
            for (int i : front) {
                rank[i] = r;
            }
            left.removeAll(front);
            r++;
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
