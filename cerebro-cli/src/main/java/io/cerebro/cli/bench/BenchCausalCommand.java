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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * {@code cerebro bench causal}: the observational engine on simulated data (default one million rows,
 * twenty confounders) against statsmodels {@code Logit} and scikit-learn {@code NearestNeighbors} on
 * the same data in the same run.
 *
 * <p>The headline is what a user waits for: {@code cerebro causal DATA.csv --method ipw|aipw|psm} as a
 * child JVM launched like {@code ./cerebro} (reading the CSV, the propensity model, the estimator
 * with its standard error, balance, sensitivity and the JSON report), against
 * {@code tools/bench/causal_cli_peer.py} (pandas.read_csv, Logit, the point estimate) as a child
 * Python: wall clock, peak RSS and CPU of each process, per method and in total, for each size of
 * {@code --sizes}. Beside it, the in-process figures of the heavy steps on the same simulated data:
 * propensity fit, Hajek IPW (with its sandwich SE), AIPW (with its influence-function SE) and 1:1
 * matching with replacement on the score (with the Abadie-Imbens SE). The peer computes the point
 * estimates only.
 */
@Command(name = "causal", mixinStandardHelpOptions = true,
        description = {"Benchmark 'cerebro causal' (ipw, aipw, psm) as a process, and propensity fit, IPW, AIPW and 1:1 "
                + "matching in process, against statsmodels + scikit-learn.",
                "Scale curve: cerebro bench causal --sizes 100k,300k,1M,3M"})
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

    @Option(names = "--sizes", paramLabel = "N,N", split = ",",
            description = "Rows for the process runs, a scale curve, e.g. 100k,300k,1M,3M (default: --rows).")
    List<String> sizes;

    @Option(names = "--process-reps", paramLabel = "K", defaultValue = "1",
            description = "Timed process runs per method and tool; the median is reported (default ${DEFAULT-VALUE}).")
    int processReps;

    @Option(names = "--no-process", description = "Only the in-process benchmark.")
    boolean noProcess;

    @Option(names = "--no-in-process", description = "Only the process benchmark.")
    boolean noInProcess;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where the generated CSVs are kept (default: the system temp dir).")
    Path dir;

    @Option(names = "--jar", paramLabel = "JAR", description = "The cerebro-cli.jar to time (default: the running one).")
    Path jar;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    private static final List<String> METHODS = List.of("ipw", "aipw", "psm");

    @Override
    public Integer call() throws Exception {
        if (rows < 100 || confounders < 1 || processReps < 1) {
            throw new UserInputException("--rows must be at least 100, --confounders and --process-reps at least 1");
        }
        List<Long> counts = new ArrayList<>();
        if (sizes != null && !sizes.isEmpty()) {
            for (String sz : sizes) {
                long c = BenchCommand.Abtest.parseCount(sz);
                if (c < 100 || c > Integer.MAX_VALUE) {
                    throw new UserInputException("--sizes must be between 100 and " + Integer.MAX_VALUE + " rows, got " + sz);
                }
                counts.add(c);
            }
        } else {
            counts.add((long) rows);
        }
        PrintWriter out = cmd.commandLine().getOut();
        if (!Files.exists(peerScript)) {
            throw new UserInputException("peer script not found: " + peerScript + " (run from the repository root or pass --peer-script)");
        }
        if (!noProcess) {
            processBench(out, counts);
        }
        if (noInProcess) {
            return CliSupport.OK;
        }
        int n = rows;
        int p = confounders;
        out.printf(Locale.ROOT, "in process (the heavy steps only, no JVM start, no reading): simulating %,d rows x %d confounders (seed %d)%n", n, p, seed);
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
        out.printf(Locale.ROOT, "in process: cerebro is %.2fx faster than the peer%n", peerBest.get("total") / best.get("total"));
        out.flush();
        return CliSupport.OK;
    }

    /** The process benchmark: per size, per method, cerebro causal against the Python peer, as child processes. */
    private void processBench(PrintWriter out, List<Long> counts) throws Exception {
        Path cli = jar != null ? jar : BenchCommand.Abtest.runningJar();
        if (!Files.isRegularFile(cli)) {
            throw new UserInputException("cannot find the runnable jar " + cli + "; build it with ./cerebro --version or pass --jar");
        }
        BenchCommand.Abtest.dropStaleArchive(cli);
        Path cliPeer = peerScript.toAbsolutePath().resolveSibling("causal_cli_peer.py");
        if (!Files.isRegularFile(cliPeer)) {
            throw new UserInputException("peer script not found: " + cliPeer);
        }
        Path folder = dir != null ? dir : Path.of(System.getProperty("java.io.tmpdir"), "cerebro-bench");
        Files.createDirectories(folder);
        String loadStart = BenchCommand.Abtest.loadAverage();
        ProcessMeter meter = ProcessMeter.best();
        StringBuilder conf = new StringBuilder();
        for (int a = 1; a <= confounders; a++) {
            conf.append(a > 1 ? "," : "").append('x').append(a);
        }
        List<String[]> table = new ArrayList<>();
        table.add(new String[]{"rows", "method", "cerebro s", "MiB", "cpu s", "in-proc s", "peer s", "MiB", "cpu s", "in-proc s",
                "peer/cerebro", "cpu ratio", "estimates (cerebro | peer)", "load"});
        for (long n : counts) {
            Path csv = folder.resolve("causal_bench_" + n + "x" + confounders + "_" + seed + ".csv");
            if (!Files.isRegularFile(csv)) {
                out.printf(Locale.ROOT, "generating %s (%,d rows x %d confounders)...%n", csv, n, confounders);
                out.flush();
                generateCsv(csv, (int) n, confounders, seed);
            }
            double[] sum = new double[6];
            double peakC = 0;
            double peakP = 0;
            for (String m : METHODS) {
                List<String> c = new ArrayList<>(BenchCommand.Abtest.javaCommand(cli));
                c.addAll(List.of("causal", csv.toString(), "--method", m, "--treatment", "t", "--outcome", "y",
                        "--confounders", conf.toString(), "--estimand", m.equals("psm") ? "att" : "ate", "--format", "json"));
                Sample cs = sample(meter, c, true);
                Sample ps = sample(meter, List.of(python, cliPeer.toString(), csv.toString(), "--method", m,
                        "--confounders", Integer.toString(confounders)), false);
                double ce = new ObjectMapper().readTree(cs.stdout).get("estimates").get(0).get("estimate").asDouble();
                double pe = new ObjectMapper().readTree(ps.stdout.strip().lines().reduce((a, b) -> b).orElse("{}")).get("estimate").asDouble();
                table.add(row(n, m, cs, ps, String.format(Locale.ROOT, "%.5f | %.5f", ce, pe)));
                sum[0] += cs.seconds;
                sum[1] += cs.cpu;
                sum[2] += cs.inProcess;
                sum[3] += ps.seconds;
                sum[4] += ps.cpu;
                sum[5] += ps.inProcess;
                peakC = Math.max(peakC, cs.peakMiB);
                peakP = Math.max(peakP, ps.peakMiB);
                out.printf(Locale.ROOT, "  %,d rows %s: cerebro %.3f s / %.0f MiB, peer %.3f s / %.0f MiB (load %s)%n",
                        n, m, cs.seconds, cs.peakMiB, ps.seconds, ps.peakMiB, BenchCommand.Abtest.loadAverage());
                out.flush();
            }
            table.add(row(n, "all three", new Sample(sum[0], peakC, sum[1], sum[2], ""), new Sample(sum[3], peakP, sum[4], sum[5], ""),
                    "total; MiB the largest"));
        }
        out.println();
        out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, load average at start " + loadStart
                + ", at end " + BenchCommand.Abtest.loadAverage() + " (other work on the machine slows both tools; CPU time less so)");
        out.printf(Locale.ROOT, "cerebro causal DATA --method M (ATE; ATT for psm) as a child JVM launched like ./cerebro, JSON report; "
                + "peer: %s %s (pandas.read_csv, statsmodels Logit/OLS, scikit-learn NearestNeighbors, point estimate only); "
                + "median of %d run(s)%n", python, cliPeer, processReps);
        out.println("measured: " + meter.describe() + "; in-proc = inside main (cerebro) or from reading to result (peer)");
        BenchCommand.Abtest.printTable(out, table);
        out.println();
        out.flush();
    }

    private record Sample(double seconds, double peakMiB, double cpu, double inProcess, String stdout) {
    }

    private Sample sample(ProcessMeter meter, List<String> command, boolean cerebro) throws Exception {
        double[] s = new double[processReps];
        double[] cpu = new double[processReps];
        double[] in = new double[processReps];
        double peak = 0;
        String stdout = "";
        for (int i = 0; i < processReps; i++) {
            ProcessMeter.Run r = BenchCommand.Abtest.meterRun(meter, command, cerebro);
            s[i] = r.seconds();
            cpu[i] = r.cpuSeconds();
            in[i] = cerebro ? BenchCommand.Abtest.inProcessSeconds(r.stderr()) : peerInProcess(r.stdout());
            peak = Math.max(peak, r.peakMiB());
            stdout = r.stdout();
        }
        return new Sample(BenchCommand.Abtest.median(s), peak, BenchCommand.Abtest.median(cpu), BenchCommand.Abtest.median(in), stdout);
    }

    private static double peerInProcess(String stdout) {
        try {
            JsonNode n = new ObjectMapper().readTree(stdout.strip().lines().reduce((a, b) -> b).orElse("{}"));
            return n.has("in_process_s") ? n.get("in_process_s").asDouble() : Double.NaN;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    private static String[] row(long n, String method, Sample c, Sample p, String estimates) {
        return new String[]{String.format(Locale.ROOT, "%,d", n), method, String.format(Locale.ROOT, "%.3f", c.seconds),
                String.format(Locale.ROOT, "%.0f", c.peakMiB), String.format(Locale.ROOT, "%.2f", c.cpu),
                String.format(Locale.ROOT, "%.3f", c.inProcess), String.format(Locale.ROOT, "%.3f", p.seconds),
                String.format(Locale.ROOT, "%.0f", p.peakMiB), String.format(Locale.ROOT, "%.2f", p.cpu),
                String.format(Locale.ROOT, "%.3f", p.inProcess), String.format(Locale.ROOT, "%.1fx", p.seconds / c.seconds),
                String.format(Locale.ROOT, "%.1fx", p.cpu / c.cpu), estimates, BenchCommand.Abtest.loadAverage().split(" ")[0]};
    }

    /**
     * Writes simulated observational data as CSV (t, y, x1..xP; six decimals): the model of the
     * in-process benchmark (true effect 2), with the confounders rounded to what the file holds.
     */
    static void generateCsv(Path file, int n, int p, long seed) throws IOException {
        Random r = new Random(seed);
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        try (java.io.BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.US_ASCII)) {
            StringBuilder b = new StringBuilder(32 * (p + 2));
            b.append("t,y");
            for (int a = 1; a <= p; a++) {
                b.append(",x").append(a);
            }
            w.append(b).append('\n');
            double[] v = new double[p + 1];
            for (int i = 0; i < n; i++) {
                double lin = -1.0;
                double out0 = 0;
                for (int a = 1; a <= p; a++) {
                    v[a] = Math.round(r.nextGaussian() * 1e6) / 1e6;
                    lin += (a % 2 == 0 ? 0.3 : -0.2) * v[a] / Math.sqrt(p / 10.0);
                    out0 += 0.5 * v[a];
                }
                int t = r.nextDouble() < 1 / (1 + Math.exp(-lin)) ? 1 : 0;
                double y = 2 * t + out0 + r.nextGaussian();
                b.setLength(0);
                b.append(t).append(',');
                fixed6(b, y);
                for (int a = 1; a <= p; a++) {
                    b.append(',');
                    fixed6(b, v[a]);
                }
                w.append(b).append('\n');
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Appends x with six decimals (x is rounded to them first). */
    static void fixed6(StringBuilder b, double x) {
        long m = Math.round(x * 1e6);
        if (m < 0) {
            b.append('-');
            m = -m;
        }
        b.append(m / 1_000_000).append('.');
        String frac = Long.toString(m % 1_000_000);
        b.append("000000", 0, 6 - frac.length()).append(frac);
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
