package io.cerebro.core.mmm.transform;

import java.util.List;

/**
 * Logistic saturation as PyMC-Marketing's {@code logistic_saturation(x, lam)} defines it:
 * {@code (1 - exp(-lam x)) / (1 + exp(-lam x))}, concave, 0 at 0 and 1 in the limit. As in
 * PyMC-Marketing the channel is first divided by its largest spend, so {@code lam} is in units of
 * that spend (searched in 0.1..10).
 */
public record LogisticSaturation() implements Saturation {
    @Override
    public List<String> parameterNames() {
        return List.of("lambda");
    }

    @Override
    public double[] lower() {
        return new double[] {0.1};
    }

    @Override
    public double[] upper() {
        return new double[] {10};
    }

    /** @return {@code {max(raw), 0}}: the channel's largest spend. */
    @Override
    public double[] scaleFor(double[] adstocked, double[] raw, double[] params) {
        double max = 0;
        for (double v : raw) {
            max = Math.max(max, Math.abs(v));
        }
        return new double[] {max == 0 ? 1 : max, 0};
    }

    @Override
    public double apply(double x, double[] params, double[] scale) {
        return logistic(x / scale[0], params[0]);
    }

    /** @return {@code (1 - exp(-lam x)) / (1 + exp(-lam x))}, i.e. {@code tanh(lam x / 2)}. */
    public static double logistic(double x, double lam) {
        return Math.tanh(lam * x / 2);
    }

    @Override
    public double derivative(double x, double[] params, double[] scale) {
        double lam = params[0];
        double t = Math.tanh(lam * x / scale[0] / 2);
        return lam / 2 * (1 - t * t) / scale[0];
    }
}
