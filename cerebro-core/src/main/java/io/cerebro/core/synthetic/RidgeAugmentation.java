package io.cerebro.core.synthetic;

import io.cerebro.core.stats.Matrices;

/**
 * The ridge augmentation of a synthetic control (Ben-Michael, Feller and Rothstein 2021): the
 * pre-period imbalance {@code r} the donor weights leave is carried to every period by a ridge
 * regression across donors, {@code correction_t = r' Xc' (Xc Xc' + lambda I)^-1 xc_t}, where
 * {@code Xc} holds the donors' fitting-window outcomes centred across donors (one row per donor)
 * and {@code xc_t} is the donors' period-{@code t} outcome centred the same way. Causal's
 * {@code asynth} (levels, penalty by generalised cross-validation) and geo's {@code augsynth}
 * (location fixed effects, penalty by augsynth's cross-validation) both call this class; how the
 * penalty is chosen and what the outcomes are centred on stay with each estimator.
 */
public final class RidgeAugmentation {
    private RidgeAugmentation() {
    }

    /** @return {@code Xc Xc'}: the donors' Gram matrix over the window ({@code centred} holds one row per donor). */
    public static double[][] gram(double[][] centred) {
        int n = centred.length;
        double[][] g = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double s = 0;
                for (int t = 0; t < centred[i].length; t++) {
                    s += centred[i][t] * centred[j][t];
                }
                g[i][j] = s;
                g[j][i] = s;
            }
        }
        return g;
    }

    /** @return {@code (G + lambda I)^-1}. */
    public static double[][] regularisedInverse(double[][] gram, double lambda) {
        double[][] reg = Matrices.copy(gram);
        for (int i = 0; i < reg.length; i++) {
            reg[i][i] += lambda;
        }
        return Matrices.inverse(reg);
    }

    /**
     * @return the donor coefficients {@code a = (G + lambda I)^-1 Xc r}, so that the correction in
     * period {@code t} is {@link #correction}{@code (a, xc_t)}
     */
    public static double[] coefficients(double[][] gram, double[][] centred, double[] imbalance, double lambda) {
        return Matrices.multiply(regularisedInverse(gram, lambda), Matrices.multiply(centred, imbalance));
    }

    /** @return {@code a' xc_t}: the correction in one period from the donors' centred outcomes then. */
    public static double correction(double[] coefficients, double[] centredColumn) {
        double s = 0;
        for (int j = 0; j < coefficients.length; j++) {
            s += coefficients[j] * centredColumn[j];
        }
        return s;
    }
}
