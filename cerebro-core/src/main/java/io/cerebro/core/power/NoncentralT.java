package io.cerebro.core.power;

import org.hipparchus.special.Beta;
import org.hipparchus.special.Erf;
import org.hipparchus.special.Gamma;

/**
 * The noncentral t distribution's CDF by Lenth's series (Applied Statistics algorithm AS 243, 1989):
 * a Poisson mixture of incomplete beta functions, summed until the remaining error bound drops
 * below 1e-13.
 */
final class NoncentralT {
    private static final double ERR_MAX = 1e-13;
    private static final int MAX_TERMS = 100_000;
    private static final double LN_SQRT_PI = 0.5 * Math.log(Math.PI);
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

    private NoncentralT() {
    }

    /** @return P(T <= t) for T noncentral t with {@code df} degrees of freedom and noncentrality {@code delta}. */
    static double cdf(double t, double df, double delta) {
        boolean negate = t < 0;
        double tt = negate ? -t : t;
        double del = negate ? -delta : delta;
        double x = tt * tt / (tt * tt + df);
        double sum = 0;
        if (x > 0) {
            double lambda = del * del;
            double p = 0.5 * Math.exp(-0.5 * lambda);
            double q = SQRT_2_OVER_PI * p * del;
            double s = 0.5 - p;
            double a = 0.5;
            double b = 0.5 * df;
            double rxb = Math.pow(1 - x, b);
            double logBeta = LN_SQRT_PI + Gamma.logGamma(b) - Gamma.logGamma(a + b);
            double xodd = Beta.regularizedBeta(x, a, b);
            double godd = 2 * rxb * Math.exp(a * Math.log(x) - logBeta);
            double xeven = 1 - rxb;
            double geven = b * x * rxb;
            sum = p * xodd + q * xeven;
            int en = 1;
            while (true) {
                a += 1;
                xodd -= godd;
                xeven -= geven;
                godd *= x * (a + b - 1) / a;
                geven *= x * (a + b - 0.5) / (a + 0.5);
                p *= lambda / (2 * en);
                q *= lambda / (2 * en + 1);
                s -= p;
                en++;
                sum += p * xodd + q * xeven;
                double errorBound = 2 * s * (xodd - godd);
                if (!(errorBound > ERR_MAX) || en > MAX_TERMS) {
                    break;
                }
            }
        }
        sum += 0.5 * Erf.erfc(del / Math.sqrt(2));
        double result = negate ? 1 - sum : sum;
        return Math.min(1, Math.max(0, result));
    }

    /** @return P(T > t). */
    static double sf(double t, double df, double delta) {
        return cdf(-t, df, -delta);
    }
}
