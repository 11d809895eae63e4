package io.cerebro.core.causal.quasi;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.report.HtmlReport;
import io.cerebro.core.report.MarkdownReport;
import io.cerebro.core.report.TextReport;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.ResultJson;
import io.cerebro.core.spec.CausalMethod;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.IvDesign;
import io.cerebro.core.spec.PanelDesign;
import io.cerebro.core.spec.RddDesign;
import io.cerebro.core.spec.SynthDesign;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every design's result serialises to the result schema and renders in the text, Markdown and HTML reports. */
class QuasiReportsTest {

    static CausalSpec spec(CausalMethod m, String treatment, String outcome, PanelDesign p, RddDesign r, IvDesign iv, SynthDesign s) {
        return new CausalSpec(m, treatment, outcome, null, null, null, null, null, null, null, null, p, r, iv, s, true, null, null);
    }

    static void renders(AnalysisResult r) throws Exception {
        String json = ResultJson.mapper().writeValueAsString(r);
        AnalysisResult back = ResultJson.mapper().readValue(json, AnalysisResult.class);
        assertEquals(r.estimate(), back.estimate());
        assertTrue(TextReport.render(r).contains(r.method()));
        assertTrue(MarkdownReport.render(r).length() > 100);
        String html = HtmlReport.render(r);
        assertTrue(html.contains("<svg"), r.method() + " has no chart in HTML");
    }

    /** The design blocks, including the fields this engine added, read from YAML and run. */
    @Test
    void yamlSpecsReadAndRun() {
        CausalSpec synth = (CausalSpec) io.cerebro.core.spec.SpecReader.parse("""
                family: causal
                method: synth
                outcome: cigsale
                synth:
                  unit: state
                  time: year
                  treated_unit: California
                  treatment_start: 1989
                  predictors: [retprice]
                  outcome_lags: [1975, 1988]
                  predictor_from: 1980
                  v_matrix: equal
                """, false, "test");
        assertEquals(List.of(1975.0, 1988.0), synth.synth().outcomeLags());
        assertEquals(1980.0, synth.synth().predictorFrom());
        try (Dataset smoking = Fixtures.dataset("smoking_prop99.csv")) {
            AnalysisResult r = Engines.run(synth, smoking);
            assertTrue(r.details().containsKey("v_matrix"));
        }
        CausalSpec iv = (CausalSpec) io.cerebro.core.spec.SpecReader.parse("""
                family: causal
                method: iv
                treatment: educ
                outcome: lwage
                iv: {instruments: [nearc4], controls: [exper], vce: hc1}
                """, false, "test");
        assertEquals("hc1", iv.iv().vce());
    }

    @Test
    void allDesignsRender() throws Exception {
        PanelDesign staggered = new PanelDesign("unit", "year", null, null, "first", null, null, null, null);
        try (Dataset panel = Fixtures.dataset("twfe_panel.csv")) {
            renders(Engines.run(spec(CausalMethod.EVENT_STUDY, null, "y", staggered, null, null, null), panel));
            renders(Engines.run(spec(CausalMethod.STAGGERED_DID, null, "y", staggered, null, null, null), panel));
        }
        try (Dataset senate = Fixtures.dataset("rdrobust_senate.csv")) {
            renders(Engines.run(spec(CausalMethod.RDD, null, "vote", null, new RddDesign("margin", 0.0, null, null, null, null, null),
                    null, null), senate));
        }
        try (Dataset smoking = Fixtures.dataset("smoking_prop99.csv")) {
            renders(Engines.run(spec(CausalMethod.SYNTH, null, "cigsale", null, null, null,
                    new SynthDesign("state", "year", "California", 1989.0, null, null, null, null)), smoking));
        }
        try (Dataset card = Fixtures.dataset("wooldridge_card1995.csv")) {
            AnalysisResult iv = Engines.run(spec(CausalMethod.IV, "educ", "lwage", null, null,
                    new IvDesign(List.of("nearc4"), List.of("exper", "expersq", "black", "smsa", "south")), null), card);
            String json = ResultJson.mapper().writeValueAsString(iv);
            assertTrue(TextReport.render(iv).contains("causal.iv") && json.contains("weak_instruments"));
        }
    }
}
