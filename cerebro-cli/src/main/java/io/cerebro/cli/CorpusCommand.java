package io.cerebro.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cerebro.core.error.UserInputException;
import io.cerebro.rag.bench.CorpusBenchmark;
import io.cerebro.rag.bench.WorkedExampleGenerator;
import io.cerebro.rag.corpus.BundledCorpus;
import io.cerebro.rag.corpus.CorpusSource;
import io.cerebro.rag.corpus.SourceRegistry;
import io.cerebro.rag.embed.EmbeddingModels;
import io.cerebro.rag.eval.EvalQueries;
import io.cerebro.rag.eval.ModeScores;
import io.cerebro.rag.eval.RetrievalEvaluation;
import io.cerebro.rag.index.CorpusIndex;
import io.cerebro.rag.index.DefaultIndex;
import io.cerebro.rag.index.IndexBuilder;
import io.cerebro.rag.index.IndexManifest;
import io.cerebro.rag.index.IndexStats;
import io.cerebro.rag.index.RebuildProgress;
import io.cerebro.rag.index.RebuildRequest;
import io.cerebro.rag.index.RebuildSummary;
import io.cerebro.rag.index.ReciprocalRankFusion;
import io.cerebro.rag.index.SearchHit;
import io.cerebro.rag.index.SearchMode;
import io.cerebro.rag.index.SearchRequest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code cerebro corpus}: build, search, describe, evaluate and benchmark the worked-example index. */
@Command(name = "corpus", mixinStandardHelpOptions = true,
        description = "The index of worked examples the agents retrieve from: rebuild, search, stats, eval, bench.",
        subcommands = {
                CorpusCommand.Add.class,
                CorpusCommand.Rebuild.class,
                CorpusCommand.Search.class,
                CorpusCommand.Stats.class,
                CorpusCommand.Eval.class,
                CorpusCommand.Bench.class,
                CorpusCommand.Synth.class
        })
