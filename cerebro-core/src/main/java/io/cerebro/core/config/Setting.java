package io.cerebro.core.config;

import io.cerebro.core.error.UserInputException;

import java.util.List;
import java.util.Locale;

/**
 * One configuration key: its type, default, bounds, environment variable and what reads it.
 *
 * @param key         dotted name, as written nested in the file ({@code analysis: {alpha: 0.01}})
 * @param type        the value's type
 * @param defaultValue the built-in value
 * @param min         the smallest allowed number (inclusive), or null
 * @param max         the largest allowed number (inclusive), or null
 * @param env         the environment variable that sets it
 * @param description what the value does and which command reads it
 */
public record Setting(String key, Type type, Object defaultValue, Double min, Double max, String env, String description) {
    /** A value's type. */
    public enum Type { DOUBLE, INT, BOOLEAN, STRING }

    /** Every key, in the order {@code config show} lists them. */
    public static final List<Setting> ALL = List.of(
            new Setting("analysis.alpha", Type.DOUBLE, 0.05, 1e-6, 0.5, null,
                    "significance level when neither a spec file nor --alpha gives one (abtest, causal, geotest)"),
            new Setting("analysis.bootstrap_draws", Type.INT, 200, 0.0, 100_000.0, null,
                    "bootstrap replicates of interval estimates (mmm --bootstrap)"),
            new Setting("analysis.permutation_draws", Type.INT, 1000, 10.0, 1_000_000.0, null,
                    "permutations of permutation and conformal tests (geotest --permutations)"),
            new Setting("generation.offline", Type.BOOLEAN, false, null, null, null,
                    "generate pipelines with the offline template generator even when an LLM is configured (generate, analysis commands)"),
            new Setting("retrieval.enabled", Type.BOOLEAN, true, null, null, null,
                    "retrieve worked examples from the corpus index for the LLM prompt"),
            new Setting("retrieval.top_k", Type.INT, 5, 1.0, 50.0, null,
                    "worked examples retrieved per prompt"),
            new Setting("store.location", Type.STRING, "", null, null, "CEREBRO_STORE",
                    "experiment store: a DuckDB file or postgresql:// URL; empty for cerebro/cerebro.duckdb in the data directory (exp)"),
            new Setting("llm.provider", Type.STRING, "", null, null, null,
                    "openai (any OpenAI-compatible server) or ollama; empty with an empty model means no LLM"),
            new Setting("llm.base_url", Type.STRING, "", null, null, null,
                    "the LLM server's URL; empty for the provider's default"),
            new Setting("llm.model", Type.STRING, "", null, null, null,
                    "the LLM model name; empty for none (offline generation)"),
            new Setting("llm.timeout_seconds", Type.INT, 120, 1.0, 3600.0, null,
                    "time limit of one LLM request"),
            new Setting("tune.sampler", Type.STRING, "tpe", null, null, null,
                    "sampler of a study whose file names none: grid, random, lhs, sobol, tpe or gp (tune)"),
            new Setting("tune.trials", Type.INT, 100, 1.0, 10_000_000.0, null,
                    "trial budget of a study whose file gives none (tune)"),
            new Setting("tune.parallel", Type.INT, 1, 1.0, 1024.0, null,
                    "trials run at once when the study file gives no parallel: (tune)"));

    private static final List<String> SAMPLERS = List.of("grid", "random", "lhs", "sobol", "tpe", "gp");

    /** @return the environment variable: {@code env}, or CEREBRO_ and the key in capitals with dots as underscores. */
    public String environmentVariable() {
        return env != null ? env : "CEREBRO_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** @return the setting named {@code key}, or null. */
    public static Setting find(String key) {
        for (Setting s : ALL) {
            if (s.key.equals(key)) {
                return s;
            }
        }
        return null;
    }

    /**
     * @param raw   a value as YAML or a string gave it
     * @param where the file, variable or flag it came from, for the message
     * @return the value as this key's type, checked against its bounds
     */
    public Object parse(Object raw, String where) {
        String text = raw == null ? "null" : raw.toString().trim();
        switch (type) {
            case BOOLEAN -> {
                if (raw instanceof Boolean b) {
                    return b;
                }
                return switch (text.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "on", "1" -> true;
                    case "false", "no", "off", "0" -> false;
                    default -> throw wrong(where, "true or false", text);
                };
            }
            case STRING -> {
                if (raw instanceof java.util.Map || raw instanceof java.util.List) {
                    throw wrong(where, "a string", text);
                }
                String v = raw == null ? "" : text;
                if (key.equals("tune.sampler") && !SAMPLERS.contains(v.toLowerCase(Locale.ROOT))) {
                    throw wrong(where, "one of " + String.join(", ", SAMPLERS), text);
                }
                if (key.equals("llm.provider") && !v.isEmpty() && !List.of("openai", "ollama").contains(v.toLowerCase(Locale.ROOT))) {
                    throw wrong(where, "openai or ollama", text);
                }
                return key.equals("tune.sampler") || key.equals("llm.provider") ? v.toLowerCase(Locale.ROOT) : v;
            }
            case INT -> {
                long v;
                if (raw instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && !(raw instanceof Double d && d.isInfinite())) {
                    v = n.longValue();
                } else {
                    try {
                        v = Long.parseLong(text);
                    } catch (NumberFormatException e) {
                        throw wrong(where, "a whole number" + bounds(), text);
                    }
                }
                if ((min != null && v < min) || (max != null && v > max)) {
                    throw wrong(where, "a whole number" + bounds(), text);
                }
                return (int) v;
            }
            default -> {
                double v;
                if (raw instanceof Number n) {
                    v = n.doubleValue();
                } else {
                    try {
                        v = Double.parseDouble(text);
                    } catch (NumberFormatException e) {
                        throw wrong(where, "a number" + bounds(), text);
                    }
                }
                if (!Double.isFinite(v) || (min != null && v < min) || (max != null && v > max)) {
                    throw wrong(where, "a number" + bounds(), text);
                }
                return v;
            }
        }
    }

    private String bounds() {
        if (min == null && max == null) {
            return "";
        }
        java.util.function.DoubleFunction<String> f = d -> d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
        return " from " + f.apply(min) + " to " + f.apply(max);
    }

    private UserInputException wrong(String where, String want, String got) {
        return new UserInputException(where + ": " + key + " must be " + want + ", got '" + got + "'");
    }
}
