package io.cerebro.core.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cerebro.core.error.UserInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads and writes analysis specs as YAML or JSON.
 *
 * <p>Field names are snake_case ({@code drop_missing}, {@code prior_alpha}); enum values are case
 * insensitive ({@code welch}, {@code two_sided}). The top-level {@code family} field ({@code ab} or
 * {@code causal}, or any registered family's name) picks the spec type (through
 * {@link io.cerebro.core.family.Families}); without it, a spec with a causal {@code method} is causal
 * and any other is an A/B test. Unknown fields are errors, so a typo never passes silently.
 */
public final class SpecReader {
    /** Built on first use: a command that only writes JSON (provenance, results) never loads the YAML stack. */
    private static final class Yaml {
        static final ObjectMapper MAPPER = configure(YAMLMapper.builder(new YAMLFactory()));
    }
    private static final ObjectMapper JSON = configure(JsonMapper.builder());

    private SpecReader() {
    }

    private static ObjectMapper configure(com.fasterxml.jackson.databind.cfg.MapperBuilder<?, ?> b) {
        return b.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .build();
    }

    /** @return a mapper that writes specs in the same snake_case form this reader accepts. */
    public static ObjectMapper jsonMapper() {
        return JSON;
    }

    /**
     * Reads a spec file ({@code .yaml}/{@code .yml} or {@code .json}).
     *
     * @throws UserInputException naming the file, line and field when it does not parse
     */
    public static AnalysisSpec read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserInputException("spec file not found: " + file);
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UserInputException("cannot read spec file " + file + ": " + e.getMessage());
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return parse(text, name.endsWith(".json"), file.toString());
    }

    /** Parses spec text; {@code json} false means YAML (which also accepts JSON). */
    public static AnalysisSpec parse(String text, boolean json, String origin) {
        ObjectMapper m = json ? JSON : Yaml.MAPPER;
        JsonNode node;
        try {
            node = m.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UserInputException("spec " + origin + " does not parse" + where(e.getLocation(), null)
                    + ": " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new UserInputException("spec " + origin + " must be a mapping of fields (treatment: ..., outcome: ...)");
        }
        ObjectNode obj = (ObjectNode) node.deepCopy();
        String family = obj.has("family") ? obj.remove("family").asText().toLowerCase(Locale.ROOT) : inferFamily(obj);
        final String name = family;
        Class<? extends AnalysisSpec> type = io.cerebro.core.family.Families.named(family)
                .<Class<? extends AnalysisSpec>>map(io.cerebro.core.family.AnalysisFamily::specType)
                .orElseThrow(() -> new UserInputException("spec " + origin + ": unknown family '" + name
                        + "'; use one of: " + io.cerebro.core.family.Families.names()));
        String unknown = unknownField(obj, type, "", text);
        if (unknown != null) {
            throw new UserInputException("spec " + origin + ": " + unknown);
        }
        try {
            if (type == CausalSpec.class && obj.has("method") && obj.get("method").isTextual()) {
                obj.put("method", CausalMethod.parse(obj.get("method").asText()).name());
            }
            return m.readerFor(type).readValue(m.treeAsTokens(obj));
        } catch (ValueInstantiationException e) {
            Throwable c = e.getCause();
            if (c instanceof UserInputException u) {
                throw new UserInputException("spec " + origin + ": " + u.getMessage());
            }
            throw new UserInputException("spec " + origin + ": " + e.getOriginalMessage());
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new UserInputException("spec " + origin + ": unknown field '" + path(e) + "'" + where(locate(text, e.getPropertyName()), null)
                    + "; known fields: " + known);
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            throw new UserInputException("spec " + origin + ": field '" + path(e) + "'" + where(locate(text, lastField(e)), null)
                    + " must be " + expected(e.getTargetType())
                    + (e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException f ? ", got \"" + f.getValue() + "\"" : ""));
        } catch (JsonMappingException e) {
            throw new UserInputException("spec " + origin + ": field '" + path(e) + "'" + where(locate(text, lastField(e)), null)
                    + " has a bad value: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UserInputException("spec " + origin + " does not parse: " + e.getMessage());
        }
    }

    /** @return what a field of this type accepts, in words. */
    private static String expected(Class<?> t) {
        if (t == null) {
            return "a value of the right type";
        }
        if (t == Double.class || t == double.class || t == Float.class || t == float.class) {
            return "a number";
        }
        if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
            return "a whole number";
        }
        if (t == Boolean.class || t == boolean.class) {
            return "true or false";
        }
        if (t.isEnum()) {
            return "one of: " + java.util.Arrays.stream(t.getEnumConstants()).map(c -> c.toString().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
        }
        if (java.util.Collection.class.isAssignableFrom(t)) {
            return "a list, e.g. [a, b]";
        }
        if (t.isRecord()) {
            return "a mapping of fields";
        }
        return "text";
    }

    /**
     * Finds the first field that the spec type does not have (checked before the record is built, so
     * a misspelt required field is reported as a typo, not as missing), suggesting the closest name.
     */
    private static String unknownField(JsonNode node, Class<?> type, String prefix, String text) {
        if (!type.isRecord() || !node.isObject()) {
            return null;
        }
        java.util.Map<String, java.lang.reflect.RecordComponent> known = new java.util.LinkedHashMap<>();
        for (java.lang.reflect.RecordComponent c : type.getRecordComponents()) {
            known.put(PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(c.getName()), c);
        }
        for (java.util.Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            java.lang.reflect.RecordComponent c = known.get(f);
            if (c == null) {
                String best = null;
                int bestD = Integer.MAX_VALUE;
                for (String k : known.keySet()) {
                    int d = distance(f, k);
                    if (d < bestD) {
                        bestD = d;
                        best = k;
                    }
                }
                String hint = best != null && bestD <= Math.max(2, f.length() / 3) ? "; did you mean '" + prefix + best + "'?" : "";
                return "unknown field '" + prefix + f + "'" + where(locate(text, f), null) + hint + " (known fields: "
                        + String.join(", ", known.keySet()) + ")";
            }
            String nested = unknownField(node.get(f), c.getType(), prefix + f + ".", text);
            if (nested != null) {
                return nested;
            }
        }
        return null;
    }

    /** @return the Levenshtein edit distance between a and b. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static String inferFamily(ObjectNode obj) {
        if (obj.has("method")) {
            try {
                CausalMethod.parse(obj.get("method").asText());
                return "causal";
            } catch (UserInputException e) {
                return "ab";
            }
        }
        return "ab";
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String lastField(JsonMappingException e) {
        for (int i = e.getPath().size() - 1; i >= 0; i--) {
            if (e.getPath().get(i).getFieldName() != null) {
                return e.getPath().get(i).getFieldName();
            }
        }
        return null;
    }

    /** Finds the line of a field in the original text, since the re-read tree has no locations. */
    private static JsonLocation locate(String text, String field) {
        if (field == null) {
            return null;
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.startsWith(field + ":") || l.startsWith("\"" + field + "\"") || l.startsWith("- " + field + ":")) {
                return new JsonLocation(null, -1, i + 1, 1);
            }
        }
        return null;
    }

    private static String where(JsonLocation loc, String field) {
        if (loc == null || loc.getLineNr() < 1) {
            return "";
        }
        return " (line " + loc.getLineNr() + (loc.getColumnNr() > 1 ? ", column " + loc.getColumnNr() : "") + ")";
    }

    /** Writes a spec as YAML with its family, in the form {@link #parse} reads back. */
    public static String toYaml(AnalysisSpec spec) {
        try {
            ObjectNode n = Yaml.MAPPER.createObjectNode();
            n.put("family", spec.family());
            ObjectNode body = Yaml.MAPPER.valueToTree(spec);
            body.properties().removeIf(en -> en.getValue().isNull());
            n.setAll(body);
            return Yaml.MAPPER.writeValueAsString(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the spec as a JSON tree with its family (for provenance). */
    public static JsonNode toTree(AnalysisSpec spec) {
        ObjectNode n = JSON.createObjectNode();
        n.put("family", spec.family());
        ObjectNode body = JSON.valueToTree(spec);
        body.properties().removeIf(en -> en.getValue().isNull());
        n.setAll(body);
        return n;
    }
}
