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
 * {@code causal}) picks the spec type; without it, a spec with a causal {@code method} is causal
 * and any other is an A/B test. Unknown fields are errors, so a typo never passes silently.
 */
public final class SpecReader {
    private static final ObjectMapper YAML = configure(YAMLMapper.builder(new YAMLFactory()));
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
        ObjectMapper m = json ? JSON : YAML;
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
        Class<? extends AnalysisSpec> type = switch (family) {
            case "ab" -> ABTestSpec.class;
            case "causal" -> CausalSpec.class;
            default -> throw new UserInputException("spec " + origin + ": unknown family '" + family
                    + "'; use ab or causal");
        };
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
        } catch (JsonMappingException e) {
            throw new UserInputException("spec " + origin + ": field '" + path(e) + "'" + where(locate(text, lastField(e)), null)
                    + " has a bad value: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UserInputException("spec " + origin + " does not parse: " + e.getMessage());
        }
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
            ObjectNode n = YAML.createObjectNode();
            n.put("family", spec.family());
            ObjectNode body = YAML.valueToTree(spec);
            body.properties().removeIf(en -> en.getValue().isNull());
            n.setAll(body);
            return YAML.writeValueAsString(n);
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
