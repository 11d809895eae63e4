package io.cerebro.agents.causal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.agents.Cerebro;
import io.cerebro.agents.GeneratedPipeline;
import io.cerebro.agents.validate.InMemoryCompiler;
import io.cerebro.agents.validate.SandboxLimits;
import io.cerebro.agents.validate.SandboxRunner;
import io.cerebro.agents.validate.Verdict;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.SpecReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The offline two-way fixed-effects {@code causal.did} pipeline on the simulated staggered panel
 * {@code twfe_panel.csv}: its printed numbers against R ({@code lm(y ~ d + factor(unit) + factor(year))}
 * with sandwich HC1 and unit-clustered CR1 errors, rel 1e-6; see {@code panel_template_oracles.json}; also a
 * group/post design over eight periods with errors clustered by a coarser region column),
 * and the whole agent flow against the engine on the data and on the synthetic panel with a planted
 * effect, for a first-treated design, a group/post design over many periods with a coarser cluster
 * column, and a group/post design over two periods (which stays 2x2).
 */
class CausalTwfePipelineTest {
    static CausalSpec spec(String method, String panel) {
        return (CausalSpec) SpecReader.parse("family: causal\nmethod: " + method + "\noutcome: y\npanel: {" + panel + "}\n",
                false, "test");
    }

    static JsonNode oracle(String key) throws IOException {
        return new ObjectMapper().readTree(CausalPipelineTest.resource("panel_template_oracles.json").toFile()).path(key);
    }

    /** Compiles the program for the spec and runs it on the file; returns its JSON. */
    static JsonNode run(CausalSpec spec, Path data) throws IOException {
        String code = CausalPipelineWriter.write(spec);
        InMemoryCompiler.Compilation c = InMemoryCompiler.compile("Pipeline", code);
        assertTrue(c.ok(), () -> c.errors() + "\n" + code);
        SandboxRunner.Run r = SandboxRunner.run(c.classes(), "Pipeline", List.of(data.toString()),
                Files.createTempDirectory("cerebro-panel-"), SandboxLimits.DEFAULT);
        assertEquals(0, r.exitCode(), r::stderr);
        return new ObjectMapper().readTree(r.stdout());
    }

    static void assertValidates(CausalSpec spec, Path file) {
        try (Dataset d = Dataset.read(file)) {
            GeneratedPipeline p = Cerebro.builder().build().generate(spec, d);
            assertEquals(Verdict.PASSED, p.validation().verdict(), () -> p.validation().describe());
            assertEquals(spec.method().methodId(), p.method());
        }
    }

    /** twfe_panel.csv with a treated group (ever treated), a post column (year >= 2005) and regions of ten units. */
    static Path groupPostPanel() throws IOException {
        List<String> lines = Files.readAllLines(CausalPipelineTest.resource("twfe_panel.csv"));
        List<String> out = new ArrayList<>(List.of(lines.get(0) + ",group,post,region"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            int unit = Integer.parseInt(f[0].substring(1));
            out.add(line + "," + (Double.parseDouble(f[2]) > 0 ? 1 : 0) + "," + (Integer.parseInt(f[1]) >= 2005 ? 1 : 0)
                    + ",r" + unit / 10);
        }
        Path file = Files.createTempFile("cerebro-twfe-gp-", ".csv");
        Files.write(file, out);
        return file;
    }

    @Test
    void printedNumbersMatchR() throws IOException {
        JsonNode o = oracle("twfe");
        JsonNode out = run(spec("did", "unit: unit, time: year, first_treated: first"), CausalPipelineTest.resource("twfe_panel.csv"));
        JsonNode e = out.path("estimates");
        assertEquals(2, e.size());
        CausalPipelineTest.close(o.path("coef").asDouble(), e.get(0).path("estimate").asDouble(), 1e-6, "TWFE coefficient");
        CausalPipelineTest.close(o.path("se_cluster").asDouble(), e.get(0).path("standardError").asDouble(), 1e-6,
                "unit-clustered SE");
        assertEquals(o.path("df_cluster").asDouble(), e.get(0).path("statistic").path("df").asDouble());
        CausalPipelineTest.close(o.path("coef").asDouble(), e.get(1).path("estimate").asDouble(), 1e-6, "TWFE coefficient");
        CausalPipelineTest.close(o.path("se_hc1").asDouble(), e.get(1).path("standardError").asDouble(), 1e-6, "HC1 SE");
        assertEquals(o.path("df_hc1").asDouble(), e.get(1).path("statistic").path("df").asDouble());
        assertEquals("warn", out.path("diagnostics").get(0).path("status").asText(), "two cohorts: staggered adoption");
        assertTrue(out.path("warnings").get(0).asText().contains("staggered-did"), out.path("warnings").toString());
    }

    @Test
    void groupPostDesignClusteredByRegionMatchesR() throws IOException {
        JsonNode o = oracle("twfe_group_post");
        Path gp = groupPostPanel();
        try {
            JsonNode e = run(spec("did", "unit: unit, time: year, treated_group: group, post: post, cluster: region"), gp)
                    .path("estimates");
            CausalPipelineTest.close(o.path("coef").asDouble(), e.get(0).path("estimate").asDouble(), 1e-6, "TWFE coefficient");
            CausalPipelineTest.close(o.path("se_cluster").asDouble(), e.get(0).path("standardError").asDouble(), 1e-6,
                    "region-clustered SE");
            assertEquals(o.path("df_cluster").asDouble(), e.get(0).path("statistic").path("df").asDouble());
            CausalPipelineTest.close(o.path("se_hc1").asDouble(), e.get(1).path("standardError").asDouble(), 1e-6, "HC1 SE");
        } finally {
            Files.deleteIfExists(gp);
        }
    }

    @Test
    void offlinePipelinesValidateAgainstTheEngine() throws IOException {
        assertValidates(spec("did", "unit: unit, time: year, first_treated: first"), CausalPipelineTest.resource("twfe_panel.csv"));
        Path gp = groupPostPanel();
        try {
            assertValidates(spec("did", "unit: unit, time: year, treated_group: group, post: post, cluster: region"), gp);
        } finally {
            Files.deleteIfExists(gp);
        }
        // two periods: the same program runs the 2x2 design
        CausalSpec twoByTwo = (CausalSpec) SpecReader.parse("family: causal\nmethod: did\noutcome: fte\n"
                + "panel: {unit: store, time: post, treated_group: nj, post: post}\n", false, "test");
        assertValidates(twoByTwo, CausalPipelineTest.resource("card_krueger_long.csv"));
    }

    @Test
    void syntheticPanelCarriesThePlantedEffect() throws IOException {
        CausalSpec spec = spec("did", "unit: unit, time: year, first_treated: first");
        Path file = Files.createTempFile("cerebro-twfe-synth-", ".csv");
        try (Dataset d = Dataset.read(CausalPipelineTest.resource("twfe_panel.csv"))) {
            CausalSyntheticData.write(spec, d, file, 7);
            double sd = d.meanAndSd("y")[1];
            try (Dataset s = Dataset.read(file)) {
                AnalysisResult r = Engines.run(spec, s);
                // constant effect: TWFE is unbiased; 80 units x 8 periods, SE about 0.05 sd
                assertEquals(PanelSyntheticData.EFFECT, r.estimate() / sd, 0.15);
                assertEquals(80, r.sampleSizes().get("units"));
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void missingUnitOrTimeIsOneLine() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> CausalPipelineWriter.write(spec("did", "time: year, first_treated: first")));
        assertEquals("two-way fixed effects need panel.unit and panel.time; give --unit and --time", e.getMessage());
    }
}
