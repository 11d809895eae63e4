package io.cerebro.cli.bench;

import io.cerebro.cli.CerebroCommand;
import io.cerebro.cli.CliSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code cerebro bench geo} writes a balanced panel and refuses impossible sizes with exit 2. */
class BenchGeoCommandTest {
    @Test
    void panelHasOneRowPerLocationAndDay(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("geo.csv");
        List<String> dates = BenchGeoCommand.write(f, 7, 31, 1);
        List<String> lines = Files.readAllLines(f);
        assertEquals("location,date,Y", lines.get(0));
        assertEquals(1 + 7 * 31, lines.size());
        assertEquals(31, dates.size());
        assertEquals("2024-01-31", dates.get(30));
    }

    @Test
    void impossibleSizesAreBadInput() {
        assertEquals(CliSupport.BAD_INPUT, CerebroCommand.execute("bench", "geo", "--locations", "3"));
        assertEquals(CliSupport.BAD_INPUT, CerebroCommand.execute("bench", "geo", "--days", "40", "--duration", "35"));
    }
}
