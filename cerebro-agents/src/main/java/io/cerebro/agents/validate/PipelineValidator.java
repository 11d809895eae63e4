package io.cerebro.agents.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.AnalysisSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Runs a program through every validation stage: extract and parse, safety policy, in-memory
 * compilation, sandboxed run on the (filtered) data, comparison with the reference engine, and a
 * second run and comparison on synthetic data with a planted effect.
 *
 * <p>Open a {@link Session} per spec and dataset: it computes the engine's results and exports
 * the data once, so a repair loop can validate many attempts cheaply. The program receives the
 * data as {@code args[0]}, a CSV copy of the dataset AFTER the spec's {@code where} filter (the
 * filter is applied by Cerebro, not re-implemented by the program). What {@code args[0]} holds and
 * which engine result the synthetic run is compared with are the family's
 * ({@link io.cerebro.agents.PipelineFamily#writeProgramInput}, {@link io.cerebro.agents.PipelineFamily#referenceOnSynthetic}):
 * a family that reads no data (power) passes a null dataset and gives the program a design table.
 */
public final class PipelineValidator {
    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    private final SandboxLimits limits;
    private final SyntheticDataFactory synthetic;

    /**
     * @param limits    time and heap limits per run
     * @param synthetic writer of the synthetic dataset for the second comparison
     */
    public PipelineValidator(SandboxLimits limits, SyntheticDataFactory synthetic) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.synthetic = Objects.requireNonNull(synthetic, "synthetic");
    }

    private static final java.util.concurrent.atomic.AtomicBoolean WARMED = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Starts loading and warming the parser and the compiler on a background daemon thread (once per
     * JVM), so that a validation that follows — after the data is read — does not pay their cold start.
     */
    public static void warmUp() {
        if (!WARMED.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(() -> {
            String code = "import java.util.List;\npublic class Warmup {\n    public static void main(String[] args) {\n"
                    + "        System.out.println(List.of(args.length).size());\n    }\n}\n";
            try {
                SafetyPolicy.check(ParsedProgram.parse(code).unit());
                InMemoryCompiler.compile("Warmup", code);
            } catch (ParsedProgram.ParseFailure | RuntimeException ignored) {
                // a failed warm-up only costs the time it saved
            }
        }, "cerebro-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** Opens a validation session for one spec and dataset; close it to delete the scratch folder. */
    public Session open(AnalysisSpec spec, Dataset data) {
        return new Session(spec, data, null);
    }

    /**
     * Opens a session whose engine result on the data is already known (the caller just ran
     * {@link Engines#run} on the same spec and data), so the engine is not run again; null runs it.
     */
    public Session open(AnalysisSpec spec, Dataset data, AnalysisResult reference) {
        return new Session(spec, data, reference);
    }

    /** Validation state shared by all attempts for one spec and dataset. */
    public final class Session implements AutoCloseable {
        private final AnalysisSpec spec;
        private final Dataset data;
        private final Path scratch;
        private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "cerebro-validate");
            t.setDaemon(true);
            return t;
        });
        /** Engine results and the exported and synthetic data, prepared in the background while the code compiles. */
        private final Future<Prepared> prepared;
        private final AtomicInteger runs = new AtomicInteger();

        private final AnalysisResult knownReference;

        private Session(AnalysisSpec spec, Dataset data, AnalysisResult knownReference) {
            this.spec = spec;
            this.data = data;
            this.knownReference = knownReference;
            try {
                this.scratch = Files.createTempDirectory("cerebro-validate-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a scratch folder for validation", e);
            }
            this.prepared = pool.submit(this::prepare);
        }

        private Prepared prepare() throws IOException {
            // what the program reads and which spec the engine answers on the synthetic file are the family's
            // call: the filtered dataset for a data family, a design table for a family that reads no data
            io.cerebro.agents.PipelineFamily<?> family = io.cerebro.agents.PipelineFamilies.of(spec);
            long t = System.nanoTime();
            AnalysisResult ref = knownReference != null ? knownReference : Engines.run(spec, data);
            Path dataCsv = scratch.resolve("data.csv");
            family.writeProgramInputOf(spec, data, dataCsv);
            long engineMillis = (System.nanoTime() - t) / 1_000_000;
            t = System.nanoTime();
            Path syntheticCsv = scratch.resolve("synthetic.csv");
            synthetic.write(spec, data, syntheticCsv, spec.seed() + 1);
            AnalysisResult syntheticRef = family.referenceOnSyntheticOf(spec, syntheticCsv);
            Long rows = syntheticRef.provenance() == null ? null : syntheticRef.provenance().dataRows();
            long syntheticRows = rows != null ? rows : csvRows(syntheticCsv);
            return new Prepared(ref, dataCsv, syntheticRef, syntheticCsv, syntheticRows, engineMillis,
                    (System.nanoTime() - t) / 1_000_000);
        }

        /** @return the reference engine's result on the data (computed once). */
        public AnalysisResult reference() {
            return await(prepared).reference();
        }

        /**
         * Validates a program or an LLM answer containing one. The report records every value compared,
         * on both datasets, and the synthetic dataset's seed and planted effect.
         */
        public ValidationReport validate(String codeOrAnswer) {
            List<FieldComparison> checks = new ArrayList<>();
            ValidationReport r = validate(codeOrAnswer, checks);
            Prepared prep = prepared.isDone() && !prepared.isCancelled() ? await(prepared) : null;
            SecondDataset second = prep == null || checks.stream().noneMatch(c -> c.dataset().equals("synthetic")) ? null
                    : new SecondDataset(spec.seed() + 1, prep.syntheticRows(),
                    io.cerebro.agents.PipelineFamilies.of(spec).plantedEffectOf(spec));
            return r.withRecord(checks, second);
        }

        private ValidationReport validate(String codeOrAnswer, List<FieldComparison> checks) {
            List<StageTiming> timings = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            String source = CodeExtractor.extract(codeOrAnswer);
            // javac runs no annotation processors and executes nothing, so compiling while the policy
            // is checked is safe; nothing runs before both have passed
            String guessedName = guessClassName(source);
            long compileStart = System.nanoTime();
            Future<InMemoryCompiler.Compilation> compiling = pool.submit(() -> InMemoryCompiler.compile(guessedName, source));
            long t = System.nanoTime();
            ParsedProgram program;
            try {
                program = ParsedProgram.parse(source);
            } catch (ParsedProgram.ParseFailure e) {
                compiling.cancel(true);
                timings.add(stage("parse", t));
                return new ValidationReport(Verdict.PARSE_ERROR, e.problems(), notes, timings, null);
            }
            timings.add(stage("parse", t));
            t = System.nanoTime();
            List<String> violations = SafetyPolicy.check(program.unit());
            timings.add(stage("policy", t));
            if (!violations.isEmpty()) {
                compiling.cancel(true);
                return new ValidationReport(Verdict.POLICY_VIOLATION, violations, notes, timings, program.className());
            }
            InMemoryCompiler.Compilation c = program.className().equals(guessedName) ? await(compiling)
                    : InMemoryCompiler.compile(program.className(), source);
            timings.add(stage("compile", compileStart));
            if (!c.ok()) {
                return new ValidationReport(Verdict.COMPILE_ERROR, c.errors(), notes, timings, program.className());
            }
            t = System.nanoTime();
            Prepared prep = await(prepared);
            timings.add(new StageTiming("engine", prep.engineMillis()));
            timings.add(new StageTiming("synthetic-data", prep.syntheticMillis()));
            timings.add(stage("wait-for-engine", t));
            // both runs at once: the synthetic one only matters when the first agrees, but it costs no extra wall time
            Future<SandboxRunner.Run> second = pool.submit(() -> sandbox(program, c, prep.syntheticCsv()));
            try {
                SandboxRunner.Run first = sandbox(program, c, prep.dataCsv());
                ValidationReport r = judge(program, first, prep.reference(), "", Verdict.MISMATCH, timings, notes, checks);
                if (r != null) {
                    second.cancel(true);
                    return r;
                }
                r = judge(program, await(second), prep.syntheticReference(), "on synthetic data: ", Verdict.SYNTHETIC_MISMATCH,
                        timings, notes, checks);
                if (r != null) {
                    return r;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("validation failed to use its scratch folder " + scratch + ": " + e.getMessage(), e);
            }
            return new ValidationReport(Verdict.PASSED, List.of(), notes, timings, program.className());
        }

        private SandboxRunner.Run sandbox(ParsedProgram program, InMemoryCompiler.Compilation c, Path csv) throws IOException {
            Path runDir = scratch.resolve("run-" + runs.incrementAndGet());
            return SandboxRunner.run(c.classes(), program.className(), List.of(csv.toString()), runDir, limits);
        }

        private ValidationReport judge(ParsedProgram program, SandboxRunner.Run run, AnalysisResult ref, String prefix,
                                       Verdict mismatch, List<StageTiming> timings, List<String> notes,
                                       List<FieldComparison> checks) {
            timings.add(new StageTiming(prefix.isEmpty() ? "run" : "run-synthetic", run.millis()));
            if (run.timedOut()) {
                return new ValidationReport(Verdict.TIMEOUT, List.of(prefix + "killed after " + limits.timeout().toMillis()
                        + " ms (time limit); the process tree was destroyed"), notes, timings, program.className());
            }
            if (run.killedFor() != null) {
                return new ValidationReport(Verdict.RESOURCE_LIMIT, List.of(prefix + run.killedFor() + " after " + run.millis()
                        + " ms; generated analysis code needs no threads, processes or files beyond reading its input"),
                        notes, timings, program.className());
            }
            if (run.flooded()) {
                return new ValidationReport(Verdict.BAD_OUTPUT, List.of(prefix + "killed for printing more than "
                        + (SandboxRunner.MAX_OUTPUT >> 20) + " MiB; print one result JSON object"), notes, timings, program.className());
            }
            if (run.outOfMemory()) {
                return new ValidationReport(Verdict.OUT_OF_MEMORY, List.of(prefix + "stopped by the heap cap of " + limits.heapMb()
                        + " MiB: " + firstLineWith(run.stderr() + "\n" + run.stdout(), "OutOfMemoryError")), notes, timings,
                        program.className());
            }
            if (run.exitCode() != 0) {
                return new ValidationReport(Verdict.RUNTIME_ERROR, List.of(prefix + "exit code " + run.exitCode() + ": "
                        + tail(run.stderr(), 25)), notes, timings, program.className());
            }
            long t = System.nanoTime();
            JsonNode printed = parseOutput(run.stdout());
            if (printed == null) {
                timings.add(stage("compare", t));
                return new ValidationReport(Verdict.BAD_OUTPUT, List.of(prefix + "no JSON object on standard output; got: "
                        + abbreviate(run.stdout(), 400)), notes, timings, program.className());
            }
            ResultComparator.Comparison cmp = ResultComparator.compare(ref, printed, prefix.isEmpty() ? "data" : "synthetic");
            checks.addAll(cmp.checks());
            timings.add(stage(prefix.isEmpty() ? "compare" : "compare-synthetic", t));
            if (prefix.isEmpty()) {
                notes.addAll(cmp.notes());
            }
            if (!cmp.agrees()) {
                return new ValidationReport(mismatch, cmp.mismatches().stream().map(m -> prefix + m).toList(), notes, timings,
                        program.className());
            }
            return null;
        }

        @Override
        public void close() {
            pool.shutdownNow();
            try {
                pool.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try (Stream<Path> s = Files.walk(scratch)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // best effort: the folder lives under java.io.tmpdir
            }
        }
    }

    private record Prepared(AnalysisResult reference, Path dataCsv, AnalysisResult syntheticReference, Path syntheticCsv,
                            long syntheticRows, long engineMillis, long syntheticMillis) {
    }

    /** @return the data lines of a CSV with a header (the synthetic file of a family whose engine reads no rows). */
    private static long csvRows(Path csv) throws IOException {
        try (Stream<String> lines = Files.lines(csv)) {
            return Math.max(0, lines.filter(l -> !l.isBlank()).count() - 1);
        }
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during validation", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof IOException io) {
                throw new UncheckedIOException("validation could not prepare its data: " + io.getMessage(), io);
            }
            throw new IllegalStateException(c);
        }
    }

    private static String guessClassName(String source) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\s*public\\s+(?:final\\s+)?class\\s+(\\w+)").matcher(source);
        return m.find() ? m.group(1) : "Pipeline";
    }

    /**
     * Writes the dataset (already filtered) as a CSV with a header: numbers in Java's shortest
     * round-trip form, booleans as true/false, missing values as empty cells.
     */
    public static void export(Dataset data, Path csv) throws IOException {
        try (java.io.BufferedWriter w = Files.newBufferedWriter(csv)) {
            data.query("SELECT * FROM " + Dataset.TABLE, rs -> {
                int n = rs.getMetaData().getColumnCount();
                try {
                    for (int i = 1; i <= n; i++) {
                        w.write((i > 1 ? "," : "") + csvCell(rs.getMetaData().getColumnLabel(i)));
                    }
                    w.write('\n');
                    while (rs.next()) {
                        for (int i = 1; i <= n; i++) {
                            Object v = rs.getObject(i);
                            if (i > 1) {
                                w.write(',');
                            }
                            if (v != null) {
                                w.write(csvCell(v instanceof Double dv && dv.isNaN() ? "" : String.valueOf(v)));
                            }
                        }
                        w.write('\n');
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            });
        }
    }

    private static String csvCell(String v) {
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    /** Finds the result object in standard output: the whole output, or the last top-level {...} in it. */
    static JsonNode parseOutput(String stdout) {
        String s = stdout.strip();
        try {
            JsonNode n = LENIENT.readTree(s);
            if (n != null && n.isObject()) {
                return n;
            }
        } catch (IOException ignored) {
            // fall through: the program printed more than the JSON
        }
        int end = s.lastIndexOf('}');
        for (int start = s.indexOf('{'); start >= 0 && start < end; start = s.indexOf('{', start + 1)) {
            if (start > 0 && s.charAt(start - 1) != '\n') {
                continue;
            }
            try {
                JsonNode n = LENIENT.readTree(s.substring(start, end + 1));
                if (n != null && n.isObject() && n.has("estimates")) {
                    return n;
                }
            } catch (IOException ignored) {
                // try the next candidate
            }
        }
        return null;
    }

    private static StageTiming stage(String name, long startNanos) {
        return new StageTiming(name, (System.nanoTime() - startNanos) / 1_000_000);
    }

    private static String firstLineWith(String text, String needle) {
        return text.lines().filter(l -> l.contains(needle)).findFirst().orElse(needle).strip();
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().filter(l -> !l.isBlank()).toList();
        // the exception line and the program's own frames are what a reader (or an LLM) needs
        List<String> keep = all.size() <= lines ? all : all.subList(0, lines);
        return keep.isEmpty() ? "(no output on standard error)" : String.join("\n    ", keep);
    }

    private static String abbreviate(String s, int max) {
        String t = s.strip();
        return t.isEmpty() ? "(nothing)" : t.length() <= max ? t : t.substring(0, max) + "...";
    }
}
