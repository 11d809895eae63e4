package io.cerebro.rag.bench;

import io.cerebro.rag.corpus.CorpusSource;
import io.cerebro.rag.index.IndexBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The corpus benchmark runs through to its latency table with the default (int8) model: the index it
 * builds records the id of the model that embeds its queries, so the vector and hybrid modes can
 * search it (an index labelled with another model's id refuses vector queries). It also prints the
 * figures the scale target needs for any corpus: a one-file-changed rebuild whatever the file types,
 * the embedding CPU per chunk, the HNSW settings and the index size on disk, and it builds no
 * synthetic tree when the corpus is already that large.
 */
class CorpusBenchmarkTest {
    @Test
    void runsEveryModeOnATinyCorpus(@TempDir Path dir) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("welch.py"), """
                def welch(a, b):
                    \"\"\"Welch's t-test of two samples with unequal variances.\"\"\"
                    from scipy import stats
                    return stats.ttest_ind(a, b, equal_var=False)
                """);
        Files.writeString(src.resolve("notes.md"), "# CUPED\n\nVariance reduction with a pre-period covariate.\n");
        StringWriter text = new StringWriter();
        CorpusBenchmark.run(new CorpusBenchmark.Options(List.of(CorpusSource.folder(src)), Optional.empty(),
                dir.resolve("work"), 3, 3), new PrintWriter(text));
        String out = text.toString();
        for (String mode : List.of("bm25", "vector", "hybrid")) {
            assertTrue(out.lines().anyMatch(l -> l.strip().startsWith(mode) && l.contains("p50")), mode + " missing in:\n" + out);
        }
        assertTrue(out.contains("full rebuild: 2 files"), out);
    }

    private static String bench(Path src, Path work, int syntheticFiles) throws Exception {
        StringWriter text = new StringWriter();
        CorpusBenchmark.run(new CorpusBenchmark.Options(List.of(CorpusSource.folder(src)), Optional.empty(), work,
                syntheticFiles, 3), new PrintWriter(text));
        return text.toString();
    }

    private static String line(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting '" + prefix + "' in:\n" + out));
    }

    /** A corpus of Python and R files only (no Java with a header): the one-file step still runs and re-embeds that file. */
    @Test
    void changesOneFileOfAPythonAndRCorpus(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src");
        WorkedExampleGenerator.write(src, 3, 7);
        String out = bench(src, dir.resolve("work"), 0);
        String one = line(out, "one-file-changed rebuild (");
        assertTrue(one.contains("(" + WorkedExampleGenerator.CHUNKS_PER_EXAMPLE + " chunks re-embedded, 2 files reused)"), one);
        assertTrue(one.matches(".*\\((.+\\.(py|R|r))\\).*"), one);
    }

    /** Embedding CPU per chunk, HNSW settings and the index size, which must equal the bytes the index folder holds. */
    @Test
    void printsEmbeddingCostHnswSettingsAndIndexSize(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src");
        WorkedExampleGenerator.write(src, 2, 7);
        Path work = dir.resolve("work");
        String out = bench(src, work, 0);
        Matcher cost = Pattern.compile("^embedding cost: ([0-9.]+) ms CPU per chunk \\((\\d+) chunks", Pattern.MULTILINE)
                .matcher(out);
        assertTrue(cost.find(), out);
        assertTrue(Double.parseDouble(cost.group(1)) > 0, cost.group());
        assertEquals(2 * WorkedExampleGenerator.CHUNKS_PER_EXAMPLE, Integer.parseInt(cost.group(2)), cost.group());
        assertTrue(line(out, "vectors: ").contains("HNSW M=" + IndexBuilder.HNSW_M + " beamWidth=" + IndexBuilder.HNSW_BEAM_WIDTH),
                out);
        Matcher size = Pattern.compile("^index size on disk after one-file-changed rebuild: (\\d+) bytes", Pattern.MULTILINE)
                .matcher(out);
        assertTrue(size.find(), out);
        assertEquals(CorpusBenchmark.treeBytes(work.resolve("index")), Long.parseLong(size.group(1)));
        assertTrue(Long.parseLong(size.group(1)) > 0, size.group());
        assertTrue(out.contains("index size on disk after full rebuild: "), out);
    }

    /** A corpus with at least --synthetic-files files is its own ingest sample: no second tree is generated or indexed. */
    @Test
    void buildsNoSyntheticTreeForALargeCorpus(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src");
        WorkedExampleGenerator.write(src, 3, 7);
        Path work = dir.resolve("work");
        String out = bench(src, work, 3);
        assertTrue(out.contains("synthetic ingest: not run (the corpus has 3 files, --synthetic-files is 3)"), out);
        assertFalse(Files.exists(work.resolve("synthetic")), "synthetic tree written");
        assertFalse(Files.exists(work.resolve("synthetic-index")), "synthetic tree indexed");
    }
}
