package io.cerebro.core.causal.mediation;

import com.fasterxml.jackson.databind.JsonNode;
import io.cerebro.core.causal.CausalFixtures;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.spec.CausalMethod;
import io.cerebro.core.spec.CausalSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mediation against statsmodels 0.13.5's Mediation (quasi-Bayesian, 4000 draws) on the same data and
 * against the linear closed forms ({@code causal_mediation_oracles.json}, tools/fixtures/causal_mediation.py).
 * Point estimates: Cerebro computes the expectations exactly, statsmodels averages simulated draws, so they
 * agree to the Monte-Carlo error of statsmodels' mean (tolerance 2% of the interval width, or the closed
 * form to 1e-9); interval ends are percentiles of 2000 and 4000 draws (tolerance 6% of the width, 10% for the
 * proportion mediated).
 */
class MediationAnalysisTest {
    private static AnalysisResult run(String mediator, String outcome, long seed) throws Exception {
        try (Dataset data = Dataset.read(CausalFixtures.file("mediation.csv"))) {
            return Engines.run(CausalSpec.builder(CausalMethod.MEDIATION, outcome).treatment("t").mediator(mediator)
                    .confounders(List.of("x")).seed(seed).build(), data);
        }
    }

    private static Estimate est(AnalysisResult r, String prefix) {
        return r.estimates().stream().filter(e -> e.label().startsWith(prefix)).findFirst().orElseThrow();
    }

    private static void near(JsonNode o, Estimate e, double pointTol) {
        near(o, e, pointTol, 0.06);
    }

    private static void near(JsonNode o, Estimate e, double pointTol, double endTol) {
        double width = o.get("upper").asDouble() - o.get("lower").asDouble();
        assertEquals(o.get("estimate").asDouble(), e.estimate(), pointTol * width, e.label() + " estimate");
        assertEquals(o.get("lower").asDouble(), e.interval().lower(), endTol * width, e.label() + " lower");
        assertEquals(o.get("upper").asDouble(), e.interval().upper(), endTol * width, e.label() + " upper");
    }

    @Test
    void linearModelsMatchTheClosedFormsAndStatsmodels() throws Exception {
        JsonNode fx = CausalFixtures.json("causal_mediation_oracles.json");
        JsonNode cf = fx.get("closed_form_linear");
        AnalysisResult r = run("m", "y", 42);
        assertEquals(cf.get("acme").asDouble(), est(r, "ACME").estimate(), 1e-9);
        assertEquals(cf.get("ade").asDouble(), est(r, "ADE").estimate(), 1e-9);
        assertEquals(cf.get("total").asDouble(), est(r, "total").estimate(), 1e-9);
        assertEquals(cf.get("acme").asDouble() / cf.get("total").asDouble(), est(r, "proportion").estimate(), 1e-9);
        @SuppressWarnings("unchecked")
        Map<String, Object> sens = (Map<String, Object>) r.details().get("sensitivity");
        assertEquals(cf.get("rho_at_zero_acme").asDouble(), (Double) sens.get("rho_at_zero_acme"), 1e-9);
        @SuppressWarnings("unchecked")
        Map<String, Double> curve = (Map<String, Double>) sens.get("acme_by_rho");
        assertEquals(cf.get("acme").asDouble(), curve.get("0.0"), 1e-9, "ACME(rho = 0) is the estimate");
        JsonNode sm = fx.get("cases").get("linear_linear");
        near(sm.get("acme"), est(r, "ACME"), 0.02);
        near(sm.get("ade"), est(r, "ADE"), 0.02);
        near(sm.get("total"), est(r, "total"), 0.02);
        near(sm.get("prop"), est(r, "proportion"), 0.02);
    }

    @Test
    void binaryOutcomeAndBinaryMediatorMatchStatsmodels() throws Exception {
        JsonNode cases = CausalFixtures.json("causal_mediation_oracles.json").get("cases");
        for (String[] c : new String[][]{{"linear_binary", "m", "yb"}, {"binary_linear", "mb", "y"}}) {
            AnalysisResult r = run(c[1], c[2], 42);
            JsonNode sm = cases.get(c[0]);
            near(sm.get("acme"), est(r, "ACME"), 0.02);
            near(sm.get("ade"), est(r, "ADE"), 0.02);
            near(sm.get("total"), est(r, "total"), 0.02);
            // the ratio's percentiles are the noisiest Monte-Carlo quantity: 10% of the width
            near(sm.get("prop"), est(r, "proportion"), 0.03, 0.10);
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Double>> arm = (Map<String, Map<String, Double>>) r.details().get("mediation");
            for (String k : List.of("acme_control", "acme_treated", "ade_control", "ade_treated")) {
                JsonNode o = sm.get(k);
                double width = o.get("upper").asDouble() - o.get("lower").asDouble();
                assertEquals(o.get("estimate").asDouble(), arm.get(k).get("estimate"), 0.02 * width, c[0] + " " + k);
            }
        }
    }

    @Test
    void intervalsAreSeededAndTheSeedMatters() throws Exception {
        AnalysisResult a = run("m", "yb", 5);
        AnalysisResult b = run("m", "yb", 5);
        AnalysisResult c = run("m", "yb", 6);
        assertEquals(est(a, "ACME").interval().lower(), est(b, "ACME").interval().lower(), 0);
        assertTrue(est(a, "ACME").interval().lower() != est(c, "ACME").interval().lower());
        assertEquals(est(a, "ACME").estimate(), est(c, "ACME").estimate(), 0, "the point estimate uses no draws");
    }

    @Test
    void missingMediatorIsAUserError() throws Exception {
        try (Dataset data = Dataset.read(CausalFixtures.file("mediation.csv"))) {
            UserInputException e = assertThrows(UserInputException.class, () -> Engines.run(
                    CausalSpec.builder(CausalMethod.MEDIATION, "y").treatment("t").build(), data));
            assertTrue(e.getMessage().contains("--mediator"), e.getMessage());
        }
    }
}
