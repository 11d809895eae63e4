package io.cerebro.rag.index;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Fused scores checked against values computed by hand from sum w / (k + rank). */
class ReciprocalRankFusionTest {
    private static final double TOL = 1e-12;

    @Test
    void equalWeightsK60() {
        // bm25: a b c ; vector: c a d
        LinkedHashMap<String, Double> f = ReciprocalRankFusion.fuse(
                List.of(List.of("a", "b", "c"), List.of("c", "a", "d")), new double[]{1, 1}, 60);
        // a: 1/61 + 1/62 = 0.032522474881015...
        assertEquals(1.0 / 61 + 1.0 / 62, f.get("a"), TOL);
        assertEquals(0.03252247488101534, f.get("a"), 1e-15);
        // c: 1/63 + 1/61 = 0.032266458495966...
        assertEquals(0.03226645849596670, f.get("c"), 1e-15);
        assertEquals(1.0 / 62, f.get("b"), TOL);
        assertEquals(1.0 / 63, f.get("d"), TOL);
        assertEquals(List.of("a", "c", "b", "d"), List.copyOf(f.keySet()));
    }

    @Test
    void weightsAndSmallK() {
        // k = 1, weights 2 and 1: x at ranks (1, 3) -> 2/2 + 1/4 = 1.25; y at (2, 1) -> 2/3 + 1/2 = 1.1666...
        LinkedHashMap<String, Double> f = ReciprocalRankFusion.fuse(
                List.of(List.of("x", "y"), List.of("y", "z", "x")), new double[]{2, 1}, 1);
        assertEquals(1.25, f.get("x"), TOL);
        assertEquals(7.0 / 6, f.get("y"), TOL);
        assertEquals(1.0 / 3, f.get("z"), TOL);
        assertEquals(List.of("x", "y", "z"), List.copyOf(f.keySet()));
    }

    @Test
    void tiesBrokenByBestSingleRankThenFirstRanking() {
        // p at (1, -), q at (-, 1): equal scores and best ranks, p comes from the first ranking
        LinkedHashMap<String, Double> f = ReciprocalRankFusion.fuse(
                List.of(List.of("p"), List.of("q")), new double[]{1, 1}, 60);
        assertEquals(List.of("p", "q"), List.copyOf(f.keySet()));
        // r at (2, 2) = 2/62 ties with nothing; s at (1, -) = 1/61 < 2/62
        LinkedHashMap<String, Double> g = ReciprocalRankFusion.fuse(
                List.of(List.of("s", "r"), List.of("t", "r")), new double[]{1, 1}, 60);
        assertEquals(List.of("r", "s", "t"), List.copyOf(g.keySet()));
    }

    @Test
    void zeroWeightIgnoresARanking() {
        LinkedHashMap<String, Double> f = ReciprocalRankFusion.fuse(
                List.of(List.of("a", "b"), List.of("b", "a")), new double[]{1, 0}, 60);
        assertEquals(List.of("a", "b"), List.copyOf(f.keySet()));
    }

    @Test
    void rejectsMismatchedWeightsAndNegativeK() {
        assertThrows(IllegalArgumentException.class,
                () -> ReciprocalRankFusion.fuse(List.of(List.of("a")), new double[]{1, 1}, 60));
        assertThrows(IllegalArgumentException.class,
                () -> ReciprocalRankFusion.fuse(List.of(List.of("a")), new double[]{1}, -1));
    }
}
