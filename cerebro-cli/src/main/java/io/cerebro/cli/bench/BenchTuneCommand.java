package io.cerebro.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.core.tune.StudySpec;
import io.cerebro.core.tune.StudySpecReader;
import io.cerebro.core.tune.journal.TrialJournal;
import io.cerebro.core.tune.objective.Outcome;
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

    @Override
    public Integer call() throws Exception {
        PrintWriter out = cmd.commandLine().getOut();
        Path dir = Files.createTempDirectory("cerebro-bench-tune");
        Path journal = dir.resolve("branin.jsonl");
        StudySpec spec = StudySpecReader.parse("name: branin\nobjective: {command: \"true\"}\nparameter_space:\n"
                + "  x1: {type: float, range: [-5, 10]}\n  x2: {type: float, range: [0, 15]}\nsampler: tpe\ntrials: " + trials + "\nseed: 1\n",
                "bench", dir, journal);
        long t0 = System.nanoTime();
        StudyResult r = StudyRunner.run(spec, (p, n) -> Outcome.of(branin(p)), false, ProgressListener.NONE);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        int read;
        try (TrialJournal j = TrialJournal.open(journal)) {
            read = j.trials().size();
        }
        double resume = (System.nanoTime() - t1) / 1e9;
        out.printf(Locale.ROOT, "cerebro  TPE + journal: %d trials in %.2f s, %.2f ms per trial, best %.6f (Branin minimum 0.397887)%n",
                trials, seconds, 1000 * seconds / trials, r.best().value());
        out.printf(Locale.ROOT, "cerebro  journal read back (resume): %d trials in %.3f s%n", read, resume);
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
