package io.cerebro.core.causal.observational;

import io.cerebro.core.stats.LinearModel;

/**
 * Front-door adjustment with linear models (Pearl 1995): the effect of treatment on the mediator
 * (a, from mediator ~ treatment) times the effect of the mediator on the outcome holding the
 * treatment fixed (b, from outcome ~ mediator + treatment), both with HC1 errors; the standard
 * error of a * b is the first-order delta method (Sobel 1982). Valid when the mediator satisfies the
 * front-door criterion and the relations are linear.
 */
public final class FrontDoorEstimator {
    private FrontDoorEstimator() {
    }

    /**
     * @param estimate      a * b
     * @param standardError delta-method standard error
     * @param a             treatment to mediator coefficient
     * @param b             mediator to outcome coefficient given treatment
     */
    public record Result(double estimate, double standardError, double a, double b) {
    }

    /** Estimates the front-door effect of t on y through m. */
    public static Result estimate(double[] t, double[] m, double[] y) {
        int n = t.length;
        double[][] x1 = new double[n][];
        double[][] x2 = new double[n][];
        for (int i = 0; i < n; i++) {
            x1[i] = new double[]{1, t[i]};
            x2[i] = new double[]{1, m[i], t[i]};
        }
        LinearModel ma = LinearModel.fit(new String[]{"(Intercept)", "treatment"}, x1, m);
        LinearModel mb = LinearModel.fit(new String[]{"(Intercept)", "mediator", "treatment"}, x2, y);
        double a = ma.coefficients()[1];
        double b = mb.coefficients()[1];
        double va = ma.covHC1()[1][1];
        double vb = mb.covHC1()[1][1];
        return new Result(a * b, Math.sqrt(a * a * vb + b * b * va), a, b);
    }
}
