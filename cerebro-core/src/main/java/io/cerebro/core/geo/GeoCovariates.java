package io.cerebro.core.geo;

import io.cerebro.core.error.UserInputException;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * Covariate adjustment as augsynth's {@code residualize = TRUE} (which GeoLift calls with
 * covariates): every location's covariates are their pre-period means; in each period the outcome
 * is regressed across the donors on an intercept and those covariates, and the synthetic control
 * is fitted to the residuals of donors and treated mean alike. A confounder whose effect changes
 * over time (a covariate-driven trend) is then removed before the weights are chosen, however far
 * the treated covariates lie from the donors'. The effect (a gap) is the same in residual and
 * outcome terms; the counterfactual path adds the treated mean's fitted covariate part back.
 */
public final class GeoCovariates {
    private GeoCovariates() {
    }

    /**
     * The residualised panel.
     *
     * @param target     the treated mean minus its covariate part, every period
     * @param donors     the donors' residuals, every period
     * @param adjustment the treated mean's covariate part {@code [1, z] beta_t}, every period
     * @param beta       the per-period coefficients, {@code beta[t][0]} the intercept
     */
    public record Residuals(double[] target, double[][] donors, double[] adjustment, double[][] beta) {
    }

    /**
     * Residualises on covariates fitted across donors.
     *
     * @param zTarget the treated locations' mean covariates
     * @param zDonors each donor's covariates
     * @throws UserInputException when there are too few donors for the covariates
     */
    public static Residuals residualise(double[] target, double[][] donors, double[] zTarget, double[][] zDonors) {
        int n = donors.length;
        int p = zTarget.length + 1;
        if (n <= p) {
            throw new UserInputException(zTarget.length + " covariates need more than " + p + " donor locations, the test has " + n
                    + "; drop covariates or treat fewer locations");
        }
        double[][] x = new double[n][p];
        for (int j = 0; j < n; j++) {
            x[j][0] = 1;
            System.arraycopy(zDonors[j], 0, x[j], 1, p - 1);
        }
        RealMatrix xm = MatrixUtils.createRealMatrix(x);
        // (X'X)^-1 X' once; a pseudo-inverse keeps a constant covariate from failing the fit
        RealMatrix hat = MatrixUtils.inverse(xm.transpose().multiply(xm), 1e-12).multiply(xm.transpose());
        int nt = target.length;
        double[][] beta = new double[nt][];
        double[][] rd = new double[n][nt];
        double[] rt = new double[nt];
        double[] adj = new double[nt];
        double[] col = new double[n];
        for (int t = 0; t < nt; t++) {
            for (int j = 0; j < n; j++) {
                col[j] = donors[j][t];
            }
            double[] b = hat.operate(col);
            beta[t] = b;
            for (int j = 0; j < n; j++) {
                double fitted = 0;
                for (int k = 0; k < p; k++) {
                    fitted += x[j][k] * b[k];
                }
                rd[j][t] = donors[j][t] - fitted;
            }
            double a = b[0];
            for (int k = 1; k < p; k++) {
                a += zTarget[k - 1] * b[k];
            }
            adj[t] = a;
            rt[t] = target[t] - a;
        }
        return new Residuals(rt, rd, adj, beta);
    }

    /** @return each location's mean of a covariate panel over the pre-period {@code [0, preEnd)}. */
    public static double[] preMeans(double[][] covariate, int preEnd) {
        double[] m = new double[covariate.length];
        for (int i = 0; i < m.length; i++) {
            for (int t = 0; t < preEnd; t++) {
                m[i] += covariate[i][t] / preEnd;
            }
        }
        return m;
    }
}
