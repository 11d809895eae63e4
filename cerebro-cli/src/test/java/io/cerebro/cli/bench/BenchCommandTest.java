package io.cerebro.cli.bench;

import io.cerebro.cli.CerebroCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark's generated experiment has the documented columns and planted conversion rates. */
class BenchCommandTest {
    @Test
    void generatedCsvHasTheExperimentColumns(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("ab.csv");
        BenchCommand.Abtest.generate(f, 200_000, 1L);
        List<String> lines = Files.readAllLines(f);
        assertEquals("arm,converted,revenue,pre_revenue,country", lines.get(0));
        assertEquals(200_001, lines.size());
        long[] n = new long[2];
        long[] conv = new long[2];
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            int arm = c[0].equals("treatment") ? 1 : 0;
            n[arm]++;
            conv[arm] += Integer.parseInt(c[1]);
            assertTrue(c[1].equals("1") || Double.parseDouble(c[2]) == 0.0, "revenue only for converters");
        }
        assertEquals(0.5, n[1] / 200_000.0, 0.005);
        assertEquals(0.10, (double) conv[0] / n[0], 0.004);
        assertEquals(0.105, (double) conv[1] / n[1], 0.004);
    }

    @Test
    void badArgumentsExitWithCode2() {
        assertEquals(2, CerebroCommand.execute("bench", "abtest", "--rows", "3"));
    }
}
