package io.cerebro.core.pushdown;

import io.cerebro.core.stats.LinearModel;

/**
 * A least-squares fit computed from cross-products in a SQL engine.
 *
 * @param names        coefficient names ({@code (Intercept)} first when the model has one)
 * @param coefficients the least-squares coefficients
 * @param covHC1       HC1 covariance (HC0 times n / (n - k - absorbed))
 * @param covCluster   CR1 cluster-robust covariance (G/(G-1) (n-1)/(n-k-absorbed)), or null without a cluster column
 * @param n            rows fitted
 * @param clusters     number of clusters (0 without a cluster column)
 */
public record MomentFit(String[] names, double[] coefficients, double[][] covHC1, double[][] covCluster, long n, long clusters) {

    /** @return the index of a named coefficient. */
    public int index(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no coefficient " + name);
    }

    /** @return the coefficient named {@code name}. */
    public double coefficient(String name) {
        return coefficients[index(name)];
    }

    /** @return its HC1 standard error. */
    public double seHC1(String name) {
        return LinearModel.standardErrors(covHC1)[index(name)];
    }

    /** @return its cluster-robust standard error (NaN without a cluster column). */
    public double seCluster(String name) {
        return covCluster == null ? Double.NaN : LinearModel.standardErrors(covCluster)[index(name)];
    }
}
