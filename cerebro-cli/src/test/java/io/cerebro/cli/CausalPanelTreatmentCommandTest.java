package io.cerebro.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.cli.CliTestSupport.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static io.cerebro.cli.CliTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cerebro causal ... --treatment COL} for the panel designs: the data as analysts store it, a
 * 0/1 column that is 1 while a unit is treated. The copy of {@code examples/twfe_panel.csv} keeps only
 * {@code unit, year, treated, y}, so the cohorts can only come from the switch column; the printed
 * Callaway-Sant'Anna ATT is R's (1.56850645472063, SE 0.226619328203119: the {@code callaway_santanna}
 * entry of {@code panel_template_oracles.json}, R 4.2.2, {@code tools/fixtures/panel_templates_oracles.R}).
 */
class CausalPanelTreatmentCommandTest {
    static final double R_ATT = 1.56850645472063;
    static final double R_SE = 0.226619328203119;

    /** examples/twfe_panel.csv as unit, year, treated, y (treated = the example's d), each line through {@code edit}. */
    static Path switchPanel(Path dir, UnaryOperator<String> edit) throws Exception {
        List<String> lines = Files.readAllLines(CliTestSupport.repoFile("examples/twfe_panel.csv"));
        assertEquals("unit,year,first,d,y", lines.get(0));
        List<String> out = new ArrayList<>(List.of("unit,year,treated,y"));
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",");
            out.add(edit.apply(f[0] + "," + f[1] + "," + f[3] + "," + f[4]));
        }
        Path p = dir.resolve("panel.csv");
        Files.write(p, out);
        return p;
    }

    @Test
    void staggeredDidFromATreatmentColumnPrintsR(@TempDir Path dir) throws Exception {
        Path data = switchPanel(dir, UnaryOperator.identity());
        Run text = run("causal", data.toString(), "--method", "staggered_did", "--treatment", "treated", "--outcome", "y",
                "--unit", "unit", "--time", "year");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("overall ATT    causal.staggered_did  1.5685    0.2266"), text.out());
        assertTrue(text.out().contains("[pass] cohorts_from_treatment: cohorts derived from the 0/1 column 'treated'"
                + " (each unit's first period with treated = 1): first treated 20 in 2004, 20 in 2006; 40 never treated"), text.out());
        Run json = run("causal", data.toString(), "--method", "staggered_did", "--treatment", "treated", "--outcome", "y",
                "--unit", "unit", "--time", "year", "--format", "json");
        assertEquals(0, json.code(), json.err());
        JsonNode j = new ObjectMapper().readTree(json.out());
        assertEquals(R_ATT, j.path("estimate").asDouble(), R_ATT * 1e-8);
        assertEquals(R_SE, j.path("standardError").asDouble(), R_SE * 1e-8);
    }

    @Test
    void didWithATreatmentColumnGeneratesAValidatedPipeline(@TempDir Path dir) throws Exception {
        Path data = switchPanel(dir, UnaryOperator.identity());
        Path out = dir.resolve("gen");
        Run r = run("causal", data.toString(), "--method", "did", "--treatment", "treated", "--outcome", "y",
                "--unit", "unit", "--time", "year", "--generate", out.toString(), "--offline");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("verdict:    PASSED"), r.out());
        String code = Files.readString(out.resolve("Pipeline.java"));
        assertTrue(code.contains("static final String TREATMENT = \"treated\""), code);
        JsonNode v = new ObjectMapper().readTree(out.resolve("validation.json").toFile());
        assertEquals("PASSED", v.path("verdict").asText(), v.toPrettyString());
    }

    @Test
    void aUnitWhoseTreatmentSwitchesOffIsOneLine(@TempDir Path dir) throws Exception {
        Path data = switchPanel(dir, l -> l.startsWith("u00,2007,") ? l.replace("u00,2007,1,", "u00,2007,0,") : l);
        CliTestSupport.badInput(run("causal", data.toString(), "--method", "event_study", "--treatment", "treated", "--outcome", "y",
                "--unit", "unit", "--time", "year"), "column 'treated' (treatment) switches off again: unit u00 is treated from 2004"
                + " but not in 2007", "--first-treated");
    }

    @Test
    void treatmentAndFirstTreatedTogetherIsOneLine() {
        CliTestSupport.badInput(run("causal", CliTestSupport.repoFile("examples/twfe_panel.csv").toString(), "--method", "did",
                "--treatment", "d", "--first-treated", "first", "--outcome", "y", "--unit", "unit", "--time", "year"),
                "a 0/1 treatment column ('d') and a first-treated column ('first') are both given; give one");
    }

    @Test
    void aTreatmentColumnThatIsNotZeroOneIsOneLine() {
        CliTestSupport.badInput(run("causal", CliTestSupport.repoFile("examples/twfe_panel.csv").toString(), "--method",
                "staggered_did", "--treatment", "first", "--outcome", "y", "--unit", "unit", "--time", "year"),
                "treatment=first: 320 of 640 rows hold values other than 0 and 1 (e.g. '2004')");
    }
}
