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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * {@code cerebro bench bandit}: times {@code cerebro bandit simulate} (3 Bernoulli arms, UCB1,
 * Thompson sampling and ε-greedy) and {@code cerebro bandit evaluate} (IPS, SNIPS and DR on a
 * generated log) as child processes launched the way the {@code ./cerebro} launcher does, JVM start
 * included, against the numpy peer {@code tools/bench/bandit_peer.py} (vectorised across runs;
 * pandas reads the log) in the same run, and prints the ratios. The child-process helpers are
 * those of {@code bench abtest}.
 */
@Command(name = "bandit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time 'cerebro bandit simulate' and 'cerebro bandit evaluate' end to end against a numpy peer on the same work.",
                "Example: cerebro bench bandit --horizon 100000 --runs 200 --rows 10000000"})
public final class BenchBanditCommand implements Callable<Integer> {
    /** The arms of the simulation, as the issue sets the benchmark. */
    static final String ARMS = "0.040,0.045,0.050";

    @Option(names = "--horizon", paramLabel = "T", defaultValue = "100000", description = "Pulls per run (default ${DEFAULT-VALUE}).")
    long horizon;

    @Option(names = "--runs", paramLabel = "R", defaultValue = "200", description = "Runs per algorithm (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "10000000", description = "Rows of the generated log (default ${DEFAULT-VALUE}).")
    long rows;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where the generated log is kept (default: the system temp dir).")
    Path dir;

    @Option(names = "--python", paramLabel = "EXE", defaultValue = "/usr/bin/python3",
            description = "Python with numpy and pandas for the peer (default ${DEFAULT-VALUE}); skipped when missing.")
    Path python;

    @Option(names = "--script", paramLabel = "PY", description = "The peer script (default: tools/bench/bandit_peer.py of this checkout).")
    Path script;

    @Option(names = "--jar", paramLabel = "JAR", description = "The cerebro-cli.jar to time (default: the running one).")
    Path jar;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "7", description = "Simulation seed (default ${DEFAULT-VALUE}).")
    long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() throws Exception {
        if (horizon < 10 || runs < 1 || rows < 100) {
            throw new UserInputException("need --horizon >= 10, --runs >= 1 and --rows >= 100");
        }
        PrintWriter out = cmd.commandLine().getOut();
        String loadStart = BenchCommand.Abtest.loadAverage();
        Path cli = jar != null ? jar : BenchCommand.Abtest.runningJar();
        if (!Files.isRegularFile(cli)) {
            throw new UserInputException("cannot find the runnable jar " + cli + "; build it with ./cerebro --version or pass --jar");
        }
        BenchCommand.Abtest.dropStaleArchive(cli);
        Path root = cli.toAbsolutePath().getParent().getParent().getParent();
        Path peerScript = script != null ? script : root.resolve("tools/bench/bandit_peer.py");
        boolean peer = Files.isRegularFile(peerScript) && Files.isExecutable(python);
        if (!peer) {
            out.println("peer skipped: " + python + " or " + peerScript + " not found");
        }
        Path folder = dir != null ? dir : Path.of(System.getProperty("java.io.tmpdir"), "cerebro-bench");
        Files.createDirectories(folder);
        Path log = folder.resolve("bandit_log_" + rows + ".csv");
        if (!Files.isRegularFile(log)) {
            out.printf(Locale.ROOT, "generating %s (%,d rows)...%n", log, rows);
            out.flush();
            generateLog(log, rows, 20261207L);
        }
        List<String> java = BenchCommand.Abtest.javaCommand(cli);
        List<String> simulate = new ArrayList<>(java);
        simulate.addAll(List.of("bandit", "simulate", "--arms", ARMS, "--horizon", Long.toString(horizon), "--runs", Integer.toString(runs),
                "--algorithms", "ucb1,thompson,epsilon_greedy", "--seed", Long.toString(seed), "--format", "json"));
        List<String> evaluate = new ArrayList<>(java);
        evaluate.addAll(List.of("bandit", "evaluate", log.toString(), "--action", "arm", "--reward", "reward", "--propensity", "p",
                "--context", "x", "--target", "target", "--format", "json"));
        // warm-up: the class-data archive and the log in the file cache, for both tools alike
        BenchCommand.Abtest.run(evaluate);

        out.printf(Locale.ROOT, "simulate: arms %s, %,d pulls x %d runs x 3 algorithms (ucb1, thompson, epsilon_greedy)%n", ARMS, horizon, runs);
        out.flush();
        Timed cs = time(simulate);
        JsonNode cj = new ObjectMapper().readTree(cs.stdout);
        out.printf(Locale.ROOT, "  cerebro  %8.2f s   regret %s%n", cs.seconds, regrets(cj));
        if (peer) {
            Timed ps = time(List.of(python.toString(), peerScript.toString(), "simulate", ARMS, Long.toString(horizon),
                    Integer.toString(runs), Long.toString(seed)));
            JsonNode pj = new ObjectMapper().readTree(ps.stdout.strip().lines().reduce((a, b) -> b).orElseThrow());
            out.printf(Locale.ROOT, "  peer     %8.2f s   regret ucb1 %.1f, thompson %.1f, epsilon_greedy %.1f (%s, own random draws)%n", ps.seconds,
                    pj.get("ucb1").asDouble(), pj.get("thompson").asDouble(), pj.get("epsilon_greedy").asDouble(), pj.get("peer").asText());
            out.printf(Locale.ROOT, "  ratio    %8.1fx  (peer time / cerebro time)%n", ps.seconds / cs.seconds);
        }
        out.printf(Locale.ROOT, "evaluate: %,d logged rows, IPS + SNIPS + DR (reward model on x), target column; true value %.4f%n", rows, TRUE_VALUE);
        out.flush();
        Timed ce = time(evaluate);
        JsonNode ej = new ObjectMapper().readTree(ce.stdout);
        double[] c = {value(ej, "IPS"), value(ej, "SNIPS"), value(ej, "DR")};
        out.printf(Locale.ROOT, "  cerebro  %8.2f s   IPS %.6f  SNIPS %.6f  DR %.6f%n", ce.seconds, c[0], c[1], c[2]);
        if (peer) {
            Timed pe = time(List.of(python.toString(), peerScript.toString(), "evaluate", log.toString()));
            JsonNode pj = new ObjectMapper().readTree(pe.stdout.strip().lines().reduce((a, b) -> b).orElseThrow());
            double[] p = {pj.get("ips").asDouble(), pj.get("snips").asDouble(), pj.get("dr").asDouble()};
            out.printf(Locale.ROOT, "  peer     %8.2f s   IPS %.6f  SNIPS %.6f  DR %.6f  (%s)%n", pe.seconds, p[0], p[1], p[2], pj.get("peer").asText());
            out.printf(Locale.ROOT, "  ratio    %8.1fx  (peer time / cerebro time)%n", pe.seconds / ce.seconds);
            boolean same = true;
            for (int i = 0; i < 3; i++) same &= Math.abs(c[i] - p[i]) <= 1e-9 + 1e-7 * Math.abs(p[i]);
            out.println(same ? "  estimates agree (1e-7)" : "  ESTIMATES DIFFER");
        }
        out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, load average at start " + loadStart + ", at end "
                + BenchCommand.Abtest.loadAverage() + "; cerebro: " + String.join(" ", java) + " (child JVM per run)");
        out.flush();
        return CliSupport.OK;
    }

    /** The value of the log's target policy: C (0.3 + 0.2 x) for x > 0.5, A (0.1 + 0.2 x) below: 0.5 (0.45) + 0.5 (0.15). */
    static final double TRUE_VALUE = 0.3;

    /**
     * Writes the bench log: x ~ U(0, 1); the logging policy takes A, B, C with probabilities 0.5,
     * 0.3, 0.2; arm a (0, 1, 2) is clicked with probability 0.1 + 0.1 a + 0.2 x; the target column
     * takes C when x > 0.5 and A otherwise ({@link #TRUE_VALUE}).
     */
    static void generateLog(Path file, long rows, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        String[] arms = {"A", "B", "C"};
        String[] props = {"0.5", "0.3", "0.2"};
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, java.nio.charset.StandardCharsets.US_ASCII, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            w.write("arm,reward,p,x,target\n");
            StringBuilder sb = new StringBuilder(64);
            for (long i = 0; i < rows; i++) {
                double x = Math.floor(r.nextDouble() * 1e6) / 1e6;
                double u = r.nextDouble();
                int a = u < 0.5 ? 0 : u < 0.8 ? 1 : 2;
                int click = r.nextDouble() < 0.1 + 0.1 * a + 0.2 * x ? 1 : 0;
                sb.setLength(0);
                sb.append(arms[a]).append(',').append(click).append(',').append(props[a]).append(',').append(x).append(',')
                        .append(x > 0.5 ? "C" : "A").append('\n');
                w.append(sb);
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private record Timed(double seconds, String stdout) {
    }

    private static Timed time(List<String> command) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        String stdout = BenchCommand.Abtest.run(command);
        return new Timed((System.nanoTime() - t0) / 1e9, stdout);
    }

    private static double value(JsonNode result, String label) {
        for (JsonNode e : result.get("estimates")) {
            if (e.get("label").asText().equals(label)) return e.get("estimate").asDouble();
        }
        throw new IllegalStateException("no " + label + " estimate in cerebro's output");
    }

    private static String regrets(JsonNode result) {
        List<String> parts = new ArrayList<>();
        for (JsonNode e : result.get("estimates")) {
            parts.add(String.format(Locale.ROOT, "%s %.1f", e.get("label").asText(), e.get("estimate").asDouble()));
        }
        return String.join(", ", parts);
    }
}
