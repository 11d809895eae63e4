package io.cerebro.core.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server that a test starts on loopback and stops afterwards: a fresh cluster
 * ({@code initdb}) in a temporary directory, trust authentication, fsync off (a test server).
 *
 * <p>It uses the PostgreSQL server binaries installed on the machine ({@code CEREBRO_PG_BIN}, else the
 * newest {@code /usr/lib/postgresql/<version>/bin}). PostgreSQL refuses to run as root, and tests here
 * may run as root: then the cluster belongs to, and the server runs as, the {@code postgres} system
 * user (or {@code nobody}) through {@code runuser}.
 *
 * <p>Shared test code (cerebro-core's test jar): the store's tests and the pushdown contract tests use it.
 */
public final class LocalPostgres implements AutoCloseable {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path bin;
    private final Path dir;
    private final List<String> asUser;
    /** The server's port on 127.0.0.1. */
    public final int port;

    private LocalPostgres(Path bin, Path dir, List<String> asUser, int port) {
        this.bin = bin;
        this.dir = dir;
        this.asUser = asUser;
        this.port = port;
    }

    /** @return the server binaries' directory, if PostgreSQL is installed. */
    public static Optional<Path> binaries() {
        String env = System.getenv("CEREBRO_PG_BIN");
        if (env != null && Files.isExecutable(Path.of(env, "initdb"))) {
            return Optional.of(Path.of(env));
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> versionOf(b.getParent())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int versionOf(Path p) {
        try {
            return Integer.parseInt(p.getFileName().toString().replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Creates a cluster and starts the server. */
    public static LocalPostgres start() throws Exception {
        Path bin = binaries().orElseThrow(() -> new IllegalStateException("PostgreSQL server binaries not found"));
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "cerebro-pg-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        List<String> asUser = List.of();
        if ("root".equals(System.getProperty("user.name"))) {
            String user = userExists("postgres") ? "postgres" : "nobody";
            asUser = List.of("runuser", "-u", user, "--");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        LocalPostgres pg = new LocalPostgres(bin, dir, asUser, port);
        pg.run(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "cerebro",
                "--auth=trust", "-E", "UTF8", "--no-sync"));
        pg.run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-t", "60",
                "-l", dir.resolve("server.log").toString(), "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off", "start"));
        return pg;
    }

    private static boolean userExists(String name) throws IOException {
        return Files.readAllLines(Path.of("/etc/passwd")).stream().anyMatch(l -> l.startsWith(name + ":"));
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(asUser);
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(dir.resolve("commands.log").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", full) + " failed: " + Files.readString(dir.resolve("commands.log")));
        }
    }

    /** @return a {@code postgresql://} store URL for a new, empty database. */
    public String newDatabaseUrl() throws SQLException {
        return "postgresql://cerebro@127.0.0.1:" + port + "/" + newDatabase();
    }

    /** @return a {@code jdbc:postgresql://} URL (user cerebro, no password) for a new, empty database. */
    public String newJdbcUrl() throws SQLException {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + newDatabase() + "?user=cerebro";
    }

    private String newDatabase() throws SQLException {
        String db = "cerebro_test_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "cerebro", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
        return db;
    }

    @Override
    public void close() throws Exception {
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "stop"));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
