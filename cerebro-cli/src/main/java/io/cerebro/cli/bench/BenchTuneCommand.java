package io.cerebro.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.core.tune.StudySpec;
import io.cerebro.core.tune.StudySpecReader;
import io.cerebro.core.tune.journal.TrialJournal;
import io.cerebro.core.tune.objective.Outcome;
import io.cerebro.core.tune.sampler.Sampler;
import io.cerebro.core.tune.sampler.Samplers;
import io.cerebro.core.tune.study.ProgressListener;
import io.cerebro.core.tune.study.StudyResult;
import io.cerebro.core.tune.study.StudyRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code cerebro bench tune}: a TPE study of a cheap in-process objective (Branin) with the journal
 * on, timed in this process, against Optuna's TPESampler with a JournalStorage file
 * ({@code tools/bench/tune_peer.py}) in the same run; then the time to read the journal back.
 */
@Command(name = "tune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time a TPE study of Branin with the journal on (sampler + journal overhead per trial) against Optuna "
                + "(TPESampler + JournalStorage) in the same run, and the time to read the journal back (resume).",
                "Example: cerebro bench tune --trials 2000 --python /path/to/python-with-optuna"})
public final class BenchTuneCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    @Option(names = "--trials", paramLabel = "N", defaultValue = "2000", description = "Trials (default ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--python", paramLabel = "EXE", defaultValue = "/usr/bin/python3",
            description = "Python with optuna for the peer (default ${DEFAULT-VALUE}); skipped when optuna is missing.")
    Path python;

    @Option(names = "--resume-trials", paramLabel = "N", defaultValue = "10000",
            description = "Trials of the journals the resume is timed on (default ${DEFAULT-VALUE}).")
    int resumeTrials;

    static final String SPACE = "parameter_space:\n"
            + "  x1: {type: float, range: [-5, 10]}\n  x2: {type: float, range: [0, 15]}\nsampler: tpe\nseed: 1\n";

    @Override
    public Integer call() throws Exception {
        if (trials < 1 || resumeTrials < 1) {
            throw new io.cerebro.core.error.UserInputException("--trials and --resume-trials must be at least 1, got " + trials + " and " + resumeTrials);
        }
        PrintWriter out = cmd.commandLine().getOut();
        Path dir = Files.createTempDirectory("cerebro-bench-tune");
        Path journal = dir.resolve("branin.jsonl");
        StudySpec spec = StudySpecReader.parse("name: branin\nobjective: {command: \"true\"}\n" + SPACE + "trials: " + trials + "\n", "bench", dir, journal);
        Sampler tpe = Samplers.of(spec);
        long[] samplerNanos = new long[1];
        long[] objectiveNanos = new long[1];
        Sampler timed = (number, finished) -> {
            long s0 = System.nanoTime();
            try {
                return tpe.suggest(number, finished);
            } finally {
                samplerNanos[0] += System.nanoTime() - s0;
            }
        };
        long t0 = System.nanoTime();
        StudyResult r = StudyRunner.run(spec, timed, (p, n) -> {
            long s0 = System.nanoTime();
            Outcome o = Outcome.of(branin(p));
            objectiveNanos[0] += System.nanoTime() - s0;
            return o;
        }, false, ProgressListener.NONE, java.util.List.of());
        long total = System.nanoTime() - t0;
        double seconds = total / 1e9;
        out.printf(Locale.ROOT, "cerebro  TPE + journal: %d trials in %.2f s, %.2f ms per trial, best %.6f (Branin minimum 0.397887)%n",
                trials, seconds, 1e-6 * total / trials, r.best().value());
        out.printf(Locale.ROOT, "  per trial: sampler %.3f ms, objective %.4f ms, journal (append, fsync, lock, read-back) and runner %.3f ms%n",
                1e-6 * samplerNanos[0] / trials, 1e-6 * objectiveNanos[0] / trials, 1e-6 * (total - samplerNanos[0] - objectiveNanos[0]) / trials);
        long t1 = System.nanoTime();
        int read;
        try (TrialJournal j = TrialJournal.open(journal)) {
            read = j.trials().size();
        }
        out.printf(Locale.ROOT, "cerebro  journal read back: %d trials in %.3f s%n", read, (System.nanoTime() - t1) / 1e9);
        resume(out, dir, 1);
        resume(out, dir, 2);
        Path script = findScript();
        if (script != null && Files.isExecutable(python)) {
            Process p = new ProcessBuilder(python.toString(), script.toString(), Integer.toString(trials), dir.resolve("optuna.log").toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String text = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor(3600, TimeUnit.SECONDS) && p.exitValue() == 0 && !text.isEmpty()) {
                JsonNode n = new ObjectMapper().readTree(text.lines().reduce((a, b) -> b).orElse("{}"));
                double peer = n.path("seconds").asDouble();
                out.printf(Locale.ROOT, "optuna %s TPE + JournalStorage: %d trials in %.2f s, %.2f ms per trial, best %.6f%n",
                        n.path("optuna").asText(), trials, peer, 1000 * peer / trials, n.path("best").asDouble());
                out.printf(Locale.ROOT, "ratio optuna / cerebro: %.1fx%n", peer / seconds);
            } else {
                out.println("optuna peer skipped: " + python + " could not import optuna (pass --python with optuna installed)");
            }
        } else {
            out.println("optuna peer skipped: tools/bench/tune_peer.py or " + python + " not found");
        }
        out.flush();
        return 0;
    }

    /**
     * Writes a journal of {@code resumeTrials} finished trials (random configurations of Branin, and
     * for two objectives also the distance to another of its minima, (-π, 12.275)) and times resuming it for one more trial:
     * reading the journal, the TPE sampler's proposal from all its trials, the trial and the result
     * (best trial, Pareto front, importance); then each part alone.
     */
    private void resume(PrintWriter out, Path dir, int objectives) {
        Path journal = dir.resolve("resume-" + objectives + ".jsonl");
        String objective = "objective: {command: \"true\"" + (objectives == 1 ? "" : ", direction: [minimize, minimize]") + "}\n";
        StudySpec spec = StudySpecReader.parse("name: resume\n" + objective + SPACE + "trials: " + (resumeTrials + 1) + "\n", "bench", dir, journal);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(7);
        java.util.List<io.cerebro.core.tune.journal.Trial> done = new java.util.ArrayList<>();
        for (int n = 0; n < resumeTrials; n++) {
            Map<String, Object> p = spec.space().configuration(new double[]{rng.nextDouble(), rng.nextDouble()});
            java.util.List<Double> v = values(p, objectives);
            done.add(new io.cerebro.core.tune.journal.Trial(n, p, io.cerebro.core.tune.journal.Trial.State.COMPLETE, v, 0, v, null, 0, "bench"));
        }
        TrialJournal.writeFinished(journal, "resume", done);
        long t0 = System.nanoTime();
        StudyResult r = StudyRunner.run(spec, (p, n) -> Outcome.aggregate(java.util.List.of(values(p, objectives).stream().mapToDouble(Double::doubleValue).toArray())), true, ProgressListener.NONE);
        double whole = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        java.util.List<io.cerebro.core.tune.journal.Trial> all;
        try (TrialJournal j = TrialJournal.open(journal)) {
            all = j.trials();
        }
        double read = (System.nanoTime() - t1) / 1e9;
        long t2 = System.nanoTime();
        Samplers.of(spec).suggest(all.size(), all);
        double sample = (System.nanoTime() - t2) / 1e9;
        long t3 = System.nanoTime();
        StudyResult again = StudyResult.of(spec, all);
        double result = (System.nanoTime() - t3) / 1e9;
        out.printf(Locale.ROOT, "cerebro  resume of %d trials (%d objective%s, %d on the Pareto front): %.3f s; alone: journal read %.3f s, "
                        + "TPE proposal %.3f s, result (best, front, importance) %.3f s%n", resumeTrials, objectives, objectives == 1 ? "" : "s",
                again.front().size(), whole, read, sample, result);
        if (r.trials().size() != resumeTrials + 1) {
            throw new IllegalStateException("the resumed study has " + r.trials().size() + " trials, expected " + (resumeTrials + 1));
        }
    }

    private static java.util.List<Double> values(Map<String, Object> p, int objectives) {
        double b = branin(p);
        if (objectives == 1) {
            return java.util.List.of(b);
        }
        double x1 = ((Number) p.get("x1")).doubleValue() + Math.PI; // another Branin minimum, (-π, 12.275): the objectives conflict
        double x2 = ((Number) p.get("x2")).doubleValue() - 12.275;
        return java.util.List.of(b, Math.sqrt(x1 * x1 + x2 * x2));
    }

    static double branin(Map<String, Object> p) {
        double x1 = ((Number) p.get("x1")).doubleValue();
        double x2 = ((Number) p.get("x2")).doubleValue();
        double b = 5.1 / (4 * Math.PI * Math.PI);
        double c = 5 / Math.PI;
        double t = 1 / (8 * Math.PI);
        return Math.pow(x2 - b * x1 * x1 + c * x1 - 6, 2) + 10 * (1 - t) * Math.cos(x1) + 10;
    }

    private static Path findScript() {
        Path d = Path.of("").toAbsolutePath();
        while (d != null) {
            Path s = d.resolve("tools/bench/tune_peer.py");
            if (Files.isRegularFile(s)) {
                return s;
            }
            d = d.getParent();
        }
        return null;
    }
}
