package io.cerebro.core.ab.sequential;

import io.cerebro.core.ab.ArmStats;
import io.cerebro.core.spec.ABTestSpec;
import io.cerebro.core.spec.SpendingFunction;
import org.hipparchus.distribution.continuous.TDistribution;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Simulation oracles for optional stopping. Users arrive one at a time, alternating between the
 * arms; the analyst peeks after every 100 users up to 5,000 (50 looks) and stops at the first
 * p <= 0.05.
 *
 * <p>Monte Carlo margin: with R = 4,000 replications the false-positive rate's standard error is at
 * most sqrt(0.05 * 0.95 / R) = 0.0034; the mSPRT must stay below alpha + 3 standard errors (a
 * valid procedure fails this with probability below 0.15%), while the naive repeated t-test must
 * exceed alpha by more than 3 standard errors. Fixed seeds keep the run reproducible.
 */
@Tag("slow")
class SequentialSimulationTest {
    private static final int REPS = 4000;
    private static final int USERS = 5000;
    private static final int PEEK_EVERY = 100;
    private static final double ALPHA = 0.05;
    private static final double MARGIN = 3 * Math.sqrt(ALPHA * (1 - ALPHA) / REPS);

    /** Outcome generator for one arm. */
    private interface Outcome {
        double draw(SplittableRandom rng, boolean treated);
    }

    private record Rates(double msprt, double naive) {
    }

    private static Rates simulate(Outcome outcome, boolean binary, long seed) {
        ABTestSpec spec = ABTestSpec.builder("arm", "y").alpha(ALPHA).build();
        SplittableRandom rng = new SplittableRandom(seed);
        int msprtRejections = 0;
        int naiveRejections = 0;
        for (int r = 0; r < REPS; r++) {
            double[] sum = new double[2];
            double[] sumSq = new double[2];
            long[] n = new long[2];
            boolean msprtRejected = false;
            boolean naiveRejected = false;
            for (int u = 1; u <= USERS; u++) {
                int arm = u % 2;
                double y = outcome.draw(rng, arm == 1);
                sum[arm] += y;
                sumSq[arm] += y * y;
                n[arm]++;
                if (u % PEEK_EVERY != 0) {
                    continue;
                }
                ArmStats c = stats("control", n[0], sum[0], sumSq[0]);
                ArmStats t = stats("treatment", n[1], sum[1], sumSq[1]);
                if (c.variance() <= 0 || t.variance() <= 0) {
                    continue;
                }
                if (!msprtRejected && SequentialEstimates.msprt(c, t, binary, spec).pValue() <= ALPHA) {
                    msprtRejected = true;
                }
                if (!naiveRejected && welchP(c, t) <= ALPHA) {
                    naiveRejected = true;
                }
            }
            msprtRejections += msprtRejected ? 1 : 0;
            naiveRejections += naiveRejected ? 1 : 0;
        }
        return new Rates((double) msprtRejections / REPS, (double) naiveRejections / REPS);
    }

    private static ArmStats stats(String arm, long n, double sum, double sumSq) {
        double mean = sum / n;
        double var = (sumSq - n * mean * mean) / (n - 1);
        return new ArmStats(arm, n, mean, Math.max(0, var), sum);
    }

    /** The naive fixed-sample Welch t-test, repeated at every peek. */
    private static double welchP(ArmStats c, ArmStats t) {
        double vc = c.variance() / c.n();
        double vt = t.variance() / t.n();
        double stat = (t.mean() - c.mean()) / Math.sqrt(vc + vt);
        double df = (vc + vt) * (vc + vt) / (vc * vc / (c.n() - 1) + vt * vt / (t.n() - 1));
        return 2 * new TDistribution(df).cumulativeProbability(-Math.abs(stat));
    }

    @Test
    void msprtKeepsTheFalsePositiveRateUnderPeekingForNormalOutcomes() {
        Rates r = simulate((rng, treated) -> 10 + 3 * rng.nextGaussian(), false, 20261122L);
        System.out.println("normal outcome, no effect: mSPRT " + r.msprt() + ", naive t-test " + r.naive());
        assertTrue(r.msprt() <= ALPHA + MARGIN, "mSPRT false-positive rate " + r.msprt());
        assertTrue(r.naive() > ALPHA + MARGIN, "naive repeated t-test false-positive rate " + r.naive());
    }

    @Test
    void msprtKeepsTheFalsePositiveRateUnderPeekingForConversions() {
        Rates r = simulate((rng, treated) -> rng.nextDouble() < 0.1 ? 1 : 0, true, 7L);
        System.out.println("conversions, no effect: mSPRT " + r.msprt() + ", naive t-test " + r.naive());
        assertTrue(r.msprt() <= ALPHA + MARGIN, "mSPRT false-positive rate " + r.msprt());
        assertTrue(r.naive() > ALPHA + MARGIN, "naive repeated t-test false-positive rate " + r.naive());
    }

    @Test
    void msprtFindsAPlantedEffect() {
        // 0.15 sd with 2,500 users per arm: a fixed-sample test would have power about 0.96
        Rates normal = simulate((rng, treated) -> (treated ? 0.45 : 0) + 3 * rng.nextGaussian(), false, 11L);
        assertTrue(normal.msprt() > 0.7, "mSPRT power for a 0.15 sd effect " + normal.msprt());
        // 10% -> 13% conversion with 2,500 users per arm: fixed-sample power about 0.92
        Rates conv = simulate((rng, treated) -> rng.nextDouble() < (treated ? 0.13 : 0.10) ? 1 : 0, true, 13L);
        System.out.println("planted effects: mSPRT power " + normal.msprt() + " (0.15 sd), " + conv.msprt() + " (10% -> 13%)");
        assertTrue(conv.msprt() > 0.6, "mSPRT power for 10% -> 13% " + conv.msprt());
    }

    @Test
    void groupSequentialBoundariesKeepAlphaOnTheSimulatedScoreProcess() {
        // Z at the looks of a Brownian motion: an independent Monte Carlo check of the numerical integration
        double[] t = {0.15, 0.4, 0.55, 0.8, 1.0};
        int reps = 200_000;
        double se = Math.sqrt(0.025 * 0.975 / reps);
        for (SpendingFunction f : SpendingFunction.values()) {
            double[] b = GroupSequentialDesign.of(f, 0.025, t).boundaries();
            SplittableRandom rng = new SplittableRandom(99);
            int rejected = 0;
            for (int r = 0; r < reps; r++) {
                double s = 0;
                double prev = 0;
                for (int k = 0; k < t.length; k++) {
                    s += Math.sqrt(t[k] - prev) * rng.nextGaussian();
                    prev = t[k];
                    if (s / Math.sqrt(t[k]) >= b[k]) {
                        rejected++;
                        break;
                    }
                }
            }
            double rate = (double) rejected / reps;
            System.out.println(f + " simulated alpha " + rate + " (nominal 0.025)");
            assertTrue(Math.abs(rate - 0.025) < 4 * se, f + " simulated alpha " + rate);
        }
    }
}
