package io.cerebro.agents.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.cerebro.core.error.UserInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which LLM generates pipelines.
 *
 * <p>Read by {@link #load()} from environment variables, which win, then from the YAML file
 * {@code ~/.config/cerebro/llm.yaml} (or the file named by {@code CEREBRO_LLM_CONFIG}):
 * <pre>
 * provider: openai          # CEREBRO_LLM_PROVIDER: openai (any OpenAI-compatible server) or ollama
 * base_url: http://localhost:8000/v1   # CEREBRO_LLM_BASE_URL
 * model: qwen2.5-coder-32b-instruct     # CEREBRO_LLM_MODEL
 * api_key: sk-...           # CEREBRO_LLM_API_KEY (optional for local servers)
 * timeout_seconds: 120      # CEREBRO_LLM_TIMEOUT_SECONDS
 * </pre>
 * Without a provider and model nothing is configured and Cerebro uses its offline generator.
 *
 * @param provider       {@code openai} or {@code ollama}
 * @param baseUrl        endpoint base URL (OpenAI-compatible: up to and including {@code /v1})
 * @param model          model name
 * @param apiKey         API key, or null
 * @param timeout        request timeout
 */
public record LlmConfig(String provider, String baseUrl, String model, String apiKey, Duration timeout) {
    /** Default location of the config file. */
    public static final Path DEFAULT_FILE = Path.of(System.getProperty("user.home"), ".config", "cerebro", "llm.yaml");

    public LlmConfig {
        provider = provider == null ? "openai" : provider.trim().toLowerCase(Locale.ROOT);
        if (!provider.equals("openai") && !provider.equals("ollama")) {
            throw new UserInputException("LLM provider '" + provider + "' is not supported; use openai (any OpenAI-compatible server) or ollama");
        }
        if (model == null || model.isBlank()) {
            throw new UserInputException("no LLM model named: set CEREBRO_LLM_MODEL or 'model:' in " + DEFAULT_FILE);
        }
        if (baseUrl == null || baseUrl.isBlank()) {
            baseUrl = provider.equals("ollama") ? "http://localhost:11434" : "https://api.openai.com/v1";
        }
        timeout = timeout == null ? Duration.ofSeconds(120) : timeout;
    }

    /** @return the configuration from the environment and the default config file, if any. */
    public static Optional<LlmConfig> load() {
        return load(System.getenv(), System.getenv("CEREBRO_LLM_CONFIG") != null
                ? Path.of(System.getenv("CEREBRO_LLM_CONFIG")) : DEFAULT_FILE);
    }

    /** @return the configuration from {@code env} (winning) and {@code file}, or empty when no model is named. */
    public static Optional<LlmConfig> load(Map<String, String> env, Path file) {
        JsonNode yaml = null;
        if (file != null && Files.isRegularFile(file)) {
            try {
                yaml = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            } catch (IOException e) {
                throw new UserInputException("cannot read the LLM config " + file + ": " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        String provider = pick(env, "CEREBRO_LLM_PROVIDER", yaml, "provider");
        String model = pick(env, "CEREBRO_LLM_MODEL", yaml, "model");
        if (model == null && provider == null) {
            return Optional.empty();
        }
        String timeout = pick(env, "CEREBRO_LLM_TIMEOUT_SECONDS", yaml, "timeout_seconds");
        Duration t = null;
        if (timeout != null) {
            try {
                t = Duration.ofSeconds(Long.parseLong(timeout.trim()));
            } catch (NumberFormatException e) {
                throw new UserInputException("LLM timeout must be whole seconds, got '" + timeout + "'");
            }
        }
        return Optional.of(new LlmConfig(provider, pick(env, "CEREBRO_LLM_BASE_URL", yaml, "base_url"), model,
                pick(env, "CEREBRO_LLM_API_KEY", yaml, "api_key"), t));
    }

    private static String pick(Map<String, String> env, String var, JsonNode yaml, String key) {
        String v = env.get(var);
        if (v != null && !v.isBlank()) {
            return v;
        }
        if (yaml != null && yaml.hasNonNull(key)) {
            return yaml.get(key).asText();
        }
        return null;
    }

    /** @return a LangChain4j chat model for this configuration (temperature 0 for reproducibility). */
    public ChatModel chatModel() {
        if (provider.equals("ollama")) {
            return OllamaChatModel.builder().baseUrl(baseUrl).modelName(model).temperature(0.0).timeout(timeout).build();
        }
        return OpenAiChatModel.builder().baseUrl(baseUrl).apiKey(apiKey == null || apiKey.isBlank() ? "not-needed" : apiKey)
                .modelName(model).temperature(0.0).timeout(timeout).maxRetries(1).build();
    }

    /** @return a description without the key. */
    @Override
    public String toString() {
        return provider + " " + model + " at " + baseUrl + (apiKey != null ? " (key set)" : "");
    }
}
