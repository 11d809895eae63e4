package io.cerebro.core.pushdown;

import io.cerebro.core.error.UserInputException;
import io.cerebro.core.stats.Matrices;

import java.util.ArrayList;
import java.util.List;

/**
 * Least squares in the engine: OLS of an outcome on regressors (regression adjustment: the
 * treatment column among them), and two-way fixed effects on a balanced panel. Two passes, each
 * one aggregation query; only k(k+3)/2 + 2 numbers come back from each.
 *
 * <ol>
 *   <li>Moments: n, means, and {@code covar_samp} of every pair of columns. With an intercept the
 *   slopes solve the centred normal equations and the intercept is mean(y) - mean(x)'b.</li>
 *   <li>Meat: with the coefficients as literals, the residual e and the centred regressors are
 *   expressions; the query returns sum(e^2 z_a z_b) (HC1) and, grouped by cluster first, the
 *   cluster score sums' cross-products sum_g s_ga s_gb (CR1).</li>
 * </ol>
 * Centring is a reparametrisation that leaves the slopes and their sandwich covariance unchanged;
 * the intercept's row is mapped back exactly.
 *
 * <p>TWFE: the within transformation is computed in SQL with group means (window averages by unit,
 * by period and overall: y - y_i. - y_.t + y_..), which is the exact two-way demeaning on a balanced
 * panel; an unbalanced one is refused (its demeaning needs iterations over the rows).
 */
public final class RegressionPushdown {
    /** Name of the intercept coefficient. */
    public static final String INTERCEPT = "(Intercept)";

    private RegressionPushdown() {
    }

    /**
     * OLS of {@code outcome} on an intercept and {@code regressors} (numeric columns), HC1 errors and,
     * with a cluster column, CR1 cluster-robust errors.
     *
     * @param dropMissing leave out rows with a missing value instead of failing
     */
    public static MomentFit ols(SqlEngine engine, SqlRelation relation, String outcome, List<String> regressors, String cluster,
                                boolean dropMissing) {
        SqlDialect d = engine.dialect();
        List<String> cols = new ArrayList<>();
        cols.add(outcome);
        cols.addAll(regressors);
        String base = complete(engine, relation, cols, cluster, dropMissing, null, null);
        return fit(engine, base, regressors, true, cluster != null, 0, 0);
    }

    /**
     * Two-way fixed effects: {@code outcome} on {@code regressors} (typically the 0/1 treatment
     * indicator) with unit and period effects absorbed, on a balanced panel. Cluster-robust errors by
     * {@code cluster} (default the unit) count only the fixed effects not nested in the clusters
     * (fixest's and reghdfe's convention); HC1 counts every absorbed level.
     */
    public static MomentFit twfe(SqlEngine engine, SqlRelation relation, String outcome, List<String> regressors, String unit,
                                 String period, String cluster, boolean dropMissing) {
        SqlDialect d = engine.dialect();
        String clusterCol = cluster != null ? cluster : unit;
        List<String> cols = new ArrayList<>();
        cols.add(outcome);
        cols.addAll(regressors);
        String base = complete(engine, relation, cols, clusterCol, dropMissing, unit, period);
        Object[] shape = engine.rows("SELECT count(*), count(DISTINCT cb_u), count(DISTINCT cb_t), "
                + "(SELECT count(*) FROM (SELECT cb_u, cb_t FROM (" + base + ") b1 GROUP BY cb_u, cb_t) b2) FROM (" + base + ") b").get(0);
        long n = Values.l(shape[0]);
        long units = Values.l(shape[1]);
        long periods = Values.l(shape[2]);
        if (Values.l(shape[3]) != n) {
            throw new UserInputException("the panel has more than one row for some " + unit + "/" + period
                    + "; keep one row per unit and period (aggregate or deduplicate first)");
        }
        if (n != units * periods) {
            throw new UserInputException("the panel is unbalanced (" + n + " rows for " + units + " units x " + periods
                    + " periods); pushed-down two-way fixed effects need every unit in every period: filter to complete units with --where/--query");
        }
        boolean unitNested = nested(engine, base, "cb_u");
        boolean periodNested = nested(engine, base, "cb_t");
        int nonNested = (unitNested ? 0 : (int) units) + (periodNested ? 0 : (int) periods);
        int absorbedAll = (int) (units + periods - 1);
        // the within transformation: each column minus its unit and period means plus the grand mean
        StringBuilder within = new StringBuilder("SELECT cb_c");
        for (int j = 0; j <= regressors.size(); j++) {
            String c = "cb_" + j;
            within.append(", ").append(c).append(" - avg(").append(c).append(") OVER (PARTITION BY cb_u) - avg(").append(c)
                    .append(") OVER (PARTITION BY cb_t) + avg(").append(c).append(") OVER () AS ").append(c);
        }
        within.append(" FROM (").append(base).append(") b");
        return fit(engine, within.toString(), regressors, false, true, absorbedAll, Math.max(0, nonNested - 1));
    }

