package io.cerebro.agents.llm;

import io.cerebro.agents.Cerebro;
import io.cerebro.agents.Fixtures;
import io.cerebro.agents.GeneratedPipeline;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.spec.ABTestSpec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.ollama.OllamaContainer;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The LLM generator against a real Ollama server in a container, with a small coding model. Runs
 * where Docker is available; skipped with the reason otherwise. A small model may not produce a
 * validated program; the test checks that the whole path runs and every attempt is recorded.
 */
@Tag("slow")
class OllamaIntegrationTest {
    static final String MODEL = "qwen2.5-coder:0.5b";

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable t) {
            return false;
        }
    }

    @Test
    void generatesThroughOllama() throws Exception {
        Assumptions.assumeTrue(dockerAvailable(),
                "Docker is not available here: the Ollama integration test needs it to start ollama/ollama:0.5.7");
        try (OllamaContainer ollama = new OllamaContainer("ollama/ollama:0.5.7")) {
            ollama.start();
            ollama.execInContainer("ollama", "pull", MODEL);
            LlmConfig config = new LlmConfig("ollama", ollama.getEndpoint(), MODEL, null, Duration.ofMinutes(5));
            try (Dataset d = Fixtures.open("small_ties.csv")) {
                GeneratedPipeline p = Cerebro.builder().llm(config).maxAttempts(2).build().generate(ABTestSpec.of("group", "score"), d);
                assertFalse(p.attempts().isEmpty());
                assertNotNull(p.validation().verdict());
                assertTrue(p.attempts().size() <= 2);
            }
        }
    }
}
