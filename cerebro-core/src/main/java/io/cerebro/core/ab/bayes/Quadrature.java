package io.cerebro.core.ab.bayes;

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
        // Newton's method on the Legendre polynomial P_16 in double precision: accurate to rounding
        // and instant, where a high-precision node factory costs a noticeable share of a CLI run
        for (int i = 0; i < POINTS / 2; i++) {
            double x = Math.cos(Math.PI * (i + 0.75) / (POINTS + 0.5));
            double derivative = 0;
            for (int it = 0; it < 100; it++) {
                double p0 = 1;
                double p1 = x;
                for (int k = 2; k <= POINTS; k++) {
                    double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
                    p0 = p1;
                    p1 = p2;
                }
                derivative = POINTS * (x * p1 - p0) / (x * x - 1);
                double dx = p1 / derivative;
                x -= dx;
                if (Math.abs(dx) < 1e-16) {
                    break;
                }
            }
            double w = 2 / ((1 - x * x) * derivative * derivative);
            NODES[i] = -x;
            NODES[POINTS - 1 - i] = x;
            WEIGHTS[i] = w;
            WEIGHTS[POINTS - 1 - i] = w;
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