    /** Whether every level of {@code level} lies inside one cluster. */
    private static boolean nested(SqlEngine engine, String base, String level) {
        return Values.l(engine.rows("SELECT count(*) FROM (SELECT " + level + " FROM (" + base + ") b GROUP BY " + level
                + " HAVING count(DISTINCT cb_c) > 1) x").get(0)[0]) == 0;
    }

    /**
     * @return a SELECT of the complete rows: {@code cb_0} the outcome, {@code cb_1..} the regressors
     * (doubles), {@code cb_c} the cluster, {@code cb_u}/{@code cb_t} unit and period (text)
     */
    private static String complete(SqlEngine engine, SqlRelation relation, List<String> cols, String cluster, boolean dropMissing,
                                   String unit, String period) {
        SqlDialect d = engine.dialect();
        StringBuilder sel = new StringBuilder("SELECT ");
        List<String> conds = new ArrayList<>();
        for (int j = 0; j < cols.size(); j++) {
            String c = "cb_" + j;
            sel.append(j == 0 ? "" : ", ").append(d.asDouble(d.quote(cols.get(j)))).append(" AS ").append(c);
            conds.add(c + " IS NOT NULL AND NOT " + d.isNan(c));
        }
        if (cluster != null) {
            sel.append(", ").append(d.asText(d.quote(cluster))).append(" AS cb_c");
            conds.add("cb_c IS NOT NULL");
        }
        if (unit != null) {
            sel.append(", ").append(d.asText(d.quote(unit))).append(" AS cb_u, ").append(d.asText(d.quote(period))).append(" AS cb_t");
            conds.add("cb_u IS NOT NULL AND cb_t IS NOT NULL");
        }
        String typed = sel + " FROM " + relation.from(d);
        String ok = String.join(" AND ", conds);
        Object[] r = engine.rows("SELECT count(*), sum(CASE WHEN " + ok + " THEN 1 ELSE 0 END) FROM (" + typed + ") t").get(0);
        long missing = Values.l(r[0]) - Values.l(r[1]);
        if (missing > 0 && !dropMissing) {
            throw new UserInputException(missing + " of " + Values.l(r[0]) + " rows have a missing or NaN value in " + String.join(", ", cols)
                    + (cluster != null ? " or " + cluster : "") + "; pass --drop-missing to leave them out, or filter them with --where");
        }
        return "SELECT * FROM (" + typed + ") t WHERE " + ok;
    }

