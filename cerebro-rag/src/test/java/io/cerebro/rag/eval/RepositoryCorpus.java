package io.cerebro.rag.eval;

import io.cerebro.rag.corpus.CorpusSource;
import io.cerebro.rag.embed.EmbeddingModels;
import io.cerebro.rag.index.CorpusIndex;
import io.cerebro.rag.index.IndexBuilder;
import io.cerebro.rag.index.RebuildProgress;
import io.cerebro.rag.index.RebuildRequest;
import io.cerebro.rag.index.SearchRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The repository's {@code rag-corpus/} indexed with the real MiniLM model the way it is bundled (the
 * {@code eval} and {@code data} folders are not part of the index), shared by the quality tests of
 * this package: the index is built once per test JVM, because embedding the corpus is the slow part
 * (about half a minute on two busy cores), and deleted when the JVM exits.
 */
final class RepositoryCorpus {
    /** The repository's corpus folder, seen from the module folder the tests run in. */
    static final Path ROOT = Path.of("..", "rag-corpus").toAbsolutePath().normalize();
    private static CorpusIndex index;

    private RepositoryCorpus() {
    }

    /**
     * Evaluates the evaluation set {@code rag-corpus/eval/<fileName>} in the three modes with the
     * default fusion settings, without family filters; skips the test (assumption) when the file is
     * not in this checkout, which happens only when the module is built outside the repository.
     */
    static RetrievalEvaluation.Report evaluate(String fileName) {
        Path queries = ROOT.resolve("eval").resolve(fileName);
        assumeTrue(Files.isRegularFile(queries), "no rag-corpus/eval/" + fileName + " in this checkout");
        return RetrievalEvaluation.run(index(), EvalQueries.read(queries), SearchRequest.of("x", 10), false);
    }

    static synchronized CorpusIndex index() {
        if (index == null) {
            try {
                Path dir = Files.createTempDirectory("cerebro-quality-index");
                IndexBuilder.rebuild(new RebuildRequest(List.of(new CorpusSource(ROOT, "rag-corpus", true)),
                        dir, EmbeddingModels.DEFAULT_MODEL_ID, EmbeddingModels::defaultEmbedder, RebuildProgress.NONE));
                CorpusIndex opened = CorpusIndex.open(dir, EmbeddingModels::defaultEmbedder);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> closeAndDelete(opened, dir)));
                index = opened;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return index;
    }

    private static void closeAndDelete(CorpusIndex opened, Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            opened.close();
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder left behind at exit is harmless
        }
    }
}
