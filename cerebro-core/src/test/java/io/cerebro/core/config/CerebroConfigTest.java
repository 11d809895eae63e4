package io.cerebro.core.config;

import io.cerebro.core.error.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The layers defaults &lt; profile &lt; file &lt; environment &lt; flags, the six profiles and the one-line errors. */
class CerebroConfigTest {
    @Test
    void defaultsAreTheEnginesOwnDefaults() {
        CerebroConfig c = CerebroConfig.defaults();
        // the values the specs fall back to without a configuration: ABTestSpec alpha, MMMSpec bootstrap, GeoTestSpec permutations
        assertEquals(io.cerebro.core.spec.ABTestSpec.builder("t", "y").build().alpha(), c.alpha());
        assertEquals(200, c.bootstrapDraws());
        assertEquals(1000, c.permutationDraws());
        assertEquals("tpe", c.tuneSampler());
        assertEquals(1, c.tuneParallel());
        assertNull(c.store());
        assertTrue(c.llmEnvironment().isEmpty(), "no LLM unless one is named");
        c.values().values().forEach(v -> assertEquals(Layer.DEFAULT, v.layer()));
    }

    @Test
    void eachLayerOverridesTheOneBelowAndSaysSo(@TempDir Path home) throws Exception {
        Path file = CerebroConfig.userFile(home.toString());
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                profile: conservative
                analysis:
                  permutation_draws: 3000
                  bootstrap_draws: 400
                tune.parallel: 3
                llm: {model: qwen2.5, base_url: "http://localhost:8000/v1"}
                """);
        Map<String, String> env = Map.of("CEREBRO_ANALYSIS_BOOTSTRAP_DRAWS", "500", "CEREBRO_STORE", "/tmp/s.duckdb",
                "CEREBRO_DEBUG", "1", "CEREBRO_TUNE_PARALLEL", "5");
        CerebroConfig c = CerebroConfig.load(null, env, home.toString(), Map.of("tune.parallel", "7"));
        assertEquals("conservative", c.profile(), "the file chose the profile");
        assertEquals(0.01, c.alpha());
        assertEquals(Layer.PROFILE, c.value("analysis.alpha").layer());
        assertEquals(3000, c.permutationDraws());
        assertEquals(Layer.FILE, c.value("analysis.permutation_draws").layer());
        assertEquals(file.toString(), c.value("analysis.permutation_draws").source());
        assertEquals(500, c.bootstrapDraws());
        assertEquals(Layer.ENVIRONMENT, c.value("analysis.bootstrap_draws").layer());
        assertEquals("/tmp/s.duckdb", c.store());
        assertEquals(7, c.tuneParallel());
        assertEquals(Layer.FLAG, c.value("tune.parallel").layer());
        assertEquals(Map.of("CEREBRO_LLM_MODEL", "qwen2.5", "CEREBRO_LLM_BASE_URL", "http://localhost:8000/v1", "CEREBRO_LLM_TIMEOUT_SECONDS", "120"),
                c.llmEnvironment());

        // --profile beats CEREBRO_PROFILE beats the file's profile:
        assertEquals("aggressive", CerebroConfig.load(null, Map.of("CEREBRO_PROFILE", "aggressive"), home.toString(), Map.of()).profile());
        assertEquals("minimal", CerebroConfig.load("minimal", Map.of("CEREBRO_PROFILE", "aggressive"), home.toString(), Map.of()).profile());
        assertEquals(0.10, CerebroConfig.load(null, Map.of("CEREBRO_PROFILE", "aggressive"), home.toString(), Map.of()).alpha());
    }

    @Test
    void sixProfilesEachChangeSomethingAndAreValid() {
        assertEquals(java.util.List.of("development", "production", "research", "conservative", "aggressive", "minimal"),
                Profile.ALL.stream().map(Profile::name).toList());
        Set<Map<String, Object>> distinct = new HashSet<>();
        for (Profile p : Profile.ALL) {
            CerebroConfig c = CerebroConfig.load(p.name(), Map.of(), null, Map.of());
            assertTrue(!p.values().isEmpty() && !p.why().isBlank(), p.name());
            p.values().forEach((k, v) -> assertEquals(Layer.PROFILE, c.value(k).layer(), p.name() + " " + k));
            Map<String, Object> all = new LinkedHashMap<>();
            c.values().forEach((k, v) -> all.put(k, v.value()));
            distinct.add(all);
        }
        assertEquals(6, distinct.size(), "no two profiles give the same configuration");
        assertEquals(0.01, CerebroConfig.load("conservative", Map.of(), null, Map.of()).alpha());
        assertEquals(0.10, CerebroConfig.load("aggressive", Map.of(), null, Map.of()).alpha());
        assertTrue(CerebroConfig.load("minimal", Map.of(), null, Map.of()).offline());
    }

    @Test
    void savedYamlReadsBackToTheSameValues(@TempDir Path dir) throws Exception {
        CerebroConfig c = CerebroConfig.load("research", Map.of("CEREBRO_LLM_MODEL", "m1"), null, Map.of("analysis.alpha", "0.02"));
        Path f = dir.resolve("saved.yaml");
        Files.writeString(f, c.toYaml());
        CerebroConfig back = CerebroConfig.load(null, Map.of("CEREBRO_CONFIG", f.toString()), null, Map.of());
        c.values().forEach((k, v) -> assertEquals(v.value(), back.value(k).value(), k));
        assertEquals("research", back.profile());
    }

    @Test
    void unknownKeysAndWrongTypesNameTheKeyAndTheFile(@TempDir Path dir) throws Exception {
        String[][] cases = {
                {"analysis:\n  alfa: 0.01\n", "unknown key 'analysis.alfa'"},
                {"colour: blue\n", "unknown key 'colour'"},
                {"analysis: {alpha: high}\n", "analysis.alpha must be a number from"},
                {"analysis: {alpha: 0.9}\n", "analysis.alpha must be a number from"},
                {"tune: {parallel: 2.5}\n", "tune.parallel must be a whole number"},
                {"generation: {offline: maybe}\n", "generation.offline must be true or false"},
                {"tune: {sampler: annealing}\n", "tune.sampler must be one of"},
                {"profile: fast\n", "profile 'fast' is unknown"},
                {"analysis: [1, 2]\n", "unknown key 'analysis'"},
        };
        for (String[] c : cases) {
            Path f = dir.resolve("c.yaml");
            Files.writeString(f, c[0]);
            UserInputException e = assertThrows(UserInputException.class,
                    () -> CerebroConfig.load(null, Map.of("CEREBRO_CONFIG", f.toString()), null, Map.of()), c[0]);
            assertTrue(e.getMessage().contains(c[1]) && e.getMessage().contains(f.toString()), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        }
        UserInputException env = assertThrows(UserInputException.class,
                () -> CerebroConfig.load(null, Map.of("CEREBRO_TUNE_PARALLEL", "many"), null, Map.of()));
        assertTrue(env.getMessage().contains("CEREBRO_TUNE_PARALLEL") && env.getMessage().contains("tune.parallel"), env.getMessage());
        UserInputException missing = assertThrows(UserInputException.class,
                () -> CerebroConfig.load(null, Map.of("CEREBRO_CONFIG", dir.resolve("none.yaml").toString()), null, Map.of()));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }
}
