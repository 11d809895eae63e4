package io.cerebro.experiment;

import io.cerebro.core.ab.ArmStats;
import io.cerebro.core.ab.sequential.SequentialEstimates;
import io.cerebro.core.result.ArmSummary;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.spec.ABTestSpec;
import io.cerebro.store.Experiment;
import io.cerebro.store.ExperimentStatus;
import io.cerebro.store.MetricDefinition;
import io.cerebro.store.MetricKind;
import io.cerebro.store.SequentialTest;
import io.cerebro.store.StoppingDecision;
import io.cerebro.store.Variant;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Looking every day: 2,000 simulated experiments, 14 daily looks each, through the spec
 * {@code cerebro exp analyze} builds and the A/B engine's mSPRT ({@link SequentialEstimates#msprt},
 * what the engine runs for {@code ab.msprt}) and the stopping rule. Under no effect the share of
 * experiments ever stopped for success or failure stays at most alpha; a naive z-test read at the
 * same looks does not (the simulation can see inflation); with a planted effect most experiments
 * stop for success.
 */
class SequentialPeekingSimulationTest {
    static final int EXPERIMENTS = 2000;
    static final int DAYS = 14;
    static final int PER_DAY = 150;

    static Experiment design() {
        Instant t = Instant.EPOCH;
        return new Experiment("sim", "salt", ExperimentStatus.RUNNING, List.of(new Variant("control", 0.5), new Variant("treatment", 0.5)),
                List.of(new MetricDefinition("converted", MetricKind.BINARY)), null, null, SequentialTest.MSPRT, 0.05, 0.8, 100,
                null, 0.02, null, 0.0, t, t);
    }

    /** @return {share stopped for success or failure by the mSPRT rule, share rejected by a naive z-test at any look}. */
    static double[] run(double pControl, double pTreatment, long seed) {
        Experiment e = design();
        MetricDefinition m = e.metrics().get(0);
        ABTestSpec spec = ExperimentAnalysis.spec(e, m, List.of("control", "treatment"));
        Random rnd = new Random(seed);
        NormalDistribution z = new NormalDistribution(0, 1);
        double crit = z.inverseCumulativeProbability(0.975);
        int stopped = 0;
        int naive = 0;
        for (int x = 0; x < EXPERIMENTS; x++) {
            long nc = 0, nt = 0, sc = 0, st = 0;
            boolean stop = false;
            boolean naiveReject = false;
            for (int day = 1; day <= DAYS; day++) {
                for (int i = 0; i < PER_DAY; i++) {
                    nc++;
                    nt++;
                    sc += rnd.nextDouble() < pControl ? 1 : 0;
                    st += rnd.nextDouble() < pTreatment ? 1 : 0;
                }
                ArmStats c = stats("control", nc, sc);
                ArmStats t = stats("treatment", nt, st);
                Estimate est = SequentialEstimates.msprt(c, t, true, spec);
                StoppingDecision d = StoppingRule.decideArm(e, m, summary(c), summary(t), est, Instant.EPOCH);
                if (d.decision().equals("success") || d.decision().equals("failure")) {
                    stop = true;
                }
                double pc = (double) sc / nc;
                double pt = (double) st / nt;
                double pooled = (double) (sc + st) / (nc + nt);
                double zStat = (pt - pc) / Math.sqrt(pooled * (1 - pooled) * (1.0 / nc + 1.0 / nt));
                naiveReject |= Math.abs(zStat) >= crit;
            }
            stopped += stop ? 1 : 0;
            naive += naiveReject ? 1 : 0;
        }
        return new double[]{(double) stopped / EXPERIMENTS, (double) naive / EXPERIMENTS};
    }

    static ArmStats stats(String arm, long n, long s) {
        double mean = (double) s / n;
        double variance = n > 1 ? (s - n * mean * mean) / (n - 1) : 0;
        return new ArmStats(arm, n, mean, variance, s);
    }

    static ArmSummary summary(ArmStats a) {
        return new ArmSummary(a.arm(), a.n(), a.mean(), Math.sqrt(a.variance()), null);
    }

    @Test
    void dailyPeeksKeepTheFalsePositiveRateAtAlpha() {
        double[] r = run(0.10, 0.10, 11);
        assertTrue(r[0] <= 0.05, "mSPRT stopped " + r[0] + " of null experiments");
        // the same looks with a fixed-horizon z-test reject far more often: the simulation detects peeking
        assertTrue(r[1] > 0.10, "naive peeking rejected " + r[1]);
    }

    @Test
    void aPlantedEffectIsFound() {
        double[] r = run(0.10, 0.14, 12);
        assertTrue(r[0] > 0.8, "found the planted +0.04 in " + r[0]);
    }
}
