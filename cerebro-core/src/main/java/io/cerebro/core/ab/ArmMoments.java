package io.cerebro.core.ab;

/**
 * One arm's first and second moments of the outcome Y and a covariate X: what CUPED needs, and all
 * it needs, from each arm (the pooled theta and the adjusted moments follow exactly from these).
 *
 * @param arm   arm label
 * @param n     rows with both Y and X
 * @param meanY mean of Y
 * @param meanX mean of X
 * @param varY  sample variance of Y (ddof 1)
 * @param varX  sample variance of X (ddof 1)
 * @param covYX sample covariance of Y and X (ddof 1)
 */
public record ArmMoments(String arm, long n, double meanY, double meanX, double varY, double varX, double covYX) {
}
