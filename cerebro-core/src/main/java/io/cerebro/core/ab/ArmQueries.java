package io.cerebro.core.ab;

import io.cerebro.core.ab.frequentist.RankTests;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.spec.ABTestSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The DuckDB aggregations behind the tests that need more than per-arm counts and moments:
 * midrank sums (window functions over the distinct values, so ties cost nothing), CUPED-adjusted
 * moments and per-stratum moments. Everything runs over the rows {@link ABData} uses.
 */
final class ArmQueries {
    private ArmQueries() {
    }

    /** @return the outcome values of one arm (only for the exact Mann-Whitney test on small arms). */
    static double[] values(ABTestSpec spec, Dataset data, String arm) {
        String sql = "SELECT " + ABData.outcomeExpr(spec) + " FROM " + Dataset.TABLE + " WHERE " + ABData.usableRows(spec)
                + " AND " + ABData.armExpr(spec) + " = ?";
        return data.query(sql, List.of(arm), rs -> {
            List<Double> v = new ArrayList<>();
            while (rs.next()) {
                v.add(rs.getDouble(1));
            }
            return v.stream().mapToDouble(Double::doubleValue).toArray();
        });
    }

    /**
     * Midrank sum of {@code arm} in the pooled arm + control sample and the tie term: group by value,
     * a running count gives the rows below each value, and a value's midrank is below + (count + 1) / 2.
     * Reads the per-value summary of {@link ArmProfile} when there is one (no pass over the rows).
     */
    static RankTests.PairRanks pairRanks(ABTestSpec spec, Dataset data, String arm, String control) {
        String g;
        var values = ArmProfile.valueTable(spec, data);
        if (values.isPresent()) {
            g = "SELECT ab_v AS v, coalesce(sum(n_rows) FILTER (WHERE ab_arm = ?), 0) AS na, sum(n_rows) AS cnt FROM "
                    + values.get() + " WHERE " + ArmProfile.usableInSummary() + " AND ab_arm IN (?, ?) GROUP BY v";
        } else {
            String a = ABData.armExpr(spec);
            g = "SELECT " + ABData.outcomeExpr(spec) + " AS v, count(*) FILTER (WHERE " + a + " = ?) AS na, "
                    + "count(*) AS cnt FROM " + Dataset.TABLE + " WHERE " + ABData.usableRows(spec) + " AND " + a + " IN (?, ?) GROUP BY v";
        }
        String sql = "WITH g AS (" + g + "), "
                + "r AS (SELECT na, cnt, coalesce(sum(cnt) OVER (ORDER BY v ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS below FROM g) "
                + "SELECT CAST(sum(na) AS BIGINT), CAST(sum(cnt) - sum(na) AS BIGINT), CAST(sum(na * (2 * below + cnt + 1)) AS DOUBLE) / 2, "
                + "sum(pow(CAST(cnt AS DOUBLE), 3) - cnt) FROM r";
        return data.query(sql, List.of(arm, arm, control), rs -> {
            rs.next();
            return new RankTests.PairRanks(rs.getLong(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4));
        });
    }

    /** Midrank sums of every arm for Kruskal-Wallis, computed in DuckDB (from the per-value summary when there is one). */
    static ArmAggregates.RankSums rankSums(ABTestSpec spec, Dataset data) {
        var values = ArmProfile.valueTable(spec, data);
        String g = values.isPresent()
                ? "SELECT ab_arm AS arm, ab_v AS v, sum(n_rows) AS c FROM " + values.get() + " WHERE " + ArmProfile.usableInSummary() + " GROUP BY arm, v"
                : "SELECT " + ABData.armExpr(spec) + " AS arm, " + ABData.outcomeExpr(spec) + " AS v, count(*) AS c FROM "
                + Dataset.TABLE + " WHERE " + ABData.usableRows(spec) + " GROUP BY arm, v";
        String sql = "WITH g AS (" + g + "), "
                + "t AS (SELECT v, sum(c) AS cnt FROM g GROUP BY v), "
                + "r AS (SELECT v, cnt, coalesce(sum(cnt) OVER (ORDER BY v ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS below FROM t) "
                + "SELECT g.arm, CAST(sum(g.c) AS BIGINT), CAST(sum(g.c * (2 * r.below + r.cnt + 1)) AS DOUBLE) / 2, "
                + "(SELECT sum(pow(CAST(cnt AS DOUBLE), 3) - cnt) FROM r) FROM g JOIN r ON g.v = r.v GROUP BY g.arm ORDER BY g.arm";
        return data.query(sql, rs -> {
            List<long[]> n = new ArrayList<>();
            List<Double> sums = new ArrayList<>();
            double tie = 0;
            while (rs.next()) {
                n.add(new long[]{rs.getLong(2)});
                sums.add(rs.getDouble(3));
                tie = rs.getDouble(4);
            }
            return new ArmAggregates.RankSums(n.stream().mapToLong(x -> x[0]).toArray(),
                    sums.stream().mapToDouble(Double::doubleValue).toArray(), tie);
        });
    }

