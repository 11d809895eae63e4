package io.cerebro.core.causal.quasi.rdd;

import com.fasterxml.jackson.databind.JsonNode;
import io.cerebro.core.causal.quasi.Fixtures;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.spec.CausalMethod;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.RddDesign;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegressionDiscontinuityTest {

    static CausalSpec spec(String y, List<String> covs, RddDesign d) {
        return new CausalSpec(CausalMethod.RDD, null, y, covs, null, null, null, null, null, null, null, null, d, null, null,
                true, null, null);
    }

    @SuppressWarnings("unchecked")
    static double bw(AnalysisResult r, String k) {
        return (Double) ((Map<String, Object>) r.details().get("bandwidth")).get(k);
    }

    /** rdrobust(vote, margin) on the senate data: published to 4 decimals (oracle rdd_senate). */
    @Test
    void senateMatchesRdrobust() {
        JsonNode o = Fixtures.json("causal_quasi_oracles.json").get("rdd_senate");
        try (Dataset data = Fixtures.dataset("rdrobust_senate.csv")) {
            AnalysisResult r = Engines.run(spec("vote", null, new RddDesign("margin", 0.0, null, null, null, null, null)), data);
            assertEquals(o.get("h").asDouble(), bw(r, "h"), 1e-3);
            assertEquals(o.get("b").asDouble(), bw(r, "b"), 1e-3);
            Estimate conv = r.estimates().get(1);
            assertEquals(o.get("conventional").get("estimate").asDouble(), conv.estimate(), 1e-4);
            assertEquals(o.get("conventional").get("se").asDouble(), conv.standardError(), 1e-4);
            assertEquals(o.get("conventional").get("ci95").get(0).asDouble(), conv.interval().lower(), 1e-4);
            assertEquals(o.get("conventional").get("ci95").get(1).asDouble(), conv.interval().upper(), 1e-4);
            assertEquals(o.get("bias_corrected").asDouble(), r.estimates().get(2).estimate(), 1e-4);
            assertEquals(o.get("robust").get("se").asDouble(), r.standardError(), 1e-4);
            assertEquals(o.get("robust").get("z").asDouble(), r.estimates().get(0).statistic().value(), 1e-3);
            assertEquals(o.get("robust").get("ci95").get(0).asDouble(), r.interval().lower(), 1e-4);
            assertEquals(o.get("robust").get("ci95").get(1).asDouble(), r.interval().upper(), 1e-4);
            assertEquals(o.get("n_left").asLong(), r.sampleSizes().get("left"));
            assertEquals(o.get("n_right").asLong(), r.sampleSizes().get("right"));
            assertEquals(o.get("n_eff_left").asLong(), r.sampleSizes().get("effective_left"));
            assertEquals(o.get("n_eff_right").asLong(), r.sampleSizes().get("effective_right"));
            assertEquals("scatter", r.charts().get(0).kind());
        }
    }

    /** rdrobust(vote, margin, covs = cbind(class, termshouse, termssenate)). */
    @Test
    void senateWithCovariatesMatchesRdrobust() {
        JsonNode o = Fixtures.json("causal_quasi_oracles.json").get("rdd_senate").get("with_covariates");
        try (Dataset data = Fixtures.dataset("rdrobust_senate.csv")) {
            AnalysisResult r = Engines.run(spec("vote", List.of("class", "termshouse", "termssenate"),
                    new RddDesign("margin", 0.0, null, null, null, null, null)), data);
            assertEquals(o.get("h").asDouble(), bw(r, "h"), 1e-3);
            assertEquals(o.get("b").asDouble(), bw(r, "b"), 1e-3);
            assertEquals(o.get("conventional").get("estimate").asDouble(), r.estimates().get(1).estimate(), 1e-4);
            assertEquals(o.get("conventional").get("se").asDouble(), r.estimates().get(1).standardError(), 1e-4);
            assertEquals(o.get("robust_ci95").get(0).asDouble(), r.interval().lower(), 1e-4);
            assertEquals(o.get("robust_ci95").get(1).asDouble(), r.interval().upper(), 1e-4);
            // each covariate is also tested for a jump at the cutoff, and two placebo cutoffs are run
            for (String c : List.of("class", "termshouse", "termssenate")) {
                assertTrue(r.diagnostics().stream().anyMatch(d -> d.name().equals("balance_" + c) && d.values().containsKey("robust_p_value")), c);
            }
            assertTrue(r.diagnostics().stream().anyMatch(d -> d.name().equals("placebo_cutoff_left") && d.values().containsKey("jump")));
            assertTrue(r.diagnostics().stream().anyMatch(d -> d.name().equals("placebo_cutoff_right") && d.values().containsKey("jump")));
        }
    }

    /** The mserd selector with HC1 residuals against a statsmodels-WLS port of rdrobust's algorithm (rdd_senate_hc1.json). */
    @Test
    void senateHc1BandwidthMatchesStatsmodelsPort() {
        JsonNode o = Fixtures.json("rdd_senate_hc1.json");
        try (Dataset data = Fixtures.dataset("rdrobust_senate.csv")) {
            AnalysisResult r = Engines.run(spec("vote", null, new RddDesign("margin", 0.0, null, null, null, null, "hc1")), data);
            assertEquals(o.get("h").asDouble(), bw(r, "h"), 1e-7);
            assertEquals(o.get("b").asDouble(), bw(r, "b"), 1e-7);
            assertEquals(o.get("conventional").asDouble(), r.estimates().get(1).estimate(), 1e-8);
            // local quadratic, and the Epanechnikov and uniform kernels (with their own pilot constants)
            for (JsonNode v : o.get("variants")) {
                AnalysisResult rv = Engines.run(spec("vote", null, new RddDesign("margin", 0.0, null, v.get("kernel").asText(),
                        v.get("p").asInt(), null, "hc1")), data);
                String what = v.get("kernel").asText() + " p=" + v.get("p").asInt();
                assertEquals(v.get("h").asDouble(), bw(rv, "h"), 1e-6, what);
                assertEquals(v.get("b").asDouble(), bw(rv, "b"), 1e-6, what);
                assertEquals(v.get("conventional").asDouble(), rv.estimates().get(1).estimate(), 1e-8, what);
            }
        }
    }

    @Test
    void cutoffOutsideRangeIsOneLine() {
        try (Dataset data = Fixtures.dataset("rdrobust_senate.csv")) {
            UserInputException e = assertThrows(UserInputException.class, () -> Engines.run(
                    spec("vote", null, new RddDesign("margin", 500.0, null, null, null, null, null)), data));
            assertTrue(e.getMessage().contains("outside the running variable's range"), e.getMessage());
        }
    }

    @Test
    void tooFewObservationsInBandwidthIsOneLine() {
        try (Dataset data = Fixtures.dataset("rdrobust_senate.csv")) {
            UserInputException e = assertThrows(UserInputException.class, () -> Engines.run(
                    spec("vote", null, new RddDesign("margin", 0.0, null, null, null, 0.05, null)), data));
            assertTrue(e.getMessage().startsWith("too few observations within the bandwidth"), e.getMessage());
        }
    }
}
