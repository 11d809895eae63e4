package io.cerebro.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.cli.MmmCommand;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.mmm.fit.ProgressListener;
import io.cerebro.core.spec.UpliftSpec;
import io.cerebro.core.uplift.UpliftEngine;
import io.cerebro.core.uplift.learner.UpliftData;
import io.cerebro.core.uplift.model.FeatureMatrix;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * {@code cerebro bench uplift}: a randomised trial simulated in memory ({@code --rows} × {@code --features},
 * {@code tau = 1 + x1 + 0.5 sin(2 x2)}, outcome {@code x3 + 0.5 x4² + W tau + N(0, 1)}), fitted with the
 * boosted T-learner on 2 cross-fitting folds (each arm model sees half the rows once, as much training as one
 * fit on all rows) and the causal forest; then scikit-learn's HistGradientBoosting T-learner
 * ({@code tools/bench/uplift_peer.py}) on the same rows in the same run. Times exclude reading; memory is the
 * peak resident set of each process.
 */
@Command(name = "uplift", mixinStandardHelpOptions = true,
        description = "Benchmark the T-learner and the causal forest against scikit-learn's HistGradientBoosting T-learner.")
public final class BenchUpliftCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--rows", defaultValue = "1000000", description = "rows simulated (default ${DEFAULT-VALUE})")
    int rows;

    @Option(names = "--features", defaultValue = "20", description = "features simulated (default ${DEFAULT-VALUE})")
    int features;

    @Option(names = "--trees", defaultValue = "500", description = "causal forest trees; 0 skips the forest (default ${DEFAULT-VALUE})")
    int trees;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python with scikit-learn (default ${DEFAULT-VALUE})")
    String python;

    @Option(names = "--script", defaultValue = "tools/bench/uplift_peer.py", description = "the peer script (default ${DEFAULT-VALUE})")
    Path script;

    @Option(names = "--gbr", description = "also time scikit-learn's GradientBoostingRegressor T-learner (on a 5% subsample)")
    boolean gbr;

    @Option(names = "--seed", defaultValue = "42", description = "simulation seed (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (rows < 1000 || features < 4 || features > 200 || trees < 0 || trees % 2 != 0) {
            throw new UserInputException("need --rows >= 1000, 4 <= --features <= 200 and an even --trees >= 0");
        }
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[features][rows];
        double[] w = new double[rows];
        double[] y = new double[rows];
        double[] tau = new double[rows];
        double[] e = new double[rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < features; j++) {
                x[j][i] = gaussian(r);
            }
            w[i] = r.nextDouble() < 0.5 ? 1 : 0;
            e[i] = 0.5;
            tau[i] = 1 + x[0][i] + 0.5 * Math.sin(2 * x[1][i]);
            y[i] = x[2][i] + 0.5 * x[3][i] * x[3][i] + w[i] * tau[i] + gaussian(r);
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < features; j++) {
            names.add("x" + (j + 1));
        }
        UpliftData data = new UpliftData(new FeatureMatrix(names, x), y, w, false, e);
        out.printf(Locale.ROOT, "uplift bench: %d rows x %d features, randomised (known propensity 0.5); load average at start %s%n", rows, features,
                loadAverage());
        out.flush();
        UpliftSpec t = UpliftSpec.builder("w", "y").features(names).learner(UpliftSpec.Learner.T).folds(2).propensity("e").seed(seed).build();
        long start = System.nanoTime();
        UpliftEngine.Fitted ft = UpliftEngine.fit(t, data, ProgressListener.NONE);
        double tSeconds = (System.nanoTime() - start) / 1e9;
        double tPehe = rmse(ft.chosen().fit().oof(), tau);
        out.printf(Locale.ROOT, "  cerebro T-learner (gbm, 2-fold cross-fitted)  %7.2f s   sqrt-PEHE %.4f (out-of-fold)%n", tSeconds, tPehe);
        out.flush();
        if (trees > 0) {
            UpliftSpec cf = t.toBuilder().learner(UpliftSpec.Learner.CAUSAL_FOREST).trees(trees).build();
            start = System.nanoTime();
            UpliftEngine.Fitted ff = UpliftEngine.fit(cf, data, new MmmCommand.ProgressBar(spec.commandLine().getErr()));
            double fSeconds = (System.nanoTime() - start) / 1e9;
            out.printf(Locale.ROOT, "  cerebro causal forest (%d trees, with nuisances) %7.2f s   sqrt-PEHE %.4f (out-of-bag)%n", trees, fSeconds,
                    rmse(ff.chosen().fit().oof(), tau));
        }
        out.printf(Locale.ROOT, "  cerebro peak resident memory %.0f MB (JVM, data included)%n", peakRssMb());
        if (!Files.isRegularFile(script)) {
            out.println("peer script " + script + " not found (run from the project root); scikit-learn comparison skipped");
            return 0;
        }
        Path csv = Files.createTempFile("cerebro-uplift-bench", ".csv");
        try {
            try (BufferedWriter bw = Files.newBufferedWriter(csv)) {
                StringBuilder h = new StringBuilder("w,y,tau");
                names.forEach(n -> h.append(',').append(n));
                bw.write(h.append('\n').toString());
                for (int i = 0; i < rows; i++) {
                    StringBuilder row = new StringBuilder().append((int) w[i]).append(',').append((float) y[i]).append(',').append((float) tau[i]);
                    for (int j = 0; j < features; j++) {
                        row.append(',').append((float) x[j][i]);
                    }
                    bw.write(row.append('\n').toString());
                }
            }
            List<String> cmd = new ArrayList<>(List.of(python, script.toString(), csv.toString(), Long.toString(seed)));
            if (gbr) {
                cmd.add("gbr");
            }
            Process p = new ProcessBuilder(cmd).start();
            String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                out.println("python peer failed: " + err.lines().reduce((a, b) -> b).orElse("no output"));
                return 0;
            }
            JsonNode peer = new ObjectMapper().readTree(json.lines().reduce((a, b) -> b).orElseThrow());
            double ps = peer.get("seconds").asDouble();
            out.printf(Locale.ROOT, "  peer %s (in-sample)  %7.2f s   sqrt-PEHE %.4f, peak resident memory %.0f MB%n", peer.get("peer").asText(), ps,
                    peer.get("sqrt_pehe").asDouble(), peer.get("peak_rss_mb").asDouble());
            out.printf(Locale.ROOT, "  ratio T-learner: %.2fx (peer time / cerebro time); load average at the end %s%n", ps / tSeconds, loadAverage());
            if (peer.has("gbr_seconds")) {
                out.printf(Locale.ROOT, "  peer GradientBoostingRegressor T-learner on %d rows: %.2f s, sqrt-PEHE %.4f%n",
                        peer.get("gbr_subsample_rows").asInt(), peer.get("gbr_seconds").asDouble(), peer.get("gbr_sqrt_pehe").asDouble());
            }
        } finally {
            Files.deleteIfExists(csv);
        }
        return 0;
    }

    /** @return the 1, 5 and 15 minute load averages (/proc/loadavg), or "unknown" where /proc is not there; timings on a loaded machine are inflated. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    /** @return the peak resident set of this process (VmHWM), or NaN where /proc is not there. */
    static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Double.parseDouble(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (Exception ignored) {
            // not Linux: no figure
        }
        return Double.NaN;
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static double rmse(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s / a.length);
    }
}