    /**
     * Fits cb_0 on cb_1..cb_p of {@code rows}.
     *
     * @param intercept     whether the model has an intercept (otherwise the columns are already demeaned)
     * @param absorbedHc1   absorbed fixed-effect parameters counted by HC1
     * @param absorbedCr1   absorbed parameters counted by CR1 (those not nested in the clusters)
     */
    private static MomentFit fit(SqlEngine engine, String rows, List<String> regressors, boolean intercept, boolean clustered,
                                 int absorbedHc1, int absorbedCr1) {
        SqlDialect d = engine.dialect();
        int p = regressors.size();
        // pass 1: n, means and centred cross-products (covar_samp) of [y, x1..xp]
        StringBuilder q = new StringBuilder("SELECT count(*)");
        for (int j = 0; j <= p; j++) {
            q.append(", avg(cb_").append(j).append(")");
        }
        for (int a = 0; a <= p; a++) {
            for (int b = a; b <= p; b++) {
                q.append(intercept ? ", covar_samp(cb_" + a + ", cb_" + b + ")" : ", sum(cb_" + a + " * cb_" + b + ")");
            }
        }
        Object[] r = engine.rows(q.append(" FROM (").append(rows).append(") m").toString()).get(0);
        long n = Values.l(r[0]);
        int k = p + (intercept ? 1 : 0);
        if (n <= k + absorbedHc1) {
            throw new UserInputException("a regression with " + (k + absorbedHc1) + " coefficients needs more than that many rows, got " + n);
        }
        double[] mean = new double[p + 1];
        for (int j = 0; j <= p; j++) {
            mean[j] = intercept ? Values.d(r[1 + j]) : 0.0;
        }
        double[][] s = new double[p + 1][p + 1];
        int idx = 2 + p;
        for (int a = 0; a <= p; a++) {
            for (int b = a; b <= p; b++) {
                double v = Values.d(r[idx++]) * (intercept ? n - 1 : 1);
                s[a][b] = v;
                s[b][a] = v;
            }
        }
        double[][] sxx = new double[p][p];
        double[] sxy = new double[p];
        for (int a = 0; a < p; a++) {
            sxy[a] = s[a + 1][0];
            for (int b = 0; b < p; b++) {
                sxx[a][b] = s[a + 1][b + 1];
            }
        }
        double[][] sxxInv = Matrices.invertSpd(sxx, regressors.toArray(String[]::new), "regressors");
        double[] slope = Matrices.multiply(sxxInv, sxy);
        // bread in the centred parametrisation [1, x - mean]: block diagonal, 1/n and the inverse centred cross-products
        double[][] bread = new double[k][k];
        int off = intercept ? 1 : 0;
        if (intercept) {
            bread[0][0] = 1.0 / n;
        }
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                bread[a + off][b + off] = sxxInv[a][b];
            }
        }
        // pass 2: the residual and centred regressors as SQL, the fitted slopes as literals
        StringBuilder e = new StringBuilder("(cb_0 - " + d.literal(mean[0]) + ")");
        String[] z = new String[k];
        if (intercept) {
            z[0] = null;
        }
        for (int a = 0; a < p; a++) {
            String c = intercept ? "(cb_" + (a + 1) + " - " + d.literal(mean[a + 1]) + ")" : "cb_" + (a + 1);
            z[a + off] = c;
            e.append(" - ").append(d.literal(slope[a])).append(" * ").append(c);
        }
        StringBuilder m = new StringBuilder("SELECT count(*)");
        for (int a = 0; a < k; a++) {
            for (int b = a; b < k; b++) {
                m.append(", sum(cb_e * cb_e").append(z[a] == null ? "" : " * " + z[a]).append(z[b] == null ? "" : " * " + z[b]).append(")");
            }
        }
        String resid = "SELECT *, " + e + " AS cb_e FROM (" + rows + ") w";
        double[][] meat = symmetric(engine.rows(m + " FROM (" + resid + ") h").get(0), k, 1);
        double[][] hc1 = sandwich(bread, meat, (double) n / (n - k - absorbedHc1));
        double[][] cr1 = null;
        long g = 0;
        if (clustered) {
            StringBuilder score = new StringBuilder("SELECT cb_c");
            for (int a = 0; a < k; a++) {
                score.append(", sum(cb_e").append(z[a] == null ? "" : " * " + z[a]).append(") AS cb_s").append(a);
            }
            score.append(" FROM (").append(resid).append(") h GROUP BY cb_c");
            StringBuilder outer = new StringBuilder("SELECT count(*)");
            for (int a = 0; a < k; a++) {
                for (int b = a; b < k; b++) {
                    outer.append(", sum(cb_s").append(a).append(" * cb_s").append(b).append(")");
                }
            }
            Object[] c = engine.rows(outer + " FROM (" + score + ") sc").get(0);
            g = Values.l(c[0]);
            if (g < 2) {
                throw new UserInputException("cluster-robust errors need at least two clusters, got " + g);
            }
            cr1 = sandwich(bread, symmetric(c, k, 1), (double) g / (g - 1) * (double) (n - 1) / (n - k - absorbedCr1));
        }
        // back to the original parametrisation: b0 = a0 - mean(x)'b, i.e. b = T a with T = [[1, -mean'], [0, I]]
        double[] coef = new double[k];
        String[] names = new String[k];
        if (intercept) {
            names[0] = INTERCEPT;
            double b0 = mean[0];
            for (int a = 0; a < p; a++) {
                b0 -= mean[a + 1] * slope[a];
            }
            coef[0] = b0;
        }
        for (int a = 0; a < p; a++) {
            names[a + off] = regressors.get(a);
            coef[a + off] = slope[a];
        }
        if (intercept) {
            double[][] t = new double[k][k];
            for (int a = 0; a < k; a++) {
                t[a][a] = 1;
            }
            for (int a = 0; a < p; a++) {
                t[0][a + 1] = -mean[a + 1];
            }
            hc1 = Matrices.multiply(Matrices.multiply(t, hc1), Matrices.transpose(t));
            if (cr1 != null) {
                cr1 = Matrices.multiply(Matrices.multiply(t, cr1), Matrices.transpose(t));
            }
        }
        return new MomentFit(names, coef, hc1, cr1, n, g);
    }

    /** Unpacks the upper triangle (row-major, starting at {@code from}) into a symmetric k x k matrix. */
    private static double[][] symmetric(Object[] row, int k, int from) {
        double[][] out = new double[k][k];
        int i = from;
        for (int a = 0; a < k; a++) {
            for (int b = a; b < k; b++) {
                double v = Values.d(row[i++]);
                out[a][b] = v;
                out[b][a] = v;
            }
        }
        return out;
    }

    private static double[][] sandwich(double[][] bread, double[][] meat, double scale) {
        double[][] c = Matrices.multiply(Matrices.multiply(bread, meat), bread);
        for (double[] row : c) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= scale;
            }
        }
        return c;
    }
}
