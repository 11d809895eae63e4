package io.cerebro.core.data;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** SQL text and connection helpers shared by the classes of this package. */
final class Sql {
    private Sql() {
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }

    static boolean isBinderError(SQLException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("Binder Error") || m.contains("Parser Error");
    }

    static Connection newConnection() {
        try {
            Class.forName("org.duckdb.DuckDBDriver");
            return DriverManager.getConnection("jdbc:duckdb:");
        } catch (ClassNotFoundException | SQLException e) {
            throw new IllegalStateException("cannot start the embedded DuckDB engine: " + e.getMessage(), e);
        }
    }

    static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing to do: the database is in memory
        }
    }

    /** @return the columns a SELECT yields, with their DuckDB types, without running it. */
    static List<ColumnInfo> describe(Connection conn, String select) throws SQLException {
        List<ColumnInfo> cols = new ArrayList<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("DESCRIBE " + select)) {
            while (rs.next()) {
                String type = rs.getString(2);
                cols.add(new ColumnInfo(rs.getString(1), ColumnType.fromDuckDb(type), type));
            }
        }
        return cols;
    }
}
