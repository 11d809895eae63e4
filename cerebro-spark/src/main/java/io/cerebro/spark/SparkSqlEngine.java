package io.cerebro.spark;

import io.cerebro.core.error.UserInputException;
import io.cerebro.core.pushdown.SqlDialect;
import io.cerebro.core.pushdown.SqlEngine;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.List;

/**
 * A SparkSession as a {@link SqlEngine}: queries run as Spark SQL, only their (small) results are
 * collected to the driver. The caller owns the session: {@link #close()} leaves it running.
 */
public final class SparkSqlEngine implements SqlEngine {
    private final SparkSession spark;

    /** @param spark a running session whose catalog or temporary views hold the tables to analyse */
    public SparkSqlEngine(SparkSession spark) {
        this.spark = spark;
    }

    @Override
    public SqlDialect dialect() {
        return SqlDialect.SPARK;
    }

    @Override
    public List<Object[]> rows(String sql) {
        List<Row> rows;
        try {
            rows = spark.sql(sql).collectAsList();
        } catch (RuntimeException e) {
            String m = String.valueOf(e.getMessage());
            int nl = m.indexOf('\n');
            throw new UserInputException("Spark rejected the query: " + (nl < 0 ? m : m.substring(0, nl))
                    + "; check the column and table names (and --where)");
        }
        List<Object[]> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            Object[] v = new Object[r.length()];
            for (int i = 0; i < v.length; i++) {
                v[i] = r.get(i);
            }
            out.add(v);
        }
        return out;
    }

    @Override
    public String describe() {
        return "spark " + spark.sparkContext().master();
    }

    @Override
    public void close() {
        // the session belongs to the caller
    }
}
