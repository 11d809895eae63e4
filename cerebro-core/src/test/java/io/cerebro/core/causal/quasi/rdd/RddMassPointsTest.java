package io.cerebro.core.causal.quasi.rdd;

import io.cerebro.core.causal.quasi.Fixtures;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Diagnostic;
import io.cerebro.core.spec.RddDesign;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A discrete running variable (ages, test scores): rdrobust's {@code masspoints = "adjust"}. The
 * unit cases are checked by hand; the simulation plants a jump on an integer running variable.
 */
class RddMassPointsTest {

    private static RdSide side(double... x) {
        boolean[] keep = new boolean[x.length];
        Arrays.fill(keep, true);
        return RdSide.of(x, new double[][]{new double[x.length]}, keep);
    }

    /** Distinct values and the distance to the k-th closest one, counted from the cutoff outwards. */
    @Test
    void distinctValuesAreCountedFromTheCutoff() {
        RdSide left = side(-1, -3, -1, -2, -3, -1, -7);
        assertEquals(4, left.distinct());
        assertEquals(1, left.distinctDistance(0, 1, true));
        assertEquals(2, left.distinctDistance(0, 2, true));
        assertEquals(3, left.distinctDistance(0, 3, true));
        assertEquals(7, left.distinctDistance(0, 4, true));
        assertEquals(7, left.distinctDistance(0, 10, true), "capped at the number of distinct values");
        RdSide right = side(0.5, 2, 0.5, 0, 9);
        assertEquals(4, right.distinct());
        assertEquals(0, right.distinctDistance(0, 1, false));
        assertEquals(0.5, right.distinctDistance(0, 2, false));
        assertEquals(9, right.distinctDistance(0, 10, false));
        assertEquals(2, right.distinctIn(0, 3), "rows 0, 0.5, 0.5");
    }

