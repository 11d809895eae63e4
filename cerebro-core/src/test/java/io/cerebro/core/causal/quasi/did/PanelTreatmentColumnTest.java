package io.cerebro.core.causal.quasi.did;

import com.fasterxml.jackson.databind.JsonNode;
import io.cerebro.core.causal.quasi.Fixtures;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Diagnostic;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.SpecReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The panel designs reading treatment as analysts store it: a 0/1 column that is 1 in the periods a
 * unit is treated ({@code treatment: treated}, no first-treated column). The oracle is R on the same
 * data ({@code panel_template_oracles.json}, R 4.2.2 with sandwich 3.0-2, written by
 * {@code tools/fixtures/panel_templates_oracles.R} from the first-treated coding): the test rewrites
 * {@code twfe_panel.csv} as {@code unit, year, treated, y} only, so the engine can reach R's numbers
 * only by deriving every unit's cohort from the switch column.
 */
class PanelTreatmentColumnTest {
    @TempDir
    Path dir;

    static JsonNode oracle(String key) {
        return Fixtures.json("panel_template_oracles.json").get(key);
    }

    static CausalSpec spec(String method, String treatment, String panelExtra) {
        return (CausalSpec) SpecReader.parse("family: causal\nmethod: " + method + "\noutcome: y\n"
                + (treatment == null ? "" : "treatment: " + treatment + "\n")
                + "panel: {unit: unit, time: year" + panelExtra + "}\n", false, "test");
    }

