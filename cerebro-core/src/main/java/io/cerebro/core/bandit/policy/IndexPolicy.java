package io.cerebro.core.bandit.policy;

import io.cerebro.core.bandit.ArmStatistics;
import io.cerebro.core.bandit.BanditPolicy;

/**
 * A context-free policy that pulls every arm once, then the arm with the largest index (lowest arm
 * number on ties, so choices are reproducible).
 */
public abstract class IndexPolicy implements BanditPolicy {
    protected final ArmStatistics stats;

    protected IndexPolicy(ArmStatistics stats) { this.stats = stats; }

    /** The index of {@code arm}; only called once every arm has been pulled. */
    public abstract double index(int arm);

    /** All indices, +infinity for arms never pulled. */
    public double[] indices() {
        double[] out = new double[stats.arms()];
        for (int a = 0; a < out.length; a++) out[a] = stats.count(a) > 0 ? index(a) : Double.POSITIVE_INFINITY;
        return out;
    }

    @Override public int arms() { return stats.arms(); }

    @Override public int select(double[] context) {
        for (int a = 0; a < stats.arms(); a++) if (stats.count(a) <= 0) return a;
        int best = 0;
        double bestIndex = index(0);
        for (int a = 1; a < stats.arms(); a++) {
            double i = index(a);
            if (i > bestIndex) { bestIndex = i; best = a; }
        }
        return best;
    }

    @Override public void update(int arm, double[] context, double reward) { stats.add(arm, reward); }

    public ArmStatistics statistics() { return stats; }
}
