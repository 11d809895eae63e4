package io.cerebro.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.cli.CliSupport;
import io.cerebro.core.causal.quasi.did.FixedEffectsFit;
import io.cerebro.core.causal.quasi.did.Panel;
import io.cerebro.core.causal.quasi.rdd.RegressionDiscontinuity;
import io.cerebro.core.error.UserInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code cerebro bench quasi}: two-way fixed effects with unit-clustered errors (effects absorbed
 * by demeaning) and rdrobust-style RDD bandwidth selection plus estimation, timed on simulated
 * data, against statsmodels on the same data in the same run.
 *
 * <p>statsmodels has no absorbed fixed effects, so its TWFE is the dummy-variable regression; at
 * 100,000 units that design matrix would need 16 TB, so the peer runs on the first
 * {@code --peer-units} units and Cerebro is timed on that same subset as well as on the full panel.
 * The RDD peer is rdrobust's {@code mserd} selector with HC1 residuals written with statsmodels
 * weighted least squares for every local polynomial fit ({@code tools/bench/quasi_bench.py}), then the
 * local linear fit at the selected bandwidth; Cerebro runs the same selector (vce hc1), and its
 * default nearest-neighbour variant is timed too.
 */
@Command(name = "quasi", mixinStandardHelpOptions = true,
        description = "Benchmark TWFE (clustered) and RDD bandwidth selection against statsmodels.")
