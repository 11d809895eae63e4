package io.cerebro.agents.generate;

import io.cerebro.core.data.ColumnInfo;
import io.cerebro.core.data.ColumnType;
import io.cerebro.core.data.Dataset;

import java.util.Locale;
import java.util.Map;

/**
 * A dataset described for a prompt by its schema and per-column summaries — row count; per column
 * the type, missing count, and min/mean/sd/max for numbers or the most frequent levels for text.
 * Never raw rows: the data stays on the user's machine.
 */
public final class DatasetProfile {
    private static final int MAX_LEVELS = 12;

    private DatasetProfile() {
    }

    /** @return a plain-text profile of {@code data}. */
    public static String describe(Dataset data) {
        StringBuilder b = new StringBuilder();
        b.append("rows: ").append(data.rowCount()).append('\n');
        for (ColumnInfo c : data.columns()) {
            String q = Dataset.quote(c.name());
            b.append("- ").append(c.name()).append(" (").append(c.sqlType()).append("): ");
            long missing = data.missingCount(c.name());
            if (c.type() == ColumnType.NUMERIC) {
                double[] s = data.query("SELECT min(" + q + "), avg(" + q + "), stddev_samp(" + q + "), max(" + q + ") FROM "
                        + Dataset.TABLE + " WHERE NOT isnan(CAST(" + q + " AS DOUBLE))", rs -> {
                    rs.next();
                    return new double[]{rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)};
                });
                b.append(String.format(Locale.ROOT, "min %.6g, mean %.6g, sd %.6g, max %.6g", s[0], s[1], s[2], s[3]));
                long distinct = data.query("SELECT count(DISTINCT " + q + ") FROM " + Dataset.TABLE, rs -> {
                    rs.next();
                    return rs.getLong(1);
                });
                b.append(", ").append(distinct).append(" distinct values");
            } else {
                Map<String, Long> levels = data.query("SELECT CAST(" + q + " AS VARCHAR) AS v, count(*) AS n FROM " + Dataset.TABLE
                        + " WHERE " + q + " IS NOT NULL GROUP BY v ORDER BY n DESC, v LIMIT " + (MAX_LEVELS + 1), rs -> {
                    Map<String, Long> m = new java.util.LinkedHashMap<>();
                    while (rs.next()) {
                        m.put(rs.getString(1), rs.getLong(2));
                    }
                    return m;
                });
                b.append(levels.size() > MAX_LEVELS ? "more than " + MAX_LEVELS + " levels, most frequent: " : "levels: ");
                int i = 0;
                for (Map.Entry<String, Long> e : levels.entrySet()) {
                    if (i++ == MAX_LEVELS) {
                        break;
                    }
                    b.append(i > 1 ? ", " : "").append(e.getKey()).append(" (").append(e.getValue()).append(')');
                }
            }
            b.append(", missing ").append(missing).append('\n');
        }
        return b.toString();
    }
}
