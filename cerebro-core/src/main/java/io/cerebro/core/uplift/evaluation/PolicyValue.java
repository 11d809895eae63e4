package io.cerebro.core.uplift.evaluation;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The value of treating the top k% by score: the inverse-propensity-weighted mean outcome
 * {@code (1/N) Σ [π_i W_i Y_i / e_i + (1 − π_i)(1 − W_i) Y_i / (1 − e_i)]} of the policy
 * {@code π} that treats the top k% (ties by row order), with its standard error sd/√N; k = 0 is
 * "treat none" and k = 100 "treat all".
 */
public final class PolicyValue {
    private PolicyValue() {
    }

    /**
     * One policy.
     *
     * @param percent share treated, in percent
     * @param value   mean outcome per row under the policy
     * @param se      its standard error
     */
    public record Point(int percent, double value, double se) {
    }

    /** @return the values at 0, 100/steps, ..., 100 percent. */
    public static Point[] curve(double[] score, double[] y, double[] w, double[] e, int steps) {
        int n = score.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -score[i]).thenComparingInt(i -> i));
        int[] rank = new int[n];
        for (int r = 0; r < n; r++) {
            rank[order[r]] = r;
        }
        Point[] out = new Point[steps + 1];
        for (int s = 0; s <= steps; s++) {
            int percent = 100 * s / steps;
            long top = Math.round(n * percent / 100.0);
            double sum = 0;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                boolean treat = rank[i] < top;
                double v = treat ? w[i] * y[i] / e[i] : (1 - w[i]) * y[i] / (1 - e[i]);
                sum += v;
                ss += v * v;
            }
            double mean = sum / n;
            out[s] = new Point(percent, mean, Math.sqrt((ss - n * mean * mean) / (n - 1) / n));
        }
        return out;
    }
}