    /**
     * twfe_panel.csv as {@code unit, year, treated, y}: treated = 1 from the unit's first treated
     * period on (first = 0: never), each line passed through {@code edit} (null drops it).
     */
    Path switchPanel(String name, UnaryOperator<String> edit) {
        try {
            List<String> lines = Files.readAllLines(Fixtures.path("twfe_panel.csv"));
            assertEquals("unit,year,first,d,y", lines.get(0));
            List<String> out = new ArrayList<>(List.of("unit,year,treated,y"));
            for (String l : lines.subList(1, lines.size())) {
                String[] f = l.split(",");
                int year = Integer.parseInt(f[1]);
                int first = Integer.parseInt(f[2]);
                int treated = first > 0 && year >= first ? 1 : 0;
                String e = edit.apply(f[0] + "," + year + "," + treated + "," + f[4]);
                if (e != null) {
                    out.add(e);
                }
            }
            Path p = dir.resolve(name);
            Files.write(p, out);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path switchPanel() {
        return switchPanel("switch.csv", UnaryOperator.identity());
    }

    static AnalysisResult run(CausalSpec spec, Path file) {
        try (Dataset d = Dataset.read(file)) {
            return Engines.run(spec, d);
        }
    }

    static String failure(CausalSpec spec, Path file) {
        UserInputException e = assertThrows(UserInputException.class, () -> run(spec, file));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void twfeFromTheSwitchColumnMatchesR() {
        JsonNode o = oracle("twfe");
        AnalysisResult r = run(spec("did", "treated", ""), switchPanel());
        Estimate clustered = r.estimates().get(0);
        Estimate hc1 = r.estimates().get(1);
        assertEquals(o.get("coef").asDouble(), clustered.estimate(), 1e-8);
        assertEquals(o.get("se_cluster").asDouble(), clustered.standardError(), 1e-8);
        assertEquals(o.get("df_cluster").asDouble(), clustered.statistic().df(), 0);
        assertEquals(o.get("coef").asDouble(), hc1.estimate(), 1e-8);
        assertEquals(o.get("se_hc1").asDouble(), hc1.standardError(), 1e-8);
        assertEquals(o.get("df_hc1").asDouble(), hc1.statistic().df(), 0);
        assertEquals(List.of(2004.0, 2006.0), r.details().get("cohorts"));
    }

    @Test
    void eventStudyFromTheSwitchColumnMatchesR() {
        for (String key : List.of("event_study", "event_study_binned")) {
            JsonNode o = oracle(key);
            String window = key.endsWith("binned") ? ", leads: 2, lags: 2" : "";
            AnalysisResult r = run(spec("event_study", "treated", window), switchPanel());
            for (Iterator<Map.Entry<String, JsonNode>> it = o.get("coef").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Estimate est = r.find("event time " + e.getKey(), "causal.event_study");
                assertNotNull(est, key + " " + e.getKey());
                assertEquals(e.getValue().asDouble(), est.estimate(), 1e-8, key + " " + e.getKey());
                assertEquals(o.get("se").get(e.getKey()).asDouble(), est.standardError(), 1e-8, key + " " + e.getKey());
            }
            Estimate avg = r.find("average post-treatment effect", "causal.event_study");
            assertEquals(o.get("average_post").asDouble(), avg.estimate(), 1e-8, key);
            assertEquals(o.get("average_post_se").asDouble(), avg.standardError(), 1e-8, key);
            Diagnostic pre = r.diagnostics().stream().filter(d -> d.name().equals("pre_trends")).findFirst().orElseThrow();
            assertEquals(o.get("pretrend_chi2").asDouble(), pre.values().get("chi2"), 1e-6, key);
            assertEquals(o.get("pretrend_df").asDouble(), pre.values().get("df"), 0, key);
        }
    }

    @Test
    void callawaySantAnnaFromTheSwitchColumnMatchesR() {
        for (String key : List.of("callaway_santanna", "callaway_santanna_notyet")) {
            JsonNode o = oracle(key);
            AnalysisResult r = run(spec("staggered_did", "treated", ", control_group: " + o.get("control_group").asText()),
                    switchPanel());
            assertEquals(o.get("overall").get("att").asDouble(), r.estimate(), 1e-8, key);
            assertEquals(o.get("overall").get("se").asDouble(), r.standardError(), 1e-8, key);
            for (Iterator<Map.Entry<String, JsonNode>> it = o.get("event_time").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Estimate est = r.find("event time " + e.getKey(), "causal.staggered_did");
                assertEquals(e.getValue().get("att").asDouble(), est.estimate(), 1e-8, key + " " + e.getKey());
                assertEquals(e.getValue().get("se").asDouble(), est.standardError(), 1e-8, key + " " + e.getKey());
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = o.get("cohort").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Estimate est = r.find("cohort " + e.getKey(), "causal.staggered_did");
                assertEquals(e.getValue().get("att").asDouble(), est.estimate(), 1e-8, key + " cohort " + e.getKey());
                assertEquals(e.getValue().get("se").asDouble(), est.standardError(), 1e-8, key + " cohort " + e.getKey());
            }
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> cells = (List<Map<String, Object>>) r.details().get("group_time_effects");
            assertEquals(o.get("cells").size(), cells.size(), key);
            for (int i = 0; i < cells.size(); i++) {
                JsonNode c = o.get("cells").get(i);
                assertEquals(c.get("g").asDouble(), (Double) cells.get(i).get("cohort"));
                assertEquals(c.get("t").asDouble(), (Double) cells.get(i).get("time"));
                assertEquals(c.get("att").asDouble(), (Double) cells.get(i).get("att"), 1e-8);
                assertEquals(c.get("se").asDouble(), (Double) cells.get(i).get("se"), 1e-8);
            }
        }
    }

    @Test
    void theResultSaysTheCohortsWereDerived() {
        // the fixture's cohorts: 20 units first treated in 2004, 20 in 2006, 40 never treated
        for (String method : List.of("did", "event_study", "staggered_did")) {
            AnalysisResult r = run(spec(method, "treated", ""), switchPanel());
            Diagnostic note = r.diagnostics().stream().filter(d -> d.name().equals("cohorts_from_treatment")).findFirst()
                    .orElseThrow(() -> new AssertionError(method + ": " + r.diagnostics()));
            assertEquals("pass", note.status().toString());
            assertEquals("cohorts derived from the 0/1 column 'treated' (each unit's first period with treated = 1):"
                    + " first treated 20 in 2004, 20 in 2006; 40 never treated", note.message(), method);
            assertEquals(Map.of("cohorts", 2.0, "treated_units", 40.0, "never_treated_units", 40.0), note.values());
            assertEquals("treatment column treated", r.details().get("cohort_source"));
        }
        // with a first-treated column nothing is derived
        AnalysisResult r = run(spec("did", null, ", first_treated: first"), Fixtures.path("twfe_panel.csv"));
        assertTrue(r.diagnostics().stream().noneMatch(d -> d.name().equals("cohorts_from_treatment")));
    }

    @Test
    void aUnitWhoseTreatmentSwitchesOffIsNamed() {
        // u00 is first treated in 2004; set it back to 0 in 2007
        Path file = switchPanel("off.csv", l -> l.startsWith("u00,2007,") ? l.replace("u00,2007,1,", "u00,2007,0,") : l);
        for (String method : List.of("did", "event_study", "staggered_did")) {
            assertEquals("column 'treated' (treatment) switches off again: unit u00 is treated from 2004 but not in 2007;"
                    + " these designs need treatment that stays on once it starts: leave such units out with --where,"
                    + " or give each unit's first treated period with --first-treated", failure(spec(method, "treated", ""), file));
        }
    }

    @Test
    void treatmentAndFirstTreatedTogetherIsOneLine() {
        Path file = dir.resolve("both.csv");
        try {
            Files.copy(Fixtures.path("twfe_panel.csv"), file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String method : List.of("did", "event_study", "staggered_did")) {
            assertEquals("treatment=d: a 0/1 treatment column ('d') and a first-treated column ('first') are both given;"
                    + " give one: --treatment (1 from each unit's first treated period on) or --first-treated (that period per unit)",
                    failure(spec(method, "d", ", first_treated: first"), file));
        }
        assertTrue(failure(spec("did", "d", ", treated_group: d, post: d"), file)
                .startsWith("treatment=d: a 0/1 treatment column ('d') and --treated-group/--post are both given"));
    }

    @Test
    void valuesOtherThanZeroAndOneAreOneLine() {
        Path file = switchPanel("two.csv", l -> l.startsWith("u03,2005,") ? l.replace("u03,2005,1,", "u03,2005,2,") : l);
        assertEquals("treatment=treated: 1 of 640 rows hold values other than 0 and 1 (e.g. '2') (the panel designs read"
                + " --treatment as 1 in the periods a unit is treated, else 0; recode it, or give the first treated period per"
                + " unit with --first-treated)", failure(spec("staggered_did", "treated", ""), file));
        // (yes/no would be read as a boolean column, which counts as 0/1)
        Path text = switchPanel("text.csv", l -> l.replace(",1,", ",on,").replace(",0,", ",off,"));
        assertTrue(failure(spec("event_study", "treated", ""), text).startsWith("treatment=treated: 640 of 640 rows hold values"
                + " other than 0 and 1 (e.g. 'off')"));
    }

    @Test
    void missingTreatmentValuesNeedDropMissing() {
        Path file = switchPanel("gap.csv", l -> l.startsWith("u05,2003,") ? "u05,2003,,0.1" : l);
        assertEquals("treatment=treated: 1 of 640 rows have a missing treatment value (pass --drop-missing to leave out the"
                + " units with a missing value (the design needs a balanced panel), or fill them in)",
                failure(spec("did", "treated", ""), file));
        CausalSpec drop = (CausalSpec) SpecReader.parse("family: causal\nmethod: did\noutcome: y\ntreatment: treated\n"
                + "drop_missing: true\npanel: {unit: unit, time: year}\n", false, "test");
        AnalysisResult r = run(drop, file);
        // the oracle: the same panel without unit u05
        AnalysisResult without = run(spec("did", "treated", ""), switchPanel("no_u05.csv", l -> l.startsWith("u05,") ? null : l));
        assertEquals(79, r.sampleSizes().get("units"));
        assertEquals(without.estimate(), r.estimate(), 1e-12);
        assertEquals(without.standardError(), r.standardError(), 1e-12);
    }

    @Test
    void aGroupIndicatorGivenAsTheTreatmentIsExplained() {
        // 1 in every period for the ever-treated units: the treated-group coding, not a treatment switch
        Path file = switchPanel("group.csv", l -> {
            String[] f = l.split(",");
            int unit = Integer.parseInt(f[0].substring(1));
            return f[0] + "," + f[1] + "," + (unit % 2 == 0 ? 1 : 0) + "," + f[3];
        });
        assertEquals("column 'treated' (treatment) is 1 from the first period 2001 on for every treated unit, so none is"
                + " seen before treatment; --treatment is 1 only in the periods a unit is treated (for a treated-group"
                + " indicator give --treated-group with --post)", failure(spec("did", "treated", ""), file));
        Path none = switchPanel("none.csv", l -> l.replaceFirst(",1,", ",0,"));
        assertEquals("no unit is ever treated: column 'treated' (treatment) is 0 in every row; check the column or the"
                + " --where filter", failure(spec("event_study", "treated", ""), none));
    }

    @Test
    void withoutTimingTheMessageNamesTreatment() {
        Path file = switchPanel();
        assertTrue(failure(spec("staggered_did", null, ""), file).contains("--first-treated (or --treatment, a 0/1 column"));
        assertTrue(failure(spec("event_study", null, ""), file).contains("--first-treated (or --treatment, a 0/1 column"));
        assertTrue(failure(spec("did", null, ""), file).contains("or --treatment for a 0/1 column"));
    }
}
