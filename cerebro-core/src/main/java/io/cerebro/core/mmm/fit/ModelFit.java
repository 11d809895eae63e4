package io.cerebro.core.mmm.fit;

/**
 * One fitted model: the hyperparameters, the regression on them and what it implies.
 *
 * @param theta          the transform parameters (see {@link MediaTransform})
 * @param intercept      the intercept
 * @param baseCoef       coefficients of the {@link Design} columns
 * @param mediaCoef      coefficients of the transformed media variables (at least 0)
 * @param adstockWeights per media variable, its lag weights
 * @param saturationScale per media variable, its saturation scale (see {@link io.cerebro.core.mmm.transform.Saturation#scaleFor})
 * @param transformed    per media variable, its adstocked and saturated series
 * @param fitted         fitted values of every week
 * @param nrmse          NRMSE over the fitting rows
 * @param decompRssd     Robyn's DECOMP.RSSD over the fitting rows: the root sum of squared
 *                       differences between each paid channel's share of the paid effect and its
 *                       share of spend
 */
public record ModelFit(double[] theta, double intercept, double[] baseCoef, double[] mediaCoef, double[][] adstockWeights,
                       double[][] saturationScale, double[][] transformed, double[] fitted, double nrmse, double decompRssd) {
    /** @return media variable {@code c}'s weekly contribution. */
    public double[] contribution(int c) {
        double[] z = transformed[c];
        double[] out = new double[z.length];
        for (int t = 0; t < z.length; t++) {
            out[t] = mediaCoef[c] * z[t];
        }
        return out;
    }
}