public final class CorpusCommand implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Held so the level set below is not lost when the logger is garbage-collected. */
    private static final java.util.logging.Logger LUCENE_VECTOR_LOG =
            java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization");

    static {
        // library chatter (no SLF4J binding, Lucene's vector-module notice) is not for command-line users
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        LUCENE_VECTOR_LOG.setLevel(java.util.logging.Level.SEVERE);
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Text or JSON on stdout. */
    enum Format { TEXT, JSON }

    /** The {@code --index} option shared by the subcommands. */
    static final class IndexOption {
        @Option(names = "--index", paramLabel = "DIR",
                description = "Index folder (default: the per-user cache, built from the bundled corpus on first use).")
        Path index;

        /** The index folder, building the default index on first use. */
        Path resolve(PrintWriter err) {
            if (index != null) {
                return index;
            }
            Path dir = DefaultIndex.location();
            RebuildSummary built = DefaultIndex.ensureBuilt(dir, progress(err, "building the default index (first use)"));
            if (built != null) {
                Progress.finish(err);
                err.print(built.render());
                err.flush();
            }
            return dir;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Register a folder or a Git repository (cloned, shallow) as a source of the index;"
                    + " every later rebuild indexes it. Run 'cerebro corpus rebuild' afterwards."})
    static final class Add implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Parameters(index = "0", paramLabel = "DIR|GIT_URL", description = "A folder or a Git URL.")
        String location;

        @Option(names = "--name", required = true, paramLabel = "N", description = "A short unique name for the source.")
        String name;

        @Option(names = "--license", required = true, paramLabel = "L", description = "Its license, e.g. MIT or Apache-2.0.")
        String license;

        @Option(names = "--index", paramLabel = "DIR", description = "Index folder (default: the per-user cache).")
        Path index;

        @Override
        public Integer call() {
            Path dir = index != null ? index : DefaultIndex.location();
            SourceRegistry.Entry e = new SourceRegistry(dir).add(location, name, license);
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "registered source %s (%s, license %s): %s%nrun: cerebro corpus rebuild%s%n", e.name(),
                    e.origin(), e.license(), e.path(), index != null ? " --index " + dir : "");
            out.flush();
            return CliSupport.OK;
        }
    }

    @Command(name = "rebuild", mixinStandardHelpOptions = true,
            description = {"Build or update the index from the bundled corpus and your folders."
                    + " Unchanged files are not re-embedded; the new index is swapped in atomically.",
                    "The index holds the sources registered with 'corpus add' and the --source folders of this rebuild."})
    static final class Rebuild implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--source", paramLabel = "DIR", description = "A folder of your own examples to index too (repeatable).")
        List<Path> sources = new ArrayList<>();

        @Option(names = "--index", paramLabel = "DIR", description = "Index folder (default: the per-user cache).")
        Path index;

        @Option(names = "--no-bundled", description = "Index only the --source folders, not the bundled corpus.")
        boolean noBundled;

        @Option(names = "--model", paramLabel = "M", description = "Embedding model: int8 (all-minilm-l6-v2-q, the default"
                + " for a new index) or float (all-minilm-l6-v2). Default: the model the index was built with."
                + " Changing it re-embeds every chunk.")
        String model;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<CorpusSource> all = new ArrayList<>();
            if (!noBundled) {
                BundledCorpus.source().ifPresent(all::add);
            }
            Path dir = index != null ? index : DefaultIndex.location();
            all.addAll(new SourceRegistry(dir).sources());
            sources.forEach(s -> all.add(CorpusSource.folder(s)));
            if (all.isEmpty()) {
                throw new UserInputException(noBundled ? "--no-bundled needs at least one --source folder"
                        : "this build carries no bundled corpus; pass --source DIR");
            }
            String modelId = model != null ? EmbeddingModels.resolve(model)
                    : IndexManifest.ofIndex(dir).map(IndexManifest::modelId).filter(EmbeddingModels.ids()::contains)
                    .orElse(EmbeddingModels.DEFAULT_MODEL_ID);
            RebuildSummary s = IndexBuilder.rebuild(new RebuildRequest(all, dir, modelId,
                    () -> EmbeddingModels.forId(modelId), progress(err, "rebuilding")));
            Progress.finish(err);
            out.print(s.render());
            out.flush();
            return CliSupport.OK;
        }
    }

    @Command(name = "search", mixinStandardHelpOptions = true, description = "Find worked examples for a question.")
    static final class Search implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        IndexOption indexOption;

        @Parameters(arity = "0..*", paramLabel = "QUERY", description = "What you are looking for, in words or identifiers.")
        List<String> words = new ArrayList<>();

        @Option(names = "--family", description = "Only this family: ab, power, causal, geo, uplift, mmm, bandit, tune.")
        String family;

        @Option(names = "--method", description = "Only examples of this method id, e.g. causal.psm.")
        String method;

        @Option(names = "--language", description = "Only this language: java, python, markdown.")
        String language;

        @Option(names = "--k", defaultValue = "5", description = "Number of examples to show (default ${DEFAULT-VALUE}).")
        int k;

        @Option(names = "--mode", defaultValue = "hybrid", description = "hybrid (default), bm25 or vector.")
        SearchMode mode;

        @Option(names = "--rrf-k", defaultValue = "10", description = "Reciprocal rank fusion constant (default ${DEFAULT-VALUE}).")
        double rrfK;

        @Option(names = "--bm25-weight", defaultValue = "1", description = "Weight of BM25 in the fusion (default ${DEFAULT-VALUE}).")
        double bm25Weight;

        @Option(names = "--vector-weight", defaultValue = "1", description = "Weight of the vector ranking in the fusion (default ${DEFAULT-VALUE}).")
        double vectorWeight;

        @Option(names = "--format", defaultValue = "text", description = "text (default) or json.")
        Format format;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            SearchRequest req = new SearchRequest(String.join(" ", words), k, mode, family, method, language, rrfK,
                    bm25Weight, vectorWeight, Math.max(SearchRequest.DEFAULT_CANDIDATES, k));
            Path dir = indexOption.resolve(spec.commandLine().getErr());
            try (CorpusIndex index = CorpusIndex.open(dir)) {
                List<SearchHit> hits = index.search(req);
                if (format == Format.JSON) {
                    ArrayNode arr = JSON.createArrayNode();
                    for (SearchHit h : hits) {
                        ObjectNode n = arr.addObject();
                        n.put("rank", h.rank());
                        n.put("id", h.id());
                        n.put("title", h.title());
                        n.put("family", h.family());
                        n.put("labelInferred", h.labelInferred());
                        if (h.labelInferred()) {
                            n.put("labelConfidence", h.labelConfidence());
                        }
                        n.putPOJO("methods", h.methods());
                        n.put("language", h.language());
                        n.put("path", h.path());
                        n.put("score", h.score());
                        n.put("mode", mode.name().toLowerCase(Locale.ROOT));
                        if (h.bm25Rank() == null) {
                            n.putNull("bm25Rank");
                        } else {
                            n.put("bm25Rank", h.bm25Rank());
                        }
                        if (h.vectorRank() == null) {
                            n.putNull("vectorRank");
                        } else {
                            n.put("vectorRank", h.vectorRank());
                        }
                        n.put("chunk", h.chunkKind() + " " + h.chunkName());
                        n.put("line", h.startLine());
                    }
                    out.println(JSON.writeValueAsString(arr));
                } else if (hits.isEmpty()) {
                    out.println("no matching examples");
                } else {
                    for (SearchHit h : hits) {
                        out.printf(Locale.ROOT, "%2d. %-36s %s%n", h.rank(), h.id(), h.title());
                        out.printf(Locale.ROOT, "    %s  %s  %s  score %.4f  bm25 #%s  vector #%s%n",
                                h.family().isEmpty() ? "-" : h.labelInferred()
                                        ? String.format(Locale.ROOT, "%s (inferred, %.2f)", h.family(), h.labelConfidence())
                                        : h.family(),
                                h.methods().isEmpty() ? "-" : String.join(",", h.methods()), h.language(), h.score(),
                                h.bm25Rank() == null ? "-" : h.bm25Rank(), h.vectorRank() == null ? "-" : h.vectorRank());
                        out.printf(Locale.ROOT, "    %s:%d (%s %s)%n", h.path(), h.startLine(), h.chunkKind(), h.chunkName());
                    }
                }
            }
            out.flush();
            return CliSupport.OK;
        }
    }

    @Command(name = "stats", mixinStandardHelpOptions = true, description = "Describe the index.")
    static final class Stats implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        IndexOption indexOption;

        @Option(names = "--format", defaultValue = "text", description = "text (default) or json.")
        Format format;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            Path dir = indexOption.resolve(spec.commandLine().getErr());
            try (CorpusIndex index = CorpusIndex.open(dir)) {
                IndexStats s = index.stats();
                if (format == Format.JSON) {
                    ObjectNode n = JSON.createObjectNode();
                    n.put("index", s.index().toString());
                    n.put("generation", s.generation().getFileName().toString());
                    n.putPOJO("manifest", s.manifest());
                    n.put("examples", s.examples());
                    n.put("chunks", s.chunks());
                    n.putPOJO("families", s.byFamily());
                    n.putPOJO("languages", s.byLanguage());
                    n.putPOJO("chunkKinds", s.byKind());
                    n.putPOJO("methods", s.byMethod());
                    n.put("sizeBytes", s.sizeBytes());
                    out.println(JSON.writeValueAsString(n));
                } else {
                    out.printf("index      %s (%s)%n", s.index(), s.generation().getFileName());
                    out.printf("built      %s from %s%n", s.manifest().createdAt(), String.join(", ", s.manifest().sources()));
                    out.printf("model      %s, %d dimensions; format %d%n", s.manifest().modelId(), s.manifest().dimension(),
                            s.manifest().format());
                    out.printf(Locale.ROOT, "examples   %d in %d chunks, %.1f MiB%n", s.examples(), s.chunks(),
                            s.sizeBytes() / 1048576.0);
                    out.println("families   " + render(s.byFamily()));
                    out.println("languages  " + render(s.byLanguage()));
                    out.println("chunks     " + render(s.byKind()));
                    out.println("methods    " + render(s.byMethod()));
                }
            }
            out.flush();
            return CliSupport.OK;
        }

        private static String render(Map<String, Integer> m) {
            if (m.isEmpty()) {
                return "-";
            }
            StringBuilder sb = new StringBuilder();
            m.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ", ").append(k).append(' ').append(v));
            return sb.toString();
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Retrieval quality on labelled queries: recall@1/5/10, MRR and nDCG@10 for bm25, vector and hybrid.")
    static final class Eval implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        IndexOption indexOption;

        @Option(names = "--queries", paramLabel = "FILE",
                description = "JSON lines {\"query\": ..., \"relevant\": [ids], \"family\": ...} (default: the bundled rag-corpus/eval/queries.jsonl).")
        Path queries;

        @Option(names = "--family-filter", description = "Filter each query by its family, when it has one.")
        boolean familyFilter;

        @Option(names = "--rrf-k", defaultValue = "10", description = "Reciprocal rank fusion constant (default ${DEFAULT-VALUE}).")
        double rrfK;

        @Option(names = "--bm25-weight", defaultValue = "1", description = "Weight of BM25 in the fusion (default ${DEFAULT-VALUE}).")
        double bm25Weight;

        @Option(names = "--vector-weight", defaultValue = "1", description = "Weight of the vector ranking (default ${DEFAULT-VALUE}).")
        double vectorWeight;

        @Option(names = "--format", defaultValue = "text", description = "text (default) or json.")
        Format format;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            Path file = queries != null ? queries : BundledCorpus.evalQueries().orElseThrow(() -> new UserInputException(
                    "this build bundles no evaluation queries; pass --queries FILE"));
            var qs = EvalQueries.read(file);
            Path dir = indexOption.resolve(spec.commandLine().getErr());
            try (CorpusIndex index = CorpusIndex.open(dir)) {
                SearchRequest template = SearchRequest.of("template", 10).withFusion(rrfK, bm25Weight, vectorWeight);
                RetrievalEvaluation.Report r = RetrievalEvaluation.run(index, qs, template, familyFilter);
                if (format == Format.JSON) {
                    ObjectNode n = JSON.createObjectNode();
                    n.put("queries", qs.size());
                    n.put("familyFilter", familyFilter);
                    ObjectNode modes = n.putObject("modes");
                    for (ModeScores s : r.scores()) {
                        ObjectNode m = modes.putObject(s.mode().name().toLowerCase(Locale.ROOT));
                        m.put("recall@1", s.recall1());
                        m.put("recall@5", s.recall5());
                        m.put("recall@10", s.recall10());
                        m.put("mrr", s.mrr());
                        m.put("ndcg@10", s.ndcg10());
                    }
                    n.putPOJO("unknownIds", r.unknownIds());
                    out.println(JSON.writeValueAsString(n));
                } else {
                    out.print(r.render());
                }
            }
            out.flush();
            return CliSupport.OK;
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "Benchmark rebuilds, ingest throughput and warm query latency; prints the figures.")
    static final class Bench implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--source", paramLabel = "DIR", description = "Benchmark this corpus instead of the bundled one (repeatable).")
        List<Path> sources = new ArrayList<>();

        @Option(names = "--queries", paramLabel = "FILE", description = "Queries for the latency runs (default: the bundled evaluation set).")
        Path queries;

        @Option(names = "--synthetic-files", defaultValue = "300", description = "Files in the synthetic ingest tree, built only when the corpus has fewer files; 0 never builds it (default ${DEFAULT-VALUE}).")
        int syntheticFiles;

        @Option(names = "--query-runs", defaultValue = "300", description = "Timed queries per mode (default ${DEFAULT-VALUE}).")
        int queryRuns;

        @Override
        public Integer call() throws IOException {
            if (syntheticFiles < 0 || queryRuns < 1) {
                throw new UserInputException("--synthetic-files must be at least 0 and --query-runs at least 1");
            }
            List<CorpusSource> all = new ArrayList<>();
            if (sources.isEmpty()) {
                BundledCorpus.source().ifPresent(all::add);
            } else {
                sources.forEach(s -> {
                    if (!Files.isDirectory(s)) {
                        throw new UserInputException("source folder " + s + " does not exist; pass an existing folder to --source");
                    }
                    all.add(CorpusSource.folder(s));
                });
            }
            java.util.Optional<Path> q = queries != null ? java.util.Optional.of(queries) : BundledCorpus.evalQueries();
            Path work = Files.createTempDirectory("cerebro-bench");
            try {
                CorpusBenchmark.run(new CorpusBenchmark.Options(all, q, work, syntheticFiles, queryRuns),
                        spec.commandLine().getOut());
            } finally {
                deleteTree(work);
            }
            return CliSupport.OK;
        }

        private static void deleteTree(Path dir) {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Command(name = "synth", mixinStandardHelpOptions = true,
            description = {"Write a generated corpus of worked examples (Python and R, ten chunks each, every family"
                    + " and method, varied domains, names, numbers and prose; the same seed writes the same files)"
                    + " for scale benchmarks: cerebro corpus rebuild --source DIR, cerebro corpus bench --source DIR."})
    static final class Synth implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--examples", defaultValue = "10000", description = "Examples to write (default ${DEFAULT-VALUE}).")
        int examples;

        @Option(names = "--output", required = true, paramLabel = "DIR", description = "An empty or new folder.")
        Path output;

        @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() throws IOException {
            if (examples < 1) {
                throw new UserInputException("--examples must be at least 1");
            }
            if (Files.exists(output) && !Files.isDirectory(output)) {
                throw new UserInputException(output + " is a file; name a new or empty folder for --output");
            }
            if (Files.isDirectory(output)) {
                try (var s = Files.list(output)) {
                    if (s.findAny().isPresent()) {
                        throw new UserInputException(output + " is not empty; name a new or empty folder for --output");
                    }
                }
            }
            long t0 = System.nanoTime();
            List<Path> files = WorkedExampleGenerator.write(output, examples, seed);
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "wrote %d examples (%d chunks each) to %s in %.1f s%nindex them: cerebro corpus rebuild"
                            + " --source %s --index DIR%n", files.size(), WorkedExampleGenerator.CHUNKS_PER_EXAMPLE, output,
                    (System.nanoTime() - t0) / 1e9, output);
            out.flush();
            return CliSupport.OK;
        }
    }

    static RebuildProgress progress(PrintWriter err, String label) {
        return Progress.interactive() ? new Progress(err, label) : RebuildProgress.NONE;
    }

    /** A one-line progress bar on stderr, drawn only when attached to a terminal. */
    static final class Progress implements RebuildProgress {
        private final PrintWriter err;
        private final String label;
        private long lastDraw;

        Progress(PrintWriter err, String label) {
            this.err = err;
            this.label = label;
        }

        static boolean interactive() {
            java.io.Console c = System.console();
            if (c == null || "dumb".equals(System.getenv("TERM"))) {
                return false;
            }
            try {
                // Java 22+ returns a console even when redirected; ask it whether it is a terminal
                return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
            } catch (ReflectiveOperationException e) {
                return true;
            }
        }

        @Override
        public void update(String phase, long done, long total) {
            long now = System.nanoTime();
            if (done < total && now - lastDraw < 100_000_000L) {
                return;
            }
            lastDraw = now;
            int width = 30;
            int filled = total == 0 ? width : (int) (width * done / total);
            err.printf("\r%s: %-6s [%s%s] %d/%d   ", label, phase, "#".repeat(filled), ".".repeat(width - filled), done, total);
            err.flush();
        }

        static void finish(PrintWriter err) {
            if (interactive()) {
                err.print("\r" + " ".repeat(78) + "\r");
                err.flush();
            }
        }
    }
}
