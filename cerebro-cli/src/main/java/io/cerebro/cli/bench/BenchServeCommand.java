package io.cerebro.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.cli.CliSupport;
import io.cerebro.core.error.UserInputException;
import io.cerebro.experiment.ExperimentDesigns;
import io.cerebro.experiment.Lifecycle;
import io.cerebro.store.ExperimentStore;
import io.cerebro.store.SequentialTest;
import io.cerebro.store.Stores;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code cerebro bench serve}: starts {@code cerebro serve} as a user would (a separate process,
 * launched like {@code ./cerebro}) on a fresh DuckDB store, drives it from this process with
 * keep-alive HTTP/1.1 clients on loopback ({@link KeepAliveHttpClient}), and reports requests per second and latency
 * percentiles for assignments, single-event records and batched records; at the end it checks
 * that the store holds exactly the events the server acknowledged.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark 'cerebro serve': assignments/s with p50/p99 latency, recorded events/s (one event per request and in batches), "
                + "from concurrent HTTP clients on loopback; checks the store holds every acknowledged event once.",
                "Example: cerebro bench serve --clients 16 --seconds 10"})
public final class BenchServeCommand implements Callable<Integer> {
    @Option(names = "--clients", paramLabel = "N", defaultValue = "16", description = "Concurrent clients, one connection each (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "10", description = "Length of each timed phase (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--batch", paramLabel = "K", defaultValue = "100", description = "Events per request in the batched phase (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--warmup", paramLabel = "S", defaultValue = "6",
            description = "Least seconds of untimed requests first (assignments and single events in turn), continued until the server's JIT "
                    + "compiler threads are idle, at most " + MAX_WARMUP + " s (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--jar", paramLabel = "JAR", description = "The cerebro-cli.jar to serve with (default: the running one).")
    Path jar;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one phase measured. */
    record Phase(String name, long requests, long events, double seconds, long[] latenciesNanos, long failures, double serverCpu, double clientCpu,
                 long connections, String loadAtStart, long commits, long writtenRequests) {
        /** @return requests per store commit (how much the group commit shared each one). */
        double requestsPerCommit() {
            return commits == 0 ? Double.NaN : (double) writtenRequests / commits;
        }

        /** @return CPU milliseconds per request, server and clients together (what bounds throughput on a quiet machine). */
        double cpuMillisPerRequest() {
            return requests == 0 ? Double.NaN : (serverCpu + clientCpu) * 1000 / requests;
        }

        /** @return the server process's CPU milliseconds per request. */
        double serverCpuMillisPerRequest() {
            return requests == 0 ? Double.NaN : serverCpu * 1000 / requests;
        }

        double perSecond() {
            return requests / seconds;
        }

        double eventsPerSecond() {
            return events / seconds;
        }

        double percentileMillis(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.min(latenciesNanos.length - 1, Math.ceil(p * latenciesNanos.length) - 1);
            return latenciesNanos[Math.max(0, i)] / 1e6;
        }
    }

    @Override
    public Integer call() throws Exception {
        if (clients < 1 || clients > 1024) {
            throw new UserInputException("--clients must be between 1 and 1024, got " + clients);
        }
        if (seconds < 1) {
            throw new UserInputException("--seconds must be at least 1, got " + seconds);
        }
        if (batch < 1 || batch > 100_000) {
            throw new UserInputException("--batch must be between 1 and 100000 events, got " + batch);
        }
        if (warmup < 0) {
            throw new UserInputException("--warmup must be 0 or more seconds, got " + warmup);
        }
        Path cli = jar != null ? jar : BenchCommand.Abtest.runningJar();
        if (!Files.isRegularFile(cli)) {
            throw new UserInputException("no cerebro-cli.jar at " + cli + "; build it with ./cerebro --version or give --jar");
        }
        PrintWriter out = cmd.commandLine().getOut();
        Path dir = Files.createTempDirectory("cerebro-bench-serve");
        Path store = dir.resolve("bench.duckdb");
        try (ExperimentStore s = Stores.open(store.toString())) {
            Lifecycle life = new Lifecycle(s);
            life.create(new Lifecycle.Design("bench", ExperimentDesigns.variants("control:0.5,treatment:0.5"),
                    List.of(ExperimentDesigns.metric("converted:binary"), ExperimentDesigns.metric("revenue:continuous")), 100, null,
                    null, null, SequentialTest.MSPRT, 0.05, 0.8, null, null, 0.2, "bench-salt"));
            life.start("bench", "benchmark");
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String token = UUID.randomUUID().toString();
        List<String> command = new ArrayList<>(launcher(cli));
        command.addAll(List.of("serve", "--port", Integer.toString(port), "--store", store.toString(), "--token", token));
        out.println("starting: " + String.join(" ", command).replace(token, "***"));
        out.flush();
        Process server = new ProcessBuilder(command).redirectOutput(dir.resolve("serve.out").toFile())
                .redirectError(dir.resolve("serve.err").toFile()).start();
        AtomicLong acknowledged = new AtomicLong();
        List<Phase> phases = new ArrayList<>();
        try {
            awaitHealth("http://127.0.0.1:" + port, server, dir);
            long pid = server.pid();
            double warmed = warmUp(port, token, acknowledged, pid);
            out.printf(Locale.ROOT, "warm-up: %.0f s (assignments and single events in turn, until the server's JIT compiler threads were idle)%n", warmed);
            out.flush();
            phases.add(run("assign", port, token, seconds, 0, acknowledged, pid));
            phases.add(run("record, 1 event/request", port, token, seconds, 1, acknowledged, pid));
            phases.add(run("record, " + batch + " events/request", port, token, seconds, batch, acknowledged, pid));
        } finally {
            server.destroy(); // SIGTERM: the server commits what is queued and releases the store
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
        long stored;
        try (ExperimentStore s = Stores.open(store.toString())) {
            stored = s.eventCount("bench");
        }
        out.printf(Locale.ROOT, "%n%-28s %10s %12s %12s %9s %9s %12s %12s %11s %7s %6s  %s%n", "phase", "requests", "requests/s", "events/s", "p50 ms",
                "p99 ms", "CPU ms/req", "server ms/r", "req/commit", "failed", "conns", "load at start");
        for (Phase p : phases) {
            out.printf(Locale.ROOT, "%-28s %10d %12.0f %12.0f %9.2f %9.2f %12.3f %12.3f %11.1f %7d %6d  %s%n", p.name(), p.requests(), p.perSecond(),
                    p.eventsPerSecond(), p.percentileMillis(0.5), p.percentileMillis(0.99), p.cpuMillisPerRequest(), p.serverCpuMillisPerRequest(),
                    p.requestsPerCommit(),
                    p.failures(), p.connections(), p.loadAtStart());
        }
        out.println("(CPU ms/req: the server's and the clients' CPU time per request together, server ms/r the server's alone; on an "
                + "otherwise idle machine requests/s is at most cores x 1000 / CPU ms/req. conns: TCP connections the clients opened "
                + "(one per client when keep-alive held); req/commit: requests each durable store commit answered)");
        out.printf(Locale.ROOT, "%nconcurrency: %d clients, each one request at a time on one keep-alive HTTP/1.1 connection; %d s per phase; "
                        + "server ('cerebro serve', a separate process) and clients on this machine (%d cores, load average %s)%n",
                clients, seconds, Runtime.getRuntime().availableProcessors(), BenchCommand.Abtest.loadAverage());
        out.println("store check: " + stored + " events stored, " + acknowledged.get() + " acknowledged: "
                + (stored == acknowledged.get() ? "none lost, none doubled" : "MISMATCH"));
        Phase assign = phases.get(0);
        out.printf(Locale.ROOT, "target: >= 5,000 assignments/s with p99 < 20 ms: %s; >= 5,000 recorded events/s: %s (one per request), %s (batched)%n",
                assign.perSecond() >= 5000 && assign.percentileMillis(0.99) < 20 ? "met" : "not met",
                phases.get(1).eventsPerSecond() >= 5000 ? "met" : "not met", phases.get(2).eventsPerSecond() >= 5000 ? "met" : "not met");
        out.flush();
        deleteQuietly(dir);
        return stored == acknowledged.get() ? CliSupport.OK : CliSupport.FAILED;
    }

    /** The server command as a user runs it: the ./cerebro launcher beside the build when there is one, else its java command. */
    static List<String> launcher(Path cli) {
        Path root = cli.toAbsolutePath().getParent();
        for (int i = 0; i < 2 && root != null; i++) {
            root = root.getParent();
        }
        if (root != null && Files.isExecutable(root.resolve("cerebro")) && cli.toAbsolutePath().startsWith(root.resolve("cerebro-cli"))) {
            return List.of(root.resolve("cerebro").toString());
        }
        return BenchCommand.Abtest.javaCommand(cli);
    }

    private static void awaitHealth(String base, Process server, Path dir) throws Exception {
        HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new UserInputException("the server exited with code " + server.exitValue() + ": "
                        + Files.readString(dir.resolve("serve.err")).strip().replace('\n', ' '));
            }
            try {
                HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new UserInputException("the server did not answer /health within 180 s; see " + dir.resolve("serve.err"));
    }

    /** Runs one phase: {@code events} 0 assigns, else records that many events per request. */
    private Phase run(String name, int port, String token, int secs, int events, AtomicLong acknowledged, long serverPid) throws Exception {
        long[] health0 = commits(port, token);
        double server0 = cpuSeconds(serverPid);
        double client0 = ownCpuSeconds();
        long[][] lat = new long[clients][];
        int[] counts = new int[clients];
        long[] failures = new long[clients];
        Thread[] threads = new Thread[clients];
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(secs);
        String path = events == 0 ? "/experiments/bench/assign" : "/experiments/bench/events";
        long[] connections = new long[clients];
        String load = BenchCommand.Abtest.loadAverage();
        for (int c = 0; c < clients; c++) {
            int client = c;
            threads[c] = Thread.ofPlatform().name("bench-client-" + c).start(() -> {
                long[] mine = new long[1 << 14];
                int n = 0;
                long i = 0;
                StringBuilder body = new StringBuilder();
                try (KeepAliveHttpClient http = new KeepAliveHttpClient("127.0.0.1", port, token)) {
                    while (System.nanoTime() < end) {
                        body.setLength(0);
                        String unitPrefix = name.startsWith("w") ? name : "b";
                        if (events == 0) {
                            body.append("{\"unit\":\"").append(unitPrefix).append(client).append('-').append(i).append("\"}");
                        } else if (events == 1) {
                            body.append("{\"unit\":\"b").append(client).append('-').append(i % 5000).append("\",\"metric\":\"converted\",\"value\":")
                                    .append((i * 7 + client) % 10 == 0 ? 1 : 0).append('}');
                        } else {
                            body.append("{\"events\":[");
                            for (int k = 0; k < events; k++) {
                                body.append(k == 0 ? "" : ",").append("{\"unit\":\"b").append(client).append('-').append((i * events + k) % 5000)
                                        .append("\",\"metric\":\"revenue\",\"value\":").append((k % 13) * 1.5).append('}');
                            }
                            body.append("]}");
                        }
                        byte[] bytes = body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                        long t0 = System.nanoTime();
                        try {
                            KeepAliveHttpClient.Response r = http.post(path, bytes);
                            long t = System.nanoTime() - t0;
                            if (r.status() == 200) {
                                if (n == mine.length) {
                                    mine = Arrays.copyOf(mine, n * 2);
                                }
                                mine[n++] = t;
                                if (events > 0) {
                                    acknowledged.addAndGet(events);
                                }
                            } else {
                                failures[client]++;
                            }
                        } catch (IOException e) {
                            failures[client]++;
                        }
                        i++;
                    }
                    connections[client] = http.connections();
                }
                lat[client] = mine;
                counts[client] = n;
            });
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] health1 = commits(port, token);
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(lat[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        return new Phase(name, total, (long) total * events, elapsed, all, Arrays.stream(failures).sum(),
                cpuSeconds(serverPid) - server0, ownCpuSeconds() - client0, Arrays.stream(connections).sum(), load,
                health1[0] - health0[0], health1[1] - health0[1]);
    }

    /** @return the server's commits and requests written so far, from its /health. */
    private static long[] commits(int port, String token) throws IOException {
        try (KeepAliveHttpClient c = new KeepAliveHttpClient("127.0.0.1", port, token)) {
            com.fasterxml.jackson.databind.JsonNode h = JSON.readTree(c.get("/health").body());
            return new long[]{h.path("commits").asLong(), h.path("requests_written").asLong()};
        }
    }

    /** Longest warm-up, in seconds, when the server's compiler never settles. */
    static final int MAX_WARMUP = 60;

    /**
     * Untimed requests, assignments and single events in turn, for at least {@code --warmup}
     * seconds and then until the server's JIT compiler threads used under 2% of a core over the
     * last two seconds (at most {@value #MAX_WARMUP} s): on a busy machine the compiler gets the CPU
     * late, and compiling during a timed phase would be charged to it.
     *
     * @return the seconds the warm-up took
     */
    private double warmUp(int port, String token, AtomicLong acknowledged, long pid) throws Exception {
        long start = System.nanoTime();
        double before = compilerCpuSeconds(pid);
        for (int round = 1; ; round++) {
            run("w" + round + "-", port, token, 1, round % 2 == 1 ? 0 : 1, acknowledged, pid);
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (round % 2 == 0) {
                double now = compilerCpuSeconds(pid);
                boolean idle = now - before < 0.04;
                before = now;
                if ((elapsed >= warmup && idle) || elapsed >= MAX_WARMUP || Double.isNaN(now)) {
                    return elapsed;
                }
            }
        }
    }

    /** @return the CPU seconds of a JVM's C1 and C2 compiler threads, from /proc, or NaN where there is none. */
    static double compilerCpuSeconds(long pid) {
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            double sum = 0;
            for (Path t : tasks.toList()) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (comm.contains("CompilerThre")) {
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        sum += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
                    }
                } catch (IOException e) {
                    // a thread that ended meanwhile
                }
            }
            return sum;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** @return a process's CPU seconds (user + system) from /proc, or NaN where there is none. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime in clock ticks (USER_HZ = 100 on Linux)
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static double ownCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    private static void deleteQuietly(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
