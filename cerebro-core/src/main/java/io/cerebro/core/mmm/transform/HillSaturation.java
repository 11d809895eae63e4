package io.cerebro.core.mmm.transform;

import java.util.List;

/**
 * Hill saturation as Robyn's {@code saturation_hill(x, alpha, gamma)} defines it:
 * {@code x^alpha / (x^alpha + inflexion^alpha)} with {@code inflexion = (1 - gamma) min(x) + gamma max(x)}
 * over the adstocked series. {@code alpha} above 1 gives an S-curve, at most 1 a concave one.
 * Search ranges are Robyn's defaults: alpha 0.5..3, gamma 0.3..1.
 */
public record HillSaturation() implements Saturation {
    @Override
    public List<String> parameterNames() {
        return List.of("alpha", "gamma");
    }

    @Override
    public double[] lower() {
        return new double[] {0.5, 0.3};
    }

    @Override
    public double[] upper() {
        return new double[] {3, 1};
    }

    /** @return {@code {inflexion, 0}}. */
    @Override
    public double[] scaleFor(double[] adstocked, double[] raw, double[] params) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : adstocked) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new double[] {inflexion(min, max, params[1]), 0};
    }

    /** @return Robyn's inflexion point {@code (1 - gamma) min + gamma max}. */
    public static double inflexion(double min, double max, double gamma) {
        return (1 - gamma) * min + gamma * max;
    }

    @Override
    public double apply(double x, double[] params, double[] scale) {
        return hill(x, params[0], scale[0]);
    }

    /** @return {@code x^alpha / (x^alpha + k^alpha)}, 0 at {@code x <= 0}. */
    public static double hill(double x, double alpha, double k) {
        if (x <= 0) {
            return 0;
        }
        // written as 1 / (1 + (k/x)^alpha) so large spends do not overflow
        return 1 / (1 + Math.pow(k / x, alpha));
    }

    @Override
    public double derivative(double x, double[] params, double[] scale) {
        if (x <= 0) {
            return params[0] < 1 ? Double.POSITIVE_INFINITY : params[0] == 1 ? 1 / scale[0] : 0;
        }
        double a = params[0];
        double r = Math.pow(scale[0] / x, a);
        return a * r / (x * (1 + r) * (1 + r));
    }
}
