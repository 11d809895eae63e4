package io.cerebro.core.causal.quasi.rdd;

import com.fasterxml.jackson.databind.JsonNode;
import io.cerebro.core.causal.quasi.Fixtures;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Diagnostic;
import io.cerebro.core.spec.CausalMethod;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.RddDesign;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FuzzyAndCoverageTest {

    static CausalSpec spec(RddDesign d) {
        return new CausalSpec(CausalMethod.RDD, null, "y", null, null, null, null, null, null, null, null, null, d, null, null,
                null, null, null);
    }

    /** A fuzzy RD at a fixed bandwidth is kernel-weighted just-identified 2SLS: AER::ivreg with HC0 errors. */
    @Test
    void fuzzyMatchesKernelWeightedIvreg() {
        JsonNode o = Fixtures.json("fuzzy_rdd_ivreg.json");
        try (Dataset data = Fixtures.dataset("fuzzy_rdd.csv")) {
            for (String kernel : new String[]{"triangular", "uniform", "epanechnikov"}) {
                AnalysisResult r = Engines.run(spec(new RddDesign("x", 0.0, "take", kernel, 1, o.get("h").asDouble(), "hc0")), data);
                assertEquals("causal.fuzzy_rdd", r.method());
                assertEquals(o.get(kernel).get("estimate").asDouble(), r.estimates().get(1).estimate(), 1e-8, kernel);
                assertEquals(o.get(kernel).get("se_hc0").asDouble(), r.estimates().get(1).standardError(), 1e-8, kernel);
                assertEquals(o.get(kernel).get("n").asLong(),
                        r.sampleSizes().get("effective_left") + r.sampleSizes().get("effective_right"));
            }
        }
    }

    /** Fuzzy RD with a covariate: the point estimate equals kernel-weighted 2SLS with the covariate as a control. */
    @Test
    void fuzzyWithCovariateMatchesIvreg() {
        JsonNode o = Fixtures.json("fuzzy_rdd_ivreg.json");
        try (Dataset data = Fixtures.dataset("fuzzy_rdd.csv")) {
            CausalSpec s = new CausalSpec(CausalMethod.RDD, null, "y_cov", java.util.List.of("w"), null, null, null, null, null,
                    null, null, null, new RddDesign("x", 0.0, "take", "triangular", 1, o.get("h").asDouble(), "hc0"), null, null,
                    null, null, null);
            AnalysisResult r = Engines.run(s, data);
            assertEquals(o.get("triangular_with_covariate").get("estimate").asDouble(), r.estimates().get(1).estimate(), 1e-8);
        }
    }

    static double[][] simulate(Random rng, int n, double jump, boolean bunching) {
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double u = 2 * rng.nextDouble() - 1;
            if (bunching && u < 0 && u > -0.3 && rng.nextDouble() < 0.5) {
                u = -u; // half of those just below the cutoff move above it
            }
            x[i] = u;
            y[i] = 0.5 + 0.8 * u - 1.2 * u * u + 0.6 * u * u * u + (u >= 0 ? jump : 0) + 0.5 * rng.nextGaussian();
        }
        return new double[][]{x, y};
    }

    /** Planted jump 1.0: robust bias-corrected 95% intervals cover it about 95% of the time; estimates centre on it. */
    @Test
    @Tag("slow")
    void robustIntervalsCoverThePlantedJump() {
        Random rng = new Random(7);
        int reps = 300;
        int covered = 0;
        double sum = 0;
        for (int rep = 0; rep < reps; rep++) {
            double[][] s = simulate(rng, 1000, 1.0, false);
            RdRobust.Estimate e = RegressionDiscontinuity.fit(new RegressionDiscontinuity.Input(s[0], s[1], null, null, 0,
                    RdRobust.Kernel.TRIANGULAR, RdRobust.Vce.NN, 1, null));
            double z = 1.959963984540054;
            covered += Math.abs(e.tauBiasCorrected() - 1.0) <= z * e.seRobust() ? 1 : 0;
            sum += e.tauConventional();
        }
        double coverage = (double) covered / reps;
        // binomial sd at 95% over 300 draws is 1.3 points
        assertTrue(coverage >= 0.91 && coverage <= 0.99, "coverage " + coverage);
        assertEquals(1.0, sum / reps, 0.03);
    }

    /** McCrary's test flags planted bunching above the cutoff and stays quiet without it. */
    @Test
    void densityTestDetectsBunching() {
        Random rng = new Random(11);
        double[][] clean = simulate(rng, 5000, 0, false);
        double[][] bunched = simulate(rng, 5000, 0, true);
        assertTrue(DensityTest.run(clean[0], 0).pValue() > 0.01);
        DensityTest d = DensityTest.run(bunched[0], 0);
        assertTrue(d.pValue() < 1e-6 && d.logDifference() > 0, d.toString());
        try (Dataset data = Dataset.builder().numeric("x", bunched[0]).numeric("y", bunched[1]).build()) {
            AnalysisResult r = Engines.run(spec(new RddDesign("x", 0.0, null, null, null, null, null)), data);
            Diagnostic dt = r.diagnostics().stream().filter(x -> x.name().equals("density_test")).findFirst().orElseThrow();
            assertEquals("warn", dt.status().toString());
        }
    }
}