    /** ten integers per side, 100 rows each: y = 1 + 0.3 x + 2 [x >= 0] + noise. */
    private static double[][] tenPerSide(long seed) {
        Random rng = new Random(seed);
        int n = 2000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 20 - 10; // -10..9
            y[i] = 1 + 0.3 * x[i] + (x[i] >= 0 ? 2 : 0) + rng.nextGaussian();
        }
        return new double[][]{x, y};
    }

    /**
     * By hand: left values -1..-10 and right 0..9, 100 rows each. Repeated share 0.99 per side, so
     * mass points. The unadjusted pilot is 2.576 * min(sd 5.77, IQR 10 / 1.349) * 20^(-1/5) = 8.16,
     * narrower than the 10th closest distinct value on the left (distance 10), so pilot and d
     * bandwidths are raised to 10 + 1e-8, which is also bw_max (|c - min x| = 10): both equal it exactly.
     */
    @Test
    void pilotBandwidthsHoldTenDistinctValuesPerSide() {
        double[][] s = tenPerSide(3);
        boolean[] l = new boolean[s[0].length];
        boolean[] r = new boolean[s[0].length];
        for (int i = 0; i < l.length; i++) {
            l[i] = s[0][i] < 0;
            r[i] = !l[i];
        }
        RdRobust rd = new RdRobust(RdSide.of(s[0], new double[][]{s[1]}, l), RdSide.of(s[0], new double[][]{s[1]}, r), 0,
                RdRobust.Kernel.TRIANGULAR, RdRobust.Vce.NN, 0, 0);
        RdRobust.MassPoints mp = rd.massPoints();
        assertTrue(mp.detected());
        assertEquals(10, mp.distinctLeft());
        assertEquals(10, mp.distinctRight());
        assertEquals(10 + 1e-8, mp.minBandwidth(), 0);
        RdRobust.Bandwidths bw = rd.mserd(1);
        assertEquals(10 + 1e-8, bw.pilot(), 0);
        assertEquals(10 + 1e-8, bw.d(), 0);
        assertTrue(bw.h() > 0 && bw.h() <= 10 && bw.b() > 0 && bw.b() <= 10, bw.toString());
    }

    /** Through the engine: the fit runs (it ended in "matrix is singular" before) and says mass points were adjusted for. */
    @Test
    void engineReportsTheAdjustment() {
        double[][] s = tenPerSide(5);
        try (Dataset data = Dataset.builder().numeric("x", s[0]).numeric("y", s[1]).build()) {
            AnalysisResult r = Engines.run(FuzzyAndCoverageTest.spec(new RddDesign("x", 0.0, null, null, null, null, null)), data);
            Diagnostic d = r.diagnostics().stream().filter(x -> x.name().equals("mass_points")).findFirst().orElseThrow();
            assertEquals("warn", d.status().toString());
            assertTrue(d.message().startsWith("mass points in the running variable (10 distinct values among 1000 rows left of the"
                    + " cutoff, 10 among 1000 right): bandwidth selection was adjusted"), d.message());
            assertEquals(10.0, d.values().get("distinct_left"));
            assertEquals(0.99, d.values().get("repeated_share_right"), 1e-12);
            assertEquals(10 + 1e-8, d.values().get("min_pilot_bandwidth"), 0);
            assertTrue(Double.isFinite(r.estimate()) && Double.isFinite(r.standardError()));
            // with a bandwidth given nothing is adjusted, and the diagnostic says so
            AnalysisResult g = Engines.run(FuzzyAndCoverageTest.spec(new RddDesign("x", 0.0, null, null, null, 5.5, null)), data);
            Diagnostic dg = g.diagnostics().stream().filter(x -> x.name().equals("mass_points")).findFirst().orElseThrow();
            assertTrue(dg.message().contains("the given bandwidth was used as is"), dg.message());
        }
    }

    /** A continuous running variable (the senate margins) has no mass points: nothing is adjusted or reported. */
    @Test
    void continuousRunningVariableIsNotAdjusted() {
        try (Dataset data = Fixtures.dataset("rdrobust_senate.csv")) {
            AnalysisResult r = Engines.run(RegressionDiscontinuityTest.spec("vote", null,
                    new RddDesign("margin", 0.0, null, null, null, null, null)), data);
            assertFalse(r.diagnostics().stream().anyMatch(d -> d.name().equals("mass_points")));
        }
    }

    /** The rule is rdrobust's: a side with at least 10% repeated values. 20% repeats count, 5% do not. */
    @Test
    void detectionThreshold() {
        double[] xs = new double[200];
        for (int i = 0; i < 100; i++) {
            xs[i] = -(i + 1);           // 100 distinct left
            xs[100 + i] = i < 80 ? i : 0; // 80 distinct among 100 right: 20% repeated
        }
        assertTrue(massPoints(xs).detected());
        for (int i = 0; i < 100; i++) {
            xs[100 + i] = i < 95 ? i : 1; // 95 distinct: 5% repeated
        }
        RdRobust.MassPoints mp = massPoints(xs);
        assertFalse(mp.detected());
        assertEquals(0, mp.minBandwidth());
        assertEquals(95, mp.distinctRight());
    }

    private static RdRobust.MassPoints massPoints(double[] x) {
        boolean[] l = new boolean[x.length];
        boolean[] r = new boolean[x.length];
        for (int i = 0; i < x.length; i++) {
            l[i] = x[i] < 0;
            r[i] = !l[i];
        }
        double[][] cols = {new double[x.length]};
        return new RdRobust(RdSide.of(x, cols, l), RdSide.of(x, cols, r), 0, RdRobust.Kernel.TRIANGULAR, RdRobust.Vce.NN, 0, 0)
                .massPoints();
    }

    /** Three values per side cannot carry the pilot fits: one line naming the fix, not a singular matrix. */
    @Test
    void tooFewDistinctValuesIsOneLine() {
        int n = 600;
        double[] x = new double[n];
        double[] y = new double[n];
        Random rng = new Random(1);
        for (int i = 0; i < n; i++) {
            x[i] = i % 6 - 3; // -3..2
            y[i] = x[i] + (x[i] >= 0 ? 1 : 0) + rng.nextGaussian();
        }
        try (Dataset data = Dataset.builder().numeric("x", x).numeric("y", y).build()) {
            UserInputException e = assertThrows(UserInputException.class, () -> Engines.run(
                    FuzzyAndCoverageTest.spec(new RddDesign("x", 0.0, null, null, null, null, null)), data));
            assertEquals("the running variable takes only 3 distinct values left of the cutoff; selecting the bandwidth of a local"
                    + " polynomial of order 1 needs at least 5 per side; give --bandwidth (holding at least 3 distinct values per"
                    + " side) or use a finer running variable", e.getMessage());
            // a given bandwidth holding two values per side (-2, -1 and 0, 1) is too narrow for the bias fit
            UserInputException g = assertThrows(UserInputException.class, () -> Engines.run(
                    FuzzyAndCoverageTest.spec(new RddDesign("x", 0.0, null, "uniform", null, 2.0, null)), data));
            assertTrue(g.getMessage().startsWith("the bandwidth = 2 holds only 2 distinct values of the running variable"
                    + " left of the cutoff"), g.getMessage());
            assertTrue(g.getMessage().contains("give a wider --bandwidth") && !g.getMessage().contains("\n"));
            // three values per side is enough at a given bandwidth
            AnalysisResult ok = Engines.run(FuzzyAndCoverageTest.spec(new RddDesign("x", 0.0, null, "uniform", null, 3.5, null)), data);
            assertTrue(Double.isFinite(ok.estimate()));
        }
    }

    /**
     * Planted jump 1.0 on an integer running variable with a smooth cubic trend, y = 0.5 + 0.8u -
     * 1.2u^2 + 0.6u^3 + [x >= 0] + N(0, 0.5^2) with u = x / k: robust bias-corrected 95% intervals
     * cover the jump about 95% of the time and the estimates centre on it. Two designs: 80 values
     * (-40..39) with about 50 rows each, and 20 values (-10..9) with 100 rows each, where the pilot
     * bandwidths are held to ten distinct values per side. Binomial sd of the coverage over 1000
     * draws: 0.7 points.
     */
    @Test
    @Tag("slow")
    void robustIntervalsCoverThePlantedJumpOnADiscreteRunningVariable() {
        Random rng = new Random(2026);
        for (int[] design : new int[][]{{4000, 40}, {2000, 10}}) {
            double[] r = simulateDiscrete(rng, 1000, design[0], design[1]);
            String what = "n " + design[0] + ", " + 2 * design[1] + " values: coverage " + r[0] + ", mean conventional " + r[1]
                    + ", mean bias-corrected " + r[2];
            // measured: coverage 0.941 and 0.950; bias-corrected means 1.005 and 0.999; conventional means 0.994 and
            // 0.965 (sd of the mean 0.002 and 0.004): on the coarse grid the conventional estimate keeps a smoothing bias,
            // which the bias-corrected estimate and the robust interval remove
            assertTrue(r[0] >= 0.93 && r[0] <= 0.97, what);
            assertEquals(1.0, r[2], 0.02, what);
            assertEquals(1.0, r[1], 0.05, what);
        }
    }

    /** @return coverage of the robust interval, mean conventional and mean bias-corrected estimate */
    private static double[] simulateDiscrete(Random rng, int reps, int n, int k) {
        int covered = 0;
        double sum = 0;
        double sumBc = 0;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int rep = 0; rep < reps; rep++) {
            for (int i = 0; i < n; i++) {
                x[i] = rng.nextInt(2 * k) - k;
                double u = x[i] / k;
                y[i] = 0.5 + 0.8 * u - 1.2 * u * u + 0.6 * u * u * u + (x[i] >= 0 ? 1.0 : 0) + 0.5 * rng.nextGaussian();
            }
            RdRobust.Estimate e = RegressionDiscontinuity.fit(new RegressionDiscontinuity.Input(x, y, null, null, 0,
                    RdRobust.Kernel.TRIANGULAR, RdRobust.Vce.NN, 1, null));
            assertTrue(e.massPoints().detected());
            covered += Math.abs(e.tauBiasCorrected() - 1.0) <= 1.959963984540054 * e.seRobust() ? 1 : 0;
            sum += e.tauConventional();
            sumBc += e.tauBiasCorrected();
        }
        return new double[]{(double) covered / reps, sum / reps, sumBc / reps};
    }

    /**
     * Simulation without manipulation: uniform integer ages 18..65, cutoff 40, a planted jump of 1 in
     * the outcome. McCrary's histogram test (bins narrower than the spacing 1) false-alarms on such
     * data; with mass points the engine skips it, reports a passing density_test and the counts at
     * ages 39 and 40, which the test counts directly.
     */
    @Test
    void discreteRunningVariableSkipsTheHistogramDensityTest() {
        int histogramAlarms = 0;
        for (int rep = 0; rep < 7; rep++) {
            Random rng = new Random(100 + rep);
            int n = 3000;
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = 18 + rng.nextInt(48);
                y[i] = 2 + 0.05 * x[i] + (x[i] >= 40 ? 1 : 0) + rng.nextGaussian();
            }
            if (DensityTest.run(x, 40).pValue() < 0.05) {
                histogramAlarms++;
            }
            try (Dataset data = Dataset.builder().numeric("x", x).numeric("y", y).build()) {
                AnalysisResult r = Engines.run(FuzzyAndCoverageTest.spec(new RddDesign("x", 40.0, null, null, null, null, null)), data);
                assertTrue(r.diagnostics().stream().anyMatch(d -> d.name().equals("mass_points")));
                Diagnostic dt = r.diagnostics().stream().filter(d -> d.name().equals("density_test")).findFirst().orElseThrow();
                assertEquals("pass", dt.status().toString(), dt.message());
                assertTrue(dt.message().startsWith("density test skipped: the running variable is discrete"), dt.message());
                assertEquals(39.0, dt.values().get("value_below"));
                assertEquals(40.0, dt.values().get("value_at"));
                assertEquals((double) Arrays.stream(x).filter(v -> v == 39).count(), dt.values().get("count_below"));
                assertEquals((double) Arrays.stream(x).filter(v -> v == 40).count(), dt.values().get("count_at"));
                assertTrue(r.warnings().stream().noneMatch(w -> w.contains("sort")), r.warnings().toString());
            }
        }
        assertTrue(histogramAlarms >= 4, "the histogram test false-alarms on integer data: " + histogramAlarms + " of 7");
    }
}
