package io.cerebro.core.power;

import io.cerebro.core.spec.Alternative;

/**
 * The answer of a power calculation: every quantity of the design, whichever one was solved for.
 *
 * @param method       catalogue id: {@code power.proportions}, {@code power.means} or {@code power.mde}
 * @param solvedFor    {@code n}, {@code power} or {@code mde}
 * @param nControl     control sample size (fractional as solved; round up to plan)
 * @param nTreatment   treatment sample size, {@code ratio * nControl}
 * @param power        power of the test at this design
 * @param mde          the effect as an absolute difference (treatment minus control)
 * @param effectSize   the standardised effect: Cohen's h for proportions, Cohen's d for means
 * @param baseline     control conversion rate (proportions) or null
 * @param sd           outcome standard deviation (means) or null
 * @param alpha        significance level
 * @param ratio        n_treatment / n_control
 * @param alternative  the alternative hypothesis
 */
public record PowerResult(String method, String solvedFor, double nControl, double nTreatment, double power,
                          double mde, double effectSize, Double baseline, Double sd, double alpha, double ratio,
                          Alternative alternative) {
    /** @return the control size rounded up to whole units. */
    public long nControlCeil() {
        return (long) Math.ceil(nControl - 1e-9);
    }

    /** @return the treatment size rounded up to whole units. */
    public long nTreatmentCeil() {
        return (long) Math.ceil(nTreatment - 1e-9);
    }

    /** @return both arms rounded up. */
    public long nTotalCeil() {
        return nControlCeil() + nTreatmentCeil();
    }
}
