package io.cerebro.core.uplift.evaluation;

/**
 * Average effects from cross-fitted nuisances, each with its influence-function standard error.
 * <ul>
 *   <li>ATE (AIPW): the mean of {@code φ_i = mu1 − mu0 + W(Y − mu1)/e − (1 − W)(Y − mu0)/(1 − e)}; SE = sd(φ)/√n.</li>
 *   <li>ATT: {@code Σ [W(Y − mu0) − (1 − W) e/(1 − e) (Y − mu0)] / n1}; its influence function is
 *       {@code (W(Y − mu0) − (1 − W) e/(1 − e)(Y − mu0) − W·ATT) / (n1/n)}.</li>
 * </ul>
 */
public final class AverageEffects {
    private AverageEffects() {
    }

    /**
     * A point estimate with its standard error.
     *
     * @param estimate the estimate
     * @param se       its standard error
     */
    public record Effect(double estimate, double se) {
    }

    /** @return the ATE of the AIPW scores {@code phi}. */
    public static Effect ate(double[] phi) {
        int n = phi.length;
        double mean = 0;
        for (double v : phi) {
            mean += v;
        }
        mean /= n;
        double ss = 0;
        for (double v : phi) {
            ss += (v - mean) * (v - mean);
        }
        return new Effect(mean, Math.sqrt(ss / (n - 1) / n));
    }

    /** @return the ATT from the outcome, treatment, control-arm outcome model and propensity. */
    public static Effect att(double[] y, double[] w, double[] mu0, double[] e) {
        int n = y.length;
        double n1 = 0;
        double s = 0;
        double[] term = new double[n];
        for (int i = 0; i < n; i++) {
            double r = y[i] - mu0[i];
            term[i] = w[i] * r - (1 - w[i]) * e[i] / (1 - e[i]) * r;
            s += term[i];
            n1 += w[i];
        }
        double att = s / n1;
        double share = n1 / n;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double psi = (term[i] - w[i] * att) / share;
            ss += psi * psi;
        }
        return new Effect(att, Math.sqrt(ss / (n - 1) / n));
    }
}
