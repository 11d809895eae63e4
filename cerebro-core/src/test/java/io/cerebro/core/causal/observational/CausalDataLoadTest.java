package io.cerebro.core.causal.observational;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.stats.LinearModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one-scan reader of all-numeric observational data gives exactly the values the column-by-column
 * reader gives (the text-column path, kept for one-hot encoding, is the reference), on the LaLonde
 * fixture and on data with missing values.
 */
class CausalDataLoadTest {
    private static final List<String> CONFOUNDERS = List.of("age", "educ", "black", "hispan", "married", "nodegree", "re74", "re75");

    @Test
    void numericScanMatchesColumnReads() throws Exception {
        try (Dataset d = Dataset.read(LalondeOracleTest.copy("lalonde_nsw_psid_observational.csv"))) {
            CausalData fast = CausalData.load(d, "treat", "re78", CONFOUNDERS, List.of("re75"), false);
            double[][] x = fast.design();
            assertEquals(d.rowCount(), fast.n());
            assertArrayEquals(d.doubles("treat"), fast.treatment());
            assertArrayEquals(d.doubles("re78"), fast.outcome());
            assertArrayEquals(d.doubles("re75"), fast.extra("re75"));
            for (int a = 0; a < CONFOUNDERS.size(); a++) {
                double[] col = d.doubles(CONFOUNDERS.get(a));
                for (int i = 0; i < fast.n(); i++) {
                    assertEquals(1.0, x[i][0]);
                    assertEquals(col[i], x[i][a + 1]);
                }
            }
            // a text confounder sends the load down the general path: its numeric columns must agree
            CausalData general = CausalData.load(d, "treat", "re78", concat(CONFOUNDERS, "race"), List.of(), false);
            for (int i = 0; i < fast.n(); i++) {
                for (int a = 0; a <= CONFOUNDERS.size(); a++) {
                    assertEquals(x[i][a], general.design()[i][a]);
                }
            }
            assertArrayEquals(fast.names(), java.util.Arrays.copyOf(general.names(), CONFOUNDERS.size() + 1));
        }
    }

    /**
     * A file streamed without a table whose column looks integer in the sniffed rows but holds a
     * decimal far down: the stream stops, the file is typed from all its rows and read again, and
     * nothing is rounded.
     */
    @Test
    void streamedFileThatNeedsRetypingKeepsEveryValue(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("late_decimal.csv");
        StringBuilder b = new StringBuilder("t,y,x\n");
        int n = 60_000;
        for (int i = 0; i < n; i++) {
            b.append(i % 2).append(',').append(i % 7).append(',').append(i == n - 3 ? "10.55" : Integer.toString(i % 11)).append('\n');
        }
        Files.writeString(f, b);
        CausalData c;
        try (Dataset d = Dataset.read(f)) {
            c = CausalData.load(d, "t", "y", List.of("x"), List.of(), false);
            assertEquals(n, d.rowCount());
        }
        assertEquals(n, c.n());
        assertEquals(10.55, c.design()[n - 3][1]);
        assertEquals(5.0, c.design()[n - 1][1]);
        assertEquals(2.0, c.outcome()[n - 1]);
        assertEquals(1.0, c.treatment()[n - 1]);
    }

    @Test
    void missingValuesAreReportedOrDroppedAsBefore() {
        Dataset d = Dataset.builder()
                .numeric("t", new double[]{1, 0, 1, 0, 1, 0})
                .numeric("y", new double[]{3, 1, Double.NaN, 2, 5, 0})
                .numeric("x", new double[]{0.5, 1.5, 2.5, Double.NaN, 4.5, 0.25})
                .build();
        try (d) {
            UserInputException e = assertThrows(UserInputException.class, () -> CausalData.load(d, "t", "y", List.of("x"), List.of(), false));
            assertEquals("missing values in y (1), x (1); pass --drop-missing to analyse complete rows only, or fill them in", e.getMessage());
            CausalData kept = CausalData.load(d, "t", "y", List.of("x"), List.of(), true);
            assertEquals(2, kept.dropped());
            assertArrayEquals(new double[]{1, 0, 1, 0}, kept.treatment());
            assertArrayEquals(new double[]{3, 1, 5, 0}, kept.outcome());
            assertEquals(4.5, kept.design()[2][1]);
            assertTrue(kept.encoded().isEmpty());
        }
    }

    @Test
    void constantAndNonBinaryColumnsAreStillRejected() {
        Dataset d = Dataset.builder()
                .numeric("t", new double[]{1, 0, 2, 0})
                .numeric("b", new double[]{1, 0, 1, 0})
                .numeric("y", new double[]{3, 1, 2, 2})
                .numeric("c", new double[]{7, 7, 7, 7})
                .build();
        try (d) {
            assertTrue(assertThrows(UserInputException.class, () -> CausalData.load(d, "t", "y", List.of("c"), List.of(), false))
                    .getMessage().startsWith("treatment column 't' must be binary (0/1 or true/false); values seen: 0, 1, 2"));
            assertEquals("confounder c is constant in the analysed rows; drop it from --confounders",
                    assertThrows(UserInputException.class, () -> CausalData.load(d, "b", "y", List.of("c"), List.of(), false)).getMessage());
        }
    }

    @Test
    void insertedColumnFitIsTheWidenedFit() throws Exception {
        try (Dataset d = Dataset.read(LalondeOracleTest.copy("lalonde_nsw_psid_observational.csv"))) {
            CausalData c = CausalData.load(d, "treat", "re78", CONFOUNDERS, List.of(), false);
            double[][] x = c.design();
            int k = x[0].length;
            double[][] wide = new double[c.n()][k + 1];
            String[] names = new String[k + 1];
            String[] base = c.names();
            names[0] = base[0];
            names[1] = "(treatment)";
            System.arraycopy(base, 1, names, 2, k - 1);
            for (int i = 0; i < c.n(); i++) {
                wide[i][0] = x[i][0];
                wide[i][1] = c.treatment()[i];
                System.arraycopy(x[i], 1, wide[i], 2, k - 1);
            }
            LinearModel full = LinearModel.fit(names, wide, c.outcome());
            LinearModel view = LinearModel.fitWithColumn(names, x, 1, c.treatment(), c.outcome());
            assertArrayEquals(full.coefficients(), view.coefficients());
            assertArrayEquals(full.residuals(), view.residuals());
            for (int a = 0; a <= k; a++) {
                assertArrayEquals(full.covClassical()[a], view.covClassical()[a]);
                assertArrayEquals(full.covHC1()[a], view.covHC1()[a]);
            }
        }
    }

    private static List<String> concat(List<String> a, String b) {
        List<String> out = new java.util.ArrayList<>(a);
        out.add(b);
        return out;
    }
}