public final class BenchQuasiCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--units", defaultValue = "100000", description = "panel units for the full TWFE run (default ${DEFAULT-VALUE})")
    int units;

    @Option(names = "--periods", defaultValue = "20", description = "panel periods (default ${DEFAULT-VALUE})")
    int periods;

    @Option(names = "--peer-units", defaultValue = "1000", description = "units in the subset both tools fit (default ${DEFAULT-VALUE})")
    int peerUnits;

    @Option(names = "--rdd-rows", defaultValue = "1000000", description = "rows of the RDD data (default ${DEFAULT-VALUE})")
    int rddRows;

    @Option(names = "--repeats", defaultValue = "3", description = "timed repetitions; the best is reported (default ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python with statsmodels (default ${DEFAULT-VALUE})")
    String python;

    @Option(names = "--script", defaultValue = "tools/bench/quasi_bench.py", description = "the peer script (default ${DEFAULT-VALUE})")
    Path script;

    @Option(names = "--seed", defaultValue = "42", description = "simulation seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--no-process", description = "Skip the process headline ('cerebro causal --method did' on the panel CSV "
            + "against a statsmodels process, tools/bench/twfe_cli_peer.py).")
    boolean noProcess;

    @Option(names = "--jar", paramLabel = "JAR", description = "The cerebro-cli.jar the process headline runs (default: the running one).")
    Path jar;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (units < peerUnits || peerUnits < 2 || periods < 2 || rddRows < 1000 || repeats < 1) {
            throw new UserInputException("need --units >= --peer-units >= 2, --periods >= 2, --rdd-rows >= 1000 and --repeats >= 1");
        }
        Random rng = new Random(seed);
        int n = units * periods;
        int[] unit = new int[n];
        int[] period = new int[n];
        double[] d = new double[n];
        double[] y = new double[n];
        for (int u = 0; u < units; u++) {
            double a = rng.nextGaussian();
            int start = rng.nextInt(3) == 0 ? -1 : periods / 4 + rng.nextInt(periods / 2);
            for (int t = 0; t < periods; t++) {
                int i = u * periods + t;
                unit[i] = u;
                period[i] = t;
                d[i] = start >= 0 && t >= start ? 1 : 0;
                y[i] = a + 0.1 * t + 2.0 * d[i] + rng.nextGaussian();
            }
        }
        out.printf(Locale.ROOT, "TWFE: %,d units x %d periods = %,d rows, unit and period effects absorbed, errors clustered by unit%n",
                units, periods, n);
        double[] full = timeTwfe(units, periods, unit, period, d, y, n);
        out.printf(Locale.ROOT, "  cerebro  full panel   %8.3f s   coef %.5f (se %.5f)%n", full[0], full[1], full[2]);
        int m = peerUnits * periods;
        double[] sub = timeTwfe(peerUnits, periods, unit, period, d, y, m);
        out.printf(Locale.ROOT, "  cerebro  %,d units   %8.4f s   coef %.5f%n", peerUnits, sub[0], sub[1]);

        double[] x = new double[rddRows];
        double[] yr = new double[rddRows];
        for (int i = 0; i < rddRows; i++) {
            x[i] = 2 * rng.nextDouble() - 1;
            yr[i] = 0.5 + 0.8 * x[i] - 1.2 * x[i] * x[i] + (x[i] >= 0 ? 1.0 : 0) + 0.5 * rng.nextGaussian();
        }
        Object[] nn = timeRdd(x, yr, "nn");
        Object[] hc1 = timeRdd(x, yr, "hc1");
        RegressionDiscontinuity.SharpFit rd = (RegressionDiscontinuity.SharpFit) hc1[1];
        double rdTime = (Double) hc1[0];
        out.printf(Locale.ROOT, "RDD: %,d rows, mserd bandwidth selection + local linear estimation%n", rddRows);
        out.printf(Locale.ROOT, "  cerebro  vce nn       %8.3f s   h %.5f  b %.5f  jump %.5f%n", (Double) nn[0],
                ((RegressionDiscontinuity.SharpFit) nn[1]).h(), ((RegressionDiscontinuity.SharpFit) nn[1]).b(),
                ((RegressionDiscontinuity.SharpFit) nn[1]).estimate());
        out.printf(Locale.ROOT, "  cerebro  vce hc1      %8.3f s   h %.5f  b %.5f  jump %.5f%n", rdTime, rd.h(), rd.b(), rd.estimate());

        if (!Files.isRegularFile(script)) {
            out.println("peer script " + script + " not found (run from the project root); statsmodels comparison skipped");
            out.flush();
            return CliSupport.OK;
        }
        Path dir = Files.createTempDirectory("cerebro-bench");
        Path twfeCsv = dir.resolve("twfe.csv");
        Path rddCsv = dir.resolve("rdd.csv");
        try (BufferedWriter w = Files.newBufferedWriter(twfeCsv, StandardCharsets.UTF_8)) {
            w.write("unit,period,d,y\n");
            for (int i = 0; i < m; i++) {
                w.write(unit[i] + "," + period[i] + "," + (int) d[i] + "," + y[i] + "\n");
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(rddCsv, StandardCharsets.UTF_8)) {
            w.write("x,y\n");
            for (int i = 0; i < rddRows; i++) {
                w.write(x[i] + "," + yr[i] + "\n");
            }
        }
        Process p = new ProcessBuilder(python, script.toString(), twfeCsv.toString(), rddCsv.toString(),
                Integer.toString(repeats)).redirectErrorStream(false).start();
        String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0 || json.isEmpty()) {
            out.println("statsmodels peer failed: " + err.lines().reduce((a, b) -> b).orElse("no output"));
            out.flush();
            return CliSupport.FAILED;
        }
        JsonNode peer = new ObjectMapper().readTree(json.lines().reduce((a, b) -> b).orElseThrow());
        deleteQuietly(rddCsv);
        double pt = peer.get("twfe_seconds").asDouble();
        double pr = peer.get("rdd_seconds").asDouble();
        out.printf(Locale.ROOT, "statsmodels %s (same data, same run):%n", peer.get("statsmodels").asText());
        out.printf(Locale.ROOT, "  TWFE %,d units, %d dummy columns: %8.4f s  coef %.5f  -> cerebro %.1fx faster%n",
                peerUnits, peer.get("twfe_columns").asInt(), pt, peer.get("twfe_coef").asDouble(), pt / sub[0]);
        out.printf(Locale.ROOT, "  RDD mserd (hc1) + fit, %,d rows:   %8.4f s  h %.5f  b %.5f  jump %.5f  -> cerebro %.1fx faster%n",
                rddRows, pr, peer.get("rdd_h").asDouble(), peer.get("rdd_b").asDouble(), peer.get("rdd_jump").asDouble(), pr / rdTime);
        out.printf(Locale.ROOT, "  statsmodels TWFE at %,d units would need a %,.1f GB dense design; cerebro fitted it in %.3f s%n",
                units, (double) n * (units + periods) * 8 / 1e9, full[0]);
        boolean same = Math.abs(peer.get("twfe_coef").asDouble() - sub[1]) < 1e-6
                && Math.abs(peer.get("rdd_h").asDouble() / rd.h() - 1) < 1e-6
                && Math.abs(peer.get("rdd_jump").asDouble() - rd.estimate()) < 1e-6;
        out.println(same ? "  estimates agree (1e-6)" : "  WARNING: estimates differ between the tools");
        out.flush();
        if (!noProcess) {
            same &= processHeadline(out, unit, period, d, y, n, m, dir);
        }
        deleteQuietly(dir);
        return same ? CliSupport.OK : CliSupport.FAILED;
    }

    /**
     * Both tools as the processes a user starts, JVM and interpreter start, CSV read and output
     * included: {@code cerebro causal --method did} on the full panel and on the first
     * {@code --peer-units} units, against {@code tools/bench/twfe_cli_peer.py} (pandas.read_csv, dummies,
     * statsmodels OLS clustered by unit) on those same units, the largest panel its dense design fits.
     * Medians of {@code --repeats} runs after a warm-up; peak RSS the most of them.
     *
     * @return whether the two tools' coefficients agree on the shared units
     */
    private boolean processHeadline(PrintWriter out, int[] unit, int[] period, double[] d, double[] y, int n, int m, Path dir)
            throws IOException, InterruptedException {
        Path peerScript = script.resolveSibling("twfe_cli_peer.py");
        Path cli = jar != null ? jar : BenchCommand.Abtest.runningJar();
        if (!Files.isRegularFile(peerScript) || !Files.isRegularFile(cli)) {
            out.println("process headline skipped: " + peerScript + " or the jar " + cli + " not found");
            return true;
        }
        Path fullCsv = dir.resolve("panel_full.csv");
        Path subCsv = dir.resolve("twfe.csv");
        try (BufferedWriter w = Files.newBufferedWriter(fullCsv, StandardCharsets.UTF_8)) {
            w.write("unit,period,d,y\n");
            for (int i = 0; i < n; i++) {
                w.write(unit[i] + "," + period[i] + "," + (int) d[i] + "," + y[i] + "\n");
            }
        }
        ProcessMeter meter = ProcessMeter.best();
        String load = BenchCommand.Abtest.loadAverage();
        double[] cf = cerebroProcess(meter, cli, fullCsv);
        double[] cs = cerebroProcess(meter, cli, subCsv);
        List<String> peerCmd = List.of(python, peerScript.toString(), subCsv.toString());
        double[] ps = new double[]{0, 0, 0};
        double peerCoef = Double.NaN;
        double[] wall = new double[repeats];
        double[] cpu = new double[repeats];
        meter.run(peerCmd);
        for (int r = 0; r < repeats; r++) {
            ProcessMeter.Run run = meter.run(peerCmd);
            wall[r] = run.seconds();
            cpu[r] = run.cpuSeconds();
            ps[1] = Math.max(ps[1], run.peakMiB());
            peerCoef = new ObjectMapper().readTree(run.stdout().strip().lines().reduce((a, b) -> b).orElse("{}")).path("coef").asDouble(Double.NaN);
        }
        ps[0] = BenchCommand.Abtest.median(wall);
        ps[2] = BenchCommand.Abtest.median(cpu);
        out.printf(Locale.ROOT, "TWFE as processes (load %s at start, %s at end; %d cores; median of %d runs after a warm-up; %s):%n",
                load, BenchCommand.Abtest.loadAverage(), Runtime.getRuntime().availableProcessors(), repeats, meter.describe());
        out.printf(Locale.ROOT, "  cerebro causal --method did, %,d units (%,d rows):  %7.3f s  %5.0f MiB  cpu %.2f s  coef %.5f%n",
                units, n, cf[0], cf[1], cf[2], cf[3]);
        out.printf(Locale.ROOT, "  cerebro causal --method did, %,d units (%,d rows):  %7.3f s  %5.0f MiB  cpu %.2f s  coef %.5f%n",
                peerUnits, m, cs[0], cs[1], cs[2], cs[3]);
        out.printf(Locale.ROOT, "  statsmodels dummies process, %,d units (%,d rows):  %7.3f s  %5.0f MiB  cpu %.2f s  coef %.5f%n",
                peerUnits, m, ps[0], ps[1], ps[2], peerCoef);
        out.printf(Locale.ROOT, "  -> same %,d units: cerebro %.1fx faster as a process (cpu %.1fx); statsmodels on %,d units takes %.1fx "
                + "the time cerebro takes on all %,d%n", peerUnits, ps[0] / cs[0], ps[2] / cs[2], peerUnits, ps[0] / cf[0], units);
        out.flush();
        deleteQuietly(fullCsv, subCsv);
        boolean same = Math.abs(peerCoef - cs[3]) < 1e-6;
        if (!same) {
            out.println("  WARNING: the processes' coefficients differ");
        }
        return same;
    }

    /** Median wall seconds, peak MiB, median CPU seconds and the coefficient of {@code cerebro causal --method did} on a panel CSV. */
    private double[] cerebroProcess(ProcessMeter meter, Path cli, Path csv) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(BenchCommand.Abtest.javaCommand(cli));
        cmd.addAll(List.of("causal", csv.toString(), "--method", "did", "--treatment", "d", "--outcome", "y", "--unit", "unit",
                "--time", "period", "--format", "json"));
        meter.run(cmd);
        double[] wall = new double[repeats];
        double[] cpu = new double[repeats];
        double peak = 0;
        double coef = Double.NaN;
        for (int r = 0; r < repeats; r++) {
            ProcessMeter.Run run = meter.run(cmd);
            wall[r] = run.seconds();
            cpu[r] = run.cpuSeconds();
            peak = Math.max(peak, run.peakMiB());
            JsonNode j = new ObjectMapper().readTree(run.stdout());
            coef = j.path("estimates").path(0).path("estimate").asDouble(Double.NaN);
        }
        return new double[]{BenchCommand.Abtest.median(wall), peak, BenchCommand.Abtest.median(cpu), coef};
    }

    /** Best of the repeats (after one warm-up) of bandwidth selection and estimation; returns {seconds, fit}. */
    private Object[] timeRdd(double[] x, double[] y, String vce) {
        RegressionDiscontinuity.SharpFit fit = null;
        double best = Double.POSITIVE_INFINITY;
        for (int r = 0; r < repeats + 1; r++) {
            long t0 = System.nanoTime();
            fit = RegressionDiscontinuity.sharp(x, y, 0.0, vce);
            double s = (System.nanoTime() - t0) / 1e9;
            if (r > 0) {
                best = Math.min(best, s);
            }
        }
        return new Object[]{best, fit};
    }

    /** Best of the repeats (after one warm-up) of demeaning + fit + clustered covariance; returns seconds, coef, se. */
    private double[] timeTwfe(int nUnits, int nPeriods, int[] unit, int[] period, double[] d, double[] y, int rows) {
        double best = Double.POSITIVE_INFINITY;
        double coef = 0;
        double se = 0;
        int[] u = java.util.Arrays.copyOf(unit, rows);
        int[] t = java.util.Arrays.copyOf(period, rows);
        double[] dd = java.util.Arrays.copyOf(d, rows);
        double[] yy = java.util.Arrays.copyOf(y, rows);
        String[] labels = new String[nUnits];
        for (int k = 0; k < nUnits; k++) {
            labels[k] = Integer.toString(k);
        }
        double[] times = new double[nPeriods];
        for (int k = 0; k < nPeriods; k++) {
            times[k] = k;
        }
        Panel panel = new Panel(labels, times, u, t);
        for (int r = 0; r < repeats + 1; r++) {
            long t0 = System.nanoTime();
            FixedEffectsFit fit = FixedEffectsFit.fit(panel, yy, new double[][]{dd}, new String[]{"d"});
            double[][] cov = fit.covCluster(u);
            double s = (System.nanoTime() - t0) / 1e9;
            coef = fit.model().coefficients()[0];
            se = Math.sqrt(cov[0][0]);
            if (r > 0) {
                best = Math.min(best, s);
            }
        }
        return new double[]{best, coef, se};
    }

    private static void deleteQuietly(Path... paths) {
        for (Path p : paths) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temporary file left behind is harmless
            }
        }
    }
}
