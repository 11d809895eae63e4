package io.cerebro.agents.bench;

import io.cerebro.agents.AgentContext;
import io.cerebro.agents.GeneratedPipeline;
import io.cerebro.agents.PipelineFamilies;
import io.cerebro.agents.generate.Attempt;
import io.cerebro.agents.generate.Hashing;
import io.cerebro.agents.generate.ValidationMemo;
import io.cerebro.agents.improve.Strategy;
import io.cerebro.agents.validate.PipelineValidator;
import io.cerebro.agents.validate.ValidationReport;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.SpecReader;
import io.cerebro.core.spec.SpecValidator;
import io.cerebro.rag.retain.RetainedExample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The benchmark of generation: for every case, write its seeded dataset, check that the reference
 * engine recovers the planted effect, then generate a pipeline with the case's strategy and validate
 * it against the engine (repairing it within the strategy's budget).
 *
 * <p>A bench instance keeps what does not change between rounds: each case's dataset and engine
 * result are made once, and the report of every program validated for a case is remembered
 * ({@link ValidationMemo}), so a program generated again (the offline template on a second round, a
 * replayed answer) is not compiled and run again. Close it to delete its scratch folder.
 */
public final class GenerationBench implements AutoCloseable {
    private final BenchEnvironment env;
    private final Path work;
    private final Map<String, CompletableFuture<Prepared>> prepared;
    private final Map<String, CompletableFuture<ValidationReport>> reports;
    private final boolean owner;
    private final Map<String, RetainedExample> validated;

    private record Prepared(Path data, AnalysisResult reference, double recovered, boolean plantedOk) {
    }

    /** @param env what to generate with */
    public GenerationBench(BenchEnvironment env) {
        this.env = env;
        try {
            this.work = Files.createTempDirectory("cerebro-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the benchmark's scratch folder", e);
        }
        this.prepared = new ConcurrentHashMap<>();
        this.reports = new ConcurrentHashMap<>();
        this.validated = new ConcurrentHashMap<>();
        this.owner = true;
        PipelineValidator.warmUp();
    }

    private GenerationBench(GenerationBench base, BenchEnvironment env) {
        this.env = env;
        this.work = base.work;
        this.prepared = base.prepared;
        this.reports = base.reports;
        this.validated = base.validated;
        this.owner = false;
    }

    /**
     * @return a bench that generates with {@code other} and shares this one's datasets, engine results and
     * validated programs (an LLM that answers with the template program costs no validation); closing it
     * leaves this bench's scratch folder alone
     */
    public GenerationBench with(BenchEnvironment other) {
        return new GenerationBench(this, other);
    }

    /** @return the environment. */
    public BenchEnvironment environment() {
        return env;
    }

    /**
     * Runs every case with the strategy {@code choose} gives it.
     *
     * @param cases   the cases
     * @param choose  the strategy of each case
     * @param threads cases run at once (each validation runs two sandboxed JVMs at once)
     * @return the report, cases in the order given
     */
    public BenchReport run(List<BenchSpec> cases, Function<BenchSpec, Strategy> choose, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "cerebro-bench");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<CaseResult>> futures = new ArrayList<>();
            for (BenchSpec c : cases) {
                Strategy s = choose.apply(c);
                futures.add(pool.submit(() -> runCase(c, s)));
            }
            List<CaseResult> out = new ArrayList<>();
            for (Future<CaseResult> f : futures) {
                out.add(await(f));
            }
            return new BenchReport(out);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs every case with one strategy. */
    public BenchReport run(List<BenchSpec> cases, Strategy strategy, int threads) {
        return run(cases, c -> strategy, threads);
    }

    /** Runs one case with a strategy. */
    public CaseResult runCase(BenchSpec c, Strategy strategy) {
        Prepared p = prepare(c);
        long start = System.nanoTime();
        try (Dataset data = p.data() == null ? null : Dataset.read(p.data())) {
            AgentContext context = env.context(c.family(), strategy, memo(c.id()));
            GeneratedPipeline g = PipelineFamilies.of(c.spec()).agent().generate(c.spec(), data, context, p.reference());
            List<Attempt> attempts = g.attempts();
            if (g.validated()) {
                validated.put(c.id(), retainable(c, g, data));
            }
            List<String> diagnostics = attempts.stream().filter(a -> !a.verdict().passed()).reduce((a, b) -> b)
                    .map(Attempt::diagnostics).orElse(List.of());
            return new CaseResult(c.id(), c.family(), strategy.label(), c.planted().value(), p.recovered(), p.plantedOk(),
                    g.validated(), attempts.size(), attempts.stream().map(Attempt::verdict).toList(), diagnostics,
                    (System.nanoTime() - start) / 1_000_000, context.generator().tokensUsed(), g.code(),
                    g.retrievedExampleIds());
        }
    }

    /**
     * @return the last pipeline validated for the case in this bench (or a bench sharing its state), as an
     * example to retain into a corpus index with its spec, data schema and validation record; empty when
     * none validated
     */
    public Optional<RetainedExample> validatedExample(String caseId) {
        return Optional.ofNullable(validated.get(caseId));
    }

    private static RetainedExample retainable(BenchSpec c, GeneratedPipeline g, Dataset data) {
        Map<String, String> schema = new LinkedHashMap<>();
        if (data != null) {
            data.columns().forEach(col -> schema.put(col.name(), col.type().name()));
        }
        List<String> checks = new ArrayList<>(g.validation().notes());
        checks.add(g.validation().describe());
        String generator = g.generator() + (g.model() == null ? "" : " " + g.model());
        return new RetainedExample(c.family(), List.of(g.method()), "benchmark case " + c.id() + ": " + c.family() + " "
                + g.method().replace('.', ' ').replace('_', ' '), g.code(), SpecReader.toTree(c.spec()).toString(), schema,
                data == null ? 0 : data.rowCount(), g.validation().verdict().name(), checks, generator);
    }

    /** Writes the case's data and runs the engine on it, once per bench. */
    private Prepared prepare(BenchSpec c) {
        CompletableFuture<Prepared> mine = new CompletableFuture<>();
        CompletableFuture<Prepared> f = prepared.putIfAbsent(c.id(), mine);
        if (f == null) {
            try {
                Path file = work.resolve(c.id() + ".csv");
                boolean written = BenchData.write(c.generator(), c.params(), c.seed(), file);
                try (Dataset data = written ? Dataset.read(file) : null) {
                    SpecValidator.requireValid(c.spec(), data);
                    AnalysisResult ref = Engines.run(c.spec(), data);
                    double v = c.planted().read(ref);
                    mine.complete(new Prepared(written ? file : null, ref, v, c.planted().recovered(v)));
                }
            } catch (IOException | RuntimeException e) {
                mine.completeExceptionally(e instanceof IOException io ? new UncheckedIOException(c.id() + ": " + io.getMessage(), io) : e);
            }
            f = mine;
        }
        return await(f);
    }

    /** The memo of one case: a program validated once for the case is not validated again. */
    private ValidationMemo memo(String caseId) {
        return (code, validator) -> {
            String key = caseId + "\n" + Hashing.sha256(code);
            CompletableFuture<ValidationReport> mine = new CompletableFuture<>();
            CompletableFuture<ValidationReport> f = reports.putIfAbsent(key, mine);
            if (f == null) {
                try {
                    mine.complete(validator.apply(code));
                } catch (RuntimeException e) {
                    reports.remove(key);
                    mine.completeExceptionally(e);
                    throw e;
                }
                return mine.join();
            }
            return await(f);
        };
    }

    /** @return programs validated so far (distinct per case), for reports of how much was shared. */
    public int validatedPrograms() {
        return reports.size();
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the benchmark", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        if (!owner) {
            return;
        }
        try (Stream<Path> s = Files.walk(work)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: the folder lives under java.io.tmpdir
        }
    }
}
