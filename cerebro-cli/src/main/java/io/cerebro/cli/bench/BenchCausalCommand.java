package io.cerebro.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.cli.CliSupport;
import io.cerebro.core.causal.observational.AipwEstimator;
import io.cerebro.core.causal.observational.LogisticRegression;
import io.cerebro.core.causal.observational.MatchingEstimator;
import io.cerebro.core.causal.observational.WeightingEstimator;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.spec.Estimand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * {@code cerebro bench causal}: the observational engine's heavy steps on simulated data (default one
 * million rows, twenty confounders) against statsmodels {@code Logit} and scikit-learn
 * {@code NearestNeighbors} on the same data in the same run: propensity fit, Hajek IPW (with its
 * sandwich SE), AIPW (with its influence-function SE) and 1:1 matching with replacement on the score
 * (with the Abadie-Imbens SE). The peer computes the point estimates only.
 */
@Command(name = "causal", mixinStandardHelpOptions = true,
        description = "Benchmark propensity fit, IPW, AIPW and 1:1 matching against statsmodels + scikit-learn.")
public final class BenchCausalCommand implements Callable<Integer> {
    @Option(names = "--rows", paramLabel = "N", defaultValue = "1000000", description = "Rows (default 1,000,000).")
    int rows;

    @Option(names = "--confounders", paramLabel = "P", defaultValue = "20", description = "Confounders (default 20).")
    int confounders;

    @Option(names = "--repeat", paramLabel = "R", defaultValue = "3", description = "Timed repetitions per side; the best is reported (default 3).")
    int repeat;

    @Option(names = "--python", paramLabel = "EXE", defaultValue = "/usr/bin/python3", description = "Python with statsmodels and scikit-learn.")
    String python;

    @Option(names = "--peer-script", paramLabel = "FILE", defaultValue = "tools/bench/causal_peer.py", description = "The peer script.")
    Path peerScript;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Data seed.")
    long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() throws Exception {
        if (rows < 100 || confounders < 1) {
            throw new UserInputException("--rows must be at least 100 and --confounders at least 1");
        }
        PrintWriter out = cmd.commandLine().getOut();
        int n = rows;
        int p = confounders;
        out.printf(Locale.ROOT, "simulating %,d rows x %d confounders (seed %d)%n", n, p, seed);
        out.flush();
        double[] t = new double[n];
        double[] y = new double[n];
        double[][] x = new double[n][p + 1];
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) {
            x[i][0] = 1;
            double lin = -1.0;
            double out0 = 0;
            for (int a = 1; a <= p; a++) {
                double v = r.nextGaussian();
                x[i][a] = v;
                lin += (a % 2 == 0 ? 0.3 : -0.2) * v / Math.sqrt(p / 10.0);
                out0 += 0.5 * v;
            }
            t[i] = r.nextDouble() < 1 / (1 + Math.exp(-lin)) ? 1 : 0;
            y[i] = 2 * t[i] + out0 + r.nextGaussian();
        }
        String[] names = new String[p + 1];
        names[0] = "(Intercept)";
        for (int a = 1; a <= p; a++) {
            names[a] = "x" + a;
        }
        Path file = Files.createTempFile("cerebro-bench-causal", ".f64");
        file.toFile().deleteOnExit();
        write(file, t, y, x);

        Map<String, Double> best = new LinkedHashMap<>();
        Map<String, Double> estimates = new LinkedHashMap<>();
        for (int rep = 0; rep < repeat; rep++) {
            Map<String, Double> times = new LinkedHashMap<>();
            long s = System.nanoTime();
            LogisticRegression lr = LogisticRegression.fit(names, x, t, "propensity model");
            double[] e = lr.fitted();
            times.put("propensity", secs(s));
            s = System.nanoTime();
            boolean[] keep = new boolean[n];
            java.util.Arrays.fill(keep, true);
            WeightingEstimator.Result ipw = WeightingEstimator.estimate(x, lr.covariance(), t, y, e, null, keep, Estimand.ATE, true);
            times.put("ipw", secs(s));
            s = System.nanoTime();
            AipwEstimator.Result aipw = AipwEstimator.estimate(x, names, t, y, false, Estimand.ATE, 0, 0, seed, e);
            times.put("aipw", secs(s));
            s = System.nanoTime();
            double[][] pts = new double[n][];
            for (int i = 0; i < n; i++) {
                pts[i] = new double[]{e[i]};
            }
            MatchingEstimator.Result m = MatchingEstimator.estimate(pts, t, y, Estimand.ATT, 1, true, Double.POSITIVE_INFINITY, sd(e));
            times.put("matching", secs(s));
            times.put("total", times.values().stream().mapToDouble(Double::doubleValue).sum());
            times.forEach((k, v) -> best.merge(k, v, Math::min));
            estimates.put("ipw", ipw.estimate());
            estimates.put("ipw_se", ipw.standardError());
            estimates.put("aipw", aipw.estimate());
            estimates.put("aipw_se", aipw.standardError());
            estimates.put("psm_att", m.estimate());
            estimates.put("psm_att_se", m.standardError());
            out.printf(Locale.ROOT, "cerebro run %d: %s%n", rep + 1, fmt(times));
            out.flush();
        }

