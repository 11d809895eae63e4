package io.cerebro.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static io.cerebro.cli.CliTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cerebro suggest-next} on a store experiment ({@code --run store:NAME}) and on a causal
 * result, each with planted data where a detector must fire and null data where none may.
 */
class SuggestNextStoreAndCausalTest {
    static final ObjectMapper JSON = new ObjectMapper();

    private static CliTestSupport.Run ok(String... args) {
        CliTestSupport.Run r = run(args);
        assertEquals(0, r.code(), String.join(" ", args) + "\n" + r.out() + r.err());
        return r;
    }

    /** An experiment of 2 × units/2 units with revenue = base + effect in treatment, lognormal noise of the given sigma (0: normal, sd 1). */
    static void experiment(Path dir, String store, String name, int units, double effect, double sigma, long seed) throws Exception {
        ok("exp", "create", name, "--variants", "control:0.5,treatment:0.5", "--metric", "revenue:continuous", "--min-samples", "10",
                "--salt", "s" + seed, "--store", store);
        ok("exp", "start", name, "--reason", "launch", "--store", store);
        StringBuilder users = new StringBuilder("user_id\n");
        for (int i = 0; i < units; i++) {
            users.append("u").append(i).append('\n');
        }
        Path usersCsv = Files.writeString(dir.resolve(name + "-users.csv"), users);
        Path assigned = dir.resolve(name + "-assigned.csv");
        ok("exp", "assign", name, "--file", usersCsv.toString(), "--unit-column", "user_id", "--output", assigned.toString(), "--store", store);
        Random rnd = new Random(seed);
        StringBuilder events = new StringBuilder("user_id,revenue\n");
        for (String row : Files.readAllLines(assigned).subList(1, units + 1)) {
            String[] f = row.split(",");
            double noise = sigma > 0 ? Math.exp(sigma * rnd.nextGaussian()) : 10 + rnd.nextGaussian();
            double v = noise + (f[f.length - 1].equals("treatment") ? effect : 0);
            events.append(f[0]).append(',').append(v).append('\n');
        }
        Path eventsCsv = Files.writeString(dir.resolve(name + "-events.csv"), events);
        ok("exp", "record", name, "--file", eventsCsv.toString(), "--unit-column", "user_id", "--store", store);
    }

    @Test
    void storeExperimentFiresOnHeavyTailsAndUnderpowerAndNotOnAClearNormalWin(@TempDir Path dir) throws Exception {
        String store = dir.resolve("exp.duckdb").toString();
        // planted: lognormal(0, 2) revenue (coefficient of variation about 7) and a small effect on 300 units
        experiment(dir, store, "tails", 300, 0.2, 2.0, 1);
        Path out = dir.resolve("next");
        CliTestSupport.Run r = ok("suggest-next", "--run", "store:tails", "--store", store, "--output-dir", out.toString());
        assertTrue(r.out().contains("heavy_tails:"), r.out());
        assertTrue(r.out().contains("underpowered:"), r.out());
        Path units = out.resolve("tails-units.csv");
        assertEquals("unit,variant,revenue", Files.readAllLines(units).get(0));
        assertEquals(301, Files.readAllLines(units).size());
        // the follow-up runs as is on the exported units
        Path robust = Files.exists(out.resolve("next-ab-robust.yaml")) ? out.resolve("next-ab-robust.yaml") : out.resolve("next-ab-cuped.yaml");
        CliTestSupport.Run follow = run("abtest", units.toString(), "--spec", robust.toString(), "--format", "json");
        assertEquals(0, follow.code(), follow.err());
        assertTrue(r.out().contains("run: cerebro abtest " + units), r.out());

        // null: normal revenue (sd 1) with a 1-unit effect on 400 units: significant, not heavy-tailed
        experiment(dir, store, "clear", 400, 1.0, 0, 2);
        CliTestSupport.Run none = ok("suggest-next", "--run", "store:clear", "--store", store, "--output-dir", out.toString());
        assertTrue(none.out().startsWith("No follow-up suggested for experiment 'clear'"), none.out());

        CliTestSupport.Run missing = run("suggest-next", "--run", "store:nope", "--store", store);
        assertEquals(2, missing.code(), missing.err());
        assertFalse(missing.err().contains("Exception"), missing.err());
    }

