package io.cerebro.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.cerebro.core.error.UserInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration of the whole tool: one value per {@link Setting}, each with the {@link Layer} it
 * came from. Loaded in the order defaults &lt; profile &lt; file &lt; environment &lt; flags:
 * <ul>
 *   <li>the profile is {@code --profile}, else {@code CEREBRO_PROFILE}, else the file's top-level {@code profile:};</li>
 *   <li>the file is {@code CEREBRO_CONFIG} (which must exist), else {@code ~/.config/cerebro/config.yaml} when present;
 *   its keys are nested ({@code analysis: {alpha: 0.01}}) or dotted ({@code analysis.alpha: 0.01});</li>
 *   <li>each key's environment variable is {@link Setting#environmentVariable()} ({@code CEREBRO_ANALYSIS_ALPHA},
 *   {@code CEREBRO_STORE}, {@code CEREBRO_LLM_MODEL}); other {@code CEREBRO_*} variables are not configuration and are ignored;</li>
 *   <li>flags are {@code KEY=VALUE} pairs a command line gave.</li>
 * </ul>
 * An unknown key or a value of the wrong type is a {@link UserInputException} naming the key and the file.
 */
public final class CerebroConfig {
    /** A value and where it came from ({@code source}: the profile's name, the file's path, the variable or the flag). */
    public record Value(Object value, Layer layer, String source) {
    }

    private final Map<String, Value> values;
    private final String profile;
    private final Path file;

    private CerebroConfig(Map<String, Value> values, String profile, Path file) {
        this.values = values;
        this.profile = profile;
        this.file = file;
    }

    /** @return the built-in defaults alone. */
    public static CerebroConfig defaults() {
        return load(null, Map.of(), null, Map.of());
    }

    /** @return the user's configuration file location: {@code ~/.config/cerebro/config.yaml}. */
    public static Path userFile(String home) {
        return Path.of(home, ".config", "cerebro", "config.yaml");
    }

    /**
     * @param profile the {@code --profile} flag, or null
     * @param env     the environment
     * @param home    the user's home directory (for the default file), or null for no default file
     * @param flags   values a command line gave, by key
     * @return the configuration
     */
    public static CerebroConfig load(String profile, Map<String, String> env, String home, Map<String, String> flags) {
        Map<String, Value> v = new LinkedHashMap<>();
        for (Setting s : Setting.ALL) {
            v.put(s.key(), new Value(s.defaultValue(), Layer.DEFAULT, "built-in"));
        }
        Path file = null;
        String named = env.get("CEREBRO_CONFIG");
        if (named != null && !named.isBlank()) {
            file = Path.of(named);
            if (!Files.isRegularFile(file)) {
                throw new UserInputException("CEREBRO_CONFIG names " + file + ", which does not exist; fix the path or unset CEREBRO_CONFIG");
            }
        } else if (home != null && Files.isRegularFile(userFile(home))) {
            file = userFile(home);
        }
        Map<String, Object> fromFile = new LinkedHashMap<>();
        String fileProfile = file == null ? null : readFile(file, fromFile);
        String chosen = profile != null ? profile : env.get("CEREBRO_PROFILE") != null && !env.get("CEREBRO_PROFILE").isBlank()
                ? env.get("CEREBRO_PROFILE") : fileProfile;
        String where = profile != null ? "--profile" : env.get("CEREBRO_PROFILE") != null && !env.get("CEREBRO_PROFILE").isBlank()
                ? "CEREBRO_PROFILE" : String.valueOf(file);
        Profile p = chosen == null ? null : Profile.of(chosen, where);
        if (p != null) {
            p.values().forEach((k, x) -> v.put(k, new Value(Setting.find(k).parse(x, "profile " + p.name()), Layer.PROFILE, p.name())));
        }
        Path f = file;
        fromFile.forEach((k, x) -> v.put(k, new Value(Setting.find(k).parse(x, f.toString()), Layer.FILE, f.toString())));
        for (Setting s : Setting.ALL) {
            String e = env.get(s.environmentVariable());
            if (e != null) {
                v.put(s.key(), new Value(s.parse(e, "environment " + s.environmentVariable()), Layer.ENVIRONMENT, s.environmentVariable()));
            }
        }
        flags.forEach((k, x) -> {
            Setting s = Setting.find(k);
            if (s == null) {
                throw new UserInputException("--set " + k + ": unknown key '" + k + "'; known keys: " + knownKeys());
            }
            v.put(k, new Value(s.parse(x, "--set " + k), Layer.FLAG, "--set"));
        });
        return new CerebroConfig(v, p == null ? null : p.name(), file);
    }

