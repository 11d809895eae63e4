package io.cerebro.core.bandit.policy;

import io.cerebro.core.bandit.ArmStatistics;

/**
 * UCB-V (Audibert, Munos and Szepesvári 2009): mean + sqrt(2 V ln t / n) + 3 b ln t / n, with V the
 * arm's empirical variance and b the width of the reward range. Tighter than UCB1 on low-variance arms.
 */
public final class UcbV extends IndexPolicy {
    private final double range;

    public UcbV(ArmStatistics stats, double rewardRange) {
        super(stats);
        if (!(rewardRange > 0)) throw new IllegalArgumentException("reward range must be positive, got " + rewardRange);
        this.range = rewardRange;
    }

    @Override public double index(int arm) {
        double n = stats.count(arm);
        double log = Math.log(stats.total());
        return stats.mean(arm) + Math.sqrt(2 * stats.variance(arm) * log / n) + 3 * range * log / n;
    }
}
