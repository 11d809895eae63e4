package io.cerebro.core.uplift.evaluation;

import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * The calibration test of grf's {@code test_calibration} (Chernozhukov, Demirer, Duflo and
 * Fernández-Val's best linear predictor): regress {@code Y − m(X)} on {@code (W − e)·τ̄} and
 * {@code (W − e)(τ(X) − τ̄)} without intercept, with HC0 heteroskedasticity-robust standard errors.
 * The first coefficient is 1 when the mean effect is right; the second ("differential forest
 * prediction") is 1 when the heterogeneity is right and 0 when there is none. Its one-sided p-value
 * tests for heterogeneity.
 *
 * @param meanPrediction        the first coefficient
 * @param meanPredictionSe      its standard error
 * @param differential          the second coefficient
 * @param differentialSe        its standard error
 * @param heterogeneityPValue   one-sided p-value of differential ≤ 0
 */
public record Calibration(double meanPrediction, double meanPredictionSe, double differential, double differentialSe,
                          double heterogeneityPValue) {
    /** @return the test on outcome residuals {@code yr}, treatment residuals {@code wr} and effects {@code tau}. */
    public static Calibration test(double[] yr, double[] wr, double[] tau) {
        int n = yr.length;
        double mean = 0;
        for (double t : tau) {
            mean += t;
        }
        mean /= n;
        double a11 = 0;
        double a12 = 0;
        double a22 = 0;
        double b1 = 0;
        double b2 = 0;
        for (int i = 0; i < n; i++) {
            double x1 = wr[i] * mean;
            double x2 = wr[i] * (tau[i] - mean);
            a11 += x1 * x1;
            a12 += x1 * x2;
            a22 += x2 * x2;
            b1 += x1 * yr[i];
            b2 += x2 * yr[i];
        }
        double det = a11 * a22 - a12 * a12;
        double i11 = a22 / det;
        double i12 = -a12 / det;
        double i22 = a11 / det;
        double c1 = i11 * b1 + i12 * b2;
        double c2 = i12 * b1 + i22 * b2;
        double m11 = 0;
        double m12 = 0;
        double m22 = 0;
        for (int i = 0; i < n; i++) {
            double x1 = wr[i] * mean;
            double x2 = wr[i] * (tau[i] - mean);
            double u = yr[i] - c1 * x1 - c2 * x2;
            m11 += u * u * x1 * x1;
            m12 += u * u * x1 * x2;
            m22 += u * u * x2 * x2;
        }
        // sandwich (A^-1 M A^-1)
        double v11 = i11 * (i11 * m11 + i12 * m12) + i12 * (i11 * m12 + i12 * m22);
        double v22 = i12 * (i12 * m11 + i22 * m12) + i22 * (i12 * m12 + i22 * m22);
        double se1 = Math.sqrt(v11);
        double se2 = Math.sqrt(v22);
        double p = 1 - new NormalDistribution(0, 1).cumulativeProbability(c2 / se2);
        return new Calibration(c1, se1, c2, se2, p);
    }
}
