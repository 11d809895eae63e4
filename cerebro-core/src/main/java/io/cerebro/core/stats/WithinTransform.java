package io.cerebro.core.stats;

/**
 * Absorbs fixed effects by demeaning: subtracts group means of one or more factors from each
 * column, by alternating projections (the method of lfe, fixest and reghdfe) until the largest
 * change is below a tolerance. One factor is exact in one sweep; two factors on a balanced panel
 * converge after the second sweep.
 *
 * <p>Regressing the demeaned outcome on the demeaned regressors gives the same slopes as the
 * regression with one dummy column per level (Frisch-Waugh-Lovell), in O(n) memory instead of
 * O(n x levels).
 */
public final class WithinTransform {
    private WithinTransform() {
    }

    /**
     * Demeans each column in place.
     *
     * @param columns column-major data, {@code columns[j][i]} is row i of column j
     * @param factors one array of level ids (0..levels-1) per factor, each of length n
     * @param levels  number of levels of each factor
     * @param tol     convergence tolerance on the largest absolute update, relative to the column scale
     * @param maxIter maximum number of sweeps
     * @return the number of sweeps used for the slowest column
     */
    public static int demean(double[][] columns, int[][] factors, int[] levels, double tol, int maxIter) {
        int worst = 0;
        for (double[] col : columns) {
            worst = Math.max(worst, demeanColumn(col, factors, levels, tol, maxIter));
        }
        return worst;
    }

    private static int demeanColumn(double[] col, int[][] factors, int[] levels, double tol, int maxIter) {
        int n = col.length;
        double scale = 0;
        for (double v : col) {
            scale = Math.max(scale, Math.abs(v));
        }
        double limit = tol * Math.max(scale, 1e-300);
        int[][] counts = new int[factors.length][];
        for (int f = 0; f < factors.length; f++) {
            counts[f] = new int[levels[f]];
            for (int i = 0; i < n; i++) {
                counts[f][factors[f][i]]++;
            }
        }
        for (int iter = 1; iter <= maxIter; iter++) {
            double change = 0;
            for (int f = 0; f < factors.length; f++) {
                int[] ids = factors[f];
                double[] sums = new double[levels[f]];
                for (int i = 0; i < n; i++) {
                    sums[ids[i]] += col[i];
                }
                for (int g = 0; g < sums.length; g++) {
                    sums[g] = counts[f][g] == 0 ? 0 : sums[g] / counts[f][g];
                    change = Math.max(change, Math.abs(sums[g]));
                }
                for (int i = 0; i < n; i++) {
                    col[i] -= sums[ids[i]];
                }
            }
            if (factors.length == 1 || change <= limit) {
                return iter;
            }
        }
        return maxIter;
    }
}
