package io.cerebro.core.uplift.evaluation;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Quantile bins of a score: rows sorted by score, highest first, cut into {@code bins} groups of
 * near-equal size (bin 1 holds the highest scores). Ties are broken by row order.
 */
public final class Bins {
    private Bins() {
    }

    /** @return each row's bin, 0 for the highest scores. */
    public static int[] of(double[] score, int bins) {
        int n = score.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -score[i]).thenComparingInt(i -> i));
        int[] bin = new int[n];
        for (int r = 0; r < n; r++) {
            bin[order[r]] = (int) ((long) r * bins / n);
        }
        return bin;
    }

    /**
     * One bin's numbers.
     *
     * @param rows      rows in the bin
     * @param meanScore mean score (the predicted effect, for a CATE)
     * @param effect    the effect in the bin
     * @param se        its standard error
     */
    public record Row(int rows, double meanScore, double effect, double se) {
    }

    /** @return per bin, the mean score and the mean of the AIPW scores {@code phi} with its standard error. */
    public static Row[] aipw(double[] score, double[] phi, int bins) {
        int[] bin = of(score, bins);
        Row[] out = new Row[bins];
        for (int b = 0; b < bins; b++) {
            double n = 0;
            double s = 0;
            double sp = 0;
            double spp = 0;
            for (int i = 0; i < score.length; i++) {
                if (bin[i] == b) {
                    n++;
                    s += score[i];
                    sp += phi[i];
                    spp += phi[i] * phi[i];
                }
            }
            double mean = sp / n;
            double var = n > 1 ? (spp - n * mean * mean) / (n - 1) : Double.NaN;
            out[b] = new Row((int) n, s / n, mean, Math.sqrt(var / n));
        }
        return out;
    }

    /** @return per bin, the mean score and the difference in mean outcome between arms with its Welch standard error. */
    public static Row[] differenceInMeans(double[] score, double[] y, double[] w, int bins) {
        int[] bin = of(score, bins);
        Row[] out = new Row[bins];
        for (int b = 0; b < bins; b++) {
            double[] n = new double[2];
            double[] s = new double[2];
            double[] ss = new double[2];
            double sc = 0;
            int rows = 0;
            for (int i = 0; i < y.length; i++) {
                if (bin[i] == b) {
                    int a = (int) w[i];
                    n[a]++;
                    s[a] += y[i];
                    ss[a] += y[i] * y[i];
                    sc += score[i];
                    rows++;
                }
            }
            double effect = Double.NaN;
            double se = Double.NaN;
            if (n[0] > 0 && n[1] > 0) {
                double m1 = s[1] / n[1];
                double m0 = s[0] / n[0];
                effect = m1 - m0;
                double v1 = n[1] > 1 ? (ss[1] - n[1] * m1 * m1) / (n[1] - 1) : 0;
                double v0 = n[0] > 1 ? (ss[0] - n[0] * m0 * m0) / (n[0] - 1) : 0;
                se = Math.sqrt(v1 / n[1] + v0 / n[0]);
            }
            out[b] = new Row(rows, sc / rows, effect, se);
        }
        return out;
    }
}
