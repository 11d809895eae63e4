package io.cerebro.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** How the store gets a connection for one unit of work, and gives it back. */
public interface ConnectionSource extends AutoCloseable {
    /** @return a connection with auto-commit on. */
    Connection acquire() throws SQLException;

    /** Gives a connection from {@link #acquire} back. */
    void release(Connection c) throws SQLException;

    /** @return true when the database is PostgreSQL (migrations then take an advisory lock). */
    boolean isPostgres();

    @Override
    void close();
}
