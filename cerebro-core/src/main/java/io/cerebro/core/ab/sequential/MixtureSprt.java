package io.cerebro.core.ab.sequential;

import io.cerebro.core.error.UserInputException;
import io.cerebro.core.spec.Alternative;

/**
 * The mixture sequential probability ratio test (mSPRT) for a difference of two means, with a
 * normal mixing distribution N(0, tau^2) over the true difference (Robbins 1970; Johari, Koomen,
 * Pekelis and Walsh 2017, "Peeking at A/B tests"; the confidence sequence is the normal-mixture
 * boundary of Howard, Ramdas, McAuliffe and Sekhon 2021).
 *
 * <p>With {@code d} the observed difference (treatment minus control) and {@code V} its variance
 * ({@code s_c^2/n_c + s_t^2/n_t}; for a binary outcome {@code p(1-p)/n} per arm, the normal
 * approximation), the mixture likelihood ratio against {@code theta = 0} is
 * <pre>  Lambda = sqrt(V / (V + tau^2)) exp(tau^2 d^2 / (2 V (V + tau^2)))</pre>
 * which under H0 is a nonnegative martingale in the data, so by Ville's inequality
 * {@code P(Lambda ever reaches 1/alpha) <= alpha}. Hence:
 * <ul>
 *   <li>the always-valid p-value {@code p = min(1, 1/Lambda)} may be read after every user, and the
 *       test stopped whenever {@code p <= alpha}, without inflating the false-positive rate. (A
 *       user who keeps the history should carry the running minimum; one snapshot is still valid);</li>
 *   <li>the confidence sequence {@code d +- sqrt(V (V + tau^2) / tau^2 * (2 ln(1/alpha) + ln((V + tau^2) / V)))}
 *       covers the true difference at every time simultaneously with probability at least 1 - alpha.</li>
 * </ul>
 * A one-sided alternative rejects only when the difference lies in its direction (p = 1 otherwise)
 * and reports the corresponding one-sided bound of the confidence sequence; both stay valid.
 *
 * <p>The guarantee is exact for normal data with known variance; the plug-in variance and the
 * normal approximation for proportions make it approximate at small samples (the simulations in
 * the tests check the false-positive rate from 50 users per arm on).
 */
public final class MixtureSprt {
    /** Default mixing sd, in outcome standard deviations, when neither tau nor an MDE is given. */
    public static final double DEFAULT_TAU_IN_SD = 0.1;

    private MixtureSprt() {
    }

    /**
     * The mSPRT at one point in time.
     *
     * @param difference the observed difference, treatment minus control
     * @param variance   the variance of that difference
     * @param tau        the mixing standard deviation over the true difference, in outcome units
     * @param alpha      significance level
     * @param alternative the alternative hypothesis
     */
    public static Result test(double difference, double variance, double tau, double alpha, Alternative alternative) {
        if (!(variance > 0) || Double.isInfinite(variance)) {
            throw new UserInputException("the mSPRT needs a positive, finite variance of the difference, got " + variance
                    + "; an outcome that is constant in both arms cannot be tested");
        }
        if (!(tau > 0) || Double.isInfinite(tau)) {
            throw new UserInputException("msprt_tau must be positive, got " + tau);
        }
        double tau2 = tau * tau;
        double logLambda = 0.5 * Math.log(variance / (variance + tau2))
                + tau2 * difference * difference / (2 * variance * (variance + tau2));
        boolean inDirection = switch (alternative) {
            case TWO_SIDED -> true;
            case GREATER -> difference > 0;
            case LESS -> difference < 0;
        };
        double p = inDirection ? Math.min(1.0, Math.exp(-logLambda)) : 1.0;
        double half = Math.sqrt(variance * (variance + tau2) / tau2
                * (2 * Math.log(1 / alpha) + Math.log((variance + tau2) / variance)));
        double lower = alternative == Alternative.LESS ? Double.NEGATIVE_INFINITY : difference - half;
        double upper = alternative == Alternative.GREATER ? Double.POSITIVE_INFINITY : difference + half;
        return new Result(difference, Math.sqrt(variance), tau, Math.exp(logLambda), p, lower, upper);
    }

    /**
     * One evaluation of the mSPRT.
     *
     * @param difference       observed difference, treatment minus control
     * @param standardError    its standard error, sqrt(V)
     * @param tau              mixing standard deviation used
     * @param likelihoodRatio  the mixture likelihood ratio Lambda
     * @param pValue           always-valid p-value
     * @param lower            lower bound of the confidence sequence at level 1 - alpha
     * @param upper            upper bound of the confidence sequence at level 1 - alpha
     */
    public record Result(double difference, double standardError, double tau, double likelihoodRatio,
                         double pValue, double lower, double upper) {
    }
}
