package io.cerebro.agents.causal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cerebro.agents.validate.InMemoryCompiler;
import io.cerebro.agents.validate.SandboxLimits;
import io.cerebro.agents.validate.SandboxRunner;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.spec.CausalSpec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The offline {@code causal.staggered_did} pipeline on {@code twfe_panel.csv}: the overall, event-time
 * and cohort aggregates of the Callaway-Sant'Anna group-time ATTs and their influence-function
 * standard errors against a plain-R implementation (2x2 differences of mean changes, the did
 * package's aggregation formulas; rel 1e-6), with never-treated and with not-yet-treated controls;
 * the agent flow against the engine on the data and the synthetic panel; the planted effect of the
 * synthetic panel recovered by the program; and the bad-input messages.
 */
class CausalStaggeredPipelineTest {
    static final String PANEL = "unit: unit, time: year, first_treated: first";

    static void matchesR(String control, String oracleKey) throws IOException {
        JsonNode o = CausalTwfePipelineTest.oracle(oracleKey);
        JsonNode est = CausalTwfePipelineTest.run(CausalTwfePipelineTest.spec("staggered_did", PANEL + ", control_group: " + control),
                CausalPipelineTest.resource("twfe_panel.csv")).path("estimates");
        compare(o.path("overall"), CausalEventStudyPipelineTest.find(est, "overall ATT"), "overall");
        int count = 1;
        for (Iterator<Map.Entry<String, JsonNode>> it = o.path("event_time").fields(); it.hasNext(); count++) {
            Map.Entry<String, JsonNode> e = it.next();
            compare(e.getValue(), CausalEventStudyPipelineTest.find(est, "event time " + e.getKey()), "event time " + e.getKey());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = o.path("cohort").fields(); it.hasNext(); count++) {
            Map.Entry<String, JsonNode> g = it.next();
            compare(g.getValue(), CausalEventStudyPipelineTest.find(est, "cohort " + g.getKey()), "cohort " + g.getKey());
        }
        assertEquals(count, est.size(), "overall, event times and cohorts");
    }

    static void compare(JsonNode oracle, JsonNode printed, String what) {
        assertNotNull(printed, what);
        CausalPipelineTest.close(oracle.path("att").asDouble(), printed.path("estimate").asDouble(), 1e-6, what);
        CausalPipelineTest.close(oracle.path("se").asDouble(), printed.path("standardError").asDouble(), 1e-6, what + " SE");
        assertEquals("z", printed.path("statistic").path("name").asText());
    }

    @Test
    void neverTreatedControlsMatchR() throws IOException {
        matchesR("never", "callaway_santanna");
    }

    @Test
    void notYetTreatedControlsMatchR() throws IOException {
        matchesR("notyet", "callaway_santanna_notyet");
    }

    @Test
    void offlinePipelinesValidateAgainstTheEngine() throws IOException {
        Path data = CausalPipelineTest.resource("twfe_panel.csv");
        CausalTwfePipelineTest.assertValidates(CausalTwfePipelineTest.spec("staggered_did", PANEL), data);
        CausalTwfePipelineTest.assertValidates(CausalTwfePipelineTest.spec("staggered_did", PANEL + ", control_group: notyet"), data);
    }

    @Test
    void syntheticPanelRecoversThePlantedEffect() throws IOException {
        CausalSpec spec = CausalTwfePipelineTest.spec("staggered_did", PANEL);
        Path file = Files.createTempFile("cerebro-cs-synth-", ".csv");
        try (Dataset d = Dataset.read(CausalPipelineTest.resource("twfe_panel.csv"))) {
            CausalSyntheticData.write(spec, d, file, 11);
            double sd = d.meanAndSd("y")[1];
            JsonNode est = CausalTwfePipelineTest.run(spec, file).path("estimates");
            JsonNode overall = CausalEventStudyPipelineTest.find(est, "overall ATT");
            // 80 units, constant effect 0.4 sd; the SE is about 0.05 sd, so 4 SE covers the planted value
            double se = overall.path("standardError").asDouble();
            assertTrue(Math.abs(overall.path("estimate").asDouble() - PanelSyntheticData.EFFECT * sd) < 4 * se,
                    () -> overall + " vs planted " + PanelSyntheticData.EFFECT * sd);
            double pre = CausalEventStudyPipelineTest.find(est, "event time -2").path("estimate").asDouble();
            assertTrue(Math.abs(pre) < 4 * CausalEventStudyPipelineTest.find(est, "event time -2").path("standardError").asDouble(),
                    "no effect before treatment");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void badInputIsOneLine() throws IOException {
        CausalSpec bad = CausalTwfePipelineTest.spec("staggered_did", PANEL + ", control_group: sometimes");
        assertEquals("panel.control_group must be never or notyet, got 'sometimes'",
                assertThrows(UserInputException.class, () -> CausalPipelineWriter.write(bad)).getMessage());
        CausalSpec noFirst = CausalTwfePipelineTest.spec("staggered_did", "unit: unit, time: year");
        assertEquals("staggered adoption needs --unit, --time and --first-treated (or --treatment, a 0/1"
                + " column that is 1 from each unit's first treated period on)",
                assertThrows(UserInputException.class, () -> CausalPipelineWriter.write(noFirst)).getMessage());
        // never-treated controls on a panel without never-treated units: the program stops with one line
        Path treatedOnly = Files.createTempFile("cerebro-cs-", ".csv");
        try {
            List<String> lines = Files.readAllLines(CausalPipelineTest.resource("twfe_panel.csv"));
            Files.write(treatedOnly, lines.stream().filter(l -> !l.split(",")[2].equals("0")).toList());
            String code = CausalPipelineWriter.write(CausalTwfePipelineTest.spec("staggered_did", PANEL));
            InMemoryCompiler.Compilation c = InMemoryCompiler.compile("Pipeline", code);
            SandboxRunner.Run r = SandboxRunner.run(c.classes(), "Pipeline", List.of(treatedOnly.toString()),
                    Files.createTempDirectory("cerebro-cs-"), SandboxLimits.DEFAULT);
            assertTrue(r.exitCode() != 0);
            assertTrue(r.stderr().contains("there are no never-treated units to compare with"), r::stderr);
        } finally {
            Files.deleteIfExists(treatedOnly);
        }
    }
}
