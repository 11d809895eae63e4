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
                    + "'cerebro abtest' end to end against pandas.read_csv + scipy.stats on the same files.",
                    "Example: cerebro bench abtest --rows 10000000 --dir /tmp/cerebro-bench"})
    static final class Abtest implements Callable<Integer> {
        @Option(names = "--rows", paramLabel = "N", defaultValue = "10000000", description = "Rows of the generated CSV (default ${DEFAULT-VALUE}).")
        long rows;

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
            if (rows < 10) {
                throw new UserInputException("--rows must be at least 10, got " + rows);
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
            boolean peer = !noPeer && peerAvailable(peerScript);
            if (!noPeer && !peer) {
                out.println("peer skipped: " + python + " with pandas and scipy, or " + peerScript + ", not found");
            }
            Path folder = dir != null ? dir : Path.of(System.getProperty("java.io.tmpdir"), "cerebro-bench");
            Files.createDirectories(folder);
            Path big = folder.resolve("ab_bench_" + rows + ".csv");
            if (!Files.isRegularFile(big)) {
                out.printf(Locale.ROOT, "generating %s (%,d rows)...%n", big, rows);
                out.flush();
                long t0 = System.nanoTime();
                generate(big, rows, 20261122L);
                out.printf(Locale.ROOT, "  written in %.1f s, %.0f MB%n", (System.nanoTime() - t0) / 1e9, Files.size(big) / 1e6);
            }
            Path small = example != null ? example : root.resolve("examples/checkout_ab.csv");

            List<String[]> table = new ArrayList<>();
            table.add(new String[]{"data", "rows", "outcome", "cerebro median s", "peer median s", "peer / cerebro", "same p-value"});
            List<Case> cases = new ArrayList<>();
            cases.add(new Case(big, rows, "arm", "converted"));
            cases.add(new Case(big, rows, "arm", "revenue"));
            if (Files.isRegularFile(small)) {
                long smallRows = Math.max(0, lineCount(small) - 1);
                cases.add(new Case(small, smallRows, "variant", "converted"));
                cases.add(new Case(small, smallRows, "variant", "revenue"));
            } else {
                out.println("example " + small + " not found; timing the generated file only");
            }
            for (Case c : cases) {
                List<String> cerebro = new ArrayList<>(javaCommand(cli));
                cerebro.addAll(List.of("abtest", c.file.toString(), "--treatment", c.treatment, "--outcome", c.outcome,
                        "--format", "json"));
                Timing ct = time(cerebro);
                Timing pt = null;
                if (peer) {
                    pt = time(List.of(python.toString(), peerScript.toString(), c.file.toString(), "--treatment", c.treatment,
                            "--outcome", c.outcome));
                }
                String same = pt == null ? "-" : samePValue(ct.stdout, pt.stdout);
                table.add(new String[]{c.file.getFileName().toString(), String.format(Locale.ROOT, "%,d", c.rows), c.outcome,
                        String.format(Locale.ROOT, "%.3f", ct.median), pt == null ? "-" : String.format(Locale.ROOT, "%.3f", pt.median),
                        pt == null ? "-" : String.format(Locale.ROOT, "%.1fx", pt.median / ct.median), same});
                out.printf(Locale.ROOT, "  %s %s: cerebro %s%s%n", c.file.getFileName(), c.outcome, fmt(ct.all),
                        pt == null ? "" : ", peer " + fmt(pt.all));
                out.flush();
            }
            out.println();
            out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, load average at start "
                    + loadStart + ", at end " + loadAverage() + " (other work on the machine slows both tools)");
            out.printf(Locale.ROOT, "cerebro: %s (child JVM per run, %d timed runs after a warm-up); peer: %s%n",
                    String.join(" ", javaCommand(cli)), reps, peer ? python + " " + peerScript : "none");
            printTable(out, table);
            out.flush();
            return CliSupport.OK;
        }

        private record Case(Path file, long rows, String treatment, String outcome) {
        }

        private record Timing(double median, double[] all, String stdout) {
        }

        private Timing time(List<String> command) throws IOException, InterruptedException {
            run(command); // warm-up: file cache, class-data-sharing archive
            double[] s = new double[reps];
            String stdout = null;
            for (int i = 0; i < reps; i++) {
                long t0 = System.nanoTime();
                stdout = run(command);
                s[i] = (System.nanoTime() - t0) / 1e9;
            }
            double[] sorted = s.clone();
            Arrays.sort(sorted);
            double median = reps % 2 == 1 ? sorted[reps / 2] : (sorted[reps / 2 - 1] + sorted[reps / 2]) / 2;
            return new Timing(median, s, stdout);
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

        private boolean peerAvailable(Path script) {
            if (!Files.isRegularFile(script) || !Files.isExecutable(python)) {
                return false;
            }
            try {
                Process p = new ProcessBuilder(python.toString(), "-c", "import pandas, scipy").redirectErrorStream(true)
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

        private static String fmt(double[] s) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < s.length; i++) {
                b.append(i > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.3f", s[i]));
            }
            return b.append("] s").toString();
        }

        private static void printTable(PrintWriter out, List<String[]> rows) {
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
