package io.cerebro.rag.bench;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.cerebro.rag.chunk.ExampleLoader;
import io.cerebro.rag.corpus.CorpusScanner;
import io.cerebro.rag.corpus.CorpusSource;
import io.cerebro.rag.corpus.SourceFile;
import io.cerebro.rag.embed.Embedder;
import io.cerebro.rag.embed.EmbeddingModels;
import io.cerebro.rag.embed.MiniLmEmbeddingModel;
import io.cerebro.rag.eval.EvalQueries;
import io.cerebro.rag.eval.EvalQuery;
import io.cerebro.rag.index.CorpusIndex;
import io.cerebro.rag.index.IndexBuilder;
import io.cerebro.rag.index.RebuildProgress;
import io.cerebro.rag.index.RebuildRequest;
import io.cerebro.rag.index.RebuildSummary;
import io.cerebro.rag.index.SearchMode;
import io.cerebro.rag.index.SearchRequest;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The retrieval benchmark: full rebuild of a corpus with the embedding CPU per chunk, the HNSW
 * settings and the index size on disk, no-change rebuild, rebuild with one file changed (of any
 * supported type), ingest throughput on a synthetic tree when the corpus is smaller than that tree
 * (with the real model, and with a zero-cost model as the peer that shows what chunking and Lucene
 * alone cost), and warm query latency per mode. Timings are printed, never asserted.
 */
public final class CorpusBenchmark {
    /** Queries used for latency when the corpus has no evaluation set. */
    private static final List<String> DEFAULT_QUERIES = List.of(
            "is my checkout test significant", "welch t-test on revenue per user", "propensity score matching with a caliper",
            "effect of a policy on one state using other states", "which customers respond to the coupon",
            "difference in differences parallel trends", "sample size for a conversion test", "ttest_ind",
            "regression discontinuity bandwidth", "media mix adstock saturation", "thompson sampling bandit",
            "sequential test peeking", "cuped variance reduction pre-period covariate", "instrumental variable two stage",
            "synthetic control donor weights", "uplift qini curve", "bayesian beta binomial probability to beat control",
            "mann whitney skewed metric", "sample ratio mismatch chi square", "inverse probability weighting ATE");

    /**
     * Benchmark settings.
     *
     * @param sources        the corpus to rebuild (the bundled corpus by default)
     * @param evalQueries    queries for latency, or empty to use built-in ones
     * @param work           scratch folder (deleted content is not restored)
     * @param syntheticFiles files in the synthetic tree; it is built only when the corpus has fewer files (0: never)
     * @param queryRuns      timed queries per mode
     */
    public record Options(List<CorpusSource> sources, Optional<Path> evalQueries, Path work, int syntheticFiles,
                          int queryRuns) {
    }

    private CorpusBenchmark() {
    }

