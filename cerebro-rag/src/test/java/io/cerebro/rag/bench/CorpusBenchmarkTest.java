package io.cerebro.rag.bench;

import io.cerebro.rag.corpus.CorpusSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The corpus benchmark runs through to its latency table with the default (int8) model: the index it
 * builds records the id of the model that embeds its queries, so the vector and hybrid modes can
 * search it (an index labelled with another model's id refuses vector queries).
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
}
