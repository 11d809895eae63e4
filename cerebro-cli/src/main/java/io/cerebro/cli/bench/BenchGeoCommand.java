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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code cerebro bench geo}: market selection and one analysis on a simulated panel (default 40
 * locations x 90 days), each timed as a user runs it: a child {@code cerebro geotest design} and a
 * child {@code cerebro geotest} launched as the {@code ./cerebro} launcher does (JVM start
 * included), against a numpy/scipy peer ({@code tools/bench/geo_peer.py}: nnls synthetic control,
 * the same conformal test, the same numbers of screened sets, simulated sets, starts, effects and
 * permutations) in the same run. The design's progress bar is passed through on stderr.
 */
@Command(name = "geo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark geo market selection and analysis end to end against a numpy/scipy peer.",
                "Example: cerebro bench geo --locations 40 --days 90 --sizes 2-5 --starts 50"})
public final class BenchGeoCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--locations", defaultValue = "40", description = "locations simulated (default ${DEFAULT-VALUE})")
    int locations;

    @Option(names = "--days", defaultValue = "90", description = "days simulated (default ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--duration", defaultValue = "15", description = "test days (default ${DEFAULT-VALUE})")
    int duration;

    @Option(names = "--sizes", defaultValue = "2-5", description = "set sizes searched (default ${DEFAULT-VALUE})")
    String sizes;

    @Option(names = "--effects", defaultValue = "0,0.05,0.10,0.15", description = "effects planted (default ${DEFAULT-VALUE})")
    String effects;

    @Option(names = "--starts", defaultValue = "50", description = "simulated start times per set (default ${DEFAULT-VALUE})")
    int starts;

    @Option(names = "--screen", defaultValue = "200", description = "sets screened by fit per size (default ${DEFAULT-VALUE})")
    int screen;

    @Option(names = "--top", defaultValue = "5", description = "best-fitting sets per size simulated (default ${DEFAULT-VALUE})")
    int top;

    @Option(names = "--permutations", defaultValue = "1000", description = "conformal permutations, design and analysis (default ${DEFAULT-VALUE})")
    int permutations;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python with numpy and scipy (default ${DEFAULT-VALUE})")
    String python;

    @Option(names = "--script", defaultValue = "tools/bench/geo_peer.py", description = "the peer script (default ${DEFAULT-VALUE})")
    Path script;

    @Option(names = "--no-peer", description = "Time Cerebro only.")
    boolean noPeer;

    @Option(names = "--jar", paramLabel = "JAR", description = "The cerebro-cli.jar to time (default: the running one).")
    Path jar;

    @Option(names = "--seed", defaultValue = "42", description = "simulation seed (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (locations < 6 || days < 30 || duration < 1 || duration > days - 10 || starts < 1 || screen < 1 || top < 1 || permutations < 19) {
            throw new UserInputException("need --locations >= 6, --days >= 30, 1 <= --duration <= days - 10, --starts, --screen, --top >= 1 "
                    + "and --permutations >= 19");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path cli = jar != null ? jar : BenchCommand.Abtest.runningJar();
        if (!Files.isRegularFile(cli)) {
            throw new UserInputException("cannot find the runnable jar " + cli + "; build it with ./cerebro --version or pass --jar");
        }
        BenchCommand.Abtest.dropStaleArchive(cli);
        String loadStart = BenchCommand.Abtest.loadAverage();
        Path csv = Files.createTempFile("cerebro-geo-bench", ".csv");
        try {
            List<String> dates = write(csv, locations, days, seed);
            out.printf(Locale.ROOT, "geo bench: %d locations x %d days, %d-day tests, sizes %s, %d sets screened and %d simulated per size, "
                    + "%d starts x %d effects per set, %d permutations%n", locations, days, duration, sizes, screen, top, starts,
                    effects.split(",").length, permutations);
            out.flush();
            List<String> design = new ArrayList<>(BenchCommand.Abtest.javaCommand(cli));
            design.addAll(List.of("geotest", "design", csv.toString(), "--location", "location", "--time", "date", "--outcome", "Y",
                    "--duration", Integer.toString(duration), "--effects", effects, "--sizes", sizes, "--starts", Integer.toString(starts),
                    "--max-candidates", Integer.toString(screen), "--top", Integer.toString(top), "--permutations",
                    Integer.toString(permutations), "--format", "json"));
            long t0 = System.nanoTime();
            JsonNode d = new ObjectMapper().readTree(runShowingProgress(design));
            double selection = (System.nanoTime() - t0) / 1e9;
            String best = d.get("estimates").get(0).get("label").asText();
            String start = dates.get(days - duration);
            List<String> analysis = new ArrayList<>(BenchCommand.Abtest.javaCommand(cli));
            analysis.addAll(List.of("geotest", csv.toString(), "--location", "location", "--time", "date", "--outcome", "Y",
                    "--treated", best.replace('+', ','), "--start", start, "--permutations", Integer.toString(permutations), "--format", "json"));
            BenchCommand.Abtest.run(analysis); // warm-up: file cache, class-data archive
            long t1 = System.nanoTime();
            JsonNode a = new ObjectMapper().readTree(BenchCommand.Abtest.run(analysis));
            double analysed = (System.nanoTime() - t1) / 1e9;
            int simulated = d.get("details").get("design").get("simulated_sets").asInt() * d.get("sampleSizes").get("simulated_starts").asInt()
                    * effects.split(",").length;
            out.printf(Locale.ROOT, "  cerebro selection %7.2f s  (%s; %d simulated tests, each the analysis's own estimator and conformal test)%n",
                    selection, d.get("details").get("design").get("search").asText(), simulated);
            out.printf(Locale.ROOT, "  cerebro analysis  %7.2f s  (%s from %s, ATT %.4g, p %.4g, %d permutations; JVM start included)%n", analysed,
                    best, start, a.get("estimate").asDouble(), a.get("pValue").asDouble(), permutations);
            if (noPeer) {
                return CliSupport.OK;
            }
            if (!Files.isRegularFile(script)) {
                out.println("peer script " + script + " not found (run from the project root); numpy/scipy comparison skipped");
                return CliSupport.OK;
            }
            List<String> peer = List.of(python, script.toString(), csv.toString(), Integer.toString(duration), effects, sizes,
                    Integer.toString(screen), Integer.toString(top), Integer.toString(starts), Integer.toString(permutations),
                    best.replace('+', ','), start, Long.toString(seed));
            long t2 = System.nanoTime();
            String peerOut;
            try {
                peerOut = BenchCommand.Abtest.run(peer);
            } catch (UserInputException e) {
                out.println("python peer failed: " + e.getMessage());
                return CliSupport.OK;
            }
            double peerWall = (System.nanoTime() - t2) / 1e9;
            JsonNode p = new ObjectMapper().readTree(peerOut.lines().reduce((x, y) -> y).orElseThrow());
            double ps = p.get("selection_seconds").asDouble();
            double pa = p.get("analysis_seconds").asDouble();
            out.printf(Locale.ROOT, "  peer selection    %7.2f s  (%s, %d simulated tests; process %.2f s with start-up and the analysis)%n", ps,
                    p.get("peer").asText(), p.get("simulated_tests").asInt(), peerWall);
            out.printf(Locale.ROOT, "  peer analysis     %7.2f s  (ATT %.4g, p %.4g; Python start-up not included)%n", pa, p.get("att").asDouble(),
                    p.get("p_value").asDouble());
            out.printf(Locale.ROOT, "  ratio             selection %.2fx, analysis %.2fx (peer time / cerebro time; cerebro's analysis includes its JVM start)%n",
                    ps / selection, pa / analysed);
            out.printf(Locale.ROOT, "  end to end        peer process %.2f s, cerebro processes %.2f s: %.2fx%n", peerWall, selection + analysed,
                    peerWall / (selection + analysed));
            out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, load average at start " + loadStart + ", at end "
                    + BenchCommand.Abtest.loadAverage() + " (other work on the machine slows both tools)");
        } finally {
            Files.deleteIfExists(csv);
        }
        return CliSupport.OK;
    }

    /** Runs a command with its stderr (the progress bar) passed through, returning its stdout. */
    private static String runShowingProgress(List<String> command) throws IOException, InterruptedException {
        Path outFile = Files.createTempFile("cerebro-bench", ".out");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(outFile.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            if (!p.waitFor(30, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new UserInputException("benchmark command timed out: " + String.join(" ", command));
            }
            if (p.exitValue() != 0) {
                throw new UserInputException("benchmark command failed (exit " + p.exitValue() + "): " + String.join(" ", command));
            }
            return Files.readString(outFile);
        } finally {
            Files.deleteIfExists(outFile);
        }
    }

    /**
     * Writes a panel of {@code n} locations over {@code days} days: level {@code 1000 (1 + l/n)}
     * times a weekly cycle, a shared random walk and a second factor, with location-specific
     * loadings and 2% noise. Returns the dates in order.
     */
    static List<String> write(Path file, int n, int days, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        double[] f = new double[days];
        double[] g = new double[days];
        double walk = 0;
        for (int t = 0; t < days; t++) {
            walk += 0.3 * r.nextGaussian();
            f[t] = Math.sin(2 * Math.PI * t / 7.0);
            g[t] = walk;
        }
        List<String> dates = new ArrayList<>();
        for (int t = 0; t < days; t++) {
            dates.add(LocalDate.of(2024, 1, 1).plusDays(t).toString());
        }
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("location,date,Y\n");
            for (int l = 0; l < n; l++) {
                double level = 1000 * (1 + (double) l / n);
                double a = 0.5 + r.nextDouble();
                double b = 0.5 + r.nextDouble();
                for (int t = 0; t < days; t++) {
                    double y = level * (1 + 0.06 * a * f[t] + 0.04 * b * g[t] + 0.02 * r.nextGaussian());
                    w.write(String.format(Locale.ROOT, "loc%02d,%s,%.2f%n", l + 1, dates.get(t), Math.max(0, y)));
                }
            }
        }
        return dates;
    }
}
