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
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.SpecReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The offline 2SLS pipeline on Card (1995) (Wooldridge Example 15.4): its printed coefficient and
 * conventional and HC1 standard errors against R's {@code AER::ivreg} (rel 1e-6), and the whole
 * agent flow against the engine, including the Anderson-Rubin set, on the data and on synthetic data
 * with an endogenous treatment and a planted effect.
 */
class CausalIvPipelineTest {
    static final String CONTROLS = "[exper, expersq, black, smsa, south, smsa66, reg662, reg663, reg664, reg665, reg666, reg667,"
            + " reg668, reg669]";

    static CausalSpec spec(String extra) {
        return (CausalSpec) SpecReader.parse("family: causal\nmethod: iv\noutcome: lwage\ntreatment: educ\n"
                + "iv: {instruments: [nearc4], controls: " + CONTROLS + extra + "}\n", false, "test");
    }

    @Test
    void printedNumbersMatchAerIvreg() throws IOException {
        JsonNode oracle = new ObjectMapper().readTree(CausalPipelineTest.resource("causal_quasi_oracles.json").toFile())
                .path("iv_card");
        String code = CausalPipelineWriter.write(spec(""));
        InMemoryCompiler.Compilation c = InMemoryCompiler.compile("Pipeline", code);
        assertTrue(c.ok(), () -> c.errors() + "\n" + code);
        SandboxRunner.Run r = SandboxRunner.run(c.classes(), "Pipeline",
                List.of(CausalPipelineTest.resource("wooldridge_card1995.csv").toString()),
                Files.createTempDirectory("cerebro-iv-"), SandboxLimits.DEFAULT);
        assertEquals(0, r.exitCode(), r::stderr);
        JsonNode out = new ObjectMapper().readTree(r.stdout());
        JsonNode e = out.path("estimates");
        assertEquals(3, e.size());
        CausalPipelineTest.close(oracle.path("educ").asDouble(), e.get(0).path("estimate").asDouble(), 1e-6, "2SLS educ");
        CausalPipelineTest.close(oracle.path("se_conventional").asDouble(), e.get(0).path("standardError").asDouble(), 1e-6,
                "conventional SE");
        CausalPipelineTest.close(oracle.path("se_hc1").asDouble(), e.get(1).path("standardError").asDouble(), 1e-6, "HC1 SE");
        CausalPipelineTest.close(oracle.path("first_stage_coef_nearc4").asDouble(), out.at("/details/first_stage/nearc4").asDouble(),
                1e-6, "first-stage coefficient");
        assertEquals(oracle.path("n").asInt(), out.at("/sampleSizes/total").asInt());
    }

    @Test
    void offlinePipelineValidatesAgainstTheEngine() {
        for (CausalSpec spec : List.of(spec(""), spec(", vce: hc1"))) {
            try (Dataset d = Dataset.read(CausalPipelineTest.resource("wooldridge_card1995.csv"))) {
                GeneratedPipeline p = Cerebro.builder().build().generate(spec, d);
                assertEquals(Verdict.PASSED, p.validation().verdict(), () -> p.validation().describe());
                assertEquals("causal.iv", p.method());
            }
        }
    }
}
