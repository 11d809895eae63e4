package io.cerebro.core.mmm.fit;

import io.cerebro.core.mmm.transform.Adstock;

/**
 * Fits the regression for one hyperparameter vector: transforms each media variable over every
 * week, then fits {@link NonNegativeRidge} on the first {@code rows} weeks (the training stretch)
 * with the media coefficients constrained to be at least 0 and the base columns free.
 */
public final class MmmFitter {
    private final MmmData data;
    private final Design design;
    private final MediaTransform transform;
    private final double lambda;
    private final boolean[] nonNeg;

    /**
     * @param data      the series
     * @param design    the non-media columns
     * @param transform the media transform
     * @param lambda    the ridge penalty on the standardised scale
     */
    public MmmFitter(MmmData data, Design design, MediaTransform transform, double lambda) {
        this.data = data;
        this.design = design;
        this.transform = transform;
        this.lambda = lambda;
        int p = design.size() + data.mediaCount();
        this.nonNeg = new boolean[p];
        for (int j = design.size(); j < p; j++) {
            nonNeg[j] = true;
        }
    }

    public MmmData data() {
        return data;
    }

    public Design design() {
        return design;
    }

    public MediaTransform transform() {
        return transform;
    }

    public double lambda() {
        return lambda;
    }

    /** @return the number of hyperparameters. */
    public int dimension() {
        return transform.perMedia() * data.mediaCount();
    }

    /** @return lower bounds of the whole hyperparameter vector. */
    public double[] lower() {
        return repeat(transform.lower());
    }

    /** @return upper bounds of the whole hyperparameter vector. */
    public double[] upper() {
        return repeat(transform.upper());
    }

    private double[] repeat(double[] one) {
        double[] out = new double[dimension()];
        for (int c = 0; c < data.mediaCount(); c++) {
            System.arraycopy(one, 0, out, c * one.length, one.length);
        }
        return out;
    }

    /** Fits the model for {@code theta} to outcome {@code y} on rows {@code 0..rows-1}. */
    public ModelFit fit(double[] theta, double[] y, int rows) {
        int k = data.mediaCount();
        int n = data.weeks();
        int p0 = design.size();
        double[][] w = new double[k][];
        double[][] scale = new double[k][];
        double[][] z = new double[k][];
        double[][] cols = new double[p0 + k][];
        System.arraycopy(design.columns(), 0, cols, 0, p0);
        for (int c = 0; c < k; c++) {
            double[] pa = transform.adstockParams(theta, c);
            double[] ps = transform.saturationParams(theta, c);
            w[c] = transform.adstock().weights(pa, n);
            double[] ad = Adstock.convolve(data.spend()[c], w[c]);
            scale[c] = transform.saturation().scaleFor(ad, data.spend()[c], ps);
            z[c] = transform.saturation().apply(ad, ps, scale[c]);
            cols[p0 + c] = z[c];
        }
        NonNegativeRidge.Solution s = NonNegativeRidge.fit(cols, y, rows, nonNeg, lambda);
        double[] coef = s.coefficients();
        double[] fitted = new double[n];
        for (int t = 0; t < n; t++) {
            double v = s.intercept();
            for (int j = 0; j < cols.length; j++) {
                v += coef[j] * cols[j][t];
            }
            fitted[t] = v;
        }
        double[] mediaCoef = java.util.Arrays.copyOfRange(coef, p0, p0 + k);
        double nrmse = FitMetrics.of(y, fitted, 0, rows).nrmse();
        double rssd = decompRssd(mediaCoef, z, rows);
        return new ModelFit(theta.clone(), s.intercept(), java.util.Arrays.copyOf(coef, p0), mediaCoef, w, scale, z, fitted,
                nrmse, rssd);
    }

    private double decompRssd(double[] coef, double[][] z, int rows) {
        int k = data.mediaCount();
        double effectTotal = 0;
        double spendTotal = 0;
        double[] effect = new double[k];
        double[] spend = new double[k];
        for (int c = 0; c < k; c++) {
            if (!data.paid()[c]) {
                continue;
            }
            for (int t = 0; t < rows; t++) {
                effect[c] += coef[c] * z[c][t];
                spend[c] += data.spend()[c][t];
            }
            effectTotal += effect[c];
            spendTotal += spend[c];
        }
        double ss = 0;
        for (int c = 0; c < k; c++) {
            if (data.paid()[c]) {
                double e = effectTotal > 0 ? effect[c] / effectTotal : 0;
                double sp = spendTotal > 0 ? spend[c] / spendTotal : 0;
                ss += (e - sp) * (e - sp);
            }
        }
        return Math.sqrt(ss);
    }
}
