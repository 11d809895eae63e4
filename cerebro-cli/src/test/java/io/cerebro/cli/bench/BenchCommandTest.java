package io.cerebro.cli.bench;

import io.cerebro.cli.CerebroCommand;
import com.fasterxml.jackson.databind.JsonNode;
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
        assertEquals(2, CerebroCommand.execute("bench", "abtest", "--sizes", "1M,lots"));
    }

    @Test
    void sizesTakeSuffixes() {
        assertEquals(1_000_000, BenchCommand.Abtest.parseCount("1M"));
        assertEquals(300_000, BenchCommand.Abtest.parseCount("300k"));
        assertEquals(2_500_000, BenchCommand.Abtest.parseCount("2.5m"));
        assertEquals(40_000, BenchCommand.Abtest.parseCount("40000"));
    }

    /** The Parquet copy the benchmark times gives the A/B test the same numbers as its CSV. */
    @Test
    void parquetCopyGivesTheSameResultAsTheCsv(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("ab.csv");
        Path pq = dir.resolve("ab.parquet");
        BenchCommand.Abtest.generate(csv, 20_000, 7L);
        BenchCommand.Abtest.toParquet(csv, pq);
        for (String outcome : List.of("converted", "revenue")) {
            JsonNode a = abtest(csv, outcome);
            JsonNode b = abtest(pq, outcome);
            JsonNode ea = a.get("estimates");
            JsonNode eb = b.get("estimates");
            assertEquals(ea.size(), eb.size());
            for (int i = 0; i < ea.size(); i++) {
                for (String field : List.of("estimate", "pValue", "standardError")) {
                    if (ea.get(i).has(field)) {
                        double x = ea.get(i).get(field).asDouble();
                        double y = eb.get(i).get(field).asDouble();
                        assertEquals(x, y, 1e-12 * Math.max(1, Math.abs(x)), outcome + " " + ea.get(i).get("label") + " " + field);
                    }
                }
            }
            assertEquals(a.get("sampleSizes"), b.get("sampleSizes"));
        }
    }

    private static JsonNode abtest(Path file, String outcome) throws Exception {
        io.cerebro.cli.CliTestSupport.Run r = io.cerebro.cli.CliTestSupport.run("abtest", file.toString(), "--treatment", "arm",
                "--outcome", outcome, "--format", "json");
        assertEquals(0, r.code(), r.err());
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
    }
}
