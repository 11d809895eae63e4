package io.cerebro.core.ab;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.spec.ABTestSpec;
import io.cerebro.core.spec.ABTestType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything the spec validator and the engine need to know about each arm's outcome, from one
 * pass over the rows, cached on the dataset and shared by both.
 *
 * <p>The pass groups the rows into a small summary table ({@link Dataset#summarise}): per arm and,
 * when a rank test may run, per distinct outcome value, with the row count. Counts, moments,
 * extremes and the midrank sums of the rank tests ({@link ArmQueries}) all follow exactly from it,
 * so a ten-million-row CSV is read once, straight into the summary, without loading it into a
 * table first. Moments of grouped rows are combined with the pairwise formulas of Chan, Golub and
 * LeVeque: mean = &Sigma; n<sub>g</sub> m<sub>g</sub> / n and (n - 1) s&sup2; = &Sigma; M2<sub>g</sub>
 * + &Sigma; n<sub>g</sub> (m<sub>g</sub> - mean)&sup2;.
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

    /**
     * The summary table behind the profiles.
     *
     * @param table  its name in the dataset
     * @param byValue whether it is grouped by outcome value too (then rank sums follow from it)
     * @param arms   the profiles
     */
    private record Summary(String table, boolean byValue, List<ArmProfile> arms) {
    }

    /** @return the profile of every arm of {@code data} for {@code spec}, in label order with the null arm last. */
    public static List<ArmProfile> of(ABTestSpec spec, Dataset data) {
        return summary(spec, data).arms();
    }

    /**
     * @return the summary table grouped by arm and outcome value when this spec's tests may need rank
     * sums (columns {@code ab_arm}, {@code ab_v}, {@code ab_x_ok}, {@code n_rows}; usable rows per
     * {@link #usableInSummary()}), else empty
     */
    static Optional<String> valueTable(ABTestSpec spec, Dataset data) {
        Summary s = summary(spec, data);
        return s.byValue() ? Optional.of(s.table()) : Optional.empty();
    }

    /** @return the SQL condition selecting, in the value summary, the groups of rows the analysis uses. */
    static String usableInSummary() {
        return "ab_arm IS NOT NULL AND ab_v IS NOT NULL AND NOT isnan(ab_v) AND ab_x_ok";
    }

    /** Rows looked at to decide whether outcome values repeat. */
    private static final int SAMPLE_ROWS = 10_000;

    private static Summary summary(ABTestSpec spec, Dataset data) {
        boolean ranks = spec.test() == ABTestType.AUTO || spec.test() == ABTestType.MANN_WHITNEY;
        String key = "ab-profile|" + spec.treatment() + "|" + spec.outcome() + "|" + spec.covariate() + "|" + ranks;
        return data.memo(key, () -> compute(spec, data, ranks));
    }

    /**
     * @param ranks whether a rank test may run: then, when outcome values repeat (0/1, counts, amounts
     *              in cents), the summary is grouped by value too and the rank sums come from it; when
     *              they hardly repeat, such a summary would be as large as the data, so the rows are
     *              loaded and the rank sums computed from them
     */
    private static Summary compute(ABTestSpec spec, Dataset data, boolean ranks) {
        boolean byValue = ranks && valuesRepeat(spec, data);
        if (spec.covariate() != null || spec.strata() != null || (ranks && !byValue)) {
            // CUPED, post-stratification and rank sums over distinct values read the rows themselves:
            // load them once and summarise from the table
            data.load();
        }
        String raw = Dataset.quote(spec.outcome());
        String y = ABData.outcomeExpr(spec);
        String xOk = "true";
        if (spec.covariate() != null) {
            String x = ABData.covariateExpr(spec);
            xOk = "(" + x + " IS NOT NULL AND NOT isnan(" + x + "))";
        }
        String keys = ABData.armExpr(spec) + " AS ab_arm, " + raw + " IS NULL AS ab_raw_null, " + xOk + " AS ab_x_ok";
        String table;
        String groups;
        if (byValue) {
            table = data.summarise(keys + ", " + y + " AS ab_v", "ALL");
            groups = "SELECT ab_arm, ab_raw_null, ab_x_ok, ab_v IS NULL AS ynull, coalesce(isnan(ab_v), false) AS ynan, "
                    + "n_rows AS n, ab_v AS mean, 0.0 AS m2, ab_v AS mn, ab_v AS mx, "
                    + "CASE WHEN ab_v NOT IN (0, 1) THEN n_rows ELSE 0 END AS nonbin FROM " + table;
        } else {
            table = data.summarise(keys + ", " + y + " IS NULL AS ab_ynull, coalesce(isnan(" + y + "), false) AS ab_ynan, "
                    + "avg(" + y + ") AS ab_mean, var_pop(" + y + ") AS ab_var_pop, min(" + y + ") AS ab_min, max(" + y + ") AS ab_max, "
                    + "count(*) FILTER (WHERE " + y + " NOT IN (0, 1)) AS ab_nonbin", "ALL");
            groups = "SELECT ab_arm, ab_raw_null, ab_x_ok, ab_ynull AS ynull, ab_ynan AS ynan, n_rows AS n, ab_mean AS mean, "
                    + "ab_var_pop * n_rows AS m2, ab_min AS mn, ab_max AS mx, ab_nonbin AS nonbin FROM " + table;
        }
        String mean = "(p.su / p.nu)";
        String sql = "WITH s AS (" + groups + "), "
                + "t AS (SELECT *, NOT ynull AND NOT ynan AS num, ab_arm IS NOT NULL AND NOT ynull AND NOT ynan AND ab_x_ok AS u FROM s), "
                + "p AS (SELECT ab_arm, sum(n) FILTER (WHERE u) AS nu, sum(n * mean) FILTER (WHERE u) AS su FROM t GROUP BY ab_arm) "
                + "SELECT t.ab_arm, " + count("sum(n)") + ", " + count("sum(n) FILTER (WHERE NOT ab_raw_null AND ynull)") + ", "
                + count("sum(n) FILTER (WHERE ab_raw_null OR ynan)") + ", " + count("sum(n) FILTER (WHERE num)") + ", "
                + "min(mn) FILTER (WHERE num), max(mx) FILTER (WHERE num), " + count("sum(nonbin) FILTER (WHERE num)") + ", "
                + count("any_value(p.nu)") + ", any_value(" + mean + "), "
                // an arm whose usable values are all equal has variance exactly 0 (the pooled mean su/nu can be
                // one ulp off the value, which would leave ~1e-33 and slip past the "does not vary" check)
                + "CASE WHEN any_value(p.nu) > 1 AND min(mn) FILTER (WHERE u) = max(mx) FILTER (WHERE u) THEN 0.0 "
                + "WHEN any_value(p.nu) > 1 THEN (sum(m2) FILTER (WHERE u) + sum(n * (mean - " + mean + ") * (mean - " + mean
                + ")) FILTER (WHERE u)) / (any_value(p.nu) - 1) END, any_value(p.su), " + count("sum(nonbin) FILTER (WHERE u)") + " "
                + "FROM t JOIN p ON t.ab_arm IS NOT DISTINCT FROM p.ab_arm GROUP BY t.ab_arm ORDER BY t.ab_arm NULLS LAST";
        List<ArmProfile> arms = data.query(sql, rs -> {
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
                double m = rs.getDouble(10);
                double var = rs.getDouble(11);
                if (rs.wasNull()) {
                    var = Double.NaN;
                }
                double sum = rs.getDouble(12);
                out.add(new ArmProfile(arm, rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), min, max,
                        rs.getLong(8), new ArmStats(arm, n, m, var, sum), rs.getLong(13)));
            }
            return out;
        });
        return new Summary(table, byValue, List.copyOf(arms));
    }

    /** Whether at most half of the outcome values in the first rows are distinct. */
    private static boolean valuesRepeat(ABTestSpec spec, Dataset data) {
        String y = ABData.outcomeExpr(spec);
        return data.queryHead(SAMPLE_ROWS, "SELECT count(" + y + "), count(DISTINCT " + y + ") FROM " + Dataset.TABLE, rs -> {
            rs.next();
            return rs.getLong(2) <= rs.getLong(1) / 2;
        });
    }

    private static String count(String aggregate) {
        return "CAST(coalesce(" + aggregate + ", 0) AS BIGINT)";
    }
}
