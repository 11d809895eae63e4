package io.cerebro.agents.causal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cerebro.agents.validate.InMemoryCompiler;
import io.cerebro.agents.validate.SandboxLimits;
import io.cerebro.agents.validate.SandboxRunner;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.SpecReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The offline panel pipelines for a spec timed by a 0/1 treatment column ({@code treatment: treated},
 * no first-treated column): on {@code twfe_panel.csv} rewritten as {@code unit, year, treated, y}
 * (treated = 1 from the unit's first treated period on) the programs print R's numbers
 * ({@code panel_template_oracles.json}: TWFE, event study, Callaway-Sant'Anna; rel 1e-6), so they
 * derive the cohorts as the engine does; they validate against the engine (data and synthetic panel,
 * which carries the treatment column and the planted effect); and they stop on a unit whose
 * treatment switches off again.
 */
class CausalPanelTreatmentPipelineTest {
    static final String PANEL = "unit: unit, time: year";

    @TempDir
    Path dir;

    static CausalSpec spec(String method, String panelExtra) {
        return (CausalSpec) SpecReader.parse("family: causal\nmethod: " + method + "\noutcome: y\ntreatment: treated\n"
                + "panel: {" + PANEL + panelExtra + "}\n", false, "test");
    }

    Path switchPanel(String name, UnaryOperator<String> edit) throws IOException {
        List<String> lines = Files.readAllLines(CausalPipelineTest.resource("twfe_panel.csv"));
        assertEquals("unit,year,first,d,y", lines.get(0));
        List<String> out = new ArrayList<>(List.of("unit,year,treated,y"));
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",");
            int first = Integer.parseInt(f[2]);
            int treated = first > 0 && Integer.parseInt(f[1]) >= first ? 1 : 0;
            out.add(edit.apply(f[0] + "," + f[1] + "," + treated + "," + f[4]));
        }
        Path p = dir.resolve(name);
        Files.write(p, out);
        return p;
    }

    Path switchPanel() throws IOException {
        return switchPanel("switch.csv", UnaryOperator.identity());
    }

    static JsonNode find(JsonNode out, String label) {
        return CausalEventStudyPipelineTest.find(out.path("estimates"), label);
    }

    static void assertDerivedNote(JsonNode out) {
        JsonNode note = null;
        for (JsonNode d : out.path("diagnostics")) {
            if (d.path("name").asText().equals("cohorts_from_treatment")) {
                note = d;
            }
        }
        assertNotNull(note, out.path("diagnostics").toString());
        assertEquals("cohorts derived from the 0/1 column 'treated' (each unit's first period with treated = 1):"
                + " first treated 20 in 2004, 20 in 2006; 40 never treated", note.path("message").asText());
        assertEquals("treatment column treated", out.path("details").path("cohort_source").asText());
    }

    @Test
    void twfeProgramPrintsR() throws IOException {
        JsonNode o = CausalTwfePipelineTest.oracle("twfe");
        JsonNode out = CausalTwfePipelineTest.run(spec("did", ""), switchPanel());
        JsonNode e = out.path("estimates");
        assertEquals(2, e.size());
        CausalPipelineTest.close(o.path("coef").asDouble(), e.get(0).path("estimate").asDouble(), 1e-6, "TWFE coefficient");
        CausalPipelineTest.close(o.path("se_cluster").asDouble(), e.get(0).path("standardError").asDouble(), 1e-6, "clustered SE");
        CausalPipelineTest.close(o.path("se_hc1").asDouble(), e.get(1).path("standardError").asDouble(), 1e-6, "HC1 SE");
        assertDerivedNote(out);
    }

    @Test
    void eventStudyProgramPrintsR() throws IOException {
        for (String key : List.of("event_study", "event_study_binned")) {
            JsonNode o = CausalTwfePipelineTest.oracle(key);
            JsonNode out = CausalTwfePipelineTest.run(spec("event_study", key.endsWith("binned") ? ", leads: 2, lags: 2" : ""),
                    switchPanel());
            for (Iterator<Map.Entry<String, JsonNode>> it = o.path("coef").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> c = it.next();
                JsonNode e = find(out, "event time " + c.getKey());
                assertNotNull(e, key + " " + c.getKey());
                CausalPipelineTest.close(c.getValue().asDouble(), e.path("estimate").asDouble(), 1e-6, key + " " + c.getKey());
                CausalPipelineTest.close(o.path("se").path(c.getKey()).asDouble(), e.path("standardError").asDouble(), 1e-6,
                        key + " SE " + c.getKey());
            }
            CausalPipelineTest.close(o.path("average_post").asDouble(),
                    find(out, "average post-treatment effect").path("estimate").asDouble(), 1e-6, key + " average");
            CausalPipelineTest.close(o.path("pretrend_chi2").asDouble(),
                    find(out, "pre-trend test").path("statistic").path("value").asDouble(), 1e-6, key + " chi2");
            assertDerivedNote(out);
        }
    }

    @Test
    void staggeredProgramPrintsR() throws IOException {
        for (String key : List.of("callaway_santanna", "callaway_santanna_notyet")) {
            JsonNode o = CausalTwfePipelineTest.oracle(key);
            JsonNode out = CausalTwfePipelineTest.run(spec("staggered_did", ", control_group: " + o.path("control_group").asText()),
                    switchPanel());
            CausalStaggeredPipelineTest.compare(o.path("overall"), find(out, "overall ATT"), key + " overall");
            for (Iterator<Map.Entry<String, JsonNode>> it = o.path("event_time").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                CausalStaggeredPipelineTest.compare(e.getValue(), find(out, "event time " + e.getKey()), key + " " + e.getKey());
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = o.path("cohort").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> g = it.next();
                CausalStaggeredPipelineTest.compare(g.getValue(), find(out, "cohort " + g.getKey()), key + " cohort " + g.getKey());
            }
            assertDerivedNote(out);
        }
    }

    @Test
    void programsValidateAgainstTheEngine() throws IOException {
        Path data = switchPanel();
        for (String method : List.of("did", "event_study", "staggered_did")) {
            CausalTwfePipelineTest.assertValidates(spec(method, ""), data);
        }
        CausalTwfePipelineTest.assertValidates(spec("staggered_did", ", control_group: notyet"), data);
    }

    @Test
    void syntheticPanelCarriesTheTreatmentColumnAndThePlantedEffect() throws IOException {
        CausalSpec spec = spec("did", "");
        Path file = dir.resolve("synthetic.csv");
        try (Dataset d = Dataset.read(switchPanel())) {
            CausalSyntheticData.write(spec, d, file, 7);
            double sd = d.meanAndSd("y")[1];
            try (Dataset s = Dataset.read(file)) {
                AnalysisResult r = Engines.run(spec, s);
                // constant effect 0.4 sd: TWFE is unbiased; 80 units x 8 periods, SE about 0.05 sd
                assertEquals(PanelSyntheticData.EFFECT, r.estimate() / sd, 0.15);
                // the data's cohorts (2004, 2006) are derived from the treatment column and reused
                assertEquals(List.of(2004.0, 2006.0), r.details().get("cohorts"));
            }
        }
    }

    @Test
    void aUnitWhoseTreatmentSwitchesOffStopsTheProgram() throws IOException {
        Path off = switchPanel("off.csv", l -> l.startsWith("u00,2007,") ? l.replace("u00,2007,1,", "u00,2007,0,") : l);
        for (String method : List.of("did", "event_study", "staggered_did")) {
            String code = CausalPipelineWriter.write(spec(method, ""));
            InMemoryCompiler.Compilation c = InMemoryCompiler.compile("Pipeline", code);
            assertTrue(c.ok(), () -> c.errors() + "\n" + code);
            SandboxRunner.Run r = SandboxRunner.run(c.classes(), "Pipeline", List.of(off.toString()),
                    Files.createTempDirectory(dir, "run-"), SandboxLimits.DEFAULT);
            assertTrue(r.exitCode() != 0, method);
            assertTrue(r.stderr().contains("treated switches off again: unit u00 is treated from 2004 but not in 2007"), r::stderr);
        }
    }
}
