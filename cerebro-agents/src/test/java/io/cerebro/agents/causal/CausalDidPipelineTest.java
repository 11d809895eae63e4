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
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.SpecReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The offline 2x2 difference-in-differences pipeline on Card and Krueger's panel: its printed numbers
 * against R ({@code lm(fte ~ nj*post)} with sandwich HC1 and store-clustered CR1 errors, rel 1e-6),
 * and the whole agent flow against the engine (on the data and on a synthetic 2x2 panel with a
 * planted effect).
 */
class CausalDidPipelineTest {
    static CausalSpec spec(String extra) {
        return (CausalSpec) SpecReader.parse("family: causal\nmethod: did\noutcome: fte\n"
                + "panel: {unit: store, treated_group: nj, post: post" + extra + "}\n", false, "test");
    }

    @Test
    void printedNumbersMatchR() throws IOException {
        JsonNode oracle = new ObjectMapper().readTree(CausalPipelineTest.resource("causal_quasi_oracles.json").toFile())
                .path("did_card_krueger");
        String code = CausalPipelineWriter.write(spec(""));
        InMemoryCompiler.Compilation c = InMemoryCompiler.compile("Pipeline", code);
        assertTrue(c.ok(), () -> c.errors() + "\n" + code);
        SandboxRunner.Run r = SandboxRunner.run(c.classes(), "Pipeline",
                List.of(CausalPipelineTest.resource("card_krueger_long.csv").toString()),
                Files.createTempDirectory("cerebro-did-"), SandboxLimits.DEFAULT);
        assertEquals(0, r.exitCode(), r::stderr);
        JsonNode e = new ObjectMapper().readTree(r.stdout()).path("estimates");
        assertEquals(2, e.size());
        CausalPipelineTest.close(oracle.path("did").asDouble(), e.get(0).path("estimate").asDouble(), 1e-6, "DiD");
        CausalPipelineTest.close(oracle.path("se_cluster_store_hc1").asDouble(), e.get(0).path("standardError").asDouble(), 1e-6,
                "store-clustered SE");
        CausalPipelineTest.close(oracle.path("se_hc1").asDouble(), e.get(1).path("standardError").asDouble(), 1e-6, "HC1 SE");
    }

    @Test
    void offlinePipelineValidatesAgainstTheEngine() {
        for (CausalSpec spec : List.of(spec(""), spec(", cluster: store"))) {
            try (Dataset d = Dataset.read(CausalPipelineTest.resource("card_krueger_long.csv"))) {
                GeneratedPipeline p = Cerebro.builder().build().generate(spec, d);
                assertEquals(Verdict.PASSED, p.validation().verdict(), () -> p.validation().describe());
                assertEquals("causal.did", p.method());
            }
        }
    }

    @Test
    void twoWayFixedEffectsGetThePanelTemplate() {
        // the two-way fixed-effects template is tested in CausalTwfePipelineTest
        CausalSpec twfe = (CausalSpec) SpecReader.parse("family: causal\nmethod: did\noutcome: fte\n"
                + "panel: {unit: store, time: post, first_treated: nj}\n", false, "test");
        assertTrue(CausalPipelineWriter.write(twfe).contains("static void analysePanel(Path file)"));
        CausalSpec none = (CausalSpec) SpecReader.parse("family: causal\nmethod: did\noutcome: fte\npanel: {unit: store}\n",
                false, "test");
        UserInputException e = assertThrows(UserInputException.class, () -> CausalPipelineWriter.write(none));
        assertTrue(e.getMessage().startsWith("method did needs either panel.treated_group and panel.post"), e.getMessage());
    }
}
