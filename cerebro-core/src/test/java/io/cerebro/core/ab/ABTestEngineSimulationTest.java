package io.cerebro.core.ab;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.spec.ABTestSpec;
import io.cerebro.core.spec.ABTestType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Simulations with planted effects (fixed seeds): intervals cover the truth about 95% of the time,
 * tests keep their false-positive rate at alpha under the null, CUPED stays unbiased while shrinking
 * the variance, and the Beta-Binomial credible interval is calibrated when the truth is drawn from
 * the prior. Acceptance bands are about three Monte Carlo standard errors wide (400 replications).
 */
@Tag("slow")
class ABTestEngineSimulationTest {
    private static final int REPS = 400;

    private static double gaussian(SplittableRandom r) {
        double u = r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    private static AnalysisResult run(String[] arm, double[] y, double[] x, ABTestSpec spec) {
        Dataset.Builder b = Dataset.builder().text("arm", arm).numeric("y", y);
        if (x != null) {
            b.numeric("x", x);
        }
        try (Dataset d = b.build()) {
            return new ABTestEngine().run(spec, d);
        }
    }

    private static String[] arms(int nc, int nt) {
        String[] a = new String[nc + nt];
        for (int i = 0; i < a.length; i++) {
            a[i] = i < nc ? "a" : "b";
        }
        return a;
    }

    @Test
    void welchIntervalCoversThePlantedDifferenceWithUnequalVariances() {
        SplittableRandom rnd = new SplittableRandom(11);
        int nc = 40;
        int nt = 90;
        double effect = 0.5;
        int covered = 0;
        double sum = 0;
        ABTestSpec spec = ABTestSpec.builder("arm", "y").test(ABTestType.WELCH).build();
        for (int rep = 0; rep < REPS; rep++) {
            double[] y = new double[nc + nt];
            for (int i = 0; i < y.length; i++) {
                y[i] = i < nc ? 3 * gaussian(rnd) : effect + gaussian(rnd);
            }
            Estimate e = run(arms(nc, nt), y, null, spec).estimates().get(0);
            covered += e.interval().contains(effect) ? 1 : 0;
            sum += e.estimate();
        }
        double coverage = covered / (double) REPS;
        assertTrue(coverage > 0.915 && coverage < 0.985, "coverage " + coverage);
        assertTrue(Math.abs(sum / REPS - effect) < 0.06, "mean estimate " + sum / REPS);
    }

    @Test
    void zTestKeepsAlphaUnderTheNullAndNewcombeCovers() {
        SplittableRandom rnd = new SplittableRandom(12);
        int n = 400;
        int rejZ = 0;
        int newcombe = 0;
        ABTestSpec spec = ABTestSpec.builder("arm", "y").test(ABTestType.Z_PROPORTIONS).build();
        for (int rep = 0; rep < REPS; rep++) {
            double[] y = new double[2 * n];
            for (int i = 0; i < y.length; i++) {
                y[i] = rnd.nextDouble() < 0.1 ? 1 : 0;
            }
            AnalysisResult r = run(arms(n, n), y, null, spec);
            Estimate z = r.find("ab.z_proportions");
            rejZ += z.pValue() < 0.05 ? 1 : 0;
            newcombe += z.extra("newcombe_lower") <= 0 && 0 <= z.extra("newcombe_upper") ? 1 : 0;
        }
        double fz = rejZ / (double) REPS;
        assertTrue(fz > 0.02 && fz < 0.08, "z false-positive rate " + fz);
        double cov = newcombe / (double) REPS;
        assertTrue(cov > 0.915 && cov < 0.985, "Newcombe coverage " + cov);
    }

    @Test
    void mannWhitneyKeepsAlphaOnSkewedTiedData() {
        SplittableRandom rnd = new SplittableRandom(13);
        int nc = 60;
        int nt = 45;
        int rej = 0;
        ABTestSpec spec = ABTestSpec.builder("arm", "y").test(ABTestType.MANN_WHITNEY).build();
        for (int rep = 0; rep < REPS; rep++) {
            double[] y = new double[nc + nt];
            for (int i = 0; i < y.length; i++) {
                y[i] = Math.floor(-3 * Math.log(1 - rnd.nextDouble())); // geometric-like, many ties
            }
            rej += run(arms(nc, nt), y, null, spec).estimates().get(0).pValue() < 0.05 ? 1 : 0;
        }
        double f = rej / (double) REPS;
        assertTrue(f > 0.02 && f < 0.08, "false-positive rate " + f);
    }

    @Test
    void cupedIsUnbiasedCoversAndReducesVariance() {
        SplittableRandom rnd = new SplittableRandom(14);
        int n = 150;
        double effect = 0.3;
        int covered = 0;
        double sum = 0;
        double reduction = 0;
        ABTestSpec spec = ABTestSpec.builder("arm", "y").test(ABTestType.WELCH).covariate("x").build();
        for (int rep = 0; rep < REPS; rep++) {
            double[] y = new double[2 * n];
            double[] x = new double[2 * n];
            for (int i = 0; i < y.length; i++) {
                x[i] = 10 + 2 * gaussian(rnd);
                y[i] = 0.8 * x[i] + gaussian(rnd) + (i >= n ? effect : 0);
            }
            Estimate e = run(arms(n, n), y, x, spec).find("ab.cuped");
            covered += e.interval().contains(effect) ? 1 : 0;
            sum += e.estimate();
            reduction += e.extra("variance_reduction");
        }
        double coverage = covered / (double) REPS;
        assertTrue(coverage > 0.915 && coverage < 0.985, "coverage " + coverage);
        assertTrue(Math.abs(sum / REPS - effect) < 0.02, "mean estimate " + sum / REPS);
        // Var(Y) = 0.64*4 + 1 = 3.56, residual 1: the expected reduction is 1 - 1/3.56 = 0.72
        assertTrue(Math.abs(reduction / REPS - 0.72) < 0.03, "variance reduction " + reduction / REPS);
    }

    @Test
    void betaBinomialCredibleIntervalIsCalibratedUnderItsPrior() {
        SplittableRandom rnd = new SplittableRandom(15);
        int n = 60;
        int covered = 0;
        double brier = 0;
        ABTestSpec spec = ABTestSpec.builder("arm", "y").test(ABTestType.BAYESIAN).prior(2.0, 5.0).build();
        for (int rep = 0; rep < REPS; rep++) {
            double pa = beta25(rnd);
            double pb = beta25(rnd);
            double[] y = new double[2 * n];
            for (int i = 0; i < y.length; i++) {
                y[i] = rnd.nextDouble() < (i < n ? pa : pb) ? 1 : 0;
            }
            if (allSame(y)) {
                continue;
            }
            Estimate e = run(arms(n, n), y, null, spec).estimates().get(0);
            covered += e.interval().contains(pb - pa) ? 1 : 0;
            double truth = pb > pa ? 1 : 0;
            brier += (e.posteriorProbability() - truth) * (e.posteriorProbability() - truth);
        }
        double coverage = covered / (double) REPS;
        assertTrue(coverage > 0.915 && coverage < 0.985, "coverage " + coverage);
        assertTrue(brier / REPS < 0.1, "Brier score of P(B > A) " + brier / REPS);
    }

    @Test
    void normalModelCredibleIntervalKeepsCoverageInSmallArmsWhereAPlugInNormalDoesNot() {
        SplittableRandom rnd = new SplittableRandom(16);
        int n = 5;
        double effect = 0.7;
        int covered = 0;
        int pluginCovered = 0;
        ABTestSpec spec = ABTestSpec.builder("arm", "y").test(ABTestType.BAYESIAN).build();
        for (int rep = 0; rep < REPS; rep++) {
            double[] y = new double[2 * n];
            for (int i = 0; i < y.length; i++) {
                y[i] = i < n ? gaussian(rnd) : effect + 2 * gaussian(rnd);
            }
            Estimate e = run(arms(n, n), y, null, spec).estimates().get(0);
            covered += e.interval().contains(effect) ? 1 : 0;
            // the plug-in normal posterior N(d, s_a^2/n + s_b^2/n) this model replaced
            double[] a = java.util.Arrays.copyOfRange(y, 0, n);
            double[] b = java.util.Arrays.copyOfRange(y, n, 2 * n);
            double se = Math.sqrt(variance(a) / n + variance(b) / n);
            pluginCovered += Math.abs(e.estimate() - effect) <= 1.959963984540054 * se ? 1 : 0;
        }
        double coverage = covered / (double) REPS;
        double plugin = pluginCovered / (double) REPS;
        assertTrue(coverage > 0.925 && coverage < 0.99, "t-posterior credible coverage " + coverage);
        assertTrue(plugin < 0.92, "plug-in normal coverage " + plugin + " should fall short at n = 5");
    }

    private static double variance(double[] x) {
        double m = java.util.Arrays.stream(x).average().orElseThrow();
        return java.util.Arrays.stream(x).map(v -> (v - m) * (v - m)).sum() / (x.length - 1);
    }

    /** Beta(2, 5) draw as the second-smallest of six uniforms. */
    private static double beta25(SplittableRandom r) {
        double[] u = new double[6];
        for (int i = 0; i < 6; i++) {
            u[i] = r.nextDouble();
        }
        java.util.Arrays.sort(u);
        return u[1];
    }

    private static boolean allSame(double[] y) {
        for (double v : y) {
            if (v != y[0]) {
                return false;
            }
        }
        return true;
    }
}
