package io.cerebro.agents.generate;

import io.cerebro.agents.Cerebro;
import io.cerebro.agents.GeneratedPipeline;
import io.cerebro.agents.causal.CausalPipelineWriter;
import io.cerebro.agents.llm.LlmConfig;
import io.cerebro.agents.validate.Verdict;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.SpecReader;
import io.cerebro.core.testing.SharedFixtures;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The causal agent on the LLM path, through the real LangChain4j OpenAI client and a scripted
 * OpenAI-compatible server: an IPW program with the wrong standard error (the Hajek weights but a
 * naive weighted-mean variance) is sent back with the mismatched fields and repaired.
 */
class CausalLlmRepairTest {
    @Test
    void aWrongCausalProgramIsRepairedFromTheDiagnostics() throws Exception {
        CausalSpec spec = (CausalSpec) SpecReader.parse("family: causal\ntreatment: treat\noutcome: re78\nmethod: ipw\n"
                + "estimand: att\nconfounders: [age, educ, black, hispan, married, nodegree, re74, re75]\n", false, "test");
        String good = CausalPipelineWriter.write(spec);
        String wrongSe = "double se = Math.sqrt(v) / n;";
        assertTrue(good.contains(wrongSe));
        List<String> script = List.of(
                "```java\n" + good.replace(wrongSe, "double se = Math.sqrt(v) / (n - 1);") + "```",
                "Fixed:\n```java\n" + good + "```");
        try (Dataset d = Dataset.read(resource("lalonde_nsw_psid_observational.csv"));
             ScriptedOpenAiServer server = new ScriptedOpenAiServer(script::get)) {
            LlmConfig config = new LlmConfig("openai", server.baseUrl(), "scripted", "test-key", Duration.ofSeconds(30));
            GeneratedPipeline p = Cerebro.builder().llm(config).maxAttempts(3).timeout(Duration.ofSeconds(30)).build()
                    .generate(spec, d);
            assertTrue(p.validated(), p.validation()::describe);
            assertEquals(List.of(Verdict.MISMATCH, Verdict.PASSED), p.attempts().stream().map(Attempt::verdict).toList());
            List<String> requests = server.requests();
            assertTrue(requests.get(0).contains("causal.ipw") && requests.get(0).contains("Lunceford"), requests.get(0));
            assertFalse(requests.get(0).contains("9930.046"), "raw rows must not reach the LLM");
            assertTrue(requests.get(1).contains("MISMATCH") && requests.get(1).contains("standardError"), requests.get(1));
        }
    }

    static Path resource(String name) {
        return SharedFixtures.path(SharedFixtures.CAUSAL + name);
    }
}
