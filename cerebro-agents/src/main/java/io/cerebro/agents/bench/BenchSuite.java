package io.cerebro.agents.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.spec.AnalysisSpec;
import io.cerebro.core.spec.SpecReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark's cases, read from the resources {@code io/cerebro/agents/bench/specs/*.yaml} in the
 * order of {@code specs/index.txt}. A case file holds {@code id}, {@code spec} (the analysis spec),
 * {@code data} ({@code generator}, {@code seed} and the generator's parameters) and {@code planted}
 * ({@code field}, {@code value}, {@code tolerance}, {@code why}).
 */
public final class BenchSuite {
    private static final String ROOT = "/io/cerebro/agents/bench/specs/";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private BenchSuite() {
    }

    /** @return every bundled case. */
    public static List<BenchSpec> all() {
        List<BenchSpec> out = new ArrayList<>();
        for (String name : read("index.txt").lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            out.add(parse(read(name), name));
        }
        return List.copyOf(out);
    }

    /**
     * @param families family names to keep; empty keeps all
     * @return the bundled cases of those families
     * @throws UserInputException when a name is not a family of the benchmark
     */
    public static List<BenchSpec> of(Collection<String> families) {
        List<BenchSpec> all = all();
        if (families == null || families.isEmpty()) {
            return all;
        }
        Set<String> known = families(all);
        for (String f : families) {
            if (!known.contains(f)) {
                throw new UserInputException("--families: '" + f + "' is not a benchmark family; use one of " + String.join(", ", known));
            }
        }
        return all.stream().filter(s -> families.contains(s.family())).toList();
    }

    /** @return the families of the cases, in order of first appearance. */
    public static Set<String> families(List<BenchSpec> specs) {
        Set<String> s = new LinkedHashSet<>();
        specs.forEach(b -> s.add(b.family()));
        return s;
    }

    /** Parses one case file. */
    static BenchSpec parse(String text, String origin) {
        try {
            JsonNode n = YAML.readTree(text);
            String id = n.path("id").asText(null);
            JsonNode spec = n.get("spec");
            JsonNode data = n.get("data");
            JsonNode planted = n.get("planted");
            if (id == null || spec == null || data == null || planted == null) {
                throw new IllegalStateException(origin + ": a bench case needs id, spec, data and planted");
            }
            String specYaml = YAML.writeValueAsString(spec).replaceFirst("^---\\s*\\n", "");
            AnalysisSpec parsed = SpecReader.parse(specYaml, false, origin);
            Map<String, Object> params = new LinkedHashMap<>();
            data.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("generator") && !e.getKey().equals("seed")) {
                    params.put(e.getKey(), e.getValue().numberValue());
                }
            });
            BenchSpec.Planted p = new BenchSpec.Planted(planted.path("field").asText("estimate"), planted.path("value").asDouble(),
                    planted.path("tolerance").asDouble(), planted.path("why").asText(""));
            return new BenchSpec(id, parsed.family(), specYaml, parsed, data.path("generator").asText(), params,
                    data.path("seed").asLong(), p);
        } catch (IOException e) {
            throw new UncheckedIOException(origin + ": " + e.getMessage(), e);
        }
    }

    private static String read(String name) {
        try (InputStream in = BenchSuite.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("bench resource " + ROOT + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
