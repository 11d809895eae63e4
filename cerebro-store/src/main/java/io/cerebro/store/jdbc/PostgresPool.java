package io.cerebro.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.cerebro.core.error.UserInputException;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A HikariCP pool of connections to a PostgreSQL database. The pool is checked when it is created
 * (one connection is opened), so a server that cannot be reached is reported at once.
 */
public final class PostgresPool implements ConnectionSource {
    private final HikariDataSource pool;

    private PostgresPool(HikariDataSource pool) {
        this.pool = pool;
    }

    /**
     * Connects.
     *
     * @param jdbcUrl  {@code jdbc:postgresql://host:port/db...}
     * @param user     user name, or null for the driver's default
     * @param password password, or null
     * @param shown    the location as shown in messages (without a password)
     * @throws UserInputException when the server cannot be reached or refuses the login
     */
    public static PostgresPool connect(String jdbcUrl, String user, String password, String shown) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setPoolName("cerebro-store");
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(1);
        try {
            return new PostgresPool(new HikariDataSource(config));
        } catch (RuntimeException e) {
            Throwable t = e;
            while (t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            throw new UserInputException("cannot connect to the PostgreSQL store " + shown + ": "
                    + String.valueOf(t.getMessage()).strip().split("\n")[0]
                    + "; check that the server runs and the host, port, database, user and password"
                    + " (postgresql://user:password@host:port/db, or PGUSER/PGPASSWORD) are right");
        }
    }

    @Override
    public Connection acquire() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public void release(Connection c) throws SQLException {
        c.close();
    }

    @Override
    public boolean isPostgres() {
        return true;
    }

    @Override
    public void close() {
        pool.close();
    }
}
