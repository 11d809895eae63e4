package io.cerebro.core.causal.quasi.did;

import com.fasterxml.jackson.databind.JsonNode;
import io.cerebro.core.causal.quasi.Fixtures;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.CausalMethod;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.PanelDesign;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DifferenceInDifferencesTest {

    static CausalSpec spec(CausalMethod m, String outcome, PanelDesign p) {
        return new CausalSpec(m, null, outcome, null, null, null, null, null, null, null, null, p, null, null, null,
                null, null, null);
    }

    /** Card & Krueger 2x2 against R lm(fte ~ nj*post) with sandwich HC1 and vcovCL(cluster = ~store). */
    @Test
    void cardKruegerMatchesR() {
        JsonNode o = Fixtures.json("causal_quasi_oracles.json").get("did_card_krueger");
        try (Dataset data = Fixtures.dataset("card_krueger_long.csv")) {
            AnalysisResult r = Engines.run(spec(CausalMethod.DID, "fte",
                    new PanelDesign("store", "post", "nj", "post", null, null, null, null, null)), data);
            assertEquals(o.get("did").asDouble(), r.estimate(), 1e-9);
            assertEquals(o.get("se_cluster_store_hc1").asDouble(), r.standardError(), 1e-9);
            assertEquals(o.get("se_hc1").asDouble(), r.estimates().get(1).standardError(), 1e-9);
            assertEquals(o.get("n").asLong(), r.sampleSizes().get("total"));
            @SuppressWarnings("unchecked")
            Map<String, Double> means = (Map<String, Double>) r.details().get("cell_means");
            JsonNode m = o.get("means");
            assertEquals(m.get("pa_pre").asDouble(), means.get("control_pre"), 1e-9);
            assertEquals(m.get("nj_post").asDouble(), means.get("treated_post"), 1e-9);
            // store 407 is two stores (one per state) sharing an id, as in the published file
            assertTrue(r.warnings().get(0).contains("407"));
        }
    }

    @Test
    void duplicatedRowsAreNamed() {
        try (Dataset data = Dataset.builder().text("u", new String[]{"a", "a", "b", "b", "b"})
                .numeric("t", new double[]{1, 1, 1, 2, 3}).numeric("y", new double[]{1, 2, 3, 4, 5})
                .numeric("g", new double[]{1, 1, 0, 0, 0}).numeric("first", new double[]{2, 2, 0, 0, 0}).build()) {
            UserInputException e = assertThrows(UserInputException.class, () -> Engines.run(spec(CausalMethod.DID, "y",
                    new PanelDesign("u", "t", null, null, "first", null, null, null, null)), data));
            assertTrue(e.getMessage().contains("a/1"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test
    void unbalancedPanelIsNamed() {
        try (Dataset data = Dataset.builder().text("u", new String[]{"a", "a", "b", "b", "b", "c", "c", "c"})
                .numeric("t", new double[]{1, 2, 1, 2, 3, 1, 2, 3}).numeric("y", new double[]{1, 2, 3, 4, 5, 6, 7, 8})
                .numeric("first", new double[]{2, 2, 0, 0, 0, 3, 3, 3}).build()) {
            UserInputException e = assertThrows(UserInputException.class, () -> Engines.run(spec(CausalMethod.DID, "y",
                    new PanelDesign("u", "t", null, null, "first", null, null, null, null)), data));
            assertTrue(e.getMessage().contains("unbalanced") && e.getMessage().contains("a/3"), e.getMessage());
        }
    }
}