    /**
     * CUPED moments.
     *
     * @param theta    cov(Y, X) / var(X) over all analysed rows (ddof 1)
     * @param adjusted per arm, statistics of Y - theta (X - mean X)
     */
    record CupedStats(double theta, Map<String, ArmStats> adjusted) {
    }

    /**
     * One scan of per-arm moments of Y and X (means, variances, covariance); the pooled theta and
     * the adjusted moments follow exactly from them: Var(Y - theta X) = Var Y - 2 theta Cov + theta^2 Var X.
     */
    static List<ArmMoments> cupedMoments(ABTestSpec spec, Dataset data) {
        String y = ABData.outcomeExpr(spec);
        String x = ABData.covariateExpr(spec);
        String sql = "SELECT " + ABData.armExpr(spec) + " AS arm, count(*), avg(" + y + "), avg(" + x + "), var_samp(" + y + "), var_samp("
                + x + "), covar_samp(" + y + ", " + x + ") FROM " + Dataset.TABLE + " WHERE " + ABData.usableRows(spec)
                + " GROUP BY arm ORDER BY arm";
        return data.query(sql, rs -> {
            List<ArmMoments> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new ArmMoments(rs.getString(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5),
                        rs.getDouble(6), rs.getDouble(7)));
            }
            return out;
        });
    }

    /** Pools the per-arm moments into theta and the CUPED-adjusted moments of each arm. */
    static CupedStats cuped(ABTestSpec spec, List<ArmMoments> moments) {
        List<double[]> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ArmMoments m : moments) {
            names.add(m.arm());
            rows.add(new double[]{m.n(), m.meanY(), m.meanX(), m.varY(), m.varX(), m.covYX()});
        }
        double n = 0;
        double sy = 0;
        double sx = 0;
        for (double[] r : rows) {
            n += r[0];
            sy += r[0] * r[1];
            sx += r[0] * r[2];
        }
        double my = sy / n;
        double mx = sx / n;
        double sxx = 0;
        double sxy = 0;
        for (double[] r : rows) {
            sxx += (r[0] - 1) * r[4] + r[0] * (r[2] - mx) * (r[2] - mx);
            sxy += (r[0] - 1) * r[5] + r[0] * (r[2] - mx) * (r[1] - my);
        }
        if (!(sxx > 0)) {
            throw new io.cerebro.core.error.UserInputException("covariate '" + spec.covariate()
                    + "' takes a single value in the analysed rows, so it cannot reduce variance; pick another column or leave out --covariate");
        }
        double theta = sxy / sxx;
        Map<String, ArmStats> m = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            double[] r = rows.get(i);
            double mean = r[1] - theta * (r[2] - mx);
            double var = r[3] - 2 * theta * r[5] + theta * theta * r[4];
            m.put(names.get(i), new ArmStats(names.get(i), (long) r[0], mean, var, r[0] * mean));
        }
        return new CupedStats(theta, m);
    }

    /** @return per stratum (sorted), per arm: n, mean and variance of the outcome. */
    static Map<String, Map<String, ArmStats>> strata(ABTestSpec spec, Dataset data) {
        String s = "CAST(" + Dataset.quote(spec.strata()) + " AS VARCHAR)";
        String y = ABData.outcomeExpr(spec);
        String sql = "SELECT " + s + " AS s, " + ABData.armExpr(spec) + " AS arm, count(*), avg(" + y + "), var_samp(" + y + "), sum(" + y
                + ") FROM " + Dataset.TABLE + " WHERE " + ABData.usableRows(spec) + " AND " + s + " IS NOT NULL GROUP BY s, arm";
        return data.query(sql, rs -> {
            Map<String, Map<String, ArmStats>> out = new TreeMap<>();
            while (rs.next()) {
                double var = rs.getDouble(5);
                if (rs.wasNull()) {
                    var = Double.NaN;
                }
                out.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                        .put(rs.getString(2), new ArmStats(rs.getString(2), rs.getLong(3), rs.getDouble(4), var, rs.getDouble(6)));
            }
            return out;
        });
    }
}
