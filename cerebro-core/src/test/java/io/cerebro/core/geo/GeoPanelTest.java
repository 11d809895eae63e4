package io.cerebro.core.geo;

import io.cerebro.core.error.UserInputException;
import io.cerebro.core.spec.GeoTestSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The panel and spec checks: one line naming the problem and the fix. */
class GeoPanelTest {
    private static String message(Runnable r) {
        String m = assertThrows(UserInputException.class, r::run).getMessage();
        assertFalse(m.contains("\n"), "one line: " + m);
        return m;
    }

    @Test
    void periodsAreOrderedAsDatesOrIntegers() {
        GeoPanel p = GeoPanel.of(new String[]{"b", "a", "a", "b"}, new String[]{"2021-01-10", "2021-01-10", "2021-01-09", "2021-01-09"},
                new double[]{4, 2, 1, 3}, null, "loc", "date", "y");
        assertArrayEquals(new String[]{"a", "b"}, p.locations());
        assertArrayEquals(new String[]{"2021-01-09", "2021-01-10"}, p.periods());
        assertArrayEquals(new double[]{1, 2}, p.y()[0]);
        assertEquals(1, p.period("2021-01-10"));
        GeoPanel q = GeoPanel.of(new String[]{"a", "a", "a"}, new String[]{"10", "9", "100"}, new double[]{1, 2, 3}, null, "loc", "t", "y");
        assertArrayEquals(new String[]{"9", "10", "100"}, q.periods(), "integers in numeric order, not text order");
    }

    @Test
    void duplicatesMissingPeriodsAndBadOutcomesAreRefused() {
        String dup = message(() -> GeoPanel.of(new String[]{"a", "a"}, new String[]{"1", "1"}, new double[]{1, 2}, null, "loc", "t", "y"));
        assertTrue(dup.contains("1 duplicate loc/t row") && dup.contains("a / 1"), dup);
        String[] loc = {"a", "a", "a", "b", "b"};
        String[] t = {"1", "2", "3", "1", "3"};
        double[] y = {1, 2, 3, 4, 6};
        String miss = message(() -> GeoPanel.of(loc, t, y, null, "loc", "t", "y"));
        assertTrue(miss.contains("'b' misses 1 of 3 (first 2)") && miss.contains("--fill zero") && miss.contains("--fill drop"), miss);
        GeoPanel zero = GeoPanel.of(loc, t, y, GeoTestSpec.Fill.ZERO, "loc", "t", "y");
        assertArrayEquals(new double[]{4, 0, 6}, zero.y()[1]);
        GeoPanel drop = GeoPanel.of(loc, t, y, GeoTestSpec.Fill.DROP, "loc", "t", "y");
        assertArrayEquals(new String[]{"a"}, drop.locations());
        assertEquals(List.of("b"), drop.dropped());
        String neg = message(() -> GeoPanel.of(new String[]{"a"}, new String[]{"1"}, new double[]{-1}, null, "loc", "t", "y"));
        assertTrue(neg.contains("non-negative"), neg);
        String na = message(() -> GeoPanel.of(new String[]{"a"}, new String[]{"1"}, new double[]{Double.NaN}, null, "loc", "t", "y"));
        assertTrue(na.contains("missing in row 1"), na);
        String mixed = message(() -> GeoPanel.of(new String[]{"a", "a"}, new String[]{"1", "2021-01-01"}, new double[]{1, 2}, null,
                "loc", "t", "y"));
        assertTrue(mixed.contains("neither a date"), mixed);
    }

    @Test
    void specRefusesImpossibleValues() {
        GeoTestSpec.Builder b = GeoTestSpec.builder("location", "date", "Y").start("2021-04-01");
        assertTrue(message(b::build).contains("'treated' is empty"));
        assertTrue(message(() -> b.treated(List.of("a", "a")).build()).contains("listed twice"));
        assertTrue(message(() -> b.treated(null).cells(List.of(List.of("a"), List.of("a", "b"))).build()).contains("more than one cell"));
        assertTrue(message(() -> b.cells(null).treated(List.of("a")).permutations(5).build()).contains("permutations"));
        GeoTestSpec s = GeoTestSpec.builder("location", "date", "Y").start("2021-04-01").cells(List.of(List.of("a", "b"), List.of("c")))
                .build();
        assertEquals(List.of(List.of("a", "b"), List.of("c")), s.testCells());
        assertEquals(GeoTestSpec.Model.SCM, s.model());
        assertEquals(1000, s.permutations());
    }

    @Test
    void multiCellFileGivesOneResultPerCell() {
        GeoPanel panel = GeoFixtures.panel("GeoLift_Test_MultiCell.csv");
        GeoTestSpec spec = GeoTestSpec.builder("location", "date", "Y").start("2021-04-01").permutations(99)
                .cells(List.of(List.of("chicago", "cincinnati"), List.of("honolulu", "indianapolis"))).build();
        List<String> donors = CellAnalysis.donorsOf(panel, spec.testCells());
        assertEquals(panel.locations().length - 4, donors.size(), "each cell's donors exclude every cell's locations");
        int start = panel.period("2021-04-01");
        for (List<String> cell : spec.testCells()) {
            CellAnalysis.Cell c = CellAnalysis.analyse(panel, cell, donors, start, spec);
            assertEquals(String.join("+", cell), c.label());
            assertTrue(Double.isFinite(c.att()) && c.scaledL2() > 0 && c.scaledL2() < 1, c.label() + " fits better than equal weights");
        }
    }
}
