package io.cerebro.core.causal.quasi.synth;

import io.cerebro.core.stats.Matrices;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * Minimises {@code 0.5 w'Hw - f'w} over the probability simplex {@code w >= 0, sum(w) = 1} by a
 * primal active-set method (Nocedal and Wright, Algorithm 16.3). It starts at the best vertex,
 * solves the equality-constrained problem on the free set through its KKT system, steps back to
 * the boundary when a weight would turn negative, and frees the weight whose Lagrange multiplier
 * is most negative until every multiplier is non-negative. Synthetic-control Hessians are often
 * singular (more donors than pre-periods); the free set stays small, and a ridge of 1e-10 of the
 * mean diagonal keeps each KKT system solvable without moving the solution measurably. When several
 * weightings fit exactly (the treated unit inside the donors' convex hull) the ridge makes the
 * solution unique, the exact fit of least norm; the optimality test, at 1e-6 of the ridge, resolves
 * it rather than stopping at whichever exact fit the path reaches first.
 */
public final class SimplexQuadraticProgram {
    private SimplexQuadraticProgram() {
    }

    /** The solution and its bookkeeping. */
    public record Solution(double[] weights, double objective, int iterations) {
    }

    /**
     * Solves the problem.
     *
     * @param h symmetric positive semi-definite k x k matrix
     * @param f linear term of length k
     */
    public static Solution solve(double[][] h, double[] f) {
        int k = f.length;
        double meanDiag = 0;
        for (int i = 0; i < k; i++) {
            meanDiag += h[i][i] / k;
        }
        double ridge = 1e-10 * Math.max(meanDiag, 1e-300);
        // several weightings can fit exactly; then only the ridge term (multipliers near ridge x weight) tells them
        // apart, so the optimality test must resolve it to reach the unique regularised solution
        double tol = 1e-6 * ridge;
        // start at the best vertex
        int best = 0;
        for (int i = 1; i < k; i++) {
            if (0.5 * h[i][i] - f[i] < 0.5 * h[best][best] - f[best]) {
                best = i;
            }
        }
        double[] w = new double[k];
        w[best] = 1;
        boolean[] free = new boolean[k];
        free[best] = true;
        int iter = 0;
        int maxIter = 50 * k + 100;
        while (iter++ < maxIter) {
            double[] v = solveEquality(h, f, free, ridge);
            boolean feasible = true;
            for (int i = 0; i < k; i++) {
                if (free[i] && v[i] < 0) {
                    feasible = false;
                    break;
                }
            }
            if (feasible) {
                w = v;
                // multipliers of the active bounds: lambda_i = g_i - g_free (g the gradient)
                double[] g = gradient(h, f, w);
                double gFree = 0;
                int nFree = 0;
                for (int i = 0; i < k; i++) {
                    if (free[i]) {
                        gFree += g[i] + ridge * w[i];
                        nFree++;
                    }
                }
                gFree /= nFree;
                int enter = -1;
                double most = -tol;
                for (int i = 0; i < k; i++) {
                    if (!free[i] && g[i] - gFree < most) {
                        most = g[i] - gFree;
                        enter = i;
                    }
                }
                if (enter < 0) {
                    break;
                }
                free[enter] = true;
            } else {
                // step from w towards v until the first free weight hits zero, and fix it there
                double alpha = 1;
                int block = -1;
                for (int i = 0; i < k; i++) {
                    if (free[i] && v[i] < 0) {
                        double a = w[i] / (w[i] - v[i]);
                        if (a < alpha) {
                            alpha = a;
                            block = i;
                        }
                    }
                }
                for (int i = 0; i < k; i++) {
                    if (free[i]) {
                        w[i] += alpha * (v[i] - w[i]);
                    }
                }
                if (block >= 0) {
                    free[block] = false;
                    w[block] = 0;
                }
                for (int i = 0; i < k; i++) {
                    if (free[i] && w[i] <= 0) {
                        free[i] = false;
                        w[i] = 0;
                    }
                }
            }
        }
        double sum = 0;
        for (int i = 0; i < k; i++) {
            w[i] = Math.max(0, w[i]);
            sum += w[i];
        }
        for (int i = 0; i < k; i++) {
            w[i] /= sum;
        }
        double obj = 0;
        double[] hw = Matrices.multiply(h, w);
        for (int i = 0; i < k; i++) {
            obj += 0.5 * w[i] * hw[i] - f[i] * w[i];
        }
        return new Solution(w, obj, iter);
    }

    /** Minimises over the free coordinates with the others at zero and the weights summing to one. */
    private static double[] solveEquality(double[][] h, double[] f, boolean[] free, double ridge) {
        int k = f.length;
        int m = 0;
        int[] idx = new int[k];
        for (int i = 0; i < k; i++) {
            if (free[i]) {
                idx[m++] = i;
            }
        }
        double[][] kkt = new double[m + 1][m + 1];
        double[] rhs = new double[m + 1];
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                kkt[a][b] = h[idx[a]][idx[b]];
            }
            kkt[a][a] += ridge;
            kkt[a][m] = 1;
            kkt[m][a] = 1;
            rhs[a] = f[idx[a]];
        }
        rhs[m] = 1;
        RealMatrix km = MatrixUtils.createRealMatrix(kkt);
        double[] sol = new LUDecomposition(km, 1e-300).getSolver().solve(MatrixUtils.createRealVector(rhs)).toArray();
        double[] v = new double[k];
        for (int a = 0; a < m; a++) {
            v[idx[a]] = sol[a];
        }
        return v;
    }

    private static double[] gradient(double[][] h, double[] f, double[] w) {
        double[] g = Matrices.multiply(h, w);
        for (int i = 0; i < g.length; i++) {
            g[i] -= f[i];
        }
        return g;
    }
}
