package io.cerebro.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.cli.MmmCommand;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.mmm.MmmEngine;
import io.cerebro.core.mmm.fit.MmmData;
import io.cerebro.core.mmm.fit.ProgressListener;
import io.cerebro.core.mmm.transform.Adstock;
import io.cerebro.core.mmm.transform.GeometricAdstock;
import io.cerebro.core.mmm.transform.LogisticSaturation;
import io.cerebro.core.spec.MMMSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * {@code cerebro bench mmm}: a marketing mix model on simulated weekly data (default 3 years,
 * 6 channels with planted geometric adstock and logistic saturation), with a hyperparameter search
 * of {@code --candidates} points and {@code --bootstrap} refits, against a numpy/scikit-learn peer
 * ({@code tools/bench/mmm_peer.py}) running the same transforms, ridge and random search on the
 * same data in the same run. The peer's bootstrap keeps the selected parameters fixed (cheaper than
 * Cerebro's, which re-optimises them in every replicate), which the output says.
 */
@Command(name = "mmm", mixinStandardHelpOptions = true,
        description = "Benchmark the marketing mix model (search + bootstrap) against a scikit-learn peer.")
public final class BenchMmmCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--weeks", defaultValue = "156", description = "weeks simulated (default ${DEFAULT-VALUE})")
    int weeks;

    @Option(names = "--channels", defaultValue = "6", description = "channels simulated (default ${DEFAULT-VALUE})")
    int channels;

    @Option(names = "--candidates", defaultValue = "2000", description = "hyperparameter candidates (default ${DEFAULT-VALUE})")
    int candidates;

    @Option(names = "--bootstrap", defaultValue = "200", description = "bootstrap refits (default ${DEFAULT-VALUE})")
    int bootstrap;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python with scikit-learn (default ${DEFAULT-VALUE})")
    String python;

    @Option(names = "--script", defaultValue = "tools/bench/mmm_peer.py", description = "the peer script (default ${DEFAULT-VALUE})")
    Path script;

    @Option(names = "--seed", defaultValue = "42", description = "simulation and search seed (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (weeks < 52 || channels < 1 || channels > 20 || candidates < 1 || bootstrap < 0) {
            throw new UserInputException("need --weeks >= 52, 1 <= --channels <= 20, --candidates >= 1 and --bootstrap >= 0");
        }
        SplittableRandom r = new SplittableRandom(seed);
        double[][] spend = new double[channels][weeks];
        double[][] contribution = new double[channels][weeks];
        double[] y = new double[weeks];
        for (int t = 0; t < weeks; t++) {
            y[t] = 5000 + 4 * t + 300 * Math.sin(2 * Math.PI * t * 7 / 365.25) + 80 * r.nextGaussian();
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            names.add("ch" + (c + 1));
            double alpha = 0.1 + 0.7 * c / Math.max(1, channels - 1);
            double lambda = 1 + 3.0 * ((c * 7) % channels) / channels;
            double beta = 600 + 150 * c;
            double max = 0;
            for (int t = 0; t < weeks; t++) {
                spend[c][t] = r.nextDouble() < 0.25 ? 0 : (50 + 20 * c) * (0.3 + 1.4 * r.nextDouble());
                max = Math.max(max, spend[c][t]);
            }
            double[] ad = Adstock.convolve(spend[c], GeometricAdstock.weights(alpha, 8));
            for (int t = 0; t < weeks; t++) {
                contribution[c][t] = beta * LogisticSaturation.logistic(ad[t] / max, lambda);
                y[t] += contribution[c][t];
            }
        }
        double ySum = 0;
        for (double v : y) {
            ySum += v;
        }
        LocalDate[] dates = new LocalDate[weeks];
        for (int t = 0; t < weeks; t++) {
            dates[t] = LocalDate.of(2021, 1, 4).plusWeeks(t);
        }
        MmmData data = new MmmData(dates, y, List.copyOf(names), allTrue(channels), spend, List.of(), new double[0][]);
        MMMSpec s = MMMSpec.builder("week", "sales", names).trend(true).seasonality(MMMSpec.Seasonality.YEARLY)
                .candidates(candidates).bootstrap(bootstrap).seed(seed).build();
        out.printf(Locale.ROOT, "mmm bench: %d weeks, %d channels, %d candidates (+ Nelder-Mead refinement), %d bootstrap refits%n",
                weeks, channels, candidates, bootstrap);
        out.flush();
        long start = System.nanoTime();
        PhaseClock clock = new PhaseClock(new MmmCommand.ProgressBar(spec.commandLine().getErr()));
        MmmEngine.Fitted f = MmmEngine.fit(s, data, clock);
        long end = System.nanoTime();
        double seconds = (end - start) / 1e9;
        double searchSeconds = ((clock.bootstrapStart < 0 ? end : clock.bootstrapStart) - start) / 1e9;
        out.printf(Locale.ROOT, "  cerebro   %8.2f s   search %.2f s (%d models fitted), bootstrap %.2f s (every replicate re-optimises the parameters)%n",
                seconds, searchSeconds, f.search().evaluated(), seconds - searchSeconds);
        out.println("  channel   true share   cerebro");
        for (int c = 0; c < channels; c++) {
            double truth = sum(contribution[c]) / ySum;
            out.printf(Locale.ROOT, "  %-8s  %9.4f    %7.4f%n", names.get(c), truth, sum(f.full().contribution(c)) / ySum);
        }
        if (!Files.isRegularFile(script)) {
            out.println("peer script " + script + " not found (run from the project root); scikit-learn comparison skipped");
            return 0;
        }
        Path csv = Files.createTempFile("cerebro-mmm-bench", ".csv");
        try {
            StringBuilder sb = new StringBuilder("week,sales");
            names.forEach(n -> sb.append(',').append(n));
            sb.append('\n');
            for (int t = 0; t < weeks; t++) {
                sb.append(dates[t]).append(',').append(y[t]);
                for (int c = 0; c < channels; c++) {
                    sb.append(',').append(spend[c][t]);
                }
                sb.append('\n');
            }
            Files.writeString(csv, sb.toString());
            Process p = new ProcessBuilder(python, script.toString(), csv.toString(), Integer.toString(candidates),
                    Integer.toString(bootstrap), Long.toString(seed)).redirectErrorStream(false).start();
            String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                out.println("python peer failed: " + err.lines().reduce((a, b) -> b).orElse("no output"));
                return 0;
            }
            JsonNode peer = new ObjectMapper().readTree(json.lines().reduce((a, b) -> b).orElseThrow());
            double ps = peer.get("search_seconds").asDouble() + peer.get("bootstrap_seconds").asDouble();
            out.printf(Locale.ROOT, "  peer      %8.2f s   %s: search %.2f s, bootstrap %.2f s (fixed parameters)%n", ps,
                    peer.get("peer").asText(), peer.get("search_seconds").asDouble(), peer.get("bootstrap_seconds").asDouble());
            out.printf(Locale.ROOT, "  ratio     %8.1fx  (peer time / cerebro time)%n", ps / seconds);
            // the two bootstraps do different work, so the search is the like-for-like part: time per model fitted
            double cerebroPerFit = 1000 * searchSeconds / f.search().evaluated();
            double peerPerFit = 1000 * peer.get("search_seconds").asDouble() / candidates;
            out.printf(Locale.ROOT, "  per fit   cerebro %.3f ms, peer %.3f ms in the search: %.1fx (peer / cerebro)%n",
                    cerebroPerFit, peerPerFit, peerPerFit / cerebroPerFit);
            out.print("  peer shares:");
            for (String n : names) {
                out.printf(Locale.ROOT, " %s %.4f", n, peer.get("shares").get(n).asDouble());
            }
            out.println();
        } finally {
            Files.deleteIfExists(csv);
        }
        return 0;
    }

    /** Passes progress on to the bar and notes when the search's refinement ends, so the search can be timed alone. */
    private static final class PhaseClock implements ProgressListener {
        private final ProgressListener bar;
        long bootstrapStart = -1;

        PhaseClock(ProgressListener bar) {
            this.bar = bar;
        }

        @Override
        public synchronized void update(String stage, int done, int total) {
            if (bootstrapStart < 0 && stage.equals("refine") && done == total) {
                bootstrapStart = System.nanoTime();
            }
            bar.update(stage, done, total);
        }
    }

    private static boolean[] allTrue(int k) {
        boolean[] b = new boolean[k];
        java.util.Arrays.fill(b, true);
        return b;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }
}
