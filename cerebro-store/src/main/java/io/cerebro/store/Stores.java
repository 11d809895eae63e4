package io.cerebro.store;

import io.cerebro.core.error.UserInputException;
import io.cerebro.store.jdbc.DuckDbFile;
import io.cerebro.store.jdbc.JdbcExperimentStore;
import io.cerebro.store.jdbc.PostgresPool;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Opens a store from where the user says it is.
 *
 * <ul>
 *   <li>a file path, or {@code duckdb:PATH}: an embedded DuckDB file, created when missing;</li>
 *   <li>{@code postgresql://[user[:password]@]host[:port]/database[?params]} (or {@code postgres://},
 *       or a {@code jdbc:postgresql:} URL): a PostgreSQL database through a connection pool; the user
 *       and password default to {@code PGUSER} and {@code PGPASSWORD};</li>
 *   <li>nothing: {@code CEREBRO_STORE} if set, else {@code cerebro/cerebro.duckdb} in the user's data
 *       directory ({@code $XDG_DATA_HOME}, else {@code ~/.local/share}; {@code %LOCALAPPDATA%} on
 *       Windows, {@code ~/Library/Application Support} on macOS).</li>
 * </ul>
 * A DuckDB file admits one writing process at a time; another waits for it up to
 * {@code CEREBRO_STORE_WAIT} seconds (default {@value #DEFAULT_WAIT_SECONDS}).
 */
public final class Stores {
    /** Seconds a process waits for another's lock on a DuckDB store, unless CEREBRO_STORE_WAIT says otherwise. */
    public static final int DEFAULT_WAIT_SECONDS = 60;

    private Stores() {
    }

    /** Opens the store at {@code location} (null: the default), reading settings from the process environment. */
    public static ExperimentStore open(String location) {
        return open(location, System.getenv());
    }

    /** Opens the store at {@code location} (null: the default) with the given environment. */
    public static ExperimentStore open(String location, Map<String, String> env) {
        String where = location;
        if (where == null || where.isBlank()) {
            where = env.get("CEREBRO_STORE");
        }
        if (where == null || where.isBlank()) {
            Path file = defaultFile(env);
            try {
                Files.createDirectories(file.getParent());
            } catch (java.io.IOException e) {
                throw new UserInputException("cannot create the default store directory " + file.getParent() + " (" + e.getMessage()
                        + "); give --store PATH or set CEREBRO_STORE");
            }
            where = file.toString();
        }
        String lower = where.toLowerCase(Locale.ROOT);
        if (lower.startsWith("postgresql://") || lower.startsWith("postgres://")) {
            return openPostgres(where, env);
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return new JdbcExperimentStore(PostgresPool.connect(where, env.get("PGUSER"), env.get("PGPASSWORD"), redact(where)), redact(where));
        }
        if (lower.startsWith("duckdb:")) {
            where = where.substring("duckdb:".length());
        } else if (lower.matches("^[a-z][a-z0-9+.-]*://.*")) {
            throw new UserInputException("store URL " + where + " is not supported; give a DuckDB file path or a postgresql://host/db URL");
        }
        Path file = Path.of(where);
        return new JdbcExperimentStore(DuckDbFile.open(file, Duration.ofSeconds(waitSeconds(env))), file.toString());
    }

    /** @return the default DuckDB file for this user. */
    public static Path defaultFile(Map<String, String> env) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String home = System.getProperty("user.home");
        Path base;
        if (env.get("XDG_DATA_HOME") != null && !env.get("XDG_DATA_HOME").isBlank()) {
            base = Path.of(env.get("XDG_DATA_HOME"));
        } else if (os.contains("win") && env.get("LOCALAPPDATA") != null) {
            base = Path.of(env.get("LOCALAPPDATA"));
        } else if (os.contains("mac")) {
            base = Path.of(home, "Library", "Application Support");
        } else {
            base = Path.of(home, ".local", "share");
        }
        return base.resolve("cerebro").resolve("cerebro.duckdb");
    }

    private static int waitSeconds(Map<String, String> env) {
        String v = env.get("CEREBRO_STORE_WAIT");
        if (v == null || v.isBlank()) {
            return DEFAULT_WAIT_SECONDS;
        }
        try {
            int s = Integer.parseInt(v.strip());
            if (s < 0) {
                throw new NumberFormatException();
            }
            return s;
        } catch (NumberFormatException e) {
            throw new UserInputException("CEREBRO_STORE_WAIT must be a whole number of seconds, got '" + v + "'");
        }
    }

    private static ExperimentStore openPostgres(String url, Map<String, String> env) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new UserInputException("store URL " + redact(url) + " is not a valid URL (" + e.getReason()
                    + "); use postgresql://user:password@host:port/database");
        }
        if (uri.getHost() == null) {
            throw new UserInputException("store URL " + redact(url) + " names no host; use postgresql://user:password@host:port/database");
        }
        String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        String user = env.get("PGUSER");
        String password = env.get("PGPASSWORD");
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            if (parts.length == 2) {
                password = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
            }
        }
        String jdbc = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "/" + db
                + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
        String shown = redact(url);
        return new JdbcExperimentStore(PostgresPool.connect(jdbc, user, password, shown), shown);
    }

    /** @return the URL with any password replaced by {@code ***}. */
    static String redact(String url) {
        return url.replaceAll("(://[^:/@]+):[^@/]*@", "$1:***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
