package io.cerebro.core.ab.sequential;

import io.cerebro.core.spec.SpendingFunction;

/**
 * Lan-DeMets alpha-spending functions: the share of the one-sided significance level that may be
 * used up once a fraction {@code t} of the planned information has been observed.
 *
 * <ul>
 *   <li>O'Brien-Fleming type: {@code alpha(t) = 2 (1 - Phi(z_{1-alpha/2} / sqrt(t)))}</li>
 *   <li>Pocock type: {@code alpha(t) = alpha ln(1 + (e - 1) t)}</li>
 * </ul>
 * Both spend all of {@code alpha} at {@code t = 1} (Lan and DeMets 1983; Kim and DeMets 1987).
 */
public final class AlphaSpending {
    private AlphaSpending() {
    }

    /**
     * @param family the spending function family
     * @param alpha  one-sided significance level in (0, 1)
     * @param t      information fraction in [0, 1]
     * @return the cumulative alpha spent by information fraction {@code t}
     */
    public static double cumulative(SpendingFunction family, double alpha, double t) {
        if (t <= 0) {
            return 0;
        }
        if (t >= 1) {
            return alpha;
        }
        return switch (family) {
            case OBRIEN_FLEMING -> 2 * Normal.upperTail(Normal.quantile(1 - alpha / 2) / Math.sqrt(t));
            case POCOCK -> alpha * Math.log(1 + (Math.E - 1) * t);
        };
    }
}
