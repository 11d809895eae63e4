package io.cerebro.core.bandit.policy;

import io.cerebro.core.bandit.ArmStatistics;
import io.cerebro.core.bandit.BanditPolicy;

import java.util.SplittableRandom;

/**
 * ε-greedy: with probability ε a uniformly random arm, otherwise the arm with the best mean (arms
 * never pulled count as best, lowest arm number on ties). ε is fixed, or decays as min(1, c / t)
 * with t the number of the pull about to be made (Auer et al. 2002's ε_n schedule), which turns
 * the linear regret of fixed ε into logarithmic regret.
 */
public final class EpsilonGreedy implements BanditPolicy {
    private final ArmStatistics stats;
    private final double epsilon;
    private final double decayConstant;
    private final SplittableRandom rng;

    private EpsilonGreedy(ArmStatistics stats, double epsilon, double decayConstant, SplittableRandom rng) {
        this.stats = stats;
        this.epsilon = epsilon;
        this.decayConstant = decayConstant;
        this.rng = rng;
    }

    /** Fixed ε in [0, 1]. */
    public static EpsilonGreedy fixed(ArmStatistics stats, double epsilon, SplittableRandom rng) {
        if (!(epsilon >= 0 && epsilon <= 1)) throw new IllegalArgumentException("epsilon must be in [0, 1], got " + epsilon);
        return new EpsilonGreedy(stats, epsilon, Double.NaN, rng);
    }

    /** ε_t = min(1, c / t), c > 0. */
    public static EpsilonGreedy decaying(ArmStatistics stats, double c, SplittableRandom rng) {
        if (!(c > 0)) throw new IllegalArgumentException("epsilon decay constant must be positive, got " + c);
        return new EpsilonGreedy(stats, Double.NaN, c, rng);
    }

    /** The ε used for the next pull. */
    public double currentEpsilon() {
        if (!Double.isNaN(epsilon)) return epsilon;
        return Math.min(1, decayConstant / (stats.total() + 1));
    }

    /** The arm the greedy step would take now. */
    public int greedyArm() {
        int best = 0;
        double bestMean = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < stats.arms(); a++) {
            double m = stats.count(a) > 0 ? stats.mean(a) : Double.POSITIVE_INFINITY;
            if (m > bestMean) { bestMean = m; best = a; }
        }
        return best;
    }

    /** Exact probability of each arm being chosen next: ε/K, plus 1-ε on the greedy arm. */
    public double[] choiceProbabilities() {
        int k = stats.arms();
        double e = currentEpsilon();
        double[] p = new double[k];
        java.util.Arrays.fill(p, e / k);
        p[greedyArm()] += 1 - e;
        return p;
    }

    @Override public int arms() { return stats.arms(); }

    @Override public int select(double[] context) {
        if (rng.nextDouble() < currentEpsilon()) return rng.nextInt(stats.arms());
        return greedyArm();
    }

    @Override public void update(int arm, double[] context, double reward) { stats.add(arm, reward); }
}
