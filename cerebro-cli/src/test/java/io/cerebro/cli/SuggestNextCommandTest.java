package io.cerebro.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

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
}
