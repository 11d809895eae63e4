package io.cerebro.rag.corpus;

import io.cerebro.rag.chunk.ExampleLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundled corpus is read from inside a jar, the way an installed Cerebro finds it. */
class BundledCorpusTest {
    @TempDir
    Path tmp;

    @Test
    void corpusInsideAJarIsScannedAndLoaded() throws IOException {
        Path jar = tmp.resolve("cerebro-rag.jar");
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(os)) {
            for (String dir : List.of("rag-corpus/", "rag-corpus/docs/", "rag-corpus/docs/ab/", "rag-corpus/eval/",
                    "rag-corpus/data/")) {
                j.putNextEntry(new JarEntry(dir));
                j.closeEntry();
            }
            j.putNextEntry(new JarEntry("rag-corpus/docs/ab/srm.md"));
            j.write("---\nid: ab-srm-doc\ntitle: Sample ratio mismatch\nfamily: ab\nmethods: [ab.srm]\n---\n# SRM\n\nCheck the split.\n"
                    .getBytes(StandardCharsets.UTF_8));
            j.closeEntry();
            j.putNextEntry(new JarEntry("rag-corpus/data/make_data.py"));
            j.write("print('sample data')\n".getBytes(StandardCharsets.UTF_8));
            j.closeEntry();
            j.putNextEntry(new JarEntry("rag-corpus/docs/ab/notes.md"));
            j.write("# Notes without a header\n".getBytes(StandardCharsets.UTF_8));
            j.closeEntry();
            j.putNextEntry(new JarEntry("rag-corpus/eval/queries.jsonl"));
            j.write("{\"query\": \"split\", \"relevant\": [\"ab-srm-doc\"]}\n".getBytes(StandardCharsets.UTF_8));
            j.closeEntry();
            j.putNextEntry(new JarEntry("rag-corpus/eval/heldout_queries.jsonl"));
            j.write("{\"query\": \"traffic split check\", \"relevant\": [\"ab-srm-doc\"]}\n".getBytes(StandardCharsets.UTF_8));
            j.closeEntry();
        }
        try (URLClassLoader cl = new URLClassLoader(new URL[]{jar.toUri().toURL()}, null)) {
            Path root = BundledCorpus.locate(cl).orElseThrow();
            CorpusSource src = new CorpusSource(root, BundledCorpus.RESOURCE, true);
            CorpusScanner.Scan scan = CorpusScanner.scan(List.of(src));
            assertEquals(List.of(), scan.skipped(), "the eval and data folders of the bundled corpus are not scanned");
            assertEquals(2, scan.files().size());
            SourceFile notes = scan.files().get(0);
            var rejected = assertInstanceOf(ExampleLoader.Rejected.class, ExampleLoader.load(notes, ExampleLoader.readBytes(notes)));
            assertEquals("missing metadata header", rejected.skipped().reason());
            SourceFile f = scan.files().get(1);
            assertEquals("docs/ab/srm.md", f.relativePath());
            assertEquals("rag-corpus/docs/ab/srm.md", f.displayPath());
            var loaded = assertInstanceOf(ExampleLoader.Loaded.class, ExampleLoader.load(f, ExampleLoader.readBytes(f)));
            assertEquals("ab-srm-doc", loaded.example().metadata().id());
            assertTrue(Files.isRegularFile(root.resolve("eval").resolve("queries.jsonl")));
            assertTrue(Files.isRegularFile(root.resolve("eval").resolve("heldout_queries.jsonl")));
        }
    }

    @Test
    void theBuiltCorpusShipsBothEvaluationSetsAndIndexesNeither() {
        Path root = BundledCorpus.root().orElseThrow();
        assertTrue(Files.isRegularFile(root.resolve("eval").resolve("queries.jsonl")));
        assertTrue(Files.isRegularFile(root.resolve("eval").resolve("heldout_queries.jsonl")));
        assertEquals(root.resolve("eval").resolve("queries.jsonl"), BundledCorpus.evalQueries().orElseThrow(),
                "the default evaluation set stays the tuning set");
        CorpusScanner.Scan scan = CorpusScanner.scan(List.of(BundledCorpus.source().orElseThrow()));
        assertTrue(scan.files().stream().noneMatch(f -> f.relativePath().startsWith("eval/")), scan.files().toString());
        assertTrue(scan.skipped().stream().noneMatch(s -> s.path().contains("eval/")), scan.skipped().toString());
    }
}
