package io.cerebro.core.tune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.tune.space.Parameter;
import io.cerebro.core.tune.space.ParameterSpace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a study YAML. Every mistake is one line naming the key and the fix; unknown keys are errors,
 * so a typo never silently falls back to a default.
 */
public final class StudySpecReader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP = Set.of("name", "objective", "parameter_space", "sampler", "sampler_options", "trials", "seed",
            "parallel", "journal", "pruner");
    private static final Set<String> PRUNER = Set.of("type", "n_startup_trials", "n_warmup_steps", "interval_steps", "min_resource", "max_resource",
            "reduction_factor", "min_early_stopping_rate");
    private static final Set<String> OBJECTIVE = Set.of("command", "direction", "repeats", "timeout");
    private static final Set<String> IN_PROCESS = Set.of("cerebro", "metric", "direction", "queries", "index", "mode", "family_filter");
    private static final Set<String> PATH_SETTINGS = Set.of("queries", "index");
    private static final Set<String> PARAM = Set.of("type", "range", "log", "step", "values", "choices", "grid_points", "when");
    private static final Set<String> OPTIONS = Set.of("n_startup_trials", "n_candidates", "multivariate", "prior_weight", "local_fraction");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    private StudySpecReader() {
    }

    /**
     * What a study takes when its file does not say: the configuration's {@code tune.*} values.
     *
     * @param sampler  the sampler
     * @param trials   the trial budget
     * @param parallel trials run at once
     */
    public record Defaults(String sampler, int trials, int parallel) {
        /** The built-in defaults: tpe, 100 trials, one at a time. */
        public static final Defaults BUILT_IN = new Defaults("tpe", 100, 1);
    }

    /** @return the study the file describes; its journal defaults to {@code <file>.journal.jsonl} beside it. */
    public static StudySpec read(Path file) {
        return read(file, Defaults.BUILT_IN);
    }

    /** @return the study the file describes, with {@code defaults} for the fields it leaves out. */
    public static StudySpec read(Path file, Defaults defaults) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new UserInputException("study file " + file + " does not exist; give the path of a study YAML");
        } catch (IOException e) {
            throw new UserInputException("cannot read study file " + file + ": " + e.getMessage());
        }
        Path abs = file.toAbsolutePath();
        String base = abs.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
        return parse(text, file.toString(), abs.getParent(), abs.getParent().resolve(base + ".journal.jsonl"), defaults);
    }

    /** @return the study in {@code text}; {@code where} names it in messages. */
    public static StudySpec parse(String text, String where, Path workDir, Path defaultJournal) {
        return parse(text, where, workDir, defaultJournal, Defaults.BUILT_IN);
    }

    /** @return the study in {@code text}, with {@code defaults} for the fields it leaves out. */
    public static StudySpec parse(String text, String where, Path workDir, Path defaultJournal, Defaults defaults) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (IOException e) {
            String msg = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new UserInputException("study " + where + " is not valid YAML: " + msg);
        }
        if (root == null || !root.isObject()) {
            throw new UserInputException("study " + where + " must be a YAML mapping with name, objective and parameter_space");
        }
        known(root, TOP, "", where);
        String name = root.path("name").asText("study");
        JsonNode obj = root.get("objective");
        if (obj == null || !obj.isObject()) {
            throw new UserInputException(where + ": objective is missing; add objective: {command: \"python3 objective.py {x}\", direction: minimize}");
        }
        StudySpec.InProcess inProcess = null;
        List<String> command;
        List<StudySpec.Direction> directions;
        if (obj.has("cerebro")) {
            known(obj, IN_PROCESS, "objective.", where);
            inProcess = inProcess(obj, workDir, where);
            command = List.of();
            // the in-process objectives are scores: maximised unless the file says otherwise
            directions = obj.has("direction") ? directions(obj.get("direction"), where) : List.of(StudySpec.Direction.MAXIMIZE);
            if (directions.size() != 1) {
                throw new UserInputException(where + ": objective.cerebro gives one metric, so objective.direction must be one direction");
            }
        } else {
            known(obj, OBJECTIVE, "objective.", where);
            command = command(obj.get("command"), where);
            directions = directions(obj.get("direction"), where);
        }
        int repeats = intField(obj, "repeats", 1, "objective.", where);
        Duration timeout = duration(obj.path("timeout").asText("600s"), where);
        JsonNode ps = root.get("parameter_space");
        if (ps == null || !ps.isObject()) {
            throw new UserInputException(where + ": parameter_space is missing; add parameter_space: {x: {type: float, range: [0, 1]}}");
        }
        List<Parameter> params = new ArrayList<>();
        StudySpec.Budget budget = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = ps.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isObject() && "budget".equals(e.getValue().path("type").asText())) {
                if (budget != null) {
                    throw new UserInputException(where + ": parameter_space has two budgets (" + budget.name() + ", " + e.getKey() + "); keep one");
                }
                budget = budget(e.getKey(), e.getValue(), where);
                continue;
            }
            params.add(parameter(e.getKey(), e.getValue(), where));
        }
        ParameterSpace space = new ParameterSpace(params);
        for (String token : command) {
            Matcher m = Pattern.compile("\\{([^{}]+)}").matcher(token);
            while (m.find()) {
                if (space.find(m.group(1)) == null && !m.group(1).equals("trial") && !m.group(1).equals("repeat")
                        && (budget == null || !m.group(1).equals(budget.name()))) {
                    throw new UserInputException(where + ": objective.command uses {" + m.group(1) + "}, which is not a parameter; declare it under parameter_space or use one of "
                            + space.names());
                }
            }
        }
        String sampler = root.path("sampler").asText(defaults.sampler()).toLowerCase(Locale.ROOT);
        StudySpec.SamplerOptions options = options(root.get("sampler_options"), where);
        int trials = intField(root, "trials", defaults.trials(), "", where);
        long seed = root.has("seed") ? longField(root, "seed", where) : 0L;
        int parallel = intField(root, "parallel", defaults.parallel(), "", where);
        Path journal = root.has("journal") ? workDir.resolve(root.get("journal").asText()) : defaultJournal;
        StudySpec.PrunerSpec pruner = pruner(root.get("pruner"), where);
        return new StudySpec(name, command, directions, repeats, timeout, space, sampler, options, trials, seed, parallel, journal, workDir,
                pruner, budget, inProcess);
    }

    private static StudySpec.InProcess inProcess(JsonNode obj, Path workDir, String where) {
        String name = obj.get("cerebro").asText();
        if (!StudySpec.InProcess.NAMES.contains(name)) {
            throw new UserInputException(where + ": objective.cerebro '" + name + "' is unknown; use one of " + String.join(", ", StudySpec.InProcess.NAMES));
        }
        String metric = obj.path("metric").asText("ndcg@10").toLowerCase(Locale.ROOT);
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        for (String key : List.of("queries", "index", "mode", "family_filter")) {
            if (obj.has(key)) {
                String v = obj.get(key).asText();
                settings.put(key, PATH_SETTINGS.contains(key) ? workDir.resolve(v).toString() : v);
            }
        }
        return new StudySpec.InProcess(name, metric, settings);
    }

    private static StudySpec.Budget budget(String name, JsonNode n, String where) {
        String at = "parameter_space." + name;
        known(n, Set.of("type", "range"), at + ".", where);
        JsonNode r = n.get("range");
        if (r == null || !r.isArray() || r.size() != 2 || !r.get(0).isIntegralNumber() || !r.get(1).isIntegralNumber()) {
            throw new UserInputException(where + ": " + at + ".range must be two whole numbers [min, max], e.g. [1, 81]");
        }
        return new StudySpec.Budget(name, r.get(0).asLong(), r.get(1).asLong());
    }

    private static StudySpec.PrunerSpec pruner(JsonNode n, String where) {
        if (n == null || n.isNull()) {
            return StudySpec.PrunerSpec.NONE;
        }
        if (n.isTextual()) {
            return StudySpec.PrunerSpec.NONE.withType(n.asText().toLowerCase(Locale.ROOT));
        }
        if (!n.isObject()) {
            throw new UserInputException(where + ": pruner must be a name (median, successive_halving, hyperband) or a mapping {type: ..., ...}");
        }
        known(n, PRUNER, "pruner.", where);
        String type = n.path("type").asText("median").toLowerCase(Locale.ROOT);
        return new StudySpec.PrunerSpec(type, intField(n, "n_startup_trials", 5, "pruner.", where),
                n.has("n_warmup_steps") ? longField(n, "n_warmup_steps", where) : 0,
                n.has("interval_steps") ? longField(n, "interval_steps", where) : 1,
                n.has("min_resource") ? longField(n, "min_resource", where) : null,
                n.has("max_resource") ? longField(n, "max_resource", where) : null,
                n.has("reduction_factor") ? intField(n, "reduction_factor", 3, "pruner.", where) : null,
                intField(n, "min_early_stopping_rate", 0, "pruner.", where));
    }

    private static void known(JsonNode node, Set<String> allowed, String prefix, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new UserInputException(where + ": unknown key '" + prefix + k + "'; allowed here: " + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
    }

    /** Splits a command string like a shell would split words (quotes group, nothing is expanded). */
    static List<String> command(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            throw new UserInputException(where + ": objective.command is missing; give the program to run, e.g. \"python3 objective.py {x}\"");
        }
        if (node.isArray()) {
            List<String> out = new ArrayList<>();
            node.forEach(n -> out.add(n.asText()));
            return out;
        }
        return splitWords(node.asText(), where);
    }

    /** @return the words of {@code s}: whitespace separates, single and double quotes group, backslash escapes. */
    public static List<String> splitWords(String s, String where) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < s.length()) {
                    cur.append(s.charAt(++i));
                } else {
                    cur.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < s.length()) {
                cur.append(s.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new UserInputException(where + ": objective.command has an unclosed " + quote + " quote; close it");
        }
        if (inWord) {
            out.add(cur.toString());
        }
        return out;
    }

    private static List<StudySpec.Direction> directions(JsonNode node, String where) {
        List<StudySpec.Direction> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            out.add(StudySpec.Direction.MINIMIZE);
            return out;
        }
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        for (JsonNode n : items) {
            switch (n.asText().toLowerCase(Locale.ROOT)) {
                case "minimize", "minimise", "min" -> out.add(StudySpec.Direction.MINIMIZE);
                case "maximize", "maximise", "max" -> out.add(StudySpec.Direction.MAXIMIZE);
                default -> throw new UserInputException(where + ": objective.direction '" + n.asText() + "' is unknown; use minimize or maximize");
            }
        }
        return out;
    }

    static Duration duration(String s, String where) {
        Matcher m = DURATION.matcher(s.trim());
        if (!m.matches()) {
            throw new UserInputException(where + ": objective.timeout '" + s + "' is not a duration; write e.g. 60s, 500ms, 5m");
        }
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        long ms = Math.round(v * switch (unit) {
            case "ms" -> 1;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            default -> 1000;
        });
        return Duration.ofMillis(ms);
    }

    private static Parameter parameter(String name, JsonNode n, String where) {
        String at = "parameter_space." + name;
        if (!n.isObject()) {
            throw new UserInputException(where + ": " + at + " must be a mapping like {type: float, range: [0, 1]}");
        }
        known(n, PARAM, at + ".", where);
        String typeText = n.path("type").asText(n.has("choices") ? "categorical" : "float").toLowerCase(Locale.ROOT);
        Parameter.Type type = switch (typeText) {
            case "int", "integer" -> Parameter.Type.INT;
            case "float", "double", "real" -> Parameter.Type.FLOAT;
            case "categorical", "choice" -> Parameter.Type.CATEGORICAL;
            default -> throw new UserInputException(where + ": " + at + ".type '" + typeText + "' is unknown; use int, float or categorical");
        };
        List<Object> choices = new ArrayList<>();
        JsonNode list = type == Parameter.Type.CATEGORICAL ? n.get("choices") : n.get("values");
        if (list != null) {
            if (!list.isArray() || list.isEmpty()) {
                throw new UserInputException(where + ": " + at + (type == Parameter.Type.CATEGORICAL ? ".choices" : ".values") + " must be a non-empty list");
            }
            for (JsonNode c : list) {
                choices.add(scalar(c, type, at, where));
            }
        }
        double low = 0;
        double high = 0;
        if (type != Parameter.Type.CATEGORICAL) {
            JsonNode r = n.get("range");
            if (r == null && choices.isEmpty()) {
                throw new UserInputException(where + ": " + at + " needs range: [low, high] (or values: [...])");
            }
            if (r != null) {
                if (!r.isArray() || r.size() != 2 || !r.get(0).isNumber() || !r.get(1).isNumber()) {
                    throw new UserInputException(where + ": " + at + ".range must be two numbers [low, high], got " + r);
                }
                low = r.get(0).asDouble();
                high = r.get(1).asDouble();
            } else {
                low = choices.stream().mapToDouble(c -> ((Number) c).doubleValue()).min().orElse(0);
                high = choices.stream().mapToDouble(c -> ((Number) c).doubleValue()).max().orElse(0);
            }
        }
        Double step = n.has("step") ? numberField(n, "step", at, where) : null;
        boolean log = n.path("log").asBoolean(false);
        if (n.has("log") && !n.get("log").isBoolean()) {
            throw new UserInputException(where + ": " + at + ".log must be true or false, got " + n.get("log"));
        }
        int gridPoints = n.has("grid_points") ? (int) (double) numberField(n, "grid_points", at, where) : 5;
        Map<String, Object> when = new LinkedHashMap<>();
        JsonNode w = n.get("when");
        if (w != null) {
            if (!w.isObject()) {
                throw new UserInputException(where + ": " + at + ".when must be a mapping like {other_param: value}");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = w.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isArray()) {
                    List<Object> vs = new ArrayList<>();
                    e.getValue().forEach(v -> vs.add(v.isNumber() ? v.numberValue() : v.asText()));
                    when.put(e.getKey(), vs);
                } else {
                    when.put(e.getKey(), e.getValue().isNumber() ? e.getValue().numberValue() : e.getValue().asText());
                }
            }
        }
        return new Parameter(name, type, low, high, log, step, choices, gridPoints, when);
    }

    private static Object scalar(JsonNode c, Parameter.Type type, String at, String where) {
        if (type == Parameter.Type.CATEGORICAL) {
            if (c.isNumber()) {
                return c.numberValue();
            }
            if (c.isBoolean()) {
                return c.asBoolean();
            }
            return c.asText();
        }
        if (!c.isNumber()) {
            throw new UserInputException(where + ": " + at + ".values must be numbers, got " + c);
        }
        return type == Parameter.Type.INT ? (Object) c.asLong() : (Object) c.asDouble();
    }

    private static Double numberField(JsonNode n, String key, String at, String where) {
        JsonNode v = n.get(key);
        if (!v.isNumber()) {
            throw new UserInputException(where + ": " + at + "." + key + " must be a number, got " + v);
        }
        return v.asDouble();
    }

    private static int intField(JsonNode n, String key, int dflt, String prefix, String where) {
        JsonNode v = n.get(key);
        if (v == null) {
            return dflt;
        }
        if (!v.isIntegralNumber()) {
            throw new UserInputException(where + ": " + prefix + key + " must be a whole number, got " + v);
        }
        return v.asInt();
    }

    private static long longField(JsonNode n, String key, String where) {
        JsonNode v = n.get(key);
        if (!v.isIntegralNumber()) {
            throw new UserInputException(where + ": " + key + " must be a whole number, got " + v);
        }
        return v.asLong();
    }

    private static StudySpec.SamplerOptions options(JsonNode n, String where) {
        if (n == null) {
            return StudySpec.SamplerOptions.DEFAULTS;
        }
        if (!n.isObject()) {
            throw new UserInputException(where + ": sampler_options must be a mapping");
        }
        known(n, OPTIONS, "sampler_options.", where);
        return new StudySpec.SamplerOptions(intField(n, "n_startup_trials", 10, "sampler_options.", where),
                n.has("n_candidates") ? intField(n, "n_candidates", 24, "sampler_options.", where) : null,
                n.path("multivariate").asBoolean(false),
                n.has("prior_weight") ? numberField(n, "prior_weight", "sampler_options", where) : 1.0,
                n.has("local_fraction") ? numberField(n, "local_fraction", "sampler_options", where) : StudySpec.SamplerOptions.DEFAULT_LOCAL_FRACTION);
    }
}
