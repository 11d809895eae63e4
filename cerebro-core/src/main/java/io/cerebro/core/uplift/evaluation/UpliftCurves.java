package io.cerebro.core.uplift.evaluation;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Qini and uplift curves of a score (scikit-uplift's point definitions). Rows are sorted by score,
 * highest first; a point is taken after every group of tied scores, plus the origin. With
 * {@code Nt(k)}, {@code Nc(k)} the treated and control rows among the top k and {@code Yt(k)},
 * {@code Yc(k)} their outcome sums:
 * <ul>
 *   <li>Qini: {@code Q(k) = Yt(k) − Yc(k)·Nt(k)/Nc(k)} (0 while Nc(k) = 0);</li>
 *   <li>uplift (cumulative gain): {@code U(k) = (Yt(k)/Nt(k) − Yc(k)/Nc(k))·k} (0 while an arm is empty).</li>
 * </ul>
 * Areas use the trapezoid rule with both axes divided by the number of rows N (x in [0, 1], y per
 * row), so they are in outcome units per row: {@code AUUC = ∫U/N}, the Qini coefficient
 * {@code = ∫Q/N − Q(N)/(2N)} (the area between the Qini curve and the random-targeting diagonal),
 * and the uplift area above random {@code = AUUC − U(N)/(2N)}.
 *
 * @param fraction  x: share of rows targeted, from 0 to 1
 * @param qini      Qini curve Q(k), unscaled
 * @param uplift    uplift curve U(k), unscaled
 * @param rows      N
 */
public record UpliftCurves(double[] fraction, double[] qini, double[] uplift, int rows) {
    /** @return the curves of {@code score} on outcome {@code y} and treatment {@code w} (0/1). */
    public static UpliftCurves of(double[] score, double[] y, double[] w) {
        int n = score.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -score[i]));
        double[] fx = new double[n + 1];
        double[] q = new double[n + 1];
        double[] u = new double[n + 1];
        int points = 1;
        double nt = 0;
        double nc = 0;
        double yt = 0;
        double yc = 0;
        for (int r = 0; r < n; r++) {
            int i = order[r];
            if (w[i] == 1) {
                nt++;
                yt += y[i];
            } else {
                nc++;
                yc += y[i];
            }
            boolean groupEnds = r == n - 1 || score[order[r + 1]] != score[i];
            if (groupEnds) {
                int k = r + 1;
                fx[points] = (double) k / n;
                q[points] = nc > 0 ? yt - yc * nt / nc : 0;
                u[points] = nt > 0 && nc > 0 ? (yt / nt - yc / nc) * k : 0;
                points++;
            }
        }
        return new UpliftCurves(Arrays.copyOf(fx, points), Arrays.copyOf(q, points), Arrays.copyOf(u, points), n);
    }

    private double area(double[] v) {
        double a = 0;
        for (int t = 1; t < fraction.length; t++) {
            a += 0.5 * (v[t] + v[t - 1]) / rows * (fraction[t] - fraction[t - 1]);
        }
        return a;
    }

    /** @return the area under the uplift curve, per row. */
    public double auuc() {
        return area(uplift);
    }

    /** @return the Qini coefficient: area between the Qini curve and the diagonal, per row. */
    public double qiniCoefficient() {
        return area(qini) - qini[qini.length - 1] / rows / 2;
    }

    /** @return the area between the uplift curve and the diagonal, per row. */
    public double auucAboveRandom() {
        return auuc() - uplift[uplift.length - 1] / rows / 2;
    }
}
