package io.cerebro.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.cli.CliSupport;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.pushdown.JdbcEngine;
import io.cerebro.core.pushdown.SqlDialect;
import io.cerebro.core.pushdown.SqlEngine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code cerebro bench pushdown}: an A/B test on a PostgreSQL table of up to 100M rows generated
 * in the server ({@code generate_series}, seeded {@code random()}), analysed by a child
 * {@code cerebro abtest --source} process launched as {@code ./cerebro} does. Reports the wall time
 * and the child's peak resident memory (VmHWM, polled from /proc) per size: with the statistics
 * computed in the server, client memory stays flat however many rows there are.
 */
@Command(name = "pushdown", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark cerebro abtest --source on PostgreSQL tables generated in the server; reports time and client peak memory.",
                "Example: cerebro bench pushdown --source jdbc:postgresql://127.0.0.1:5432/bench --user cerebro --rows 1000000,100000000"})
public final class BenchPushdownCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--source", required = true, paramLabel = "URL", description = "jdbc:postgresql:// URL of a database the bench may create tables in.")
    String source;

    @Option(names = "--user", paramLabel = "NAME", description = "database user")
    String user;

    @Option(names = "--password-env", paramLabel = "VAR", defaultValue = "CEREBRO_SOURCE_PASSWORD",
            description = "environment variable holding the password (default ${DEFAULT-VALUE})")
    String passwordEnv;

    @Option(names = "--rows", split = ",", defaultValue = "1000000,10000000,100000000", description = "table sizes (default ${DEFAULT-VALUE})")
    List<Long> rows;

    @Option(names = "--drop", description = "Drop the generated tables afterwards (default: keep them for the next run).")
    boolean drop;

    @Option(names = "--jar", paramLabel = "JAR", description = "The cerebro-cli.jar to time (default: the running one).")
    Path jar;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path cli = jar != null ? jar : BenchCommand.Abtest.runningJar();
        if (!Files.isRegularFile(cli)) {
            throw new UserInputException("cannot find the runnable jar " + cli + "; build it with ./cerebro --version or pass --jar");
        }
        BenchCommand.Abtest.dropStaleArchive(cli);
        String password = System.getenv(passwordEnv);
        out.println("pushdown bench: cerebro abtest --source " + JdbcEngine.redact(source) + "; load average at start "
                + BenchCommand.Abtest.loadAverage());
        out.flush();
        try (SqlEngine engine = JdbcEngine.connect(source, user, password)) {
            if (engine.dialect() != SqlDialect.POSTGRESQL) {
                throw new UserInputException("bench pushdown generates its tables with PostgreSQL's generate_series; give a jdbc:postgresql:// URL");
            }
        }
        for (long n : rows) {
            String table = "cerebro_bench_ab_" + n;
            long t0 = System.nanoTime();
            boolean made = ensureTable(table, n, password);
            double gen = (System.nanoTime() - t0) / 1e9;
            out.printf(Locale.ROOT, "%,d rows: table %s %s%n", n, table, made ? String.format(Locale.ROOT, "generated in the server in %.1f s", gen) : "already there");
            out.flush();
            for (String[] test : new String[][]{
                    {"continuous, Welch + CUPED", "--outcome", "y", "--covariate", "pre", "--test", "welch"},
                    {"binary, z + chi-square + Beta-Binomial", "--outcome", "conv"}}) {
                List<String> cmd = new ArrayList<>(BenchCommand.Abtest.javaCommand(cli));
                cmd.addAll(List.of("abtest", "--source", source, "--table", table, "--treatment", "arm", "--format", "json"));
                if (password != null) {
                    cmd.addAll(List.of("--password-env", passwordEnv));
                }
                if (user != null) {
                    cmd.addAll(List.of("--user", user));
                }
                cmd.addAll(List.of(test).subList(1, test.length));
                Measured m = measure(cmd);
                JsonNode r = new ObjectMapper().readTree(m.stdout());
                JsonNode e = r.get("estimates").get(0);
                out.printf(Locale.ROOT, "  %-40s %7.2f s  client peak RSS %4.0f MiB  (%s %.5g, p %.3g; JVM start included)%n", test[0],
                        m.seconds(), m.peakRssMib(), e.get("method").asText(), e.get("estimate").asDouble(), e.get("pValue").asDouble());
                out.flush();
            }
            if (drop) {
                psql("DROP TABLE " + table, password);
            }
        }
        out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, load average at end " + BenchCommand.Abtest.loadAverage()
                + " (the server and the client share it)");
        return CliSupport.OK;
    }

    /** Creates the table unless it exists with the right row count; returns whether it was made. */
    private boolean ensureTable(String table, long n, String password) throws Exception {
        try (java.sql.Connection c = connection(password); java.sql.Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT count(*) FROM pg_class WHERE relname = '" + table + "'");
            rs.next();
            if (rs.getLong(1) > 0) {
                return false;
            }
            // 0.5/0.5 arms, pre ~ N(50, 10), y = 10 + 0.8 (pre - 50) + 0.05 [B] + N(0, 5), conv ~ Bernoulli(0.10 / 0.101);
            // normals by Box-Muller from the seeded random(); 1 - random() keeps the logarithm finite
            s.execute("SELECT setseed(0.42)");
            s.execute("CREATE UNLOGGED TABLE " + table + " AS SELECT arm, pre, "
                    + "10 + 0.8 * (pre - 50) + CASE WHEN arm = 'B' THEN 0.05 ELSE 0 END + 5 * z2 AS y, "
                    + "CASE WHEN u3 < CASE WHEN arm = 'B' THEN 0.101 ELSE 0.100 END THEN 1 ELSE 0 END AS conv FROM ("
                    + "SELECT CASE WHEN random() < 0.5 THEN 'A' ELSE 'B' END AS arm, "
                    + "50 + 10 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS pre, "
                    + "sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS z2, random() AS u3 FROM generate_series(1, " + n + ")) g");
            s.execute("ANALYZE " + table);
            return true;
        }
    }

    private void psql(String sql, String password) throws Exception {
        try (java.sql.Connection c = connection(password); java.sql.Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private java.sql.Connection connection(String password) throws java.sql.SQLException {
        java.util.Properties p = new java.util.Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        return java.sql.DriverManager.getConnection(source, p);
    }

    private record Measured(double seconds, double peakRssMib, String stdout) {
    }

    /** Runs the command, polling its peak resident set (VmHWM) until it exits. */
    private static Measured measure(List<String> cmd) throws IOException, InterruptedException {
        Path outFile = Files.createTempFile("cerebro-bench", ".out");
        Path errFile = Files.createTempFile("cerebro-bench", ".err");
        try {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectOutput(outFile.toFile()).redirectError(errFile.toFile()).start();
            Path status = Path.of("/proc", Long.toString(p.pid()), "status");
            long peakKb = 0;
            while (!p.waitFor(20, TimeUnit.MILLISECONDS)) {
                try {
                    for (String line : Files.readAllLines(status)) {
                        if (line.startsWith("VmHWM:")) {
                            peakKb = Math.max(peakKb, Long.parseLong(line.replaceAll("\\D", "")));
                        }
                    }
                } catch (IOException | NumberFormatException gone) {
                    // the process ended between the poll and the read
                }
            }
            double s = (System.nanoTime() - t0) / 1e9;
            if (p.exitValue() != 0) {
                String err = Files.readString(errFile).strip();
                throw new UserInputException("benchmark command failed (exit " + p.exitValue() + "): " + err.lines().reduce((a, b) -> b).orElse(""));
            }
            return new Measured(s, peakKb / 1024.0, Files.readString(outFile));
        } finally {
            Files.deleteIfExists(outFile);
            Files.deleteIfExists(errFile);
        }
    }
}
