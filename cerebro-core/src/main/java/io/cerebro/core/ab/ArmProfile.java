package io.cerebro.core.ab;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.spec.ABTestSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything the spec validator and the engine need to know about each arm's outcome, from one
 * DuckDB scan over all rows (grouped by arm, the null arm included) and cached on the dataset, so
 * a ten-million-row file is scanned once instead of three times.
 *
 * @param arm        arm label as text, or null for rows without one
 * @param rows       rows in the group
 * @param notNumbers rows whose outcome is present but not a number
 * @param missing    rows whose outcome is empty or NaN
 * @param numbers    rows whose outcome is a number
 * @param min        smallest numeric outcome (NaN when none)
 * @param max        largest numeric outcome (NaN when none)
 * @param nonBinary  numeric outcomes other than 0 and 1
 * @param usable     statistics over the rows the analysis uses (outcome a number, covariate too when given)
 * @param usableNonBinary outcomes other than 0 and 1 among the usable rows
 */
public record ArmProfile(String arm, long rows, long notNumbers, long missing, long numbers, double min, double max,
                         long nonBinary, ArmStats usable, long usableNonBinary) {

    /** @return the profile of every arm of {@code data} for {@code spec}, in label order with the null arm last. */
    public static List<ArmProfile> of(ABTestSpec spec, Dataset data) {
        String key = "ab-profile|" + spec.treatment() + "|" + spec.outcome() + "|" + spec.covariate();
        return data.memo(key, () -> compute(spec, data));
    }

    private static List<ArmProfile> compute(ABTestSpec spec, Dataset data) {
        String raw = Dataset.quote(spec.outcome());
        String num = ABData.outcomeExpr(spec);
        String usable = ABData.usableRows(spec);
        String sql = "SELECT " + ABData.armExpr(spec) + " AS arm, count(*), "
                + "count(*) FILTER (WHERE " + raw + " IS NOT NULL AND " + num + " IS NULL), "
                + "count(*) FILTER (WHERE " + raw + " IS NULL OR isnan(" + num + ")), "
                + "count(*) FILTER (WHERE " + num + " IS NOT NULL AND NOT isnan(" + num + ")), "
                + "min(" + num + ") FILTER (WHERE NOT isnan(" + num + ")), max(" + num + ") FILTER (WHERE NOT isnan(" + num + ")), "
                + "count(*) FILTER (WHERE " + num + " NOT IN (0, 1) AND NOT isnan(" + num + ")), "
                + "count(*) FILTER (WHERE " + usable + "), avg(" + num + ") FILTER (WHERE " + usable + "), "
                + "var_samp(" + num + ") FILTER (WHERE " + usable + "), sum(" + num + ") FILTER (WHERE " + usable + "), "
                + "count(*) FILTER (WHERE " + usable + " AND " + num + " NOT IN (0, 1)) "
                + "FROM " + Dataset.TABLE + " GROUP BY arm ORDER BY arm NULLS LAST";
        return data.query(sql, rs -> {
            List<ArmProfile> out = new ArrayList<>();
            while (rs.next()) {
                String arm = rs.getString(1);
                double min = rs.getDouble(6);
                if (rs.wasNull()) {
                    min = Double.NaN;
                }
                double max = rs.getDouble(7);
                if (rs.wasNull()) {
                    max = Double.NaN;
                }
                long n = rs.getLong(9);
                double mean = rs.getDouble(10);
                double var = rs.getDouble(11);
                if (rs.wasNull()) {
                    var = Double.NaN;
                }
                double sum = rs.getDouble(12);
                out.add(new ArmProfile(arm, rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), min, max,
                        rs.getLong(8), new ArmStats(arm, n, mean, var, sum), rs.getLong(13)));
            }
            return out;
        });
    }
}
