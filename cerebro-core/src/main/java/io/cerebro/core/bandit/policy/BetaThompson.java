package io.cerebro.core.bandit.policy;

import io.cerebro.core.bandit.ArmStatistics;
import io.cerebro.core.bandit.BanditPolicy;

import java.util.SplittableRandom;

/**
 * Thompson sampling for 0/1 rewards with a Beta(α, β) prior on every arm: each pull draws one value
 * from every arm's posterior Beta(α + successes, β + failures) and takes the largest. Under
 * discounted or windowed statistics the counts are effective (fractional) counts.
 */
public final class BetaThompson implements BanditPolicy {
    private final ArmStatistics stats;
    private final double alpha;
    private final double beta;
    private final SplittableRandom rng;

    public BetaThompson(ArmStatistics stats, double alpha, double beta, SplittableRandom rng) {
        if (!(alpha > 0 && beta > 0)) throw new IllegalArgumentException("Beta prior parameters must be positive, got " + alpha + "," + beta);
        this.stats = stats;
        this.alpha = alpha;
        this.beta = beta;
        this.rng = rng;
    }

    /** Posterior α of the arm. */
    public double posteriorAlpha(int arm) { return alpha + stats.sum(arm); }

    /** Posterior β of the arm. */
    public double posteriorBeta(int arm) { return beta + stats.count(arm) - stats.sum(arm); }

    /** Probability that each arm has the highest success rate under the posteriors (quadrature). */
    public double[] bestArmProbabilities() {
        double[] a = new double[arms()];
        double[] b = new double[arms()];
        for (int i = 0; i < a.length; i++) { a[i] = posteriorAlpha(i); b[i] = posteriorBeta(i); }
        return BetaBestProbability.compute(a, b);
    }

    @Override public int arms() { return stats.arms(); }

    @Override public int select(double[] context) {
        int best = 0;
        double bestDraw = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < stats.arms(); a++) {
            double d = RandomDraws.beta(rng, posteriorAlpha(a), posteriorBeta(a));
            if (d > bestDraw) { bestDraw = d; best = a; }
        }
        return best;
    }

    /** @throws IllegalArgumentException when the reward is not 0 or 1 */
    @Override public void update(int arm, double[] context, double reward) {
        if (reward != 0 && reward != 1) throw new IllegalArgumentException("Beta-prior Thompson sampling needs 0/1 rewards, got " + reward);
        stats.add(arm, reward);
    }
}
