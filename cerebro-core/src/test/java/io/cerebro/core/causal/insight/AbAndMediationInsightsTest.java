package io.cerebro.core.causal.insight;

import io.cerebro.core.causal.CausalFixtures;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.result.Insight;
import io.cerebro.core.spec.ABTestSpec;
import io.cerebro.core.spec.CausalMethod;
import io.cerebro.core.spec.CausalSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A/B insights with a CUPED covariate and the ACME/ADE sentence of mediation: numbers from the result, words that follow them. */
class AbAndMediationInsightsTest {
    /** Outcome y = 10 + lift * t + beta * x + noise: beta sets how much the covariate explains. */
    private static AnalysisResult abTest(double lift, double beta, long seed) {
        Random rng = new Random(seed);
        int n = 4000;
        String[] arm = new String[n];
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            arm[i] = i % 2 == 0 ? "control" : "treatment";
            x[i] = rng.nextGaussian();
            y[i] = 10 + (i % 2) * lift + beta * x[i] + rng.nextGaussian();
        }
        try (Dataset d = Dataset.builder().text("arm", arm).numeric("x", x).numeric("y", y).build()) {
            return Engines.run(ABTestSpec.builder("arm", "y").covariate("x").build(), d);
        }
    }

    @Test
    void cupedInsightsCarryTheResultsNumbersAndChangeWithThem() {
        AnalysisResult strong = abTest(0.3, 3, 1);
        AnalysisResult weak = abTest(0.0, 0.1, 1);
        List<Insight> a = AbInsights.of(strong);
        List<Insight> b = AbInsights.of(weak);
        assertEquals(List.of("effect", "variance_reduction"), a.stream().map(Insight::topic).toList());
        Estimate cuped = strong.find("ab.cuped");
        assertEquals(cuped.estimate(), a.get(0).numbers().get("estimate"), 0);
        assertEquals(cuped.extra("variance_reduction"), a.get(1).numbers().get("variance_reduction"), 0);
        assertTrue(a.get(0).statement().startsWith("Adjusted for x (CUPED), treatment changes y by " + Insights.signed(cuped.estimate())),
                a.get(0).statement());
        assertTrue(a.get(1).statement().contains("removed " + Insights.pct(cuped.extra("variance_reduction"))), a.get(1).statement());
        // a covariate explaining ~90% of the variance against one explaining ~1%, a clear lift against none
        assertEquals(Insight.Strength.STRONG, a.get(1).strength());
        assertEquals(Insight.Strength.WEAK, b.get(1).strength());
        assertTrue(b.get(1).statement().contains("predicts the outcome poorly"), b.get(1).statement());
        assertTrue(a.get(0).statement().contains("The data point to an increase"), a.get(0).statement());
        assertTrue(b.get(0).statement().contains("cannot tell this variant from control"), b.get(0).statement());
        assertNotEquals(a.get(1).statement(), b.get(1).statement());
    }

    @Test
    void mediationNamesAcmeAndAdeWithTheirNumbers() {
        try (Dataset d = Dataset.read(CausalFixtures.file("mediation.csv"))) {
            AnalysisResult r = Engines.run(CausalSpec.builder(CausalMethod.MEDIATION, "y").treatment("t").mediator("m")
                    .confounders(List.of("x")).build(), d);
            Insight m = Insights.of(r).stream().filter(i -> i.topic().equals("mediation")).findFirst().orElseThrow();
            Estimate acme = r.estimates().stream().filter(e -> e.label().startsWith("ACME")).findFirst().orElseThrow();
            Estimate ade = r.estimates().stream().filter(e -> e.label().startsWith("ADE")).findFirst().orElseThrow();
            assertEquals(acme.estimate(), m.numbers().get("acme"), 0);
            assertEquals(ade.estimate(), m.numbers().get("ade"), 0);
            assertTrue(m.statement().contains("Through m the treatment moves the outcome by " + Insights.signed(acme.estimate())),
                    m.statement());
            assertTrue(m.statement().contains("(ACME, the indirect effect)") && m.statement().contains("(ADE, the direct effect)"),
                    m.statement());
            // the same question on the binary mediator: other numbers, another sentence
            AnalysisResult rb = Engines.run(CausalSpec.builder(CausalMethod.MEDIATION, "y").treatment("t").mediator("mb")
                    .confounders(List.of("x")).build(), d);
            Insight mb = Insights.of(rb).stream().filter(i -> i.topic().equals("mediation")).findFirst().orElseThrow();
            assertNotEquals(m.statement(), mb.statement());
            assertTrue(mb.statement().contains("Through mb"), mb.statement());
        }
    }
}
