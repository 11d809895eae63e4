package io.cerebro.core.causal.quasi.did;

import io.cerebro.core.causal.quasi.Fixtures;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.spec.CausalMethod;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.PanelDesign;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Missing values and first-treated periods beyond the panel, for every panel design. The oracle is
 * the engine on a hand-edited copy of the CSV (the unit removed, or its first-treated period set to
 * 0): these tests check the dropping and recoding rules, the estimators themselves are checked
 * against statsmodels and R in {@link PanelDesignsTest} and {@link DifferenceInDifferencesTest}.
 */
class PanelMissingAndTimingTest {
    static final PanelDesign PANEL = new PanelDesign("unit", "year", null, null, "first", null, null, null, null);
    static final PanelDesign NOT_YET = new PanelDesign("unit", "year", null, null, "first", null, "notyet", null, null);

    @TempDir
    Path dir;

    static CausalSpec spec(CausalMethod m, String outcome, PanelDesign p, boolean dropMissing) {
        return new CausalSpec(m, null, outcome, null, null, null, null, null, null, null, null, p, null, null, null,
                dropMissing, null, null);
    }

    /** Writes the twfe_panel.csv fixture after editing each data line (null drops the line). */
    Path edited(String name, String source, UnaryOperator<String> edit) {
        try {
            List<String> lines = Files.readAllLines(Fixtures.path(source));
            List<String> out = new ArrayList<>();
            out.add(lines.get(0));
            for (String l : lines.subList(1, lines.size())) {
                String e = edit.apply(l);
                if (e != null) {
                    out.add(e);
                }
            }
            Path p = dir.resolve(name);
            Files.write(p, out);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** unit,year,first,d,y: blanks y of one row of unit u05 (first treated 2004 or later). */
    static String plantMissing(String line) {
        return line.startsWith("u05,2003,") ? line.substring(0, line.lastIndexOf(',') + 1) : line;
    }

    /** Sets the first-treated field of a unit,year,first,d,y line. */
    static String first(String line, String value) {
        String[] f = line.split(",");
        f[2] = value;
        return String.join(",", f);
    }

    static AnalysisResult run(CausalSpec spec, Path csv) {
        try (Dataset data = Dataset.read(csv)) {
            return Engines.run(spec, data);
        }
    }

    static void assertSameEstimates(AnalysisResult expected, AnalysisResult actual) {
        assertEquals(expected.estimates().size(), actual.estimates().size());
        for (int i = 0; i < expected.estimates().size(); i++) {
            Estimate e = expected.estimates().get(i);
            Estimate a = actual.estimates().get(i);
            assertEquals(e.label(), a.label());
            assertClose(e.estimate(), a.estimate(), e.label());
            assertClose(e.standardError(), a.standardError(), e.label());
            assertClose(e.pValue(), a.pValue(), e.label());
        }
    }

    static void assertClose(Double expected, Double actual, String label) {
        if (expected == null || actual == null) {
            assertEquals(expected, actual, label);
        } else {
            assertEquals(expected, actual, 1e-10 * Math.max(1, Math.abs(expected)), label);
        }
    }

    @ParameterizedTest
    @EnumSource(value = CausalMethod.class, names = {"DID", "EVENT_STUDY", "STAGGERED_DID"})
    void dropMissingDropsTheWholeUnit(CausalMethod m) {
        Path planted = edited("planted.csv", "twfe_panel.csv", PanelMissingAndTimingTest::plantMissing);
        Path trimmed = edited("trimmed.csv", "twfe_panel.csv", l -> l.startsWith("u05,") ? null : l);
        UserInputException e = assertThrows(UserInputException.class, () -> run(spec(m, "y", PANEL, false), planted));
        assertTrue(e.getMessage().contains("y (1)") && e.getMessage().contains("--drop-missing"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));

        AnalysisResult expected = run(spec(m, "y", PANEL, false), trimmed);
        AnalysisResult actual = run(spec(m, "y", PANEL, true), planted);
        assertSameEstimates(expected, actual);
        assertEquals(79L, actual.sampleSizes().get("units"));
        assertEquals(632L, actual.sampleSizes().get("total"));
        assertTrue(actual.warnings().get(0).startsWith("1 units (8 rows) with missing values were dropped (--drop-missing)"),
                actual.warnings().toString());
        assertEquals(expected.warnings(), actual.warnings().subList(1, actual.warnings().size()));
    }

    @Test
    void twoByTwoDropsOnlyTheIncompleteRow() {
        // card_krueger_long.csv: "store","nj","post","fte"; blank the fte of the first row of store 49
        boolean[] done = {false};
        Path planted = edited("ck_planted.csv", "card_krueger_long.csv", l -> {
            if (!done[0] && l.startsWith("49,0,0,")) {
                done[0] = true;
                return "49,0,0,";
            }
            return l;
        });
        boolean[] skipped = {false};
        Path trimmed = edited("ck_trimmed.csv", "card_krueger_long.csv", l -> {
            if (!skipped[0] && l.startsWith("49,0,0,")) {
                skipped[0] = true;
                return null;
            }
            return l;
        });
        PanelDesign p = new PanelDesign("store", "post", "nj", "post", null, null, null, null, null);
        UserInputException e = assertThrows(UserInputException.class, () -> run(spec(CausalMethod.DID, "fte", p, false), planted));
        assertTrue(e.getMessage().contains("fte (") && e.getMessage().contains("--drop-missing"), e.getMessage());
        AnalysisResult expected = run(spec(CausalMethod.DID, "fte", p, false), trimmed);
        AnalysisResult actual = run(spec(CausalMethod.DID, "fte", p, true), planted);
        assertSameEstimates(expected, actual);
        assertEquals(expected.sampleSizes().get("total"), actual.sampleSizes().get("total"));
        assertTrue(actual.warnings().get(0).matches("\\d+ rows with missing values were dropped \\(--drop-missing\\)"),
                actual.warnings().toString());
    }

    @ParameterizedTest
    @EnumSource(value = CausalMethod.class, names = {"DID", "EVENT_STUDY", "STAGGERED_DID"})
    void unitsTreatedAfterThePanelServeAsControls(CausalMethod m) {
        // u05 is first treated in 2004 (a 2001-2008 panel); move it to 2010, or to 0 (never treated) for the oracle
        Path late = edited("late.csv", "twfe_panel.csv", l -> l.startsWith("u05,") ? first(l, "2010") : l);
        Path never = edited("never.csv", "twfe_panel.csv", l -> l.startsWith("u05,") ? first(l, "0") : l);
        AnalysisResult expected = run(spec(m, "y", PANEL, false), never);
        AnalysisResult actual = run(spec(m, "y", PANEL, false), late);
        assertSameEstimates(expected, actual);
        String w = actual.warnings().get(0);
        assertTrue(w.startsWith("1 units are first treated after the panel's last period 2008") && w.contains("2010")
                && w.contains("controls"), actual.warnings().toString());
    }

    @ParameterizedTest
    @EnumSource(value = CausalMethod.class, names = {"DID", "EVENT_STUDY", "STAGGERED_DID"})
    void everyUnitTreatedAfterThePanelIsNamed(CausalMethod m) {
        Path late = edited("all_late.csv", "twfe_panel.csv", l -> l.split(",")[2].equals("0") ? l : first(l, "2012"));
        UserInputException e = assertThrows(UserInputException.class, () -> run(spec(m, "y", PANEL, false), late));
        assertTrue(e.getMessage().contains("2012") && e.getMessage().contains("last period 2008"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void eventStudyWithoutNeverTreatedPointsToBinningOrNotYet() {
        // cohorts 2004 and 2006 only; leads 5 and lags 4 span every event time, so nothing is binned or dropped
        Path treatedOnly = edited("treated.csv", "twfe_panel.csv", l -> l.split(",")[2].equals("0") ? null : l);
        PanelDesign full = new PanelDesign("unit", "year", null, null, "first", null, null, 5, 4);
        UserInputException e = assertThrows(UserInputException.class,
                () -> run(spec(CausalMethod.EVENT_STUDY, "y", full, false), treatedOnly));
        assertTrue(e.getMessage().contains("--leads/--lags") && e.getMessage().contains("--method staggered_did --control-group notyet"),
                e.getMessage());
        assertFalse(e.getMessage().contains("event_time_") || e.getMessage().contains("\n"), e.getMessage());
        // the suggested alternative runs on the same data
        AnalysisResult r = run(spec(CausalMethod.STAGGERED_DID, "y", NOT_YET, false), treatedOnly);
        assertTrue(Double.isFinite(r.estimate()));
    }

    @Test
    void eventStudyWithOneCohortAndNoControlsIsNamed() {
        // one cohort and no never-treated units: the period effects absorb every event-time contrast
        Path treatedOnly = edited("cohort.csv", "twfe_panel.csv", l -> l.split(",")[2].equals("2004") ? l : null);
        for (PanelDesign p : List.of(PANEL, new PanelDesign("unit", "year", null, null, "first", null, null, 2, 2))) {
            UserInputException e = assertThrows(UserInputException.class,
                    () -> run(spec(CausalMethod.EVENT_STUDY, "y", p, false), treatedOnly));
            assertTrue(e.getMessage().contains("first treated in 2004") && e.getMessage().contains("never-treated"), e.getMessage());
            assertFalse(e.getMessage().contains("event_time_") || e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
