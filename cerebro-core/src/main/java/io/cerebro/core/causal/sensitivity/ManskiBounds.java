package io.cerebro.core.causal.sensitivity;

/**
 * Manski's (1990) no-assumption bounds on the average treatment effect of an outcome known to lie
 * in [lo, hi]: each arm's missing potential outcomes are set to the extremes. The bounds always
 * contain zero and are hi - lo wide; they show what the data alone can say.
 *
 * @param lower lower bound of the ATE
 * @param upper upper bound of the ATE
 */
public record ManskiBounds(double lower, double upper) {
    /**
     * @param t  0/1 treatment
     * @param y  outcome, each in [lo, hi]
     * @param lo smallest possible outcome
     * @param hi largest possible outcome
     */
    public static ManskiBounds ate(double[] t, double[] y, double lo, double hi) {
        double n = t.length;
        double s1 = 0;
        double s0 = 0;
        double n1 = 0;
        for (int i = 0; i < t.length; i++) {
            if (t[i] == 1) {
                s1 += y[i];
                n1++;
            } else {
                s0 += y[i];
            }
        }
        double p1 = n1 / n;
        double p0 = 1 - p1;
        double ey1Obs = s1 / n;
        double ey0Obs = s0 / n;
        return new ManskiBounds(ey1Obs + lo * p0 - (ey0Obs + hi * p1), ey1Obs + hi * p0 - (ey0Obs + lo * p1));
    }
}
