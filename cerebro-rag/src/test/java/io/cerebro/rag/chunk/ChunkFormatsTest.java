package io.cerebro.rag.chunk;

import io.cerebro.rag.corpus.Chunk;
import io.cerebro.rag.corpus.CorpusScanner;
import io.cerebro.rag.corpus.CorpusSource;
import io.cerebro.rag.corpus.SourceFile;
import io.cerebro.rag.testing.TestCorpora;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The R, R Markdown, Quarto and SQL chunkers on the files in {@code chunk-formats/} (see its PROVENANCE.md). */
class ChunkFormatsTest {
    private static LoadedExample load(String rel) throws IOException {
        CorpusScanner.Scan scan = CorpusScanner.scan(List.of(CorpusSource.folder(TestCorpora.resource("chunk-formats"))));
        SourceFile f = scan.files().stream().filter(s -> s.relativePath().equals(rel)).findFirst().orElseThrow();
        ExampleLoader.Outcome o = ExampleLoader.load(f, ExampleLoader.readBytes(f));
        return assertInstanceOf(ExampleLoader.Loaded.class, o, o::toString).example();
    }

    private static Chunk named(LoadedExample ex, String name) {
        return ex.chunks().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + ex.chunks().stream().map(Chunk::name).toList()));
    }

    @Test
    void rFunctionsCarryTheirRoxygenBlockAndEndWhereTheirBracesBalance() throws IOException {
        LoadedExample ex = load("geo_power.R");
        assertEquals("r", ex.metadata().language());
        assertFalse(ex.metadata().hasHeader());
        assertEquals(List.of("geo_power", "geo_power_by_effect", "plant_lift", "%||%", "square"),
                ex.chunks().stream().map(Chunk::name).toList());
        Chunk power = named(ex, "geo_power_by_effect");
        assertEquals("function", power.kind());
        assertEquals(1, power.startLine(), "starts at the roxygen block");
        assertTrue(power.text().startsWith("#' Simulate the power of a geo experiment"), power.text());
        assertTrue(power.text().contains("@param effect_size"));
        // the "{" inside the stop() message does not keep the function open
        assertTrue(power.text().endsWith("do.call(rbind, results)\n}"), power.text());
        assertFalse(power.text().contains("plant_lift <- function"));
        Chunk lift = named(ex, "plant_lift");
        assertTrue(lift.text().startsWith("# Adds a multiplicative lift"), lift.text());
        assertTrue(lift.text().endsWith("Y * (1 + es), Y))\n}"), lift.text());
        assertEquals("`%||%` <- function(a, b) if (is.null(a)) b else a", named(ex, "%||%").text());
        assertEquals("square = function(x) x^2", named(ex, "square").text());
    }

    @Test
    void rHeaderGivesFamilyAndMethods() throws IOException {
        LoadedExample ex = load("robyn_adstock.R");
        assertTrue(ex.metadata().hasHeader());
        assertEquals("r-geometric-adstock", ex.metadata().id());
        assertEquals("mmm", ex.metadata().family());
        assertEquals(List.of("mmm.adstock"), ex.metadata().methods());
        assertEquals(List.of("robyn_adstock", "adstock_geometric", "saturation_hill"),
                ex.chunks().stream().map(Chunk::name).toList());
        assertTrue(named(ex, "saturation_hill").text().startsWith("#' Hill saturation"));
    }

    @Test
    void rMarkdownCellsCarryTheProseBeforeThem() throws IOException {
        LoadedExample ex = load("uplift_report.Rmd");
        assertEquals("rmarkdown", ex.metadata().language());
        List<String> names = ex.chunks().stream().map(Chunk::name).toList();
        assertEquals(List.of("setup", "load-data", "Test of proportions (chunk 3)", "helpers",
                "Test of proportions", "relative_lift"), names);
        Chunk load = named(ex, "load-data");
        assertEquals("cell", load.kind());
        assertTrue(load.text().startsWith("# Data\n\nWe read one row per user"), load.text());
        assertTrue(load.text().contains("```r\nusers <- read.csv(\"checkout_test.csv\")"), load.text());
        assertTrue(named(ex, "Test of proportions (chunk 3)").text().contains("prop.test(conv$x, conv$n)"));
        assertEquals("section", named(ex, "Test of proportions").kind());
        assertEquals("The lift is reported relative to control.", named(ex, "Test of proportions").text());
        Chunk fn = named(ex, "relative_lift");
        assertEquals("function", fn.kind());
        assertEquals(30, fn.startLine(), "line numbers point into the .Rmd file");
        assertFalse(ex.chunks().stream().anyMatch(c -> c.text().contains("output: html_document")),
                "the front matter is the header, not content");
    }

    @Test
    void quartoLabelsComeFromHashPipeOptionsAndOtherEnginesAreKept() throws IOException {
        LoadedExample ex = load("did_analysis.qmd");
        assertEquals("quarto", ex.metadata().language());
        assertEquals("Difference in differences for the loyalty launch", ex.metadata().title(), "the front matter title");
        assertEquals(List.of("event-study", "twfe-python"), ex.chunks().stream().map(Chunk::name).toList());
        assertTrue(named(ex, "event-study").text().startsWith("## Parallel trends\n\nBefore the launch"));
        assertTrue(named(ex, "twfe-python").text().contains("```python\n#| label: twfe-python\nimport statsmodels"));
    }

    @Test
    void sqlStatementsSplitOnSemicolonsOutsideStringsAndKeepTheirComments() throws IOException {
        LoadedExample ex = load("daily_conversions.sql");
        assertEquals("sql", ex.metadata().language());
        assertEquals(List.of("daily_conversions", "CREATE OR REPLACE TABLE daily_conversions", "WITH totals ... SELECT",
                "SELECT"), ex.chunks().stream().map(Chunk::name).toList());
        Chunk create = ex.chunks().get(1);
        assertEquals("statement", create.kind());
        assertEquals(1, create.startLine());
        assertTrue(create.text().startsWith("-- Daily conversion rate per experiment arm."));
        assertTrue(create.text().contains("'checkout;v2'") && create.text().endsWith("GROUP BY 1, 2;"), create.text());
        assertTrue(ex.chunks().get(2).text().startsWith("/* Sample ratio check"));
        assertEquals(13, ex.chunks().get(2).startLine());
        assertEquals("-- trailing statement without a semicolon\nSELECT COUNT(*) FROM daily_conversions",
                ex.chunks().get(3).text());
    }

    @Test
    void brokenFilesAreUnparsableNotCrashes() {
        assertThrows(UnparsableException.class, () -> new RChunker().chunk("f <- function(x) {\n  if (x) {\n    x\n}\n", "f.R"));
        assertThrows(UnparsableException.class, () -> new RMarkdownChunker("rmarkdown").chunk("# T\n```{r}\nx <- 1\n", "t.Rmd"));
        assertThrows(UnparsableException.class, () -> new SqlChunker().chunk("SELECT 'open;", "q.sql"));
    }
}
