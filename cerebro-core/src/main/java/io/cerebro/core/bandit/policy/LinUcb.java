package io.cerebro.core.bandit.policy;

import io.cerebro.core.bandit.BanditPolicy;

/**
 * LinUCB with disjoint linear models (Li, Chu, Langford and Schapire 2010): for context x, arm a's
 * index is θ_aᵀx + α sqrt(xᵀ A_a⁻¹ x), with θ_a the ridge estimate of the arm's reward on the context.
 * Include a constant 1 among the context values for an intercept.
 */
public final class LinUcb implements BanditPolicy {
    private final LinearArmModel[] models;
    private final double alpha;

    public LinUcb(int arms, int dimension, double alpha, double ridge) {
        if (!(alpha >= 0)) throw new IllegalArgumentException("LinUCB alpha must be non-negative, got " + alpha);
        models = new LinearArmModel[arms];
        for (int a = 0; a < arms; a++) models[a] = new LinearArmModel(dimension, ridge);
        this.alpha = alpha;
    }

    /** The arm's upper confidence index for the context. */
    public double index(int arm, double[] context) {
        LinearArmModel m = models[arm];
        LinearArmModel.checkContext(context, m.d);
        return LinearArmModel.dot(m.theta(), context) + alpha * Math.sqrt(m.quadratic(context));
    }

    /** Ridge coefficients of the arm. */
    public double[] coefficients(int arm) { return models[arm].theta(); }

    @Override public int arms() { return models.length; }

    @Override public int select(double[] context) {
        int best = 0;
        double bestIndex = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < models.length; a++) {
            double i = index(a, context);
            if (i > bestIndex) { bestIndex = i; best = a; }
        }
        return best;
    }

    @Override public void update(int arm, double[] context, double reward) {
        LinearArmModel.checkContext(context, models[arm].d);
        models[arm].add(context, reward);
    }
}
