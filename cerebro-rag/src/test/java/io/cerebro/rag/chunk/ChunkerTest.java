package io.cerebro.rag.chunk;

import io.cerebro.rag.corpus.Chunk;
import io.cerebro.rag.corpus.CorpusScanner;
import io.cerebro.rag.corpus.CorpusSource;
import io.cerebro.rag.corpus.ExampleMetadata;
import io.cerebro.rag.corpus.Skipped;
import io.cerebro.rag.corpus.SourceFile;
import io.cerebro.rag.testing.TestCorpora;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunkerTest {
    private static LoadedExample load(String corpus, String rel) throws IOException {
        CorpusScanner.Scan scan = CorpusScanner.scan(List.of(CorpusSource.folder(TestCorpora.resource(corpus))));
        SourceFile f = scan.files().stream().filter(s -> s.relativePath().equals(rel)).findFirst().orElseThrow();
        ExampleLoader.Outcome o = ExampleLoader.load(f, ExampleLoader.readBytes(f));
        return assertInstanceOf(ExampleLoader.Loaded.class, o, () -> o.toString()).example();
    }

    @Test
    void javaFileGivesAClassChunkAndMethodChunksWithJavadocAndImports() throws IOException {
        LoadedExample ex = load("mini-corpus", "java/ab/WelchRevenue.java");
        ExampleMetadata m = ex.metadata();
        assertEquals("ab-welch-revenue", m.id());
        assertEquals("Welch's t-test on revenue per user", m.title());
        assertEquals("ab", m.family());
        assertEquals(List.of("ab.welch"), m.methods());
        assertEquals(List.of("commons-math3", "commons-csv", "jackson-databind"), m.libraries());
        assertTrue(m.description().startsWith("Compares mean revenue"), m.description());
        assertTrue(m.hasHeader());

        List<String> names = ex.chunks().stream().map(Chunk::name).toList();
        assertEquals(List.of("WelchRevenue", "WelchRevenue.main", "WelchRevenue.welchPValue",
                "WelchRevenue.meanDifference"), names);
        Chunk cls = ex.chunks().get(0);
        assertEquals("class", cls.kind());
        assertTrue(cls.text().contains("import org.apache.commons.math3.stat.inference.TTest;"));
        assertTrue(cls.text().contains("/** Welch's unequal-variance t-test between two arms. */"));

        Chunk p = ex.chunks().get(2);
        assertEquals("method", p.kind());
        assertTrue(p.text().startsWith("import org.apache.commons.math3.stat.inference.TTest;"), p.text());
        assertTrue(p.text().contains("// in WelchRevenue"));
        assertTrue(p.text().contains("/** Two-sided p-value of Welch's t-test, unequal variances. */\n"
                + "    static double welchPValue(double[] control, double[] treatment) {"), p.text());
        assertTrue(p.text().strip().endsWith("}"));
        assertFalse(p.text().contains("meanDifference"), "a method chunk holds only its method");
        assertEquals(30, p.startLine(), "starts at the Javadoc line");
    }

    @Test
    void pythonFileSplitsAtTopLevelDefinitionsWithDecorators() throws IOException {
        LoadedExample ex = load("mini-corpus", "python/ab/mann_whitney.py");
        assertEquals("ab-mann-whitney-python", ex.metadata().id());
        assertEquals(List.of("ab.mann_whitney"), ex.metadata().methods());
        assertTrue(ex.metadata().description().contains("Rank-based test"));
        List<Chunk> c = ex.chunks();
        assertEquals(List.of("module", "function", "function"), c.stream().map(Chunk::kind).toList());
        assertEquals("mann_whitney", c.get(1).name());
        assertTrue(c.get(1).text().startsWith("def mann_whitney(df, treatment, outcome):"));
        assertTrue(c.get(1).text().endsWith("alternative=\"two-sided\")"), c.get(1).text());
        assertEquals("unused", c.get(2).name());
        assertTrue(c.get(2).text().startsWith("@staticmethod\ndef unused():"));
        assertFalse(c.get(2).text().contains("__main__"), "top-level code after a def is not part of it");
    }

    @Test
    void markdownSplitsByHeadingOutsideCodeFences() throws IOException {
        LoadedExample ex = load("mini-corpus", "docs/causal/regression-discontinuity.md");
        assertEquals(List.of("causal.rdd", "causal.fuzzy_rdd"), ex.metadata().methods());
        assertEquals("markdown", ex.metadata().language());
        assertEquals(List.of("Regression discontinuity", "Sharp design", "Fuzzy design"),
                ex.chunks().stream().map(Chunk::name).toList());
        assertTrue(ex.chunks().get(1).text().contains("# a heading-like comment in code"));
        assertFalse(ex.chunks().get(0).text().contains("id: causal-rdd-explainer"), "front matter is not a section");
    }

    @Test
    void notebookSplitsByCellAndReadsTheHeaderFromTheFirstCell() throws IOException {
        LoadedExample ex = load("mini-corpus", "notebooks/uplift_t_learner.ipynb");
        assertEquals("uplift-t-learner-notebook", ex.metadata().id());
        assertEquals("uplift", ex.metadata().family());
        assertEquals("python", ex.metadata().language(), "the header names it");
        assertEquals(List.of("cell 1", "cell 2", "cell 4"), ex.chunks().stream().map(Chunk::name).toList());
        assertTrue(ex.chunks().get(1).text().contains("GradientBoostingRegressor"));
        assertFalse(ex.chunks().get(1).text().contains("ok"), "outputs are ignored");
    }

    @Test
    void notebookHeaderWithoutLanguageTakesTheKernelLanguage() throws Exception {
        String nb = "{\"cells\": [{\"cell_type\": \"markdown\", \"source\": \"---\\nid: nb\\ntitle: T\\n---\\n# T\"},"
                + " {\"cell_type\": \"code\", \"source\": [\"x <- 1\"]}],"
                + " \"metadata\": {\"kernelspec\": {\"language\": \"R\"}}}";
        byte[] bytes = nb.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        SourceFile f = new SourceFile(java.nio.file.Path.of("a.ipynb"), "a.ipynb", "a.ipynb", bytes.length, false);
        LoadedExample ex = assertInstanceOf(ExampleLoader.Loaded.class, ExampleLoader.load(f, bytes)).example();
        assertEquals("nb", ex.metadata().id());
        assertEquals("r", ex.metadata().language());
        assertEquals(2, ex.chunks().size());
    }

    @Test
    void fileWithoutHeaderGetsDerivedMetadata() throws IOException {
        LoadedExample ex = load("bad-corpus", "notes.md");
        ExampleMetadata m = ex.metadata();
        assertEquals("notes.md", m.id());
        assertEquals("Plain notes", m.title());
        assertEquals("markdown", m.language());
        assertEquals("", m.family());
        assertEquals(List.of(), m.methods());
        assertFalse(m.hasHeader());
    }

    @Test
    void badFilesAreSkippedWithReasonsNeverThrown() throws IOException {
        CorpusScanner.Scan scan = CorpusScanner.scan(List.of(CorpusSource.folder(TestCorpora.resource("bad-corpus"))));
        Map<String, String> reasons = new TreeMap<>();
        scan.skipped().forEach(s -> reasons.put(s.path().substring(s.path().lastIndexOf('/') + 1), s.reason()));
        for (SourceFile f : scan.files()) {
            if (ExampleLoader.load(f, ExampleLoader.readBytes(f)) instanceof ExampleLoader.Rejected r) {
                Skipped s = r.skipped();
                reasons.put(f.relativePath(), s.reason());
            }
        }
        assertEquals(Map.of(
                "Broken.java", "unparsable Java",
                "image.py", "binary file",
                "BadHeader.java", "invalid metadata header",
                "data.csv", "unsupported file type",
                "notebook.ipynb", "unparsable notebook"), reasons);
    }

    @Test
    void hugeFileIsSkipped() {
        byte[] big = new byte[(int) ExampleLoader.MAX_SOURCE_BYTES + 1];
        java.util.Arrays.fill(big, (byte) 'a');
        SourceFile f = new SourceFile(java.nio.file.Path.of("Big.java"), "Big.java", "Big.java", big.length, false);
        ExampleLoader.Rejected r = assertInstanceOf(ExampleLoader.Rejected.class, ExampleLoader.load(f, big));
        assertEquals("file too large", r.skipped().reason());
    }

    @Test
    void headersAreStrippedInEveryStyle() {
        assertEquals("class A {}", io.cerebro.rag.corpus.MetadataHeader.strip("/*---\nid: x\n---*/\nclass A {}"));
        assertEquals("import os", io.cerebro.rag.corpus.MetadataHeader.strip("# ---\n# id: x\n# ---\nimport os"));
        assertEquals("# T", io.cerebro.rag.corpus.MetadataHeader.strip("---\nid: x\n---\n# T"));
        assertEquals("class A {}", io.cerebro.rag.corpus.MetadataHeader.strip("class A {}"));
        assertEquals("/*---\nid: x\nclass A {}", io.cerebro.rag.corpus.MetadataHeader.strip("/*---\nid: x\nclass A {}"));
    }

    @Test
    void headerDelimitersFollowTheFormat() throws Exception {
        assertEquals("id: x\n", io.cerebro.rag.corpus.MetadataHeader.yamlOf("/*---\nid: x\n---*/\nclass A {}", "java").orElseThrow());
        assertEquals("id: x\n", io.cerebro.rag.corpus.MetadataHeader.yamlOf("# ---\n# id: x\n# ---\nimport os", "python").orElseThrow());
        assertTrue(io.cerebro.rag.corpus.MetadataHeader.yamlOf("/* plain comment */ class A {}", "java").isEmpty());
        assertThrows(io.cerebro.rag.corpus.MetadataHeader.InvalidHeaderException.class,
                () -> io.cerebro.rag.corpus.MetadataHeader.yamlOf("/*---\nid: x\nclass A {}", "java"));
        String methods = io.cerebro.rag.corpus.MetadataHeader.read("---\nid: a\nmethods: ab.welch, ab.student\n---\n# T\n",
                "markdown", "a.md", "T").methods().stream().collect(Collectors.joining("|"));
        assertEquals("ab.welch|ab.student", methods);
    }
}