    /** n rows: x ~ N(0,1), t = 1[a x + e > 0], y = effect t + b x + N(0,1). */
    static Path observational(Path dir, String name, double a, double effect, double b, long seed) throws Exception {
        Random rnd = new Random(seed);
        StringBuilder sb = new StringBuilder("t,x,y\n");
        for (int i = 0; i < 2000; i++) {
            double x = rnd.nextGaussian();
            int t = a * x + rnd.nextGaussian() > 0 ? 1 : 0;
            double y = effect * t + b * x + rnd.nextGaussian();
            sb.append(t).append(',').append(x).append(',').append(y).append('\n');
        }
        return Files.writeString(dir.resolve(name + ".csv"), sb);
    }

    private static Path causal(Path dir, Path data, String name, String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("causal", data.toString(), "--treatment", "t", "--outcome", "y", "--confounders", "x",
                "--method", "regression", "--format", "json"));
        args.addAll(List.of(extra));
        CliTestSupport.Run r = ok(args.toArray(String[]::new));
        return Files.writeString(dir.resolve(name + ".json"), r.out());
    }

    @Test
    void causalResultFiresUnrefutedAndFragileOnPlantedConfoundingAndNothingOnARobustRefutedEffect(@TempDir Path dir) throws Exception {
        // planted: x drives both treatment (a = 1) and outcome (b = 2); the effect 0.15 is significant but fragile
        Path data = observational(dir, "confounded", 1.0, 0.15, 2.0, 3);
        Path result = causal(dir, data, "confounded");
        JsonNode j = JSON.readTree(Files.readString(result));
        assertTrue(j.path("pValue").asDouble() < 0.05, "the planted effect is significant: " + j.path("pValue"));
        Path out = dir.resolve("next");
        CliTestSupport.Run r = ok("suggest-next", "--run", result.toString(), "--output-dir", out.toString());
        assertTrue(r.out().contains("unrefuted:"), r.out());
        assertTrue(r.out().contains("fragile:"), r.out());
        // the refutation follow-up runs on the same data and refutes
        CliTestSupport.Run refuted = ok("causal", data.toString(), "--spec", out.resolve("next-causal-refute.yaml").toString(), "--format", "json");
        assertTrue(refuted.out().contains("causal.refute"), refuted.out());
        // the design follow-up is an A/B spec whose mde is the estimate
        String ab = Files.readString(out.resolve("next-ab-randomised.yaml"));
        assertTrue(ab.contains("family: \"ab\"") || ab.contains("family: ab"), ab);
        assertTrue(ab.contains("mde: " + Math.abs(j.path("estimate").asDouble())), ab);

        // the same result with refutations: only fragile remains
        Path withRefute = causal(dir, data, "confounded-refuted", "--refute", "all");
        CliTestSupport.Run again = ok("suggest-next", "--run", withRefute.toString(), "--output-dir", dir.resolve("next2").toString());
        assertFalse(again.out().contains("unrefuted:"), again.out());
        assertTrue(again.out().contains("fragile:"), again.out());

        // null: weak confounding (a = 0.3, b = 0.1), a large effect, refuted: nothing fires
        Path clean = observational(dir, "clean", 0.3, 1.0, 0.1, 4);
        Path cleanResult = causal(dir, clean, "clean", "--refute", "all");
        CliTestSupport.Run none = ok("suggest-next", "--run", cleanResult.toString(), "--output-dir", dir.resolve("next3").toString());
        assertTrue(none.out().startsWith("No follow-up suggested"), none.out());
    }
}
