package io.cerebro.core.bandit;

import io.cerebro.core.bandit.policy.BetaThompson;
import io.cerebro.core.bandit.policy.EpsilonGreedy;
import io.cerebro.core.bandit.policy.KlUcb;
import io.cerebro.core.bandit.policy.Ucb1;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regret shapes on Bernoulli arms (0.45, 0.55), averaged over seeded runs. Oracles: the Lai-Robbins
 * bound (constant Δ / KL(0.45, 0.55) ≈ 4.97), UCB1's logarithmic growth and fixed ε's linear slope
 * ε (K-1)/K Δ, all closed forms.
 */
class RegretShapeTest {
    private static final double[] MEANS = {0.45, 0.55};
    private static final long HORIZON = 20_000;
    private static final int RUNS = 40;
    private static final long[] CHECKPOINTS = {1_250, 2_500, 5_000, 10_000, 20_000};
    private final RegretSimulator sim = new RegretSimulator(MEANS, RegretSimulator.RewardModel.BERNOULLI);

    @Test
    void thompsonAndKlUcbStayWithinASmallFactorOfTheLaiRobbinsBound() {
        double bound = LaiRobbins.bound(MEANS, HORIZON);
        assertEquals(0.1 / LaiRobbins.bernoulliKl(0.45, 0.55) * Math.log(HORIZON), bound, 1e-12);
        var ts = sim.run(rng -> new BetaThompson(ArmStatistics.cumulative(2), 1, 1, rng), HORIZON, RUNS, CHECKPOINTS, 11);
        var kl = sim.run(rng -> new KlUcb(ArmStatistics.cumulative(2)), HORIZON, RUNS, CHECKPOINTS, 11);
        for (var c : new RegretSimulator.Curves[] {ts, kl}) {
            double ratio = c.finalRegret() / bound;
            assertTrue(ratio > 0.3 && ratio < 2.5, "regret / Lai-Robbins = " + ratio);
        }
    }

    @Test
    void ucb1RegretGrowsLogarithmically() {
        var c = sim.run(rng -> new Ucb1(ArmStatistics.cumulative(2)), HORIZON, RUNS, CHECKPOINTS, 5);
        // each doubling of the horizon adds about the same regret (a + b ln T), far from doubling it
        double[] increments = new double[CHECKPOINTS.length - 1];
        for (int i = 1; i < CHECKPOINTS.length; i++) increments[i - 1] = c.meanRegret()[i] - c.meanRegret()[i - 1];
        String curve = java.util.Arrays.toString(c.meanRegret());
        for (double inc : increments) assertTrue(inc > 0, curve);
        // a + b ln T: the increments per doubling level off (linear regret would double each one, 8x over the range)
        assertTrue(increments[3] / increments[2] < 1.3 && increments[3] / increments[0] < 2, curve);
        assertTrue(c.finalRegret() / c.meanRegret()[0] < 6, "16x horizon: " + curve);
    }

    @Test
    void fixedEpsilonGreedyRegretIsLinearWithSlopeEpsilonTimesGap() {
        double eps = 0.1;
        var c = sim.run(rng -> EpsilonGreedy.fixed(ArmStatistics.cumulative(2), eps, rng), HORIZON, RUNS, CHECKPOINTS, 9);
        double slope = (c.meanRegret()[4] - c.meanRegret()[2]) / (CHECKPOINTS[4] - CHECKPOINTS[2]);
        // exploration pulls the worse arm half the time: eps * (K-1)/K * gap = 0.005 per pull
        assertEquals(eps * 0.5 * 0.1, slope, 0.1 * eps * 0.5 * 0.1);
        assertTrue(c.bestArmShare()[4] > 0.9 && c.bestArmShare()[4] < 0.96, "best-arm share " + c.bestArmShare()[4]);
    }

    @Test
    void simulationsAreReproducibleFromTheSeed() {
        var a = sim.run(rng -> new BetaThompson(ArmStatistics.cumulative(2), 1, 1, rng), 2_000, 5, new long[] {2_000}, 3);
        var b = sim.run(rng -> new BetaThompson(ArmStatistics.cumulative(2), 1, 1, rng), 2_000, 5, new long[] {2_000}, 3);
        assertArrayEquals(a.meanRegret(), b.meanRegret());
    }
}
