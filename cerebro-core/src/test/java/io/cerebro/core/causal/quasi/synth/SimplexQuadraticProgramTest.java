package io.cerebro.core.causal.quasi.synth;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The simplex QP against analytic solutions. */
class SimplexQuadraticProgramTest {
    static double[][] gram(double[][] x) {
        int k = x[0].length;
        double[][] h = new double[k][k];
        for (double[] row : x) {
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    h[a][b] += row[a] * row[b];
                }
            }
        }
        return h;
    }

    static double[] cross(double[][] x, double[] y) {
        double[] f = new double[x[0].length];
        for (int m = 0; m < x.length; m++) {
            for (int a = 0; a < f.length; a++) {
                f[a] += x[m][a] * y[m];
            }
        }
        return f;
    }

    /**
     * Donors A and B identical, C distinct, target 0.5 A + 0.5 C: every w with w_A + w_B = 0.5 and
     * w_C = 0.5 fits exactly; the ridge makes the least-norm fit (0.25, 0.25, 0.5) the solution.
     */
    @Test
    void exactFitsTieBreakToTheLeastNormOne() {
        double[][] x0 = {{1, 1, 0}, {0, 0, 1}, {2, 2, 1}};
        double[] x1 = {0.5, 0.5, 1.5};
        assertArrayEquals(new double[]{0.25, 0.25, 0.5}, SimplexQuadraticProgram.solve(gram(x0), cross(x0, x1)).weights(), 1e-6);
    }

    /** A target outside the hull: the projection onto the segment between the two nearest donors. */
    @Test
    void projectsAnOutsideTargetOntoTheHull() {
        // donors at (0,0), (2,0), (0,2); target (1.5, 1.5): nearest hull point (1, 1) = 0.5 (2,0) + 0.5 (0,2)
        double[][] x0 = {{0, 2, 0}, {0, 0, 2}};
        double[] x1 = {1.5, 1.5};
        assertArrayEquals(new double[]{0, 0.5, 0.5}, SimplexQuadraticProgram.solve(gram(x0), cross(x0, x1)).weights(), 1e-9);
    }
}
