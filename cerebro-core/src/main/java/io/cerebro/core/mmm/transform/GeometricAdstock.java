package io.cerebro.core.mmm.transform;

import java.util.List;

/**
 * Geometric adstock as PyMC-Marketing's {@code geometric_adstock(x, alpha, l_max, normalize=True)}
 * defines it: weights {@code alpha^l} for lags {@code l = 0..l_max-1}, divided by their sum, so a
 * constant spend keeps its level (the steady-state multiplier is 1).
 *
 * @param lMax      the number of lags, at least 1
 * @param maxAlpha  the largest decay rate searched, in (0, 1)
 */
public record GeometricAdstock(int lMax, double maxAlpha) implements Adstock {
    /** The default search range of the decay rate: [0, 0.9]. */
    public static final double DEFAULT_MAX_ALPHA = 0.9;

    public GeometricAdstock {
        if (lMax < 1) {
            throw new IllegalArgumentException("l_max must be at least 1, got " + lMax);
        }
    }

    /** A geometric adstock over {@code lMax} lags with the default search range. */
    public GeometricAdstock(int lMax) {
        this(lMax, DEFAULT_MAX_ALPHA);
    }

    @Override
    public List<String> parameterNames() {
        return List.of("alpha");
    }

    @Override
    public double[] lower() {
        return new double[] {0};
    }

    @Override
    public double[] upper() {
        return new double[] {maxAlpha};
    }

    @Override
    public double[] weights(double[] params, int weeks) {
        return weights(params[0], lMax);
    }

    /** @return the normalised weights {@code alpha^l / sum_j alpha^j}, {@code l < lMax}. */
    public static double[] weights(double alpha, int lMax) {
        double[] w = new double[lMax];
        double p = 1;
        double sum = 0;
        for (int l = 0; l < lMax; l++) {
            w[l] = p;
            sum += p;
            p *= alpha;
        }
        for (int l = 0; l < lMax; l++) {
            w[l] /= sum;
        }
        return w;
    }
}