        Map<String, Double> peerBest = new LinkedHashMap<>();
        JsonNode peerLast = null;
        if (!Files.exists(peerScript)) {
            throw new UserInputException("peer script not found: " + peerScript + " (run from the repository root or pass --peer-script)");
        }
        for (int rep = 0; rep < repeat; rep++) {
            ProcessBuilder pb = new ProcessBuilder(python, peerScript.toString(), file.toString(), Integer.toString(n), Integer.toString(p));
            pb.redirectErrorStream(true);
            Process proc = pb.start();
            String text = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (proc.waitFor() != 0) {
                throw new UserInputException("the peer failed (needs statsmodels and scikit-learn for " + python + "): "
                        + text.lines().reduce((a, b) -> b).orElse(""));
            }
            String last = text.strip().lines().reduce((a, b) -> b).orElse("{}");
            peerLast = new ObjectMapper().readTree(last);
            Map<String, Double> times = new LinkedHashMap<>();
            peerLast.get("times").fields().forEachRemaining(en -> times.put(en.getKey(), en.getValue().asDouble()));
            times.forEach((k, v) -> peerBest.merge(k, v, Math::min));
            out.printf(Locale.ROOT, "peer    run %d: %s%n", rep + 1, fmt(times));
            out.flush();
        }
        out.println();
        out.printf(Locale.ROOT, "%-12s %12s %12s %8s%n", "step", "cerebro (s)", "peer (s)", "ratio");
        for (String k : best.keySet()) {
            double c = best.get(k);
            double q = peerBest.getOrDefault(k, Double.NaN);
            out.printf(Locale.ROOT, "%-12s %12.3f %12.3f %7.2fx%n", k, c, q, q / c);
        }
        out.printf(Locale.ROOT, "%nestimates: cerebro ipw %.5f aipw %.5f psm_att %.5f | peer ipw %.5f aipw %.5f psm_att %.5f (true effect 2)%n",
                estimates.get("ipw"), estimates.get("aipw"), estimates.get("psm_att"),
                peerLast.get("ipw").asDouble(), peerLast.get("aipw").asDouble(), peerLast.get("psm_att").asDouble());
        out.printf(Locale.ROOT, "peer: statsmodels %s, numpy %s; best of %d runs each; cerebro also computes the standard errors%n",
                peerLast.get("statsmodels").asText(), peerLast.get("numpy").asText(), repeat);
        out.printf(Locale.ROOT, "end to end: cerebro is %.2fx faster than the peer%n", peerBest.get("total") / best.get("total"));
        out.flush();
        return CliSupport.OK;
    }

    private static void write(Path file, double[] t, double[] y, double[][] x) throws IOException {
        int p = x[0].length - 1;
        ByteBuffer buf = ByteBuffer.allocate(8 * (p + 2)).order(ByteOrder.LITTLE_ENDIAN);
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (int i = 0; i < t.length; i++) {
                buf.clear();
                buf.putDouble(t[i]).putDouble(y[i]);
                for (int a = 1; a <= p; a++) {
                    buf.putDouble(x[i][a]);
                }
                os.write(buf.array());
            }
        }
    }

    private static double secs(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static double sd(double[] v) {
        double m = 0;
        for (double d : v) {
            m += d;
        }
        m /= v.length;
        double s = 0;
        for (double d : v) {
            s += (d - m) * (d - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }

    private static String fmt(Map<String, Double> t) {
        StringBuilder b = new StringBuilder();
        t.forEach((k, v) -> b.append(String.format(Locale.ROOT, "%s %.3fs  ", k, v)));
        return b.toString().trim();
    }
}
