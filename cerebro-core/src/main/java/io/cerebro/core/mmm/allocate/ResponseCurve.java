package io.cerebro.core.mmm.allocate;

import io.cerebro.core.mmm.transform.Saturation;

/**
 * A channel's weekly response when it spends {@code s} every week long enough for the carry-over to
 * settle: {@code coefficient * saturation(adstockTotal * s)}, where {@code adstockTotal} is the sum
 * of the lag weights (1 for normalised geometric adstock).
 *
 * @param channel      the channel's name
 * @param coefficient  the regression coefficient of the transformed channel
 * @param adstockTotal the sum of the adstock lag weights
 * @param saturation   the saturation curve
 * @param params       its parameters
 * @param scale        its channel scale
 */
public record ResponseCurve(String channel, double coefficient, double adstockTotal, Saturation saturation, double[] params,
                            double[] scale) {
    /** @return the steady-state weekly response to a weekly spend {@code s}. */
    public double response(double s) {
        return coefficient * saturation.apply(adstockTotal * s, params, scale);
    }

    /** @return the derivative of {@link #response} at {@code s}: the marginal return of one more unit of spend. */
    public double marginal(double s) {
        return coefficient * adstockTotal * saturation.derivative(adstockTotal * s, params, scale);
    }
}
