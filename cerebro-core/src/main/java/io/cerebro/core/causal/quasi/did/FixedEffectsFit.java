package io.cerebro.core.causal.quasi.did;

import io.cerebro.core.stats.LinearModel;
import io.cerebro.core.stats.WithinTransform;

/**
 * Least squares with unit and period fixed effects absorbed by demeaning.
 *
 * @param model       the regression of the demeaned outcome on the demeaned regressors (no intercept)
 * @param panel       the panel it was fitted on
 * @param absorbedAll number of absorbed parameters, units + periods - 1
 */
public record FixedEffectsFit(LinearModel model, Panel panel, int absorbedAll) {

    /**
     * Fits y on the regressors (column-major) with two-way fixed effects.
     *
     * @param regressors {@code regressors[j][i]}: row i of regressor j; not modified
     */
    public static FixedEffectsFit fit(Panel panel, double[] y, double[][] regressors, String[] names) {
        int n = y.length;
        int p = regressors.length;
        double[][] cols = new double[p + 1][];
        cols[0] = y.clone();
        for (int j = 0; j < p; j++) {
            cols[j + 1] = regressors[j].clone();
        }
        WithinTransform.demean(cols, new int[][]{panel.unit(), panel.period()}, new int[]{panel.units(), panel.periods()},
                1e-10, 1000);
        double[][] x = new double[n][p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x[i][j] = cols[j + 1][i];
            }
        }
        LinearModel m = LinearModel.fit(names, x, cols[0]);
        return new FixedEffectsFit(m, panel, panel.units() + panel.periods() - 1);
    }

    /**
     * Cluster-robust covariance counting only the fixed effects that are not nested in the clusters
     * (with unit clusters: the period effects).
     */
    public double[][] covCluster(int[] cluster) {
        boolean unitNested = nested(panel.unit(), panel.units(), cluster);
        boolean timeNested = nested(panel.period(), panel.periods(), cluster);
        int nonNested = (unitNested ? 0 : panel.units()) + (timeNested ? 0 : panel.periods());
        return model.covCluster(cluster, Math.max(0, nonNested - 1));
    }

    private static boolean nested(int[] level, int levels, int[] cluster) {
        int[] first = new int[levels];
        java.util.Arrays.fill(first, Integer.MIN_VALUE);
        for (int i = 0; i < level.length; i++) {
            int l = level[i];
            if (first[l] == Integer.MIN_VALUE) {
                first[l] = cluster[i];
            } else if (first[l] != cluster[i]) {
                return false;
            }
        }
        return true;
    }
}
