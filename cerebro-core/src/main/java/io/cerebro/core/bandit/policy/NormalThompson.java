package io.cerebro.core.bandit.policy;

import io.cerebro.core.bandit.ArmStatistics;
import io.cerebro.core.bandit.BanditPolicy;

import java.util.SplittableRandom;

/**
 * Thompson sampling for continuous rewards: a Normal(m0, s0²) prior on each arm's mean and Normal
 * rewards with known noise variance σ², so the posterior of the mean is Normal with precision
 * 1/s0² + n/σ² and mean (m0/s0² + sum/σ²) / precision.
 */
public final class NormalThompson implements BanditPolicy {
    private final ArmStatistics stats;
    private final double priorMean;
    private final double priorVariance;
    private final double noiseVariance;
    private final SplittableRandom rng;

    public NormalThompson(ArmStatistics stats, double priorMean, double priorVariance, double noiseVariance, SplittableRandom rng) {
        if (!(priorVariance > 0 && noiseVariance > 0)) throw new IllegalArgumentException("prior and noise variances must be positive");
        this.stats = stats;
        this.priorMean = priorMean;
        this.priorVariance = priorVariance;
        this.noiseVariance = noiseVariance;
        this.rng = rng;
    }

    /** Posterior variance of the arm's mean. */
    public double posteriorVariance(int arm) { return 1 / (1 / priorVariance + stats.count(arm) / noiseVariance); }

    /** Posterior mean of the arm's mean. */
    public double posteriorMean(int arm) {
        return posteriorVariance(arm) * (priorMean / priorVariance + stats.sum(arm) / noiseVariance);
    }

    @Override public int arms() { return stats.arms(); }

    @Override public int select(double[] context) {
        int best = 0;
        double bestDraw = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < stats.arms(); a++) {
            double d = posteriorMean(a) + Math.sqrt(posteriorVariance(a)) * rng.nextGaussian();
            if (d > bestDraw) { bestDraw = d; best = a; }
        }
        return best;
    }

    @Override public void update(int arm, double[] context, double reward) { stats.add(arm, reward); }
}
