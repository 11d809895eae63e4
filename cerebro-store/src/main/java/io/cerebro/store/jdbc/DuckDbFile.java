package io.cerebro.store.jdbc;

import io.cerebro.core.error.UserInputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One connection to a DuckDB file, held while the store is open.
 *
 * <p>DuckDB lets one process at a time open a file for writing: a second process is refused with a
 * lock error. {@link #open} retries then with exponential backoff and jitter (10 ms doubling to
 * 250 ms) until {@code maxWait} has passed, so that concurrent short-lived {@code cerebro exp
 * record} processes take turns instead of failing; after that it gives up with a message naming
 * the remedy. Crash safety is DuckDB's: a transaction reaches the write-ahead log only when it
 * commits, so a process killed mid-batch leaves the file as it was before the batch.
 */
public final class DuckDbFile implements ConnectionSource {
    private final Connection connection;

    private DuckDbFile(Connection connection) {
        this.connection = connection;
    }

    /**
     * Opens (creating if needed) the DuckDB file, waiting for another process's lock at most {@code maxWait}.
     *
     * @throws UserInputException when the directory does not exist, the file is not a DuckDB database,
     *                            or the lock is still held after {@code maxWait}
     */
    public static DuckDbFile open(Path file, Duration maxWait) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new UserInputException("the store's directory " + dir + " does not exist; create it or give --store a path in an existing directory");
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        long backoffMillis = 10;
        while (true) {
            try {
                return new DuckDbFile(DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath()));
            } catch (SQLException e) {
                String m = String.valueOf(e.getMessage());
                if (!isLockConflict(m)) {
                    throw new UserInputException("cannot open the store " + file + " as a DuckDB database: "
                            + firstLine(m) + "; give --store a DuckDB file or a postgresql:// URL");
                }
                if (System.nanoTime() > deadline) {
                    throw new UserInputException("the store " + file + " stayed locked by another process for "
                            + maxWait.toSeconds() + " s; wait for it to finish (or raise CEREBRO_STORE_WAIT, in seconds),"
                            + " or use a PostgreSQL store for many concurrent writers");
                }
                sleep(backoffMillis + ThreadLocalRandom.current().nextLong(backoffMillis + 1));
                backoffMillis = Math.min(250, backoffMillis * 2);
            }
        }
    }

    static boolean isLockConflict(String message) {
        return message.contains("Could not set lock") || message.contains("Conflicting lock");
    }

    private static String firstLine(String m) {
        String s = m.strip();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the store's lock", e);
        }
    }

    @Override
    public Connection acquire() {
        return connection;
    }

    @Override
    public void release(Connection c) {
        // the one connection stays open: it holds the file's lock for this process
    }

    @Override
    public boolean isPostgres() {
        return false;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("closing the DuckDB store failed", e);
        }
    }
}
