package io.cerebro.core.data;

import io.cerebro.core.error.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetTest {
    @TempDir
    Path dir;

    private Path csv() throws Exception {
        Path p = dir.resolve("t.csv");
        Files.writeString(p, "arm,y,country,flag\nA,1.5,US,true\nB,2.5,DE,false\nA,,US,true\nB,4,US,false\n");
        return p;
    }

    @Test
    void readsCsvWithSniffedTypes() throws Exception {
        try (Dataset d = Dataset.read(csv())) {
            assertEquals(4, d.rowCount());
            assertEquals(ColumnType.STRING, d.column("arm").orElseThrow().type());
            assertEquals(ColumnType.NUMERIC, d.column("y").orElseThrow().type());
            assertEquals(ColumnType.BOOLEAN, d.column("flag").orElseThrow().type());
            double[] y = d.doubles("y");
            assertEquals(1.5, y[0]);
            assertTrue(Double.isNaN(y[2]));
            assertArrayEquals(new double[]{1, 0, 1, 0}, d.doubles("flag"));
            assertEquals(1, d.missingCount("y"));
            assertEquals(Map.of("A", 2L, "B", 2L), d.levels("arm"));
        }
    }

    @Test
    void whereFilterKeepsMatchingRows() throws Exception {
        try (Dataset d = Dataset.read(csv(), "country = 'US'")) {
            assertEquals(3, d.rowCount());
        }
    }

    @Test
    void readsTsvParquetAndJson() throws Exception {
        Path tsv = dir.resolve("t.tsv");
        Files.writeString(tsv, "a\tb\n1\tx\n2\ty\n");
        try (Dataset d = Dataset.read(tsv)) {
            assertEquals(2, d.rowCount());
            assertArrayEquals(new double[]{1, 2}, d.doubles("a"));
        }
        Path json = dir.resolve("t.jsonl");
        Files.writeString(json, "{\"a\": 1, \"b\": \"x\"}\n{\"a\": 3, \"b\": \"y\"}\n");
        try (Dataset d = Dataset.read(json)) {
            assertArrayEquals(new double[]{1, 3}, d.doubles("a"));
        }
        Path parquet = dir.resolve("t.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (SELECT range AS a, 'v' || range AS b FROM range(5)) TO '" + parquet + "' (FORMAT PARQUET)");
        }
        try (Dataset d = Dataset.read(parquet)) {
            assertEquals(5, d.rowCount());
            assertEquals("v4", d.strings("b")[4]);
        }
    }

    @Test
    void typeGuessedFromFirstRowsIsRetriedOnWholeFile() throws Exception {
        StringBuilder sb = new StringBuilder("id,v\n");
        for (int i = 0; i < 30000; i++) {
            sb.append(i).append(",").append(i).append('\n');
        }
        sb.append("30000,abc\n");
        Path p = dir.resolve("late.csv");
        Files.writeString(p, sb.toString());
        try (Dataset d = Dataset.read(p)) {
            assertEquals(30001, d.rowCount());
            assertEquals(ColumnType.STRING, d.column("v").orElseThrow().type());
        }
    }

    @Test
    void projectionLoadsOnlyWantedColumnsButKnowsTheFile() throws Exception {
        try (Dataset d = Dataset.read(csv(), "country = 'US'", java.util.List.of("arm", "y", "nosuch"))) {
            assertEquals(java.util.List.of("arm", "y"), d.columnNames());
            assertEquals(java.util.List.of("arm", "y", "country", "flag"), d.sourceColumnNames());
            assertEquals(3, d.rowCount());
            UserInputException e = assertThrows(UserInputException.class, () -> d.require("nosuch", "outcome"));
            assertTrue(e.getMessage().contains("arm, y, country, flag"), e.getMessage());
        }
    }

    @Test
    void missingFileNamesThePath() {
        UserInputException e = assertThrows(UserInputException.class, () -> Dataset.read(dir.resolve("nope.csv")));
        assertTrue(e.getMessage().contains("not found") && e.getMessage().contains("nope.csv"), e.getMessage());
    }

    @Test
    void badFilterIsAUserError() throws Exception {
        Path p = csv();
        UserInputException e = assertThrows(UserInputException.class, () -> Dataset.read(p, "nosuch = 1"));
        assertTrue(e.getMessage().contains("--where"), e.getMessage());
    }

    @Test
    void missingColumnListsTheColumns() throws Exception {
        try (Dataset d = Dataset.read(csv())) {
            UserInputException e = assertThrows(UserInputException.class, () -> d.require("revenue", "outcome"));
            assertTrue(e.getMessage().contains("arm, y, country, flag"), e.getMessage());
        }
    }

    @Test
    void fileHashIsTheSha256OfItsBytes() throws Exception {
        // oracle: coreutils `sha256sum examples/checkout_ab.csv`
        Path p = Path.of(getClass().getResource("/oracles/ab/checkout_ab.csv").toURI());
        try (Dataset d = Dataset.read(p)) {
            assertEquals("15d9905dfad8045749b2fea332869da610ec86b78927a6235dbf96b8d50a2f2a", d.sha256());
        }
    }

    @Test
    void builderMakesTypedInMemoryData() {
        try (Dataset d = Dataset.builder().numeric("x", new double[]{1, Double.NaN, 3}).text("g", new String[]{"a", null, "b"})
                .integers("k", new long[]{1, 2, 3}).build()) {
            assertEquals(3, d.rowCount());
            assertEquals(1, d.missingCount("x"));
            assertEquals(ColumnType.NUMERIC, d.column("k").orElseThrow().type());
            assertEquals(64, d.sha256().length());
        }
    }

    @Test
    void summaryReadsTheFileWithoutLoadingIt() throws Exception {
        try (Dataset d = Dataset.read(csv())) {
            assertFalse(d.isLoaded(), "opening reads only the header and a sample");
            String t = d.summarise("CAST(arm AS VARCHAR) AS g, sum(y) AS s, count(y) AS k", "ALL");
            assertEquals(4, d.rowCount(), "the row count comes from the summary");
            Map<String, double[]> m = d.query("SELECT g, n_rows, s, k FROM " + t + " ORDER BY g", rs -> {
                Map<String, double[]> out = new java.util.TreeMap<>();
                while (rs.next()) {
                    out.put(rs.getString(1), new double[]{rs.getLong(2), rs.getDouble(3), rs.getLong(4)});
                }
                return out;
            });
            // by hand from the file: A = {1.5, empty}, B = {2.5, 4}
            assertArrayEquals(new double[]{2, 1.5, 1}, m.get("A"));
            assertArrayEquals(new double[]{2, 6.5, 2}, m.get("B"));
            assertFalse(d.isLoaded(), "queries over the summary do not load the rows");
            assertEquals(Map.of("A", 2L, "B", 2L), d.levels("arm"));
            assertTrue(d.isLoaded(), "a query over the data loads them");
            String again = d.summarise("CAST(arm AS VARCHAR) AS g", "ALL");
            assertEquals(4L, single(d, "SELECT sum(n_rows) FROM " + again), "a summary after the load reads the table");
        }
    }

    @Test
    void summaryAppliesTheFilter() throws Exception {
        try (Dataset d = Dataset.read(csv(), "country = 'US'", java.util.List.of("arm", "y"))) {
            String t = d.summarise("CAST(arm AS VARCHAR) AS g", "ALL");
            assertEquals(3, d.rowCount());
            assertEquals(2L, single(d, "SELECT n_rows FROM " + t + " WHERE g = 'A'"));
            assertFalse(d.isLoaded());
        }
    }

    @Test
    void typeGuessedFromFirstRowsIsRetriedWhenASummaryReadsTheFile() throws Exception {
        StringBuilder sb = new StringBuilder("id,v\n");
        for (int i = 0; i < 30000; i++) {
            sb.append(i).append(",").append(i).append('\n');
        }
        sb.append("30000,abc\n");
        Path p = dir.resolve("late2.csv");
        Files.writeString(p, sb.toString());
        try (Dataset d = Dataset.read(p)) {
            assertEquals(ColumnType.NUMERIC, d.column("v").orElseThrow().type(), "sniffed from the first rows");
            String t = d.summarise("TRY_CAST(v AS DOUBLE) IS NULL AS bad", "ALL");
            assertEquals(30001, d.rowCount());
            assertEquals(ColumnType.STRING, d.column("v").orElseThrow().type(), "re-sniffed from every row");
            assertEquals(1L, single(d, "SELECT n_rows FROM " + t + " WHERE bad"));
        }
    }

    private static long single(Dataset d, String sql) {
        return d.query(sql, rs -> {
            rs.next();
            return rs.getLong(1);
        });
    }

    @Test
    void pathWithQuotesIsRead() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("o'brien"));
        Path p = Files.copy(csv(), sub.resolve("it's.csv"));
        try (Dataset d = Dataset.read(p)) {
            assertEquals(4, d.rowCount());
            assertEquals(ColumnType.NUMERIC, d.column("y").orElseThrow().type());
        }
    }

    @Test
    void loadReadsTheRowsOnce() throws Exception {
        try (Dataset d = Dataset.read(csv())) {
            assertFalse(d.isLoaded());
            assertTrue(d.load().isLoaded());
            assertEquals(4, d.rowCount());
        }
    }
}
