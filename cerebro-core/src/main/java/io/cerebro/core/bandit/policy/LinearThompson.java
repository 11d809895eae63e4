package io.cerebro.core.bandit.policy;

import io.cerebro.core.bandit.BanditPolicy;

import java.util.SplittableRandom;

/**
 * Linear Thompson sampling (Agrawal and Goyal 2013) with disjoint arms: draw θ̃_a ~ N(θ̂_a, v² A_a⁻¹)
 * for every arm and pull the arm with the largest θ̃_aᵀx.
 */
public final class LinearThompson implements BanditPolicy {
    private final LinearArmModel[] models;
    private final double scale;
    private final SplittableRandom rng;

    public LinearThompson(int arms, int dimension, double scale, double ridge, SplittableRandom rng) {
        if (!(scale > 0)) throw new IllegalArgumentException("posterior scale must be positive, got " + scale);
        models = new LinearArmModel[arms];
        for (int a = 0; a < arms; a++) models[a] = new LinearArmModel(dimension, ridge);
        this.scale = scale;
        this.rng = rng;
    }

    /** Ridge coefficients of the arm. */
    public double[] coefficients(int arm) { return models[arm].theta(); }

    @Override public int arms() { return models.length; }

    @Override public int select(double[] context) {
        int best = 0;
        double bestDraw = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < models.length; a++) {
            LinearArmModel m = models[a];
            LinearArmModel.checkContext(context, m.d);
            double[] l = cholesky(m.aInverse);
            double[] theta = m.theta();
            double[] z = new double[m.d];
            for (int i = 0; i < m.d; i++) z[i] = rng.nextGaussian();
            double draw = LinearArmModel.dot(theta, context);
            for (int i = 0; i < m.d; i++) {
                double li = 0;
                for (int j = 0; j <= i; j++) li += l[i * m.d + j] * z[j];
                draw += scale * li * context[i];
            }
            if (draw > bestDraw) { bestDraw = draw; best = a; }
        }
        return best;
    }

    @Override public void update(int arm, double[] context, double reward) {
        LinearArmModel.checkContext(context, models[arm].d);
        models[arm].add(context, reward);
    }

    /** Lower Cholesky factor (row-major), with a tiny floor on the pivots against rounding. */
    private static double[] cholesky(double[][] m) {
        int d = m.length;
        double[] l = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = m[i][j];
                for (int k = 0; k < j; k++) s -= l[i * d + k] * l[j * d + k];
                if (i == j) l[i * d + i] = Math.sqrt(Math.max(s, 1e-300));
                else l[i * d + j] = s / l[j * d + j];
            }
        }
        return l;
    }
}
