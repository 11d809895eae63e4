package io.cerebro.core.causal.quasi.did;

import com.fasterxml.jackson.databind.JsonNode;
import io.cerebro.core.causal.quasi.Fixtures;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Diagnostic;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.spec.CausalMethod;
import io.cerebro.core.spec.PanelDesign;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static io.cerebro.core.causal.quasi.did.DifferenceInDifferencesTest.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TWFE, event study and Callaway-Sant'Anna on a simulated staggered panel against statsmodels (twfe_statsmodels.json). */
class PanelDesignsTest {
    static final PanelDesign PANEL = new PanelDesign("unit", "year", null, null, "first", null, null, null, null);

    /**
     * statsmodels' dummy-variable regression counts all 88 parameters in the cluster correction;
     * the engine (like fixest and reghdfe) leaves out the unit effects nested in the unit clusters.
     */
    static double rescale(JsonNode o, int kEngine) {
        int n = o.get("n").asInt();
        return Math.sqrt((double) (n - o.get("k_all").asInt()) / (n - kEngine));
    }

    @Test
    void twfeMatchesDummyVariableOls() {
        JsonNode all = Fixtures.json("twfe_statsmodels.json");
        JsonNode o = all.get("twfe");
        try (Dataset data = Fixtures.dataset("twfe_panel.csv")) {
            AnalysisResult r = Engines.run(spec(CausalMethod.DID, "y", PANEL), data);
            assertEquals(o.get("coef").asDouble(), r.estimate(), 1e-8);
            int n = all.get("n").asInt();
            double factor = Math.sqrt((double) (n - o.get("k_all").asInt()) / (n - 8));
            assertEquals(o.get("se_cluster_statsmodels").asDouble() * factor, r.standardError(), 1e-8);
            assertEquals(o.get("se_hc1").asDouble(), r.estimates().get(1).standardError(), 1e-8);
            assertTrue(r.warnings().get(0).contains("staggered"), r.warnings().toString());
        }
    }

    @Test
    void eventStudyMatchesStatsmodels() {
        JsonNode all = Fixtures.json("twfe_statsmodels.json");
        JsonNode o = all.get("event_study");
        try (Dataset data = Fixtures.dataset("twfe_panel.csv")) {
            AnalysisResult r = Engines.run(spec(CausalMethod.EVENT_STUDY, "y", PANEL), data);
            int nCoef = o.get("coef").size();
            int n = all.get("n").asInt();
            int kEngine = nCoef + 7;
            double factor = Math.sqrt((double) (n - o.get("k_all").asInt()) / (n - kEngine));
            for (Iterator<Map.Entry<String, JsonNode>> it = o.get("coef").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Estimate est = r.find("event time " + e.getKey(), "causal.event_study");
                assertNotNull(est, e.getKey());
                assertEquals(e.getValue().asDouble(), est.estimate(), 1e-8, e.getKey());
                assertEquals(o.get("se_cluster_statsmodels").get(e.getKey()).asDouble() * factor, est.standardError(), 1e-8);
            }
            Diagnostic pre = r.diagnostics().stream().filter(d -> d.name().equals("pre_trends")).findFirst().orElseThrow();
            assertEquals(o.get("pretrend_chi2_statsmodels").asDouble() / (factor * factor), pre.values().get("chi2"), 1e-6);
            assertEquals(o.get("pretrend_df").asDouble(), pre.values().get("df"));
            assertEquals("interval", r.charts().get(0).kind());
            assertEquals(nCoef + 1, r.charts().get(0).categories().size());
        }
    }

    @Test
    void binnedEventStudyMatchesStatsmodels() {
        JsonNode all = Fixtures.json("twfe_statsmodels.json");
        JsonNode o = all.get("event_study_binned");
        try (Dataset data = Fixtures.dataset("twfe_panel.csv")) {
            AnalysisResult r = Engines.run(spec(CausalMethod.EVENT_STUDY, "y",
                    new PanelDesign("unit", "year", null, null, "first", null, null, 2, 2)), data);
            int n = all.get("n").asInt();
            double factor = Math.sqrt((double) (n - o.get("k_all").asInt()) / (n - (4 + 7)));
            for (Iterator<Map.Entry<String, JsonNode>> it = o.get("coef").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Estimate est = r.find("event time " + e.getKey(), "causal.event_study");
                assertEquals(e.getValue().asDouble(), est.estimate(), 1e-8, e.getKey());
                assertEquals(o.get("se_cluster_statsmodels").get(e.getKey()).asDouble() * factor, est.standardError(), 1e-8);
            }
            assertEquals(1 + 4 + 1, r.estimates().size(), "average, four event times, pre-trend test");
        }
    }

    @Test
    void callawaySantAnnaNotYetTreatedMatchesOracle() {
        JsonNode o = Fixtures.json("twfe_statsmodels.json").get("callaway_santanna_notyet");
        try (Dataset data = Fixtures.dataset("twfe_panel.csv")) {
            AnalysisResult r = Engines.run(spec(CausalMethod.STAGGERED_DID, "y",
                    new PanelDesign("unit", "year", null, null, "first", null, "notyet", null, null)), data);
            assertEquals(o.get("simple").get("att").asDouble(), r.estimate(), 1e-8);
            assertEquals(o.get("simple").get("se").asDouble(), r.standardError(), 1e-8);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> cells = (List<Map<String, Object>>) r.details().get("group_time_effects");
            assertEquals(o.get("cells").size(), cells.size());
            for (int i = 0; i < cells.size(); i++) {
                assertEquals(o.get("cells").get(i).get("att").asDouble(), (Double) cells.get(i).get("att"), 1e-8);
                assertEquals(o.get("cells").get(i).get("se").asDouble(), (Double) cells.get(i).get("se"), 1e-8);
            }
        }
    }

    @Test
    void callawaySantAnnaMatchesOracle() {
        JsonNode o = Fixtures.json("twfe_statsmodels.json").get("callaway_santanna");
        try (Dataset data = Fixtures.dataset("twfe_panel.csv")) {
            AnalysisResult r = Engines.run(spec(CausalMethod.STAGGERED_DID, "y", PANEL), data);
            assertEquals(o.get("simple").get("att").asDouble(), r.estimate(), 1e-8);
            assertEquals(o.get("simple").get("se").asDouble(), r.standardError(), 1e-8);
            for (Iterator<Map.Entry<String, JsonNode>> it = o.get("event_time").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Estimate est = r.find("event time " + e.getKey(), "causal.staggered_did");
                assertEquals(e.getValue().get("att").asDouble(), est.estimate(), 1e-8, e.getKey());
                assertEquals(e.getValue().get("se").asDouble(), est.standardError(), 1e-8, e.getKey());
            }
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> cells = (List<Map<String, Object>>) r.details().get("group_time_effects");
            assertEquals(o.get("cells").size(), cells.size());
            for (int i = 0; i < cells.size(); i++) {
                JsonNode c = o.get("cells").get(i);
                assertEquals(c.get("g").asDouble(), (Double) cells.get(i).get("cohort"));
                assertEquals(c.get("t").asDouble(), (Double) cells.get(i).get("time"));
                assertEquals(c.get("att").asDouble(), (Double) cells.get(i).get("att"), 1e-8);
                assertEquals(c.get("se").asDouble(), (Double) cells.get(i).get("se"), 1e-8);
            }
        }
    }
}
