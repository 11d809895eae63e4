package io.cerebro.core.ab.bayes;

import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;

import java.util.function.DoubleUnaryOperator;

/**
 * Composite 16-point Gauss-Legendre quadrature. Posterior densities are smooth and concentrated,
 * so panels a fraction of a posterior standard deviation wide integrate them to rounding error.
 */
final class Quadrature {
    private static final int POINTS = 16;
    private static final double[] NODES = new double[POINTS];
    private static final double[] WEIGHTS = new double[POINTS];

    static {
        GaussIntegrator g = new GaussIntegratorFactory().legendre(POINTS);
        for (int i = 0; i < POINTS; i++) {
            NODES[i] = g.getPoint(i);
            WEIGHTS[i] = g.getWeight(i);
        }
    }

    private Quadrature() {
    }

    /** @return the integral of f over [lo, hi] split into {@code panels} equal panels. */
    static double integrate(DoubleUnaryOperator f, double lo, double hi, int panels) {
        if (!(hi > lo)) {
            return 0;
        }
        double h = (hi - lo) / panels;
        double sum = 0;
        for (int p = 0; p < panels; p++) {
            double mid = lo + (p + 0.5) * h;
            double part = 0;
            for (int i = 0; i < POINTS; i++) {
                part += WEIGHTS[i] * f.applyAsDouble(mid + 0.5 * h * NODES[i]);
            }
            sum += 0.5 * h * part;
        }
        return sum;
    }
}
