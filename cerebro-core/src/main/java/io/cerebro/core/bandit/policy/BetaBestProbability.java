package io.cerebro.core.bandit.policy;

import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.hipparchus.distribution.continuous.BetaDistribution;

/**
 * Probability that each arm has the largest success rate when arm i's rate is Beta(a_i, b_i):
 * P_i = integral of f_i(x) times the product over j != i of F_j(x) dx. Computed by composite
 * 20-point Gauss-Legendre quadrature on 400 panels over the region where f_i has mass (its mean
 * ± 40 standard deviations, clipped to [0, 1]), so it is deterministic and, for posterior
 * parameters of at least 1, accurate to far better than 1e-6. Sampling would give a different
 * answer on every run.
 */
public final class BetaBestProbability {
    private static final int PANELS = 400;
    private static final GaussIntegrator RULE = new GaussIntegratorFactory().legendre(20, 0, 1);

    private BetaBestProbability() { }

    public static double[] compute(double[] a, double[] b) {
        int k = a.length;
        if (k != b.length || k == 0) throw new IllegalArgumentException("need one (a, b) pair per arm");
        BetaDistribution[] dist = new BetaDistribution[k];
        for (int i = 0; i < k; i++) {
            if (!(a[i] > 0 && b[i] > 0)) throw new IllegalArgumentException("Beta parameters must be positive, arm " + i);
            dist[i] = new BetaDistribution(a[i], b[i]);
        }
        double[] p = new double[k];
        if (k == 1) { p[0] = 1; return p; }
        for (int i = 0; i < k; i++) {
            double mean = dist[i].getNumericalMean();
            double sd = Math.sqrt(dist[i].getNumericalVariance());
            double lo = Math.max(0, mean - 40 * sd);
            double hi = Math.min(1, mean + 40 * sd);
            double width = (hi - lo) / PANELS;
            double total = 0;
            for (int panel = 0; panel < PANELS; panel++) {
                double start = lo + panel * width;
                for (int n = 0; n < RULE.getNumberOfPoints(); n++) {
                    double x = start + width * RULE.getPoint(n);
                    double f = dist[i].density(x);
                    if (f == 0) continue;
                    for (int j = 0; j < k && f != 0; j++) if (j != i) f *= dist[j].cumulativeProbability(x);
                    total += width * RULE.getWeight(n) * f;
                }
            }
            p[i] = total;
        }
        return p;
    }
}
