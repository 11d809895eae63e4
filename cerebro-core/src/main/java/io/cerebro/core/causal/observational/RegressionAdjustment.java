package io.cerebro.core.causal.observational;

import io.cerebro.core.stats.Matrices;
import io.cerebro.core.spec.Estimand;
import io.cerebro.core.stats.LinearModel;

/**
 * Regression adjustment. A continuous outcome: least squares of the outcome on treatment and the
 * confounders, with HC1 standard errors; the treatment coefficient is the ATE, ATT and ATC alike
 * under that model (no treatment-by-confounder interactions). A 0/1 outcome: g-computation, the
 * average over the target population of the logistic model's predicted risk with treatment set
 * to 1 minus set to 0 (a risk difference), with the M-estimation sandwich standard error that
 * stacks the logistic score equations on the standardised-risk equations.
 */
public final class RegressionAdjustment {
    private RegressionAdjustment() {
    }

    /**
     * @param estimate      the effect
     * @param standardError HC1 (OLS) or M-estimation sandwich (g-computation) standard error
     * @param fitted        the formula fitted, for the report
     * @param risk1         g-computation: average risk under treatment (NaN for OLS)
     * @param risk0         g-computation: average risk under control (NaN for OLS)
     * @param model         the OLS fit (null for g-computation), for the robustness value
     */
    public record Result(double estimate, double standardError, String fitted, double risk1, double risk0,
                         LinearModel model) {
    }

    /** Fits the regression of y on [1, t, x...] (x rows start with the intercept). */
    public static Result estimate(double[][] x, String[] names, double[] t, double[] y, String treatmentName,
                                  boolean binary, Estimand estimand) {
        int n = t.length;
        int p = names.length;
        double[][] z = new double[n][p + 1];
        String[] zn = new String[p + 1];
        zn[0] = names[0];
        zn[1] = treatmentName;
        System.arraycopy(names, 1, zn, 2, p - 1);
        for (int i = 0; i < n; i++) {
            z[i][0] = x[i][0];
            z[i][1] = t[i];
            System.arraycopy(x[i], 1, z[i], 2, p - 1);
        }
        String formula = "y ~ " + String.join(" + ", java.util.Arrays.copyOfRange(zn, 1, zn.length));
        if (!binary) {
            LinearModel lm = LinearModel.fit(zn, z, y);
            double se = Math.sqrt(lm.covHC1()[1][1]);
            return new Result(lm.coefficients()[1], se, "OLS " + formula + " (HC1 errors)", Double.NaN, Double.NaN, lm);
        }
        LogisticRegression lr = LogisticRegression.fit(zn, z, y, "outcome model");
        double[] b = lr.coefficients();
        double[][] cov = lr.covariance();
        double[] grad = new double[p + 1];
        double r1 = 0;
        double r0 = 0;
        int m = 0;
        double[] diff = new double[n];
        boolean[] member = new boolean[n];
        for (int i = 0; i < n; i++) {
            member[i] = estimand == Estimand.ATE || (estimand == Estimand.ATT ? t[i] == 1 : t[i] == 0);
            if (!member[i]) {
                continue;
            }
            double[] zi = z[i].clone();
            zi[1] = 1;
            double p1 = 1 / (1 + Math.exp(-Matrices.dot(zi, b)));
            double[] g1 = zi.clone();
            zi[1] = 0;
            double p0 = 1 / (1 + Math.exp(-Matrices.dot(zi, b)));
            for (int a = 0; a <= p; a++) {
                grad[a] += p1 * (1 - p1) * g1[a] - p0 * (1 - p0) * zi[a];
            }
            r1 += p1;
            r0 += p0;
            diff[i] = p1 - p0;
            m++;
        }
        r1 /= m;
        r0 /= m;
        double est = r1 - r0;
        // M-estimation sandwich: influence of each unit on the standardised risk difference, including
        // the first-stage logistic score through G' (Z'WZ)^-1 s_i
        double[] gc = Matrices.multiply(cov, grad);
        double[] fitted = lr.fitted();
        double v = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            double r = y[i] - fitted[i];
            for (int a = 0; a <= p; a++) {
                s += gc[a] * z[i][a];
            }
            double inf = (member[i] ? diff[i] - est : 0) + s * r;
            v += inf * inf;
        }
        v /= (double) m * m;
        return new Result(est, Math.sqrt(v), "g-computation with logit P(y = 1) ~ "
                + String.join(" + ", java.util.Arrays.copyOfRange(zn, 1, zn.length)), r1, r0, null);
    }
}
