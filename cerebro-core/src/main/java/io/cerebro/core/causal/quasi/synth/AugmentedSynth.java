package io.cerebro.core.causal.quasi.synth;

import io.cerebro.core.stats.Matrices;
import io.cerebro.core.synthetic.RidgeAugmentation;

/**
 * Ridge-augmented synthetic control (Ben-Michael, Feller and Rothstein 2021): the synthetic
 * outcome is corrected by {@code (x1 - X0'w)' eta_t}, where {@code eta_t} is the ridge regression
 * of the donors' period-t outcome on their (centred) pre-period outcomes. The penalty is chosen by
 * generalised cross-validation over a log grid of the donor Gram matrix's scale.
 */
final class AugmentedSynth {
    private AugmentedSynth() {
    }

    /** The corrected gaps for every period and the chosen ridge penalty. */
    record Correction(double[] gaps, double lambda) {
    }

    static Correction correct(double[][] y, int treated, int[] donors, int preEnd, double[] w) {
        int nd = donors.length;
        int nt = y[0].length;
        double[] mean = new double[nt];
        for (int d : donors) {
            for (int t = 0; t < nt; t++) {
                mean[t] += y[d][t] / nd;
            }
        }
        double[][] xc = new double[nd][preEnd];
        for (int j = 0; j < nd; j++) {
            for (int t = 0; t < preEnd; t++) {
                xc[j][t] = y[donors[j]][t] - mean[t];
            }
        }
        // imbalance left by the weights
        double[] imb = new double[preEnd];
        for (int t = 0; t < preEnd; t++) {
            double s = 0;
            for (int j = 0; j < nd; j++) {
                s += w[j] * y[donors[j]][t];
            }
            imb[t] = y[treated][t] - s;
        }
        double[][] gram = RidgeAugmentation.gram(xc);
        double trace = 0;
        for (int j = 0; j < nd; j++) {
            trace += gram[j][j];
        }
        double bestGcv = Double.POSITIVE_INFINITY;
        double bestLambda = trace;
        for (int g = -40; g <= 20; g++) {
            double lambda = trace / nd * Math.pow(10, g / 10.0);
            double[][] inv = RidgeAugmentation.regularisedInverse(gram, lambda);
            double[][] hat = Matrices.multiply(gram, inv);
            double tr = 0;
            for (int j = 0; j < nd; j++) {
                tr += hat[j][j];
            }
            double rss = 0;
            for (int t = preEnd; t < nt; t++) {
                double[] yc = new double[nd];
                for (int j = 0; j < nd; j++) {
                    yc[j] = y[donors[j]][t] - mean[t];
                }
                double[] fit = Matrices.multiply(hat, yc);
                for (int j = 0; j < nd; j++) {
                    rss += Math.pow(yc[j] - fit[j], 2);
                }
            }
            double gcv = rss / Math.pow(nd - tr, 2);
            if (gcv < bestGcv) {
                bestGcv = gcv;
                bestLambda = lambda;
            }
        }
        // eta_t = Xc' (Xc Xc' + lambda I)^-1 yc_t; correction_t = imb . eta_t = (Xc imb)' inv yc_t (shared with geo's augsynth)
        double[] a = RidgeAugmentation.coefficients(gram, xc, imb, bestLambda);
        double[] gaps = new double[nt];
        double[] column = new double[nd];
        for (int t = 0; t < nt; t++) {
            double synth = 0;
            for (int j = 0; j < nd; j++) {
                synth += w[j] * y[donors[j]][t];
                column[j] = y[donors[j]][t] - mean[t];
            }
            gaps[t] = y[treated][t] - synth - RidgeAugmentation.correction(a, column);
        }
        return new Correction(gaps, bestLambda);
    }
}
