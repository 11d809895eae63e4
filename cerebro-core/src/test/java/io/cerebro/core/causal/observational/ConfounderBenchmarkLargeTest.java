package io.cerebro.core.causal.observational;

import io.cerebro.core.causal.sensitivity.RobustnessValue;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.CausalMethod;
import io.cerebro.core.spec.Estimand;
import io.cerebro.core.stats.LinearModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * On a design large enough for the confounder benchmark's two regressions to run concurrently, the
 * benchmark is exactly the one computed from the two fits run one after the other (the partial R^2
 * formulas themselves are checked against sensemakr in the robustness-value tests), and the planted
 * strongest confounder is the one named.
 */
class ConfounderBenchmarkLargeTest {
    @Test
    void concurrentFitsGiveTheSequentialBenchmark() {
        int n = 60_000;
        Random rng = new Random(7);
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        double[] t = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x1[i] = rng.nextGaussian();
            x2[i] = rng.nextGaussian();
            t[i] = rng.nextDouble() < 1 / (1 + Math.exp(-(0.8 * x1[i] + 0.1 * x2[i]))) ? 1 : 0;
            y[i] = 1.5 * t[i] + 2.0 * x1[i] + 0.2 * x2[i] + rng.nextGaussian();
        }
        try (Dataset d = Dataset.builder().numeric("t", t).numeric("y", y).numeric("x1", x1).numeric("x2", x2).build()) {
            AnalysisResult r = Engines.run(EngineBehaviourTest.spec(CausalMethod.IPW, "t", "y", List.of("x1", "x2"), null, null,
                    Estimand.ATE, null, null, null), d);
            @SuppressWarnings("unchecked")
            Map<String, Object> b = (Map<String, Object>) r.details().get("confounder_benchmark");
            assertEquals("x1", b.get("confounder"));
            double[][] xo = new double[n][];
            double[][] xd = new double[n][];
            for (int i = 0; i < n; i++) {
                xo[i] = new double[]{1, t[i], x1[i], x2[i]};
                xd[i] = new double[]{1, x1[i], x2[i]};
            }
            LinearModel out = LinearModel.fit(new String[]{"(Intercept)", "t", "x1", "x2"}, xo, y);
            LinearModel tr = LinearModel.fit(new String[]{"(Intercept)", "x1", "x2"}, xd, t);
            double ty = out.coefficients()[2] / Math.sqrt(out.covClassical()[2][2]);
            double td = tr.coefficients()[1] / Math.sqrt(tr.covClassical()[1][1]);
            assertEquals(RobustnessValue.partialR2(ty, out.dfResid()), (Double) b.get("partial_r2_outcome"), 1e-12);
            assertEquals(RobustnessValue.partialR2(td, tr.dfResid()), (Double) b.get("partial_r2_treatment"), 1e-12);
        }
    }
}
