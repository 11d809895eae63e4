package io.cerebro.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import static io.cerebro.cli.CliTestSupport.badInput;
import static io.cerebro.cli.CliTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cerebro suggest-next} on planted data: each detector fires where planted, stays quiet on null data, and its numbers follow the data. */
class SuggestNextCommandTest {
    /** Rows: arm, country (4 levels), outcome = base + effect (+ extra in BR) + noise; lognormal noise when heavy. */
    static Path data(Path dir, String name, double effect, double brExtra, boolean heavy, long seed) throws Exception {
        SplittableRandom rng = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder("arm,country,y\n");
        String[] countries = {"BR", "DE", "US", "FR"};
        for (int i = 0; i < 4000; i++) {
            boolean t = rng.nextBoolean();
            String c = countries[rng.nextInt(4)];
            double z = Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
            double noise = heavy ? Math.exp(2.0 * z) : z;
            double y = 10 + noise + (t ? effect + ("BR".equals(c) ? brExtra : 0) : 0);
            sb.append(t ? "treatment" : "control").append(',').append(c).append(',').append(y).append('\n');
        }
        Path f = dir.resolve(name + ".csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    static Path result(Path dir, Path csv) throws Exception {
        CliTestSupport.Run r = run("abtest", csv.toString(), "--treatment", "arm", "--outcome", "y", "--control", "control", "--test", "welch", "--format", "json");
        assertEquals(0, r.code(), r.err());
        Path f = dir.resolve(csv.getFileName() + ".json");
        Files.writeString(f, r.out());
        return f;
    }

    @Test
    void plantedSubgroupEffectFiresAndNullDataDoesNot(@TempDir Path dir) throws Exception {
        Path planted = data(dir, "planted", 0.0, 1.0, false, 1);
        CliTestSupport.Run r = run("suggest-next", result(dir, planted).toString(), "--by", "country", "--output-dir", dir.resolve("out").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("subgroup: the difference varies across the 4 subgroups of country"), r.out());
        assertTrue(r.out().contains("country = BR has the largest effect"), r.out());
        Path spec = dir.resolve("out/next-ab-subgroup-BR.yaml");
        assertTrue(Files.readString(spec).contains("alpha: 0.0125"), Files.readString(spec));
        // the follow-up runs unchanged and finds the planted effect within BR
        CliTestSupport.Run follow = run("abtest", planted.toString(), "--spec", spec.toString(), "--format", "json");
        assertEquals(0, follow.code(), follow.err());
        double est = new com.fasterxml.jackson.databind.ObjectMapper().readTree(follow.out()).path("estimate").asDouble();
        assertEquals(1.0, est, 0.3);

        Path nul = data(dir, "null", 0.5, 0.0, false, 2);
        CliTestSupport.Run quiet = run("suggest-next", result(dir, nul).toString(), "--by", "country", "--output-dir", dir.resolve("out2").toString());
        assertEquals(0, quiet.code(), quiet.err());
        assertFalse(quiet.out().contains("subgroup:"), quiet.out());
        assertFalse(quiet.out().contains("underpowered:"), "a 0.5 sd effect on 4000 rows is detected: " + quiet.out());
        assertFalse(quiet.out().contains("heavy_tails:"), quiet.out());
    }

    @Test
    void underpoweredSampleSizeGrowsAsTheEffectShrinksAndHeavyTailsSuggestARankTest(@TempDir Path dir) throws Exception {
        CliTestSupport.Run a = run("suggest-next", result(dir, data(dir, "small", 0.05, 0, false, 3)).toString(), "--output-dir", dir.resolve("a").toString());
        CliTestSupport.Run b = run("suggest-next", result(dir, data(dir, "tiny", 0.02, 0, false, 3)).toString(), "--output-dir", dir.resolve("b").toString());
        long na = units(a.out());
        long nb = units(b.out());
        assertTrue(na > 2000 && nb > na, a.out() + "\n" + b.out());
        CliTestSupport.Run h = run("suggest-next", result(dir, data(dir, "heavy", 0.0, 0, true, 4)).toString(), "--output-dir", dir.resolve("h").toString());
        assertTrue(h.out().contains("heavy_tails: arm"), h.out());
        assertTrue(Files.readString(dir.resolve("h/next-ab-robust.yaml")).contains("test: \"mann_whitney\""));
        badInput(run("suggest-next", dir.resolve("none.json").toString()), "does not exist");
    }

    static long units(String out) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("needs (\\d+) units per arm").matcher(out);
        assertTrue(m.find(), out);
        return Long.parseLong(m.group(1));
    }

