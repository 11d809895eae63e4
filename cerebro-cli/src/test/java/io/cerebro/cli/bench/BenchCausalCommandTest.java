package io.cerebro.cli.bench;

import io.cerebro.cli.CerebroCommand;
import io.cerebro.core.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The causal benchmark's CSV holds the documented columns, values written exactly, and a planted effect. */
class BenchCausalCommandTest {
    @Test
    void sixDecimalsAreWrittenExactly() {
        StringBuilder b = new StringBuilder();
        BenchCausalCommand.fixed6(b, -0.0000004);
        b.append(' ');
        BenchCausalCommand.fixed6(b, 12.5);
        b.append(' ');
        BenchCausalCommand.fixed6(b, -3.000123);
        b.append(' ');
        BenchCausalCommand.fixed6(b, 0.1234567);
        assertEquals("0.000000 12.500000 -3.000123 0.123457", b.toString());
    }

    @Test
    void generatedCsvHasTheColumnsAndThePlantedEffect(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("c.csv");
        BenchCausalCommand.generateCsv(f, 20_000, 3, 5L);
        List<String> lines = Files.readAllLines(f);
        assertEquals("t,y,x1,x2,x3", lines.get(0));
        assertEquals(20_001, lines.size());
        try (Dataset d = Dataset.read(f)) {
            double[] t = d.doubles("t");
            double[] y = d.doubles("y");
            double[] x1 = d.doubles("x1");
            assertEquals(Double.parseDouble(lines.get(1).split(",")[2]), x1[0]);
            double s1 = 0;
            double s0 = 0;
            int n1 = 0;
            for (int i = 0; i < t.length; i++) {
                assertTrue(t[i] == 0 || t[i] == 1);
                if (t[i] == 1) {
                    s1 += y[i];
                    n1++;
                } else {
                    s0 += y[i];
                }
            }
            // confounded, but the naive difference is near the planted 2 for these weak confounders
            double naive = s1 / n1 - s0 / (t.length - n1);
            assertEquals(2.0, naive, 0.2);
            assertTrue(n1 > 3_000 && n1 < 10_000, "about 27% treated, got " + n1);
        }
    }

    @Test
    void badSizesExitWithCode2() {
        assertEquals(2, CerebroCommand.execute("bench", "causal", "--sizes", "50"));
        assertEquals(2, CerebroCommand.execute("bench", "causal", "--process-reps", "0"));
    }
}
