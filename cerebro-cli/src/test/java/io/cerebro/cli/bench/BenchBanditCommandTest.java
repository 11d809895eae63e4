package io.cerebro.cli.bench;

import io.cerebro.cli.CerebroCommand;
import io.cerebro.cli.CliSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cerebro bench bandit} refuses impossible sizes with exit 2, and its generated log carries
 * the target value it prints (0.3): the IPS average of the file, computed here, lies within 4
 * standard errors of it.
 */
class BenchBanditCommandTest {
    @Test
    void impossibleSizesAreBadInput() {
        assertEquals(CliSupport.BAD_INPUT, CerebroCommand.execute("bench", "bandit", "--horizon", "5"));
        assertEquals(CliSupport.BAD_INPUT, CerebroCommand.execute("bench", "bandit", "--rows", "10"));
    }

    @Test
    void theGeneratedLogHasThePlantedTargetValue(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("log.csv");
        BenchBanditCommand.generateLog(log, 200_000, 3);
        List<String> lines = Files.readAllLines(log);
        assertEquals("arm,reward,p,x,target", lines.get(0));
        assertEquals(200_001, lines.size());
        double sum = 0;
        double sumSq = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            double term = c[0].equals(c[4]) ? Double.parseDouble(c[1]) / Double.parseDouble(c[2]) : 0;
            sum += term;
            sumSq += term * term;
        }
        int n = 200_000;
        double mean = sum / n;
        double se = Math.sqrt((sumSq / n - mean * mean) / n);
        assertTrue(Math.abs(mean - BenchBanditCommand.TRUE_VALUE) < 4 * se, mean + " vs " + BenchBanditCommand.TRUE_VALUE + " (se " + se + ")");
    }
}
