package io.cerebro.core.tune.suggest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The results-table detectors on planted data: each fires where its pattern was planted, with the
 * planted variant, rows or column in its reason, and none fires on a table with a clear winner,
 * equal spreads, no outliers, no subgroup winner and an unrelated two-valued column.
 */
class ResultsAdvisorTest {
    /** Planted patterns. */
    record Plant(double meanA, double meanB, double sdC, double northB, double flagEffect, int n, boolean outliers) {
    }

    static final Plant QUIET = new Plant(12, 10, 1, 10, 0, 40, false);

    static double gauss(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** Rows: variant (A, B, C), value, region (north, south, east), flag (0/1, logged), load (numeric noise). */
    static Path table(Path dir, String name, Plant p, long seed) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder("variant,value,region,flag,load\n");
        String[] regions = {"north", "south", "east"};
        for (String v : new String[]{"A", "B", "C"}) {
            for (int i = 0; i < p.n; i++) {
                String region = regions[i % 3];
                int flag = r.nextBoolean() ? 1 : 0;
                double load = gauss(r);
                double mean = switch (v) {
                    case "A" -> p.meanA;
                    case "B" -> region.equals("north") ? p.northB : p.meanB;
                    default -> 10;
                };
                double sd = v.equals("C") ? p.sdC : 1;
                double y = mean + sd * gauss(r) + p.flagEffect * flag;
                if (p.outliers && v.equals("B") && i < 2) {
                    y = 40;
                }
                sb.append(v).append(',').append(y).append(',').append(region).append(',').append(flag).append(',').append(load).append('\n');
            }
        }
        Path f = dir.resolve(name + ".csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    static List<Suggestion> advise(Path f) {
        return ResultsAdvisor.advise(f, "variant", "value", true, 0.05);
    }

    static Suggestion only(List<Suggestion> s, String detector) {
        List<Suggestion> d = s.stream().filter(x -> x.detector().equals(detector)).toList();
        assertEquals(1, d.size(), detector + " in " + s);
        return d.get(0);
    }

    @Test
    void quietDataFiresNothingOverSeeds(@TempDir Path dir) throws Exception {
        for (long seed = 1; seed <= 5; seed++) {
            List<Suggestion> s = advise(table(dir, "quiet" + seed, QUIET, seed));
            assertEquals(List.of(), s.stream().map(Suggestion::detector).toList(), "seed " + seed + ": " + s);
        }
    }

    @Test
    void highVarianceNamesTheVariantAndTheRunsItNeeds(@TempDir Path dir) throws Exception {
        Suggestion s = only(advise(table(dir, "hv", new Plant(12, 10, 4, 10, 0, 40, false), 7)), "high_variance");
        assertTrue(s.reason().startsWith("variant C has sd"), s.reason());
        // sd ratio about 4: about 16 x 40 runs for the same standard error
        long need = Long.parseLong(s.reason().replaceAll(".*run it (\\d+) times.*", "$1"));
        assertTrue(need > 300 && need < 1300, s.reason());
        assertEquals("mann_whitney", s.spec().get("test"));
    }

    @Test
    void outliersAreListedByRow(@TempDir Path dir) throws Exception {
        Suggestion s = only(advise(table(dir, "out", new Plant(12, 10, 1, 10, 0, 40, true), 8)), "outliers");
        // B's first two runs are rows 41 and 42 of the table
        assertTrue(s.reason().startsWith("2 run(s)") && s.reason().contains("row 41 (B, 40") && s.reason().contains("row 42 (B, 40"), s.reason());
    }

    @Test
    void aSubgroupSpecialistIsTestedWithBonferroni(@TempDir Path dir) throws Exception {
        List<Suggestion> all = advise(table(dir, "spec", new Plant(12, 10, 1, 14, 0, 60, false), 9));
        Suggestion s = only(all, "subgroup_specialist");
        assertTrue(s.reason().startsWith("B wins where region = north"), s.reason());
        assertEquals("\"region\" = 'north'", s.spec().get("where"));
        assertEquals("A", s.spec().get("control"));
        // subgroups tested: region's 3 levels and flag's 2
        assertEquals(0.05 / 5, (Double) s.spec().get("alpha"), 1e-12);
    }

    @Test
    void aCloseRunnerUpIsUnderpowered(@TempDir Path dir) throws Exception {
        Suggestion s = only(advise(table(dir, "close", new Plant(10.3, 10, 1, 10, 0, 20, false), 10)), "underpowered");
        assertTrue(s.reason().startsWith("the winner "), s.reason());
        long need = Long.parseLong(s.reason().replaceAll(".*needs (\\d+) runs per variant.*", "$1"));
        assertTrue(need > 20, s.reason());
    }

    @Test
    void aLoggedFlagThatGoesWithTheValueIsACausalQuestion(@TempDir Path dir) throws Exception {
        Suggestion s = only(advise(table(dir, "flag", new Plant(12, 10, 1, 10, 1.5, 60, false), 11)), "causal_question");
        Map<String, Object> spec = s.spec();
        assertEquals("causal", spec.get("family"));
        assertEquals("flag", spec.get("treatment"));
        assertEquals("value", spec.get("outcome"));
        assertEquals(List.of("load"), spec.get("confounders"));
        assertEquals("cerebro causal DATA --spec FILE", s.run());
    }
}
