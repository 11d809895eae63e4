package io.cerebro.core.data;

import io.cerebro.core.error.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Values are read exactly as written: a column typed from a sample is never rounded, delimiters
 * and decimal commas of spreadsheets in most of Europe are read, quoting, BOM, CRLF and missing
 * markers behave as RFC 4180, R and pandas do. Oracles are computed here from the text written
 * (BigDecimal sums) or are the values written.
 */
class DataReadExactTest {
    @TempDir
    Path dir;

    /** 40,000 integer rows (i mod 7) then 1,000 rows "(i mod 7).55": DuckDB's sample sees only integers. */
    private Path integersThenDecimals(String name) throws Exception {
        StringBuilder sb = new StringBuilder("arm,y\n");
        for (int i = 0; i < 40_000; i++) {
            sb.append(i % 2 == 0 ? "B" : "A").append(',').append(i % 7).append('\n');
        }
        for (int i = 0; i < 1_000; i++) {
            sb.append(i % 2 == 0 ? "B" : "A").append(',').append(i % 7).append(".55\n");
        }
        return Files.writeString(dir.resolve(name), sb.toString());
    }

    /** The exact mean of column y of the rows of an arm, from the text of the file, in BigDecimal. */
    private static double exactMean(Path csv, String arm) throws Exception {
        BigDecimal sum = BigDecimal.ZERO;
        long n = 0;
        for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
            String[] f = line.split(",");
            if (arm == null || f[0].equals(arm)) {
                sum = sum.add(new BigDecimal(f[1]));
                n++;
            }
        }
        return sum.divide(BigDecimal.valueOf(n), MathContext.DECIMAL128).doubleValue();
    }

    @Test
    void decimalsAfterTheSampledIntegersAreNotRounded() throws Exception {
        Path p = integersThenDecimals("mix.csv");
        double exact = exactMean(p, null);
        try (Dataset d = Dataset.read(p)) {
            assertEquals(exact, d.meanAndSd("y")[0], 1e-12, "mean over every row, from the loaded table");
            assertEquals("DOUBLE", d.column("y").orElseThrow().sqlType(), "typed from the whole file");
            assertEquals(0.55, d.doubles("y")[40_000], 0.0);
        }
        try (Dataset d = Dataset.read(p, null, List.of("arm", "y"))) {
            String t = d.summarise("CAST(arm AS VARCHAR) AS g, sum(y) AS s", "ALL");
            double sumA = d.query("SELECT s / n_rows FROM " + t + " WHERE g = 'A'", rs -> {
                rs.next();
                return rs.getDouble(1);
            });
            assertEquals(exactMean(p, "A"), sumA, 1e-12, "mean of arm A from a summary read straight from the file");
        }
    }

    @Test
    void integerColumnsStayIntegers() throws Exception {
        StringBuilder sb = new StringBuilder("id,k\n");
        for (int i = 0; i < 30_000; i++) {
            sb.append(i).append(',').append(i % 3).append('\n');
        }
        // beyond 2^53 a double would change it: the whole-file typing keeps it exact
        sb.append("9007199254740993,1\n");
        Path p = Files.writeString(dir.resolve("ints.csv"), sb.toString());
        try (Dataset d = Dataset.read(p)) {
            assertEquals("BIGINT", d.column("k").orElseThrow().sqlType());
            assertEquals("9007199254740993", d.strings("id")[30_000]);
            assertEquals(List.of("0", "1", "2"), List.copyOf(d.levels("k").keySet()), "integers print as written");
        }
    }

    @Test
    void textLateInANumericColumnIsNamedWithItsRow() throws Exception {
        StringBuilder sb = new StringBuilder("arm,y\n");
        for (int i = 0; i < 40_000; i++) {
            sb.append(i % 2 == 0 ? "B" : "A").append(',').append(i % 7).append('\n');
        }
        sb.append("A,12 kg\nB,3\n");
        Path p = Files.writeString(dir.resolve("late.csv"), sb.toString());
        try (Dataset d = Dataset.read(p)) {
            assertEquals(40_002, d.rowCount());
            assertEquals(ColumnType.STRING, d.column("y").orElseThrow().type(), "nothing is dropped or rounded silently");
            assertEquals(new Dataset.BadValue("y", 40_001, "12 kg"), d.firstNonNumber("y").orElseThrow());
            UserInputException e = assertThrows(UserInputException.class, () -> d.doubles("y"));
            assertTrue(e.getMessage().contains("'y'") && e.getMessage().contains("row 40001") && e.getMessage().contains("'12 kg'"),
                    e.getMessage());
            assertTrue(d.firstNonNumber("arm").isPresent());
        }
        try (Dataset d = Dataset.read(p, "arm = 'B'")) {
            assertTrue(d.firstNonNumber("y").isEmpty(), "the filter keeps no text");
        }
    }

    @Test
    void semicolonsAndDecimalCommasAreDetected() throws Exception {
        Path p = Files.writeString(dir.resolve("eu.csv"), "gruppe;betrag;rate;notiz\n"
                + "A;1.234,56;3,5;x\nB;12,5;4;y\nA;-7;0,25;z\nB;1.000.000;1;w\n");
        try (Dataset d = Dataset.read(p)) {
            assertArrayEquals(new double[]{1234.56, 12.5, -7, 1_000_000}, d.doubles("betrag"), 0.0);
            assertArrayEquals(new double[]{3.5, 4, 0.25, 1}, d.doubles("rate"), 0.0);
            assertEquals(ColumnType.STRING, d.column("notiz").orElseThrow().type());
        }
    }

    @Test
    void delimiterAndDecimalCanBeGiven() throws Exception {
        // two columns of 3,5-style numbers; given explicitly, "1.234" is 1234 (a thousands dot)
        Path p = Files.writeString(dir.resolve("given.txt"), "a;b\n1.234;3,5\n2;4,5\n");
        CsvDialect eu = CsvDialect.DETECT.withDelimiter(';').withDecimalSeparator(',');
        try (Dataset d = Dataset.readWith(p, ReadOptions.all().withDialect(eu))) {
            assertArrayEquals(new double[]{1234, 2}, d.doubles("a"), 0.0);
            assertArrayEquals(new double[]{3.5, 4.5}, d.doubles("b"), 0.0);
        }
        UserInputException e = assertThrows(UserInputException.class, () -> CsvDialect.DETECT.withDelimiter(',').withDecimalSeparator(','));
        assertTrue(e.getMessage().contains("--delimiter ';'"), e.getMessage());
    }

    @Test
    void decimalCommaLateInTheFileIsNotRounded() throws Exception {
        StringBuilder sb = new StringBuilder("arm;y\n");
        for (int i = 0; i < 30_000; i++) {
            sb.append("A;").append(i % 5).append('\n');
        }
        sb.append("A;2,5\nA;1.234,5\n");
        Path p = Files.writeString(dir.resolve("eulate.csv"), sb.toString());
        try (Dataset d = Dataset.readWith(p, ReadOptions.all().withDialect(CsvDialect.DETECT.withDecimalSeparator(',')))) {
            double[] y = d.doubles("y");
            assertEquals(2.5, y[30_000], 0.0);
            assertEquals(1234.5, y[30_001], 0.0);
        }
    }

    @Test
    void quotedFieldsWithDelimitersAndLineBreaksLateInTheFile() throws Exception {
        StringBuilder sb = new StringBuilder("id,note,y\n");
        for (int i = 0; i < 30_000; i++) {
            sb.append(i).append(",plain,").append(i % 3).append('\n');
        }
        sb.append("30000,\"a, b\nand \"\"c\"\"\",2\n30001,last,1\n");
        Path p = Files.writeString(dir.resolve("quoted.csv"), sb.toString());
        try (Dataset d = Dataset.read(p)) {
            assertEquals(30_002, d.rowCount());
            assertEquals("a, b\nand \"c\"", d.strings("note")[30_000]);
            assertEquals(2.0, d.doubles("y")[30_000], 0.0);
        }
    }

    @Test
    void bomAndCrlfAreRead() throws Exception {
        Path p = dir.resolve("bom.csv");
        Files.write(p, ("\uFEFFarm,y\r\nA,1.5\r\nB,2\r\n").getBytes(StandardCharsets.UTF_8));
        try (Dataset d = Dataset.read(p)) {
            assertEquals(List.of("arm", "y"), d.columnNames());
            assertArrayEquals(new double[]{1.5, 2}, d.doubles("y"), 0.0);
            assertEquals("B", d.strings("arm")[1], "no carriage return left in the value");
        }
    }

    @Test
    void naNanAndEmptyAreMissing() throws Exception {
        Path p = Files.writeString(dir.resolve("na.csv"), "arm,y\nA,1\nB,NA\nA,NaN\nB,\nNA,4\n");
        try (Dataset d = Dataset.read(p)) {
            assertEquals(ColumnType.NUMERIC, d.column("y").orElseThrow().type());
            assertEquals(3, d.missingCount("y"));
            assertEquals(1, d.missingCount("arm"));
        }
        CsvDialect keepNa = CsvDialect.DETECT.withMissing(List.of(""));
        try (Dataset d = Dataset.readWith(p, ReadOptions.all().withDialect(keepNa))) {
            assertEquals("NA", d.strings("arm")[4], "other markers: NA is text");
        }
    }
}
