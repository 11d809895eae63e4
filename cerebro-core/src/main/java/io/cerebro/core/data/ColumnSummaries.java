package io.cerebro.core.data;

import java.util.LinkedHashMap;
import java.util.Map;

/** The per-column questions engines ask of a dataset, each answered by one query inside DuckDB. */
final class ColumnSummaries {
    private ColumnSummaries() {
    }

    static long missingCount(Dataset d, ColumnInfo c) {
        String q = Sql.quote(c.name());
        String nan = c.type() == ColumnType.NUMERIC && isFloating(c.sqlType()) ? " OR isnan(" + q + ")" : "";
        return d.query("SELECT count(*) FILTER (WHERE " + q + " IS NULL" + nan + ") FROM " + Dataset.TABLE, rs -> {
            rs.next();
            return rs.getLong(1);
        });
    }

    private static boolean isFloating(String sqlType) {
        return sqlType.equalsIgnoreCase("DOUBLE") || sqlType.equalsIgnoreCase("FLOAT") || sqlType.equalsIgnoreCase("REAL");
    }

    static double[] doubles(Dataset d, String name) {
        double[] out = new double[Math.toIntExact(d.rowCount())];
        d.query("SELECT CAST(" + Sql.quote(name) + " AS DOUBLE) FROM " + Dataset.TABLE, rs -> {
            int i = 0;
            while (rs.next()) {
                double v = rs.getDouble(1);
                out[i++] = rs.wasNull() ? Double.NaN : v;
            }
            return null;
        });
        return out;
    }

    static String[] strings(Dataset d, String name) {
        String[] out = new String[Math.toIntExact(d.rowCount())];
        d.query("SELECT CAST(" + Sql.quote(name) + " AS VARCHAR) FROM " + Dataset.TABLE, rs -> {
            int i = 0;
            while (rs.next()) {
                out[i++] = rs.getString(1);
            }
            return null;
        });
        return out;
    }

    static double[] meanAndSd(Dataset d, String name) {
        String q = "CAST(" + Sql.quote(name) + " AS DOUBLE)";
        return d.query("SELECT avg(" + q + "), stddev_samp(" + q + ") FROM " + Dataset.TABLE + " WHERE " + Sql.quote(name)
                + " IS NOT NULL AND NOT isnan(" + q + ")", rs -> {
            rs.next();
            return new double[]{rs.getDouble(1), rs.getDouble(2)};
        });
    }

    static Map<String, Long> levels(Dataset d, String name) {
        String q = Sql.quote(name);
        return d.query("SELECT CAST(" + q + " AS VARCHAR) AS v, count(*) FROM " + Dataset.TABLE + " WHERE " + q
                + " IS NOT NULL GROUP BY v ORDER BY v", rs -> {
            Map<String, Long> m = new LinkedHashMap<>();
            while (rs.next()) {
                m.put(rs.getString(1), rs.getLong(2));
            }
            return m;
        });
    }
}