    /** Reads the file's keys into {@code out} (validated); @return its {@code profile:}, or null. */
    private static String readFile(Path file, Map<String, Object> out) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new UserInputException(file + " is not valid YAML: " + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
                    + "; fix it or move it away");
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return null;
        }
        if (!root.isObject()) {
            throw new UserInputException(file + " must be a YAML mapping like 'analysis: {alpha: 0.01}'");
        }
        String profile = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("profile")) {
                if (!e.getValue().isTextual()) {
                    throw new UserInputException(file + ": profile must be a profile name, got " + e.getValue());
                }
                profile = e.getValue().asText();
                Profile.of(profile, file.toString());
                continue;
            }
            flatten(e.getKey(), e.getValue(), file, out);
        }
        return profile;
    }

    private static void flatten(String key, JsonNode node, Path file, Map<String, Object> out) {
        Setting s = Setting.find(key);
        if (s == null && node.isObject()) {
            boolean prefix = Setting.ALL.stream().anyMatch(x -> x.key().startsWith(key + "."));
            if (!prefix) {
                throw new UserInputException(file + ": unknown key '" + key + "'; known keys: " + knownKeys());
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(key + "." + e.getKey(), e.getValue(), file, out);
            }
            return;
        }
        if (s == null) {
            throw new UserInputException(file + ": unknown key '" + key + "'; known keys: " + knownKeys());
        }
        Object raw = node.isNull() ? null : node.isBoolean() ? (Object) node.asBoolean() : node.isIntegralNumber() ? (Object) node.asLong()
                : node.isNumber() ? (Object) node.asDouble() : node.isTextual() ? node.asText() : node.toString();
        if (node.isContainerNode()) {
            throw new UserInputException(file + ": " + key + " must be a " + s.type().name().toLowerCase(java.util.Locale.ROOT) + ", got " + node);
        }
        if (s.type() != Setting.Type.STRING && node.isTextual()) {
            // YAML gave a quoted string where a number or boolean belongs: accept only what parses, the message names the key
            raw = node.asText();
        }
        if (s.type() == Setting.Type.INT && node.isNumber() && !node.isIntegralNumber()) {
            throw new UserInputException(file + ": " + key + " must be a whole number, got " + node);
        }
        out.put(key, s.parse(raw, file.toString()));
    }

    private static String knownKeys() {
        return String.join(", ", Setting.ALL.stream().map(Setting::key).toList());
    }

    /** @return the value of {@code key} with its layer. */
    public Value value(String key) {
        Value v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no configuration key " + key);
        }
        return v;
    }

    /** @return every value by key, in {@link Setting#ALL} order. */
    public Map<String, Value> values() {
        return java.util.Collections.unmodifiableMap(values);
    }

    /** @return the chosen profile's name, or null. */
    public String profile() {
        return profile;
    }

    /** @return the configuration file read, or null. */
    public Path file() {
        return file;
    }

    /** @return analysis.alpha. */
    public double alpha() {
        return (Double) value("analysis.alpha").value();
    }

    /** @return analysis.bootstrap_draws. */
    public int bootstrapDraws() {
        return (Integer) value("analysis.bootstrap_draws").value();
    }

    /** @return analysis.permutation_draws. */
    public int permutationDraws() {
        return (Integer) value("analysis.permutation_draws").value();
    }

    /** @return generation.offline. */
    public boolean offline() {
        return (Boolean) value("generation.offline").value();
    }

    /** @return retrieval.enabled. */
    public boolean retrieval() {
        return (Boolean) value("retrieval.enabled").value();
    }

    /** @return retrieval.top_k. */
    public int retrievalTopK() {
        return (Integer) value("retrieval.top_k").value();
    }

    /** @return store.location, or null for the default location. */
    public String store() {
        String s = (String) value("store.location").value();
        return s.isBlank() ? null : s;
    }

    /** @return tune.sampler. */
    public String tuneSampler() {
        return (String) value("tune.sampler").value();
    }

    /** @return tune.trials. */
    public int tuneTrials() {
        return (Integer) value("tune.trials").value();
    }

    /** @return tune.parallel. */
    public int tuneParallel() {
        return (Integer) value("tune.parallel").value();
    }

    /**
     * @return the LLM settings as the {@code CEREBRO_LLM_*} variables the LLM client reads, for the
     * values that are set (so the configuration reaches it whichever layer gave them)
     */
    public Map<String, String> llmEnvironment() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : new String[]{"llm.provider", "llm.base_url", "llm.model"}) {
            String v = (String) value(k).value();
            if (!v.isBlank()) {
                m.put(Setting.find(k).environmentVariable(), v);
            }
        }
        if (!m.isEmpty()) {
            m.put("CEREBRO_LLM_TIMEOUT_SECONDS", value("llm.timeout_seconds").value().toString());
        }
        return m;
    }

    /** @return the values nested as the file writes them ({@code analysis: {alpha: 0.05}}), with the profile when one is chosen. */
    public ObjectNode tree(boolean withLayers) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        if (profile != null && !withLayers) {
            root.put("profile", profile);
        }
        values.forEach((k, v) -> {
            String[] parts = k.split("\\.");
            ObjectNode at = root;
            for (int i = 0; i < parts.length - 1; i++) {
                at = at.has(parts[i]) ? (ObjectNode) at.get(parts[i]) : at.putObject(parts[i]);
            }
            String leaf = parts[parts.length - 1];
            if (withLayers) {
                ObjectNode o = at.putObject(leaf);
                o.set("value", m.valueToTree(v.value()));
                o.put("layer", v.layer().label());
                o.put("source", v.source());
            } else {
                at.set(leaf, m.valueToTree(v.value()));
            }
        });
        return root;
    }

    /** @return the values as a YAML file that {@link #load} reads back to the same values. */
    public String toYaml() {
        try {
            return new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)).writeValueAsString(tree(false));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