    /**
     * A study whose optimum (x = 1.4) lies past the upper end of its range [0, 1]: suggest-next fires the
     * boundary detector and writes a widened study that cerebro tune runs unchanged; with the
     * optimum inside (x = 0.4) it stays quiet.
     */
    @Test
    void aStudyStoppedAtABoundaryGetsAWidenedStudyThatTuneRuns(@TempDir Path dir) throws Exception {
        for (double optimum : new double[]{1.4, 0.4}) {
            Path sub = Files.createDirectories(dir.resolve("o" + optimum));
            Path study = sub.resolve("edge.yaml");
            Files.writeString(study, """
                    name: edge
                    objective:
                      command: [awk, 'BEGIN { print ({x} - %s)^2 + ("{m}" == "b" ? 0.1 : 0) }']
                    parameter_space:
                      x: {type: float, range: [0, 1]}
                      m: {type: categorical, choices: [a, b]}
                    sampler: tpe
                    trials: 25
                    seed: 2
                    """.formatted(optimum));
            assertEquals(0, run("tune", study.toString()).code());
            CliTestSupport.Run r = run("suggest-next", "--run", study.toString());
            assertEquals(0, r.code(), r.err());
            Path widened = sub.resolve("next-study-widened.yaml");
            if (optimum > 1) {
                assertTrue(r.out().startsWith("boundary: the search stopped at a boundary of the space: x = "), r.out());
                assertTrue(r.out().contains("upper end of [0, 1]") && r.out().contains("widen to [0.0, 1.5]"), r.out());
                CliTestSupport.Run next = run("tune", widened.toString(), "--format", "json");
                assertEquals(0, next.code(), next.err());
                JsonNode j = new ObjectMapper().readTree(next.out());
                assertEquals("edge-widened", j.path("study").asText());
                assertTrue(j.path("best").path("params").path("x").asDouble() > 1.0, "the widened study finds the optimum past the old edge: " + next.out());
            } else {
                assertTrue(r.out().startsWith("No follow-up suggested"), r.out());
                assertFalse(Files.exists(widened));
            }
        }
    }

    /** A results table with a planted subgroup winner and a logged flag: both follow-ups run unchanged. */
    @Test
    void aResultsTableGetsSpecsThatAbtestAndCausalRun(@TempDir Path dir) throws Exception {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        StringBuilder sb = new StringBuilder("config,latency,region,cached,load\n");
        for (String v : new String[]{"A", "B"}) {
            for (int i = 0; i < 90; i++) {
                String region = i % 3 == 0 ? "north" : i % 3 == 1 ? "south" : "east";
                int cached = rng.nextBoolean() ? 1 : 0;
                double z = Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
                // lower latency wins: A is faster overall, B is faster in the north; the cache saves 2 ms
                double y = (v.equals("A") ? 10 : region.equals("north") ? 8 : 13) - 2 * cached + z;
                sb.append(v).append(',').append(y).append(',').append(region).append(',').append(cached).append(',').append(rng.nextDouble()).append('\n');
            }
        }
        Path csv = dir.resolve("runs.csv");
        Files.writeString(csv, sb.toString());
        CliTestSupport.Run r = run("suggest-next", "--run", csv.toString(), "--variant", "config", "--value", "latency", "--direction", "minimize",
                "--output-dir", dir.resolve("next").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("subgroup_specialist: B wins where region = north"), r.out());
        assertTrue(r.out().contains("causal_question: the logged column cached"), r.out());
        CliTestSupport.Run ab = run("abtest", csv.toString(), "--spec", dir.resolve("next/next-specialist-region-north.yaml").toString(), "--format", "json");
        assertEquals(0, ab.code(), ab.err());
        assertEquals(-2.0, new ObjectMapper().readTree(ab.out()).path("estimate").asDouble(), 0.6, "B - A in the north: 8 - 10");
        CliTestSupport.Run causal = run("causal", csv.toString(), "--spec", dir.resolve("next/next-causal-cached.yaml").toString(), "--format", "json");
        assertEquals(0, causal.code(), causal.err());
        assertEquals(-2.0, new ObjectMapper().readTree(causal.out()).path("estimate").asDouble(), 0.6, "the planted cache effect");
        badInput(run("suggest-next", "--run", csv.toString(), "--variant", "nope"), "nope");
        badInput(run("suggest-next"), "name the run");
    }
}
