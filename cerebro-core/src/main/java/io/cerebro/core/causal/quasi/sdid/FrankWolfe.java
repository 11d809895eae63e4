package io.cerebro.core.causal.quasi.sdid;

/**
 * Simplex-constrained ridge regression solved by Frank-Wolfe with exact line search, as the
 * reference implementation of synthetic DiD (R package {@code synthdid}) does. The published
 * Prop 99 figures are those of this path (stopping rule and sparsification included), which is why
 * it is reproduced here rather than solved exactly: the exact minimiser of the synthetic-control
 * problem gives -19.51 where the paper reports -19.6.
 *
 * <p>For a matrix {@code Y} with {@code k + 1} columns (the last one the target) and {@code n}
 * rows it minimises {@code zeta^2 |w|^2 + |A w - b|^2 / n} over {@code w >= 0, sum w = 1}, with
 * {@code A} the first {@code k} columns and {@code b} the last; with an intercept each column is
 * first centred over the rows.
 */
final class FrankWolfe {
    private FrankWolfe() {
    }

    /**
     * @param y         n x (k + 1) matrix; not modified
     * @param zeta      ridge penalty (on the scale of the outcome)
     * @param intercept centre each column over the rows first
     * @param start     starting weights (null: uniform)
     * @param minDecrease stop once the objective falls by less than {@code minDecrease^2} in one step
     * @param maxIter   iteration limit
     * @return the weights
     */
    static double[] weights(double[][] y, double zeta, boolean intercept, double[] start, double minDecrease, int maxIter) {
        int n = y.length;
        int k = y[0].length - 1;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = y[i].clone();
        }
        if (intercept) {
            for (int j = 0; j <= k; j++) {
                double m = 0;
                for (double[] row : a) {
                    m += row[j] / n;
                }
                for (double[] row : a) {
                    row[j] -= m;
                }
            }
        }
        double[] w = new double[k];
        if (start == null) {
            java.util.Arrays.fill(w, 1.0 / k);
        } else {
            System.arraycopy(start, 0, w, 0, k);
        }
        double zeta2 = zeta * zeta;
        double eta = n * zeta2;
        double[] ax = new double[n];
        double previous = Double.NaN;
        double current = Double.NaN;
        for (int t = 1; t <= maxIter; t++) {
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < k; j++) {
                    s += a[i][j] * w[j];
                }
                ax[i] = s;
            }
            // the vertex with the smallest gradient coordinate
            int best = 0;
            double bestGrad = Double.POSITIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                double g = eta * w[j];
                for (int i = 0; i < n; i++) {
                    g += (ax[i] - a[i][k]) * a[i][j];
                }
                if (g < bestGrad) {
                    bestGrad = g;
                    best = j;
                }
            }
            double num = 0;
            double den = 0;
            double wd = 0;
            double dd = 0;
            for (int j = 0; j < k; j++) {
                double d = (j == best ? 1 : 0) - w[j];
                wd += w[j] * d;
                dd += d * d;
            }
            if (dd > 0) {
                for (int i = 0; i < n; i++) {
                    double derr = a[i][best] - ax[i];
                    num += (ax[i] - a[i][k]) * derr;
                    den += derr * derr;
                }
                double step = -(num + eta * wd) / (den + eta * dd);
                step = Math.min(1, Math.max(0, step));
                for (int j = 0; j < k; j++) {
                    w[j] += step * ((j == best ? 1 : 0) - w[j]);
                }
            }
            previous = current;
            current = objective(a, w, zeta2);
            if (t >= 2 && !(previous - current > minDecrease * minDecrease)) {
                break;
            }
        }
        return w;
    }

    private static double objective(double[][] a, double[] w, double zeta2) {
        int n = a.length;
        int k = w.length;
        double ss = 0;
        for (double[] row : a) {
            double e = -row[k];
            for (int j = 0; j < k; j++) {
                e += row[j] * w[j];
            }
            ss += e * e;
        }
        double ww = 0;
        for (double v : w) {
            ww += v * v;
        }
        return zeta2 * ww + ss / n;
    }

    /** Sets weights at or below a quarter of the largest to zero and renormalises (synthdid's sparsification). */
    static double[] sparsify(double[] w) {
        double max = 0;
        for (double v : w) {
            max = Math.max(max, v);
        }
        double[] out = new double[w.length];
        double sum = 0;
        for (int j = 0; j < w.length; j++) {
            out[j] = w[j] <= max / 4 ? 0 : w[j];
            sum += out[j];
        }
        for (int j = 0; j < w.length; j++) {
            out[j] /= sum;
        }
        return out;
    }
}
