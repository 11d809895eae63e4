package io.cerebro.core.mmm.allocate;

import java.util.List;

/**
 * Splits a weekly budget across channels to maximise the summed steady-state response, each
 * channel within {@code [lower, upper]}. Response curves may be S-shaped (Hill with alpha above 1),
 * where greedy marginal rules stop at a local optimum, so the split is found by dynamic programming
 * over a grid of {@code steps} equal increments of the budget above the lower bounds (exact on the
 * grid, whatever the curves' shapes), then polished by moving spend between pairs of channels in
 * ever smaller steps while the total response improves.
 */
public final class BudgetAllocator {
    /** Grid increments of the dynamic programme. */
    public static final int STEPS = 2000;

    private BudgetAllocator() {
    }

    /**
     * @param spend    per channel, the weekly spend
     * @param response the summed response at that spend
     */
    public record Split(double[] spend, double response) {
    }

    /**
     * @param curves the channels' response curves
     * @param budget the weekly budget, between the sums of the lower and the upper bounds
     * @param lower  per channel, the least weekly spend
     * @param upper  per channel, the most weekly spend
     */
    public static Split allocate(List<ResponseCurve> curves, double budget, double[] lower, double[] upper) {
        int k = curves.size();
        double free = budget;
        for (double l : lower) {
            free -= l;
        }
        if (free < -1e-9 * Math.max(1, budget)) {
            throw new IllegalArgumentException("budget below the sum of the lower bounds");
        }
        free = Math.max(0, free);
        double delta = free / STEPS;
        // best[c][u]: the best response of channels 0..c using u increments; choice[c][u]: channel c's increments
        double[] best = new double[STEPS + 1];
        int[][] choice = new int[k][STEPS + 1];
        double[] next = new double[STEPS + 1];
        java.util.Arrays.fill(best, Double.NEGATIVE_INFINITY);
        best[0] = 0;
        for (int c = 0; c < k; c++) {
            int cap = delta == 0 ? 0 : (int) Math.min(STEPS, Math.floor((upper[c] - lower[c]) / delta + 1e-9));
            double[] r = new double[cap + 1];
            for (int u = 0; u <= cap; u++) {
                r[u] = curves.get(c).response(lower[c] + u * delta);
            }
            java.util.Arrays.fill(next, Double.NEGATIVE_INFINITY);
            for (int u = 0; u <= STEPS; u++) {
                double bestValue = Double.NEGATIVE_INFINITY;
                int bestChoice = 0;
                for (int v = 0; v <= Math.min(u, cap); v++) {
                    double prev = best[u - v];
                    if (prev == Double.NEGATIVE_INFINITY) {
                        continue;
                    }
                    double value = prev + r[v];
                    if (value > bestValue) {
                        bestValue = value;
                        bestChoice = v;
                    }
                }
                next[u] = bestValue;
                choice[c][u] = bestChoice;
            }
            System.arraycopy(next, 0, best, 0, STEPS + 1);
        }
        if (best[STEPS] == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("budget above the sum of the upper bounds");
        }
        double[] spend = new double[k];
        int u = STEPS;
        for (int c = k - 1; c >= 0; c--) {
            int v = choice[c][u];
            spend[c] = lower[c] + v * delta;
            u -= v;
        }
        polish(curves, spend, lower, upper, delta);
        return new Split(spend, total(curves, spend));
    }

    /** Moves spend between pairs of channels while that raises the total, halving the step down to 1e-6 of the grid. */
    private static void polish(List<ResponseCurve> curves, double[] spend, double[] lower, double[] upper, double delta) {
        int k = spend.length;
        for (double step = delta; step > delta * 1e-6 && step > 0; step /= 2) {
            boolean moved = true;
            for (int round = 0; moved && round < 1000; round++) {
                moved = false;
                for (int from = 0; from < k; from++) {
                    for (int to = 0; to < k; to++) {
                        if (from == to || spend[from] - step < lower[from] || spend[to] + step > upper[to]) {
                            continue;
                        }
                        CurveGain g = gain(curves, spend, from, to, step);
                        if (g.value > 1e-12 * Math.max(1, Math.abs(g.base))) {
                            spend[from] -= step;
                            spend[to] += step;
                            moved = true;
                        }
                    }
                }
            }
        }
    }

    private record CurveGain(double value, double base) {
    }

    private static CurveGain gain(List<ResponseCurve> curves, double[] spend, int from, int to, double step) {
        ResponseCurve a = curves.get(from);
        ResponseCurve b = curves.get(to);
        double base = a.response(spend[from]) + b.response(spend[to]);
        double moved = a.response(spend[from] - step) + b.response(spend[to] + step);
        return new CurveGain(moved - base, base);
    }

    /** @return the summed response of a split. */
    public static double total(List<ResponseCurve> curves, double[] spend) {
        double s = 0;
        for (int c = 0; c < curves.size(); c++) {
            s += curves.get(c).response(spend[c]);
        }
        return s;
    }
}
