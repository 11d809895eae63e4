package io.cerebro.core.bandit.policy;

import io.cerebro.core.bandit.ArmStatistics;
import io.cerebro.core.bandit.BanditPolicy;

import java.util.SplittableRandom;

/**
 * Softmax (Boltzmann) exploration: arm i with probability proportional to exp(mean_i / τ). Arms never
 * pulled are pulled first, in order.
 */
public final class Softmax implements BanditPolicy {
    private final ArmStatistics stats;
    private final double temperature;
    private final SplittableRandom rng;

    public Softmax(ArmStatistics stats, double temperature, SplittableRandom rng) {
        if (!(temperature > 0)) throw new IllegalArgumentException("softmax temperature must be positive, got " + temperature);
        this.stats = stats;
        this.temperature = temperature;
        this.rng = rng;
    }

    /** Choice probabilities once every arm has been pulled. */
    public double[] choiceProbabilities() {
        int k = stats.arms();
        double max = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < k; a++) max = Math.max(max, stats.mean(a) / temperature);
        double[] p = new double[k];
        double z = 0;
        for (int a = 0; a < k; a++) z += p[a] = Math.exp(stats.mean(a) / temperature - max);
        for (int a = 0; a < k; a++) p[a] /= z;
        return p;
    }

    @Override public int arms() { return stats.arms(); }

    @Override public int select(double[] context) {
        for (int a = 0; a < stats.arms(); a++) if (stats.count(a) <= 0) return a;
        double[] p = choiceProbabilities();
        double u = rng.nextDouble();
        double acc = 0;
        for (int a = 0; a < p.length; a++) {
            acc += p[a];
            if (u < acc) return a;
        }
        return p.length - 1;
    }

    @Override public void update(int arm, double[] context, double reward) { stats.add(arm, reward); }
}
