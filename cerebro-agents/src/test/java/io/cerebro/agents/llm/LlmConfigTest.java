package io.cerebro.agents.llm;

import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.cerebro.core.error.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LlmConfigTest {
    @Test
    void nothingConfiguredMeansOffline(@TempDir Path dir) {
        assertTrue(LlmConfig.load(Map.of(), dir.resolve("absent.yaml")).isEmpty());
    }

    @Test
    void fileIsReadAndEnvironmentWins(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("llm.yaml");
        Files.writeString(f, "provider: ollama\nbase_url: http://gpu-box:11434\nmodel: qwen2.5-coder:7b\ntimeout_seconds: 30\n");
        LlmConfig fromFile = LlmConfig.load(Map.of(), f).orElseThrow();
        assertEquals("ollama", fromFile.provider());
        assertEquals("http://gpu-box:11434", fromFile.baseUrl());
        assertEquals(Duration.ofSeconds(30), fromFile.timeout());
        assertInstanceOf(OllamaChatModel.class, fromFile.chatModel());

        LlmConfig env = LlmConfig.load(Map.of("CEREBRO_LLM_PROVIDER", "openai", "CEREBRO_LLM_BASE_URL", "http://localhost:8000/v1",
                "CEREBRO_LLM_API_KEY", "sk-test"), f).orElseThrow();
        assertEquals("openai", env.provider());
        assertEquals("http://localhost:8000/v1", env.baseUrl());
        assertEquals("qwen2.5-coder:7b", env.model(), "fields the environment leaves out come from the file");
        assertInstanceOf(OpenAiChatModel.class, env.chatModel());
        assertTrue(!env.toString().contains("sk-test"), "the key is never printed");
    }

    @Test
    void badValuesAreUserErrors(@TempDir Path dir) {
        assertThrows(UserInputException.class, () -> LlmConfig.load(Map.of("CEREBRO_LLM_PROVIDER", "anthropic",
                "CEREBRO_LLM_MODEL", "x"), null));
        assertThrows(UserInputException.class, () -> LlmConfig.load(Map.of("CEREBRO_LLM_PROVIDER", "openai"), null));
        assertThrows(UserInputException.class, () -> LlmConfig.load(Map.of("CEREBRO_LLM_MODEL", "m",
                "CEREBRO_LLM_TIMEOUT_SECONDS", "soon"), null));
    }
}
