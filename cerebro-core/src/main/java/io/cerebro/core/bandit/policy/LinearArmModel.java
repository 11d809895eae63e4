package io.cerebro.core.bandit.policy;

/**
 * Ridge regression of one arm's reward on the context, kept as A = λI + Σ x xᵀ, its inverse (updated
 * by Sherman-Morrison, O(d²) per reward) and b = Σ r x. Shared by LinUCB and linear Thompson.
 */
final class LinearArmModel {
    final int d;
    final double[][] aInverse;
    final double[] b;

    LinearArmModel(int dimension, double ridge) {
        if (!(ridge > 0)) throw new IllegalArgumentException("ridge penalty must be positive, got " + ridge);
        d = dimension;
        aInverse = new double[d][d];
        for (int i = 0; i < d; i++) aInverse[i][i] = 1 / ridge;
        b = new double[d];
    }

    double[] theta() { return multiply(aInverse, b); }

    /** xᵀ A⁻¹ x. */
    double quadratic(double[] x) {
        double[] ax = multiply(aInverse, x);
        double s = 0;
        for (int i = 0; i < d; i++) s += x[i] * ax[i];
        return s;
    }

    void add(double[] x, double reward) {
        double[] ax = multiply(aInverse, x);
        double denom = 1;
        for (int i = 0; i < d; i++) denom += x[i] * ax[i];
        for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) aInverse[i][j] -= ax[i] * ax[j] / denom;
        for (int i = 0; i < d; i++) b[i] += reward * x[i];
    }

    static double[] multiply(double[][] m, double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < m.length; i++) {
            double s = 0;
            for (int j = 0; j < x.length; j++) s += m[i][j] * x[j];
            out[i] = s;
        }
        return out;
    }

    static double dot(double[] u, double[] v) {
        double s = 0;
        for (int i = 0; i < u.length; i++) s += u[i] * v[i];
        return s;
    }

    static void checkContext(double[] x, int d) {
        if (x == null || x.length != d) throw new IllegalArgumentException("context must have " + d + " values");
    }
}