    /** Runs every scenario and prints the figures to {@code out}. */
    public static void run(Options o, PrintWriter out) throws IOException {
        Files.createDirectories(o.work());

        out.printf(Locale.ROOT, "machine: %d cores, load average %.1f (figures scale with other load)%n",
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        long t = System.nanoTime();
        Embedder embedder = EmbeddingModels.defaultEmbedder();
        embedder.embed("warm up");
        // the index records the id of the model that embedded it; a query with another model's id is refused
        String id = embedder.modelId();
        double loadS = secs(t);
        Supplier<Embedder> model = () -> embedder;
        out.printf(Locale.ROOT, "embedding model load (once per process): %.2f s, %d threads%n", loadS, EmbeddingModels.THREADS);

        // a writable copy of the corpus, so that one file can be changed
        Path copy = o.work().resolve("corpus-copy");
        int copied = copyTree(o.sources(), copy);
        Path index = o.work().resolve("index");
        // the copy follows the same rules as the original (the bundled corpus requires headers, skips eval/ and data/)
        boolean bundled = !o.sources().isEmpty() && o.sources().stream().allMatch(CorpusSource::bundled);
        CorpusSource copySource = bundled ? new CorpusSource(copy, "rag-corpus", true) : CorpusSource.folder(copy);
        long cpu0 = processCpuNanos();
        long embedCpu0 = embedder.cpuNanos();
        long embedded0 = embedder.embeddedCount();
        RebuildSummary full = IndexBuilder.rebuild(new RebuildRequest(List.of(copySource), index, id, model,
                RebuildProgress.NONE));
        double cpu = (processCpuNanos() - cpu0) / 1e9;
        double embedCpu = (embedder.cpuNanos() - embedCpu0) / 1e9;
        long embeddedTexts = embedder.embeddedCount() - embedded0;
        out.printf(Locale.ROOT, "full rebuild: %d files, %d chunks in %.2f s wall, %.1f s CPU (%.0f chunks/s)%n", full.files(),
                full.chunks(), full.millis() / 1000.0, cpu, full.chunks() / Math.max(1e-9, full.millis() / 1000.0));
        if (embeddedTexts > 0) {
            double perChunkMs = embedCpu * 1000 / embeddedTexts;
            out.printf(Locale.ROOT, "embedding cost: %.2f ms CPU per chunk (%d chunks, %.1f s CPU of the rebuild's %.1f s;"
                            + " chunking, Lucene and the HNSW graph took the other %.1f s); 100,000 chunks would need"
                            + " %.0f s CPU of embedding, %.0f s on %d threads%n",
                    perChunkMs, embeddedTexts, embedCpu, cpu, Math.max(0, cpu - embedCpu), perChunkMs * 100, perChunkMs * 100
                            / EmbeddingModels.THREADS, EmbeddingModels.THREADS);
        }
        out.printf(Locale.ROOT, "vectors: %d dimensions, dot product, HNSW M=%d beamWidth=%d (graph build);"
                        + " a vector query asks the graph for %d candidates%n", embedder.dimension(), IndexBuilder.HNSW_M,
                IndexBuilder.HNSW_BEAM_WIDTH, SearchRequest.DEFAULT_CANDIDATES);
        long fullBytes = treeBytes(index);
        out.printf(Locale.ROOT, "index size on disk after full rebuild: %d bytes (%.1f MB, %.0f bytes per chunk)%n", fullBytes,
                fullBytes / 1e6, fullBytes / (double) Math.max(1, full.chunks()));
        RebuildSummary same = IndexBuilder.rebuild(new RebuildRequest(List.of(copySource), index, id, model,
                RebuildProgress.NONE));
        out.printf(Locale.ROOT, "no-change rebuild: %.3f s (new generation written: %s)%n", same.millis() / 1000.0, same.changed());
        Optional<Path> victim = firstIndexedFile(copySource);
        if (victim.isPresent()) {
            // a trailing newline changes the content hash, so the file is chunked and embedded again
            Files.writeString(victim.get(), "\n", StandardOpenOption.APPEND);
            long oneCpu0 = processCpuNanos();
            RebuildSummary one = IndexBuilder.rebuild(new RebuildRequest(List.of(copySource), index, id,
                    model, RebuildProgress.NONE));
            out.printf(Locale.ROOT, "one-file-changed rebuild (%s): %.3f s wall, %.2f s CPU (%d chunks re-embedded,"
                            + " %d files reused)%n", copy.relativize(victim.get()).toString().replace('\\', '/'),
                    one.millis() / 1000.0, (processCpuNanos() - oneCpu0) / 1e9, one.embedded(), one.reusedFiles());
            long oneBytes = treeBytes(index);
            out.printf(Locale.ROOT, "index size on disk after one-file-changed rebuild: %d bytes (%.1f MB)%n", oneBytes,
                    oneBytes / 1e6);
        } else {
            out.println("one-file-changed rebuild: not run (no file of the corpus is indexed)");
        }
        if (copied == 0) {
            out.println("(the corpus is empty: rebuild and latency figures are not meaningful)");
        }

        if (full.files() >= o.syntheticFiles()) {
            // the corpus is at least as large as the synthetic tree would be: its own rebuild is the ingest figure
            out.printf(Locale.ROOT, "synthetic ingest: not run (the corpus has %d files, --synthetic-files is %d)%n",
                    full.files(), o.syntheticFiles());
        } else {
            Path synth = o.work().resolve("synthetic");
            SyntheticCorpus.write(synth, o.syntheticFiles(), 42);
            Embedder zero = new Embedder(new ConstantEmbeddingModel(MiniLmEmbeddingModel.DIMENSION), "zero");
            RebuildSummary peer = IndexBuilder.rebuild(new RebuildRequest(List.of(CorpusSource.folder(synth)),
                    o.work().resolve("synthetic-index-zero"), "zero", () -> zero, RebuildProgress.NONE));
            RebuildSummary real = IndexBuilder.rebuild(new RebuildRequest(List.of(CorpusSource.folder(synth)),
                    o.work().resolve("synthetic-index"), id, model, RebuildProgress.NONE));
            out.printf(Locale.ROOT, "synthetic ingest, %d files / %d chunks: %.0f chunks/s with all-MiniLM-L6-v2 (%.1f s);"
                            + " peer without embeddings (chunking + Lucene only): %.0f chunks/s (%.2f s)%n",
                    real.files(), real.chunks(), real.chunks() / (real.millis() / 1000.0), real.millis() / 1000.0,
                    peer.chunks() / Math.max(1e-9, peer.millis() / 1000.0), peer.millis() / 1000.0);
        }

        List<String> queries = o.evalQueries().map(p -> EvalQueries.read(p).stream().map(EvalQuery::query).toList())
                .orElse(DEFAULT_QUERIES);
        try (CorpusIndex idx = CorpusIndex.open(index, model)) {
            out.printf(Locale.ROOT, "warm query latency over %d chunks, %d distinct queries, %d timed runs per mode:%n",
                    full.chunks(), queries.size(), o.queryRuns());
            // modes are interleaved query by query so that load from other processes hits them alike
            SearchMode[] modes = SearchMode.values();
            for (int i = 0; i < Math.min(50, o.queryRuns()); i++) {
                for (SearchMode mode : modes) {
                    idx.search(SearchRequest.of(queries.get(i % queries.size()), 5).withMode(mode));
                }
            }
            double[][] ms = new double[modes.length][o.queryRuns()];
            for (int i = 0; i < o.queryRuns(); i++) {
                for (int m = 0; m < modes.length; m++) {
                    long s = System.nanoTime();
                    idx.search(SearchRequest.of(queries.get(i % queries.size()), 5).withMode(modes[m]));
                    ms[m][i] = (System.nanoTime() - s) / 1e6;
                }
            }
            for (int m = 0; m < modes.length; m++) {
                Arrays.sort(ms[m]);
                out.printf(Locale.ROOT, "  %-7s p50 %6.2f ms   p99 %6.2f ms%n", modes[m].name().toLowerCase(Locale.ROOT),
                        percentile(ms[m], 0.50), percentile(ms[m], 0.99));
            }
            double[] emb = new double[o.queryRuns()];
            for (int i = 0; i < emb.length; i++) {
                long s = System.nanoTime();
                embedder.embed(queries.get(i % queries.size()));
                emb[i] = (System.nanoTime() - s) / 1e6;
            }
            Arrays.sort(emb);
            out.printf(Locale.ROOT, "  (query embedding alone: p50 %.2f ms, p99 %.2f ms)%n", percentile(emb, 0.5),
                    percentile(emb, 0.99));
        }
        out.flush();
    }

    private static long processCpuNanos() {
        return Embedder.processCpuNanos();
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double p) {
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static double secs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static int copyTree(List<CorpusSource> sources, Path target) throws IOException {
        int n = 0;
        for (CorpusSource s : sources) {
            if (!Files.isDirectory(s.root())) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(s.root())) {
                for (Path p : walk.toList()) {
                    String rel = s.root().relativize(p).toString();
                    if (rel.isEmpty()) {
                        continue;
                    }
                    Path dst = target.resolve(rel);
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(dst);
                    } else {
                        Files.createDirectories(dst.getParent());
                        Files.copy(p, dst, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                        n++;
                    }
                }
            }
        }
        return n;
    }

    /**
     * The first file (in path order) that the rebuild indexes, preferring one with a metadata header:
     * its change is applied in place (the rebuild's fast path). Any supported file type qualifies.
     */
    private static Optional<Path> firstIndexedFile(CorpusSource source) {
        if (!Files.isDirectory(source.root())) {
            return Optional.empty();
        }
        List<SourceFile> files = new ArrayList<>(CorpusScanner.scan(List.of(source)).files());
        files.sort(Comparator.comparing(SourceFile::relativePath));
        Optional<Path> headerless = Optional.empty();
        for (SourceFile f : files) {
            byte[] bytes;
            try {
                bytes = ExampleLoader.readBytes(f);
            } catch (IOException e) {
                continue;
            }
            if (ExampleLoader.load(f, bytes) instanceof ExampleLoader.Loaded loaded) {
                if (loaded.example().metadata().hasHeader()) {
                    return Optional.of(f.file());
                }
                if (headerless.isEmpty()) {
                    headerless = Optional.of(f.file());
                }
            }
        }
        return headerless;
    }

    /** Bytes of all regular files under {@code dir}. */
    static long treeBytes(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            long n = 0;
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                n += Files.size(p);
            }
            return n;
        }
    }

    /** A model that returns the same unit vector for every text: the no-embedding peer. */
    private record ConstantEmbeddingModel(int dim) implements EmbeddingModel {
        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            float[] v = new float[dim];
            v[0] = 1;
            List<Embedding> out = new ArrayList<>();
            segments.forEach(s -> out.add(Embedding.from(v.clone())));
            return Response.from(out);
        }

        @Override
        public int dimension() {
            return dim;
        }
    }
}
