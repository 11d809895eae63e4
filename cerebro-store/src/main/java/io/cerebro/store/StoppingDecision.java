package io.cerebro.store;

import java.time.Instant;

/**
 * One look at a running experiment and what it concluded, with the numbers it rested on.
 *
 * @param decidedAt        when the look was taken
 * @param metric           the metric analysed
 * @param arm              the treatment compared with control
 * @param decision         continue, success, failure or futility
 * @param nControl         control units at the look
 * @param nTreatment       treatment units at the look
 * @param estimate         treatment minus control
 * @param pValue           the (always-valid, for mSPRT) p-value
 * @param conditionalPower the probability of a significant result at the planned sample size under the current trend, or null
 * @param reason           the decision in words
 */
public record StoppingDecision(Instant decidedAt, String metric, String arm, String decision, long nControl,
                               long nTreatment, Double estimate, Double pValue, Double conditionalPower, String reason) {
}
