package io.cerebro.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.cli.CliSupport;
import io.cerebro.core.error.UserInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code cerebro bench}: end-to-end benchmarks against a peer measured in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that time Cerebro end to end against a peer tool in the same run.",
        subcommands = {BenchCommand.Abtest.class, BenchCausalCommand.class, BenchQuasiCommand.class, BenchMmmCommand.class,
                BenchBanditCommand.class, BenchGeoCommand.class, BenchTuneCommand.class, BenchUpliftCommand.class,
                BenchServeCommand.class, BenchPushdownCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    @Override
    public void run() {
        cmd.commandLine().usage(cmd.commandLine().getOut());
    }

    /**
     * Times {@code cerebro abtest} as a child process (JVM start included, launched the way the
     * {@code ./cerebro} launcher does) against {@code pandas.read_csv} + {@code scipy.stats} in
     * {@code tools/bench/ab_peer.py}, on a generated experiment CSV and on the bundled example.
     */
    @Command(name = "abtest", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Generate an experiment CSV (arm, converted, revenue, pre_revenue, country) once and time "
                    + "'cerebro abtest' end to end against pandas.read_csv + scipy.stats on the same files: wall clock, "
                    + "peak memory and CPU time of each process, with the time inside the process beside them.",
                    "Example: cerebro bench abtest --rows 10000000 --dir /tmp/cerebro-bench",
                    "Scale curve: cerebro bench abtest --sizes 1M,3M,10M,30M --parquet --python /tmp/venv/bin/python"})
    static final class Abtest implements Callable<Integer> {
        @Option(names = "--rows", paramLabel = "N", defaultValue = "10000000", description = "Rows of the generated CSV (default ${DEFAULT-VALUE}).")
        long rows;

        @Option(names = "--sizes", paramLabel = "N,N", split = ",",
                description = "A scale curve instead of --rows: the row counts to time, e.g. 1M,3M,10M,30M (k and M suffixes).")
        List<String> sizes;

        @Option(names = "--parquet", description = "Also time a Parquet copy of each generated file (the peer then needs pyarrow).")
        boolean parquet;

        @Option(names = "--dir", paramLabel = "DIR", description = "Where the generated CSV is kept (default: the system temp dir).")
        Path dir;

        @Option(names = "--reps", paramLabel = "K", defaultValue = "3", description = "Timed repetitions after one warm-up (default ${DEFAULT-VALUE}).")
        int reps;

        @Option(names = "--python", paramLabel = "EXE", defaultValue = "/usr/bin/python3",
                description = "Python with pandas and scipy for the peer (default ${DEFAULT-VALUE}); skipped when missing.")
        Path python;

        @Option(names = "--no-peer", description = "Time Cerebro only.")
        boolean noPeer;

        @Option(names = "--jar", paramLabel = "JAR", description = "The cerebro-cli.jar to time (default: the running one).")
        Path jar;

        @Option(names = "--example", paramLabel = "CSV", description = "The small example (default: examples/checkout_ab.csv of this checkout).")
        Path example;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec cmd;

        @Override
        public Integer call() throws Exception {
            List<Long> counts = new ArrayList<>();
            if (sizes != null && !sizes.isEmpty()) {
                for (String sz : sizes) {
                    counts.add(parseCount(sz));
                }
            } else {
                counts.add(rows);
            }
            for (long c : counts) {
                if (c < 10) {
                    throw new UserInputException("row counts must be at least 10, got " + c);
                }
            }
            if (reps < 1) {
                throw new UserInputException("--reps must be at least 1, got " + reps);
            }
            PrintWriter out = cmd.commandLine().getOut();
            String loadStart = loadAverage();
            Path cli = jar != null ? jar : runningJar();
            if (!Files.isRegularFile(cli)) {
                throw new UserInputException("cannot find the runnable jar " + cli + "; build it with ./cerebro --version or pass --jar");
            }
            dropStaleArchive(cli);
            Path root = cli.toAbsolutePath().getParent().getParent().getParent();
            Path peerScript = root.resolve("tools/bench/ab_peer.py");
            boolean peer = !noPeer && peerAvailable(peerScript, "import pandas, scipy");
            if (!noPeer && !peer) {
                out.println("peer skipped: " + python + " with pandas and scipy, or " + peerScript + ", not found");
            }
            boolean parquetPeer = peer && parquet && peerAvailable(peerScript, "import pyarrow");
            if (peer && parquet && !parquetPeer) {
                out.println("parquet peer skipped: " + python + " has no pyarrow (pandas.read_parquet needs it); pass --python");
            }
            Path folder = dir != null ? dir : Path.of(System.getProperty("java.io.tmpdir"), "cerebro-bench");
            Files.createDirectories(folder);
            List<Case> cases = new ArrayList<>();
            for (long n : counts) {
                Path big = folder.resolve("ab_bench_" + n + ".csv");
                if (!Files.isRegularFile(big)) {
                    out.printf(Locale.ROOT, "generating %s (%,d rows)...%n", big, n);
                    out.flush();
                    long t0 = System.nanoTime();
                    generate(big, n, 20261122L);
                    out.printf(Locale.ROOT, "  written in %.1f s, %.0f MB%n", (System.nanoTime() - t0) / 1e9, Files.size(big) / 1e6);
                }
                cases.add(new Case(big, n, "arm", "converted", true));
                cases.add(new Case(big, n, "arm", "revenue", true));
                if (parquet) {
                    Path pq = folder.resolve("ab_bench_" + n + ".parquet");
                    if (!Files.isRegularFile(pq)) {
                        toParquet(big, pq);
                    }
                    cases.add(new Case(pq, n, "arm", "converted", parquetPeer));
                    cases.add(new Case(pq, n, "arm", "revenue", parquetPeer));
                }
            }
            Path small = example != null ? example : root.resolve("examples/checkout_ab.csv");
            if (Files.isRegularFile(small)) {
                long smallRows = Math.max(0, lineCount(small) - 1);
                cases.add(new Case(small, smallRows, "variant", "converted", true));
                cases.add(new Case(small, smallRows, "variant", "revenue", true));
            } else {
                out.println("example " + small + " not found; timing the generated files only");
            }
            ProcessMeter meter = ProcessMeter.best();
            List<String[]> table = new ArrayList<>();
            table.add(new String[]{"data", "rows", "outcome", "first run s", "cerebro s", "MiB", "cpu s", "in-proc s",
                    "peer s", "MiB", "cpu s", "in-proc s", "peer/first", "peer/cerebro", "cpu ratio", "same p"});
            for (Case c : cases) {
                List<String> cerebro = new ArrayList<>(abtestCommand(cli));
                cerebro.addAll(List.of("abtest", c.file.toString(), "--treatment", c.treatment, "--outcome", c.outcome,
                        "--format", "json"));
                // a user's first run on a file hashes its bytes for the provenance; later runs remember the
                // digest (FileDigest). Both are timed: the first run with the digest cache off.
                List<String> firstRun = new ArrayList<>(List.of("env", io.cerebro.cli.CerebroCommand.NO_DIGEST_CACHE + "=1"));
                firstRun.addAll(cerebro);
                Measured first = measure(meter, firstRun, true);
                Measured ct = measure(meter, cerebro, true);
                Measured pt = null;
                if (peer && c.peer) {
                    pt = measure(meter, List.of(python.toString(), peerScript.toString(), c.file.toString(), "--treatment", c.treatment,
                            "--outcome", c.outcome), false);
                }
                String same = pt == null ? "-" : samePValue(ct.stdout, pt.stdout);
                table.add(new String[]{c.file.getFileName().toString(), String.format(Locale.ROOT, "%,d", c.rows), c.outcome,
                        f3(first.seconds), f3(ct.seconds), f0(Math.max(first.peakMiB, ct.peakMiB)), f2(ct.cpu), f3(ct.inProcess),
                        pt == null ? "-" : f3(pt.seconds), pt == null ? "-" : f0(pt.peakMiB), pt == null ? "-" : f2(pt.cpu),
                        pt == null ? "-" : f3(pt.inProcess),
                        pt == null ? "-" : String.format(Locale.ROOT, "%.1fx", pt.seconds / first.seconds),
                        pt == null ? "-" : String.format(Locale.ROOT, "%.1fx", pt.seconds / ct.seconds),
                        pt == null ? "-" : String.format(Locale.ROOT, "%.1fx", pt.cpu / ct.cpu), same});
                out.printf(Locale.ROOT, "  %s %s: cerebro first run %s, again %s (load %s)%s%n", c.file.getFileName(), c.outcome,
                        fmt(first.all), fmt(ct.all), loadAverage(),
                        pt == null ? "" : ", peer " + fmt(pt.all));
                out.flush();
            }
            out.println();
            out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, load average at start "
                    + loadStart + ", at end " + loadAverage() + " (other work on the machine slows both tools; CPU time less so)");
            out.printf(Locale.ROOT, "cerebro: %s (child JVM per run, median of %d timed runs after a warm-up; MiB = peak RSS, the most of "
                    + "the runs; first run = with CEREBRO_NO_DIGEST_CACHE=1, the file hashed as on a user's first run); peer: %s%n", String.join(" ", abtestCommand(cli)), reps, peer ? python + " " + peerScript : "none");
            out.println("measured: " + meter.describe() + "; in-proc = inside main (cerebro) or from reading to result (peer)");
            printTable(out, table);
            out.flush();
            return CliSupport.OK;
        }

        /** Parses 30000, 300k or 30M. */
        static long parseCount(String s) {
            String t = s.trim().toLowerCase(Locale.ROOT).replace("_", "");
            long mult = 1;
            if (t.endsWith("m")) {
                mult = 1_000_000;
                t = t.substring(0, t.length() - 1);
            } else if (t.endsWith("k")) {
                mult = 1_000;
                t = t.substring(0, t.length() - 1);
            }
            try {
                return Math.round(Double.parseDouble(t) * mult);
            } catch (NumberFormatException e) {
                throw new UserInputException("not a row count: '" + s + "'; use e.g. 300000, 300k or 3M");
            }
        }

        /** Writes a Parquet copy of the generated CSV with DuckDB, the same columns and values. */
        static void toParquet(Path csv, Path parquet) throws java.sql.SQLException, IOException {
            Path tmp = parquet.resolveSibling(parquet.getFileName() + ".part");
            try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:"); java.sql.Statement st = c.createStatement()) {
                st.execute("COPY (SELECT * FROM read_csv(" + io.cerebro.core.data.Dataset.literal(csv.toAbsolutePath().toString())
                        + ", header = true, columns = {'arm': 'VARCHAR', 'converted': 'INTEGER', 'revenue': 'DOUBLE', "
                        + "'pre_revenue': 'DOUBLE', 'country': 'VARCHAR'})) TO "
                        + io.cerebro.core.data.Dataset.literal(tmp.toAbsolutePath().toString()) + " (FORMAT parquet)");
            }
            Files.move(tmp, parquet, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }

        private record Case(Path file, long rows, String treatment, String outcome, boolean peer) {
        }

        private record Measured(double seconds, double peakMiB, double cpu, double inProcess, double[] all, String stdout) {
        }

        private Measured measure(ProcessMeter meter, List<String> command, boolean cerebro) throws IOException, InterruptedException {
            return measured(meter, command, cerebro, reps);
        }

        /**
         * One warm-up (file cache, class-data archive), then {@code reps} timed runs: medians of wall,
         * CPU and in-process time, the largest peak RSS.
         */
        static Measured measured(ProcessMeter meter, List<String> command, boolean cerebro, int reps) throws IOException, InterruptedException {
            meterRun(meter, command, cerebro);
            double[] s = new double[reps];
            double[] cpu = new double[reps];
            double[] in = new double[reps];
            double peak = 0;
            String stdout = null;
            for (int i = 0; i < reps; i++) {
                ProcessMeter.Run r = meterRun(meter, command, cerebro);
                s[i] = r.seconds();
                cpu[i] = r.cpuSeconds();
                in[i] = cerebro ? inProcessSeconds(r.stderr()) : peerSeconds(r.stdout());
                peak = Math.max(peak, r.peakMiB());
                stdout = r.stdout();
            }
            return new Measured(median(s), peak, median(cpu), median(in), s, stdout);
        }

        static ProcessMeter.Run meterRun(ProcessMeter meter, List<String> command, boolean cerebro) throws IOException, InterruptedException {
            if (!cerebro) {
                return meter.run(command);
            }
            // the child reports its time inside main when this variable is set
            List<String> withEnv = new ArrayList<>(List.of("env", io.cerebro.cli.CerebroCommand.IN_PROCESS_TIMING + "=1"));
            withEnv.addAll(command);
            return meter.run(withEnv);
        }

        /** The seconds the child reported inside main (NaN when it did not). */
        static double inProcessSeconds(String stderr) {
            String key = io.cerebro.cli.CerebroCommand.IN_PROCESS_TIMING + " ";
            for (String line : stderr.lines().toList()) {
                if (line.startsWith(key)) {
                    return Double.parseDouble(line.substring(key.length()).trim());
                }
            }
            return Double.NaN;
        }

        private static double peerSeconds(String stdout) {
            try {
                JsonNode n = new ObjectMapper().readTree(stdout.strip().lines().reduce((a, b) -> b).orElse("{}"));
                return n.has("in_process_s") ? n.get("in_process_s").asDouble() : Double.NaN;
            } catch (IOException e) {
                return Double.NaN;
            }
        }

        static double median(double[] v) {
            double[] sorted = v.clone();
            Arrays.sort(sorted);
            int k = sorted.length;
            return k % 2 == 1 ? sorted[k / 2] : (sorted[k / 2 - 1] + sorted[k / 2]) / 2;
        }

        private static String f3(double v) {
            return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
        }

        private static String f2(double v) {
            return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
        }

        private static String f0(double v) {
            return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f", v);
        }

        static String run(List<String> command) throws IOException, InterruptedException {
            Path outFile = Files.createTempFile("cerebro-bench", ".out");
            Path errFile = Files.createTempFile("cerebro-bench", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectOutput(outFile.toFile()).redirectError(errFile.toFile()).start();
                if (!p.waitFor(30, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new UserInputException("benchmark command timed out: " + String.join(" ", command));
                }
                if (p.exitValue() != 0) {
                    String err = Files.readString(errFile).strip();
                    throw new UserInputException("benchmark command failed (exit " + p.exitValue() + "): "
                            + String.join(" ", command) + ": " + err.lines().reduce((a, b) -> b).orElse(""));
                }
                return Files.readString(outFile);
            } finally {
                Files.deleteIfExists(outFile);
                Files.deleteIfExists(errFile);
            }
        }

        /**
         * The JVM command line the ./cerebro launcher uses for {@code cerebro abtest}: the default
         * compilers (the first run's provenance hash needs C2's SHA intrinsics, see the launcher).
         */
        static List<String> abtestCommand(Path cli) {
            return javaCommand(cli);
        }

        /** The JVM command line of the ./cerebro launcher. */
        static List<String> javaCommand(Path cli) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Path cds = cli.toAbsolutePath().getParent().resolve("cerebro.jsa");
            return List.of(java, "-Xshare:auto", "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + cds,
                    "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-jar", cli.toString());
        }

        /**
         * Deletes the class-data archive beside the jar when a jar is newer than it: the JVM runs
         * without a stale archive instead of re-creating it, which would slow every timed start.
         */
        static void dropStaleArchive(Path cli) throws IOException {
            Path target = cli.toAbsolutePath().getParent();
            Path cds = target.resolve("cerebro.jsa");
            if (!Files.isRegularFile(cds)) {
                return;
            }
            var made = Files.getLastModifiedTime(cds);
            List<Path> jars = new ArrayList<>(List.of(cli));
            Path lib = target.resolve("lib");
            if (Files.isDirectory(lib)) {
                try (var s = Files.list(lib)) {
                    s.forEach(jars::add);
                }
            }
            for (Path j : jars) {
                if (Files.getLastModifiedTime(j).compareTo(made) > 0) {
                    Files.deleteIfExists(cds);
                    return;
                }
            }
        }

        private boolean peerAvailable(Path script, String imports) {
            if (!Files.isRegularFile(script) || !Files.isExecutable(python)) {
                return false;
            }
            try {
                Process p = new ProcessBuilder(python.toString(), "-c", imports).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private static String samePValue(String cerebroJson, String peerJson) {
            try {
                ObjectMapper m = new ObjectMapper();
                JsonNode c = m.readTree(cerebroJson);
                JsonNode p = m.readTree(peerJson);
                double a = c.get("pValue").asDouble();
                double b = p.get("p_value").asDouble();
                return Math.abs(a - b) <= 1e-6 * Math.max(1e-300, Math.abs(b)) + 1e-12 ? "yes" : String.format(Locale.ROOT, "NO (%.6g vs %.6g)", a, b);
            } catch (IOException | RuntimeException e) {
                return "unreadable";
            }
        }

        static Path runningJar() {
            try {
                Path p = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                if (Files.isRegularFile(p)) {
                    return p;
                }
                // running from target/classes (tests, IDE): use the packaged jar beside it
                return p.getParent().resolve("cerebro-cli.jar");
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }

        static String loadAverage() {
            try {
                String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
                return f[0] + " " + f[1] + " " + f[2];
            } catch (IOException | RuntimeException e) {
                return "unknown";
            }
        }

        private static long lineCount(Path f) throws IOException {
            try (var lines = Files.lines(f, StandardCharsets.UTF_8)) {
                return lines.count();
            }
        }

        /**
         * Writes an experiment: two arms 50/50, conversion 10% vs 10.5%, revenue lognormal for converters,
         * a pre-period revenue correlated with it, and a country.
         */
        static void generate(Path file, long rows, long seed) throws IOException {
            String[] countries = {"US", "BR", "DE", "IN", "JP"};
            SplittableRandom rng = new SplittableRandom(seed);
            Path tmp = file.resolveSibling(file.getFileName() + ".part");
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.US_ASCII)) {
                w.write("arm,converted,revenue,pre_revenue,country\n");
                StringBuilder b = new StringBuilder(64);
                for (long i = 0; i < rows; i++) {
                    boolean treated = rng.nextBoolean();
                    double pre = Math.exp(3 + 0.8 * rng.nextGaussian());
                    boolean conv = rng.nextDouble() < (treated ? 0.105 : 0.10);
                    double revenue = conv ? 0.5 * pre + Math.exp(3.2 + 0.6 * rng.nextGaussian()) : 0.0;
                    b.setLength(0);
                    b.append(treated ? "treatment" : "control").append(',').append(conv ? '1' : '0').append(',');
                    cents(b, revenue);
                    b.append(',');
                    cents(b, pre);
                    b.append(',').append(countries[rng.nextInt(countries.length)]).append('\n');
                    w.append(b);
                }
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }

        private static void cents(StringBuilder b, double x) {
            long c = Math.round(x * 100);
            b.append(c / 100).append('.');
            long r = c % 100;
            if (r < 10) {
                b.append('0');
            }
            b.append(r);
        }

        static String fmt(double[] s) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < s.length; i++) {
                b.append(i > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.3f", s[i]));
            }
            return b.append("] s").toString();
        }

        static void printTable(PrintWriter out, List<String[]> rows) {
            int[] w = new int[rows.get(0).length];
            for (String[] r : rows) {
                for (int i = 0; i < r.length; i++) {
                    w[i] = Math.max(w[i], r[i].length());
                }
            }
            for (int j = 0; j < rows.size(); j++) {
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < w.length; i++) {
                    String cell = rows.get(j)[i];
                    b.append(i == 0 ? String.format("%-" + w[i] + "s", cell) : String.format("  %" + w[i] + "s", cell));
                }
                out.println(b);
                if (j == 0) {
                    out.println("-".repeat(b.length()));
                }
            }
        }
    }
}
