package io.cerebro.core.bandit.ope;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.DecompositionSolver;
import org.hipparchus.linear.QRDecomposition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The estimators of {@link OffPolicyEvaluator} computed inside DuckDB, so a log of ten million rows
 * is never copied into Java arrays: the importance weight w = 1[target = logged arm] / propensity is
 * a SQL expression, IPS, SNIPS, the logging value and the effective sample size are sums over it,
 * and the DR reward model is solved from per-arm cross-products (Σ x xᵀ, Σ x r, by GROUP BY) and
 * then applied in a second pass. Variances are taken in a separate pass around the estimates
 * (two-pass, not sums of squares), so they keep their precision on large logs. The formulas are
 * those of {@link OffPolicyEvaluator}.
 */
public final class SqlOffPolicy {
    private SqlOffPolicy() {
    }

    /**
     * Evaluates the target policy on the logged rows of {@code data}.
     *
     * @param arms      the logged arms, sorted (the values of the action column)
     * @param target    the column holding the target policy's arm on each row, or null
     * @param targetArm the one arm the target policy takes, or null
     * @throws UserInputException for a missing or impossible propensity, reward, context or target arm
     */
    public static OffPolicyEvaluator.Evaluation evaluate(Dataset data, List<String> arms, String action, String reward, String propensity,
                                                         List<String> context, String target, String targetArm,
                                                         Set<OffPolicyEvaluator.Estimator> estimators) {
        String t = Dataset.TABLE;
        String a = "CAST(" + Dataset.quote(action) + " AS VARCHAR)";
        String r = "CAST(" + Dataset.quote(reward) + " AS DOUBLE)";
        String p = "CAST(" + Dataset.quote(propensity) + " AS DOUBLE)";
        String tgt = targetArm != null ? Dataset.literal(targetArm) : "CAST(" + Dataset.quote(target) + " AS VARCHAR)";
        List<String> x = new ArrayList<>();
        for (String c : context) x.add("CAST(" + Dataset.quote(c) + " AS DOUBLE)");
        requireNumeric(data, reward, "reward");
        requireNumeric(data, propensity, "propensity");
        for (String c : context) requireNumeric(data, c, "context");
        long n = data.rowCount();
        if (n == 0) throw new UserInputException("the log has no rows; give a log with at least one decision");

        // the first bad row of each kind, in the order a reader of the file would meet them
        firstBad(data, a + " IS NULL", row -> "logged arm missing on row " + row + "; fill it or use --drop-missing");
        for (int j = 0; j < context.size(); j++) {
            String name = context.get(j);
            firstBad(data, x.get(j) + " IS NULL OR isnan(" + x.get(j) + ")", row -> "context '" + name + "' missing on row " + row + "; fill it or use --drop-missing");
        }
        String sortedArms = arms.stream().map(Dataset::literal).collect(Collectors.joining(", "));
        if (targetArm != null) {
            if (!arms.contains(targetArm)) {
                throw new UserInputException("target arm '" + targetArm + "' never appears in '" + action + "'; the log has no support for it (logged arms: "
                        + String.join(", ", arms) + ")");
            }
        } else {
            firstBadWithValue(data, tgt + " IS NULL OR " + tgt + " NOT IN (" + sortedArms + ")", tgt,
                    (row, v) -> "target arm '" + v + "' on row " + row + " never appears in '" + action + "'; the log has no support for it");
        }
        firstBadWithValue(data, p + " IS NULL OR isnan(" + p + ") OR " + p + " <= 0 OR " + p + " > 1", "CAST(" + p + " AS VARCHAR)", (row, v) ->
                v == null || v.equalsIgnoreCase("nan") ? "propensity missing on row " + row + "; every logged row needs the probability its arm was chosen with"
                        : Double.parseDouble(v) <= 0 ? "propensity " + Double.parseDouble(v) + " on row " + row + " is not positive; a logged arm's probability must be in (0, 1]"
                        : "propensity " + Double.parseDouble(v) + " on row " + row + " is above 1; give probabilities in (0, 1], not percentages");
        firstBad(data, r + " IS NULL OR NOT isfinite(" + r + ")", row -> "reward missing or not finite on row " + row + "; drop the row or fill the reward");

        String w = "(CASE WHEN " + a + " = " + tgt + " THEN 1.0 / " + p + " ELSE 0.0 END)";
        String dr = null;
        if (estimators.contains(OffPolicyEvaluator.Estimator.DR)) {
            Map<String, double[]> coef = rewardModel(data, a, r, x);
            dr = "(" + predict(coef, tgt, x) + " + " + w + " * (" + r + " - " + predict(coef, a, x) + "))";
        }
        String sums = "sum(" + w + "), sum(" + w + " * " + w + "), sum(" + w + " * " + r + "), sum(" + r + "), count(*) FILTER (WHERE " + a + " = " + tgt + ")"
                + (dr != null ? ", sum(" + dr + ")" : "");
        double[] first = row(data, "SELECT " + sums + " FROM " + t, dr != null ? 6 : 5);
        double sumW = first[0];
        double sumW2 = first[1];
        double sumWr = first[2];
        double mean = first[3] / n;
        int matched = (int) first[4];
        double ips = sumWr / n;
        if (estimators.contains(OffPolicyEvaluator.Estimator.SNIPS) && sumW == 0) {
            throw new UserInputException("the target policy agrees with no logged row; SNIPS needs at least one match");
        }
        double snips = sumW > 0 ? sumWr / sumW : Double.NaN;
        double drValue = dr != null ? first[5] / n : Double.NaN;
        String spread = "sum(power(" + w + " * " + r + " - " + lit(ips) + ", 2)), sum(power(" + r + " - " + lit(mean) + ", 2))"
                + (sumW > 0 ? ", sum(power(" + w + " * (" + r + " - " + lit(snips) + "), 2))" : ", 0")
                + (dr != null ? ", sum(power(" + dr + " - " + lit(drValue) + ", 2))" : ", 0");
        double[] second = row(data, "SELECT " + spread + " FROM " + t, 4);
        List<OpeEstimate> out = new ArrayList<>();
        if (estimators.contains(OffPolicyEvaluator.Estimator.IPS)) {
            out.add(OpeEstimate.of(OffPolicyEvaluator.Estimator.IPS, ips, n > 1 ? Math.sqrt(second[0] / (n - 1) / n) : 0));
        }
        if (estimators.contains(OffPolicyEvaluator.Estimator.SNIPS)) {
            out.add(OpeEstimate.of(OffPolicyEvaluator.Estimator.SNIPS, snips, Math.sqrt(second[2]) / sumW));
        }
        if (dr != null) {
            out.add(OpeEstimate.of(OffPolicyEvaluator.Estimator.DR, drValue, n > 1 ? Math.sqrt(second[3] / (n - 1) / n) : 0));
        }
        double loggingVar = n > 1 ? second[1] / (n - 1) : 0;
        double[] largest = data.query("SELECT " + w + " AS w FROM " + t + " ORDER BY w DESC LIMIT 5", rs -> {
            List<Double> v = new ArrayList<>();
            while (rs.next()) v.add(rs.getDouble(1));
            return v.stream().mapToDouble(Double::doubleValue).toArray();
        });
        double ess = sumW2 > 0 ? sumW * sumW / sumW2 : 0;
        return new OffPolicyEvaluator.Evaluation(List.copyOf(out), mean, Math.sqrt(loggingVar / n), ess, matched, largest);
    }

    /**
     * Per arm, least squares of the reward on [1, context] from the arm's cross-products (the arm's
     * mean without context, with no more rows than coefficients, or with a singular design).
     */
    private static Map<String, double[]> rewardModel(Dataset data, String a, String r, List<String> x) {
        int d = x.size() + 1;
        List<String> terms = new ArrayList<>(List.of("count(*)", "sum(" + r + ")"));
        List<String> design = new ArrayList<>(List.of("1.0"));
        design.addAll(x);
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) terms.add("sum(" + design.get(i) + " * " + design.get(j) + ")");
            terms.add("sum(" + design.get(i) + " * " + r + ")");
        }
        int width = terms.size();
        Map<String, double[]> coef = new LinkedHashMap<>();
        data.query("SELECT " + a + ", " + String.join(", ", terms) + " FROM " + Dataset.TABLE + " GROUP BY 1 ORDER BY 1", rs -> {
            while (rs.next()) {
                double[] s = new double[width];
                for (int k = 0; k < width; k++) s[k] = rs.getDouble(k + 2);
                double rows = s[0];
                double[] c = new double[d];
                c[0] = s[1] / rows;
                if (d > 1 && rows > d) {
                    double[][] xtx = new double[d][d];
                    double[] xty = new double[d];
                    int k = 2;
                    for (int i = 0; i < d; i++) {
                        for (int j = i; j < d; j++) {
                            xtx[i][j] = s[k];
                            xtx[j][i] = s[k];
                            k++;
                        }
                        xty[i] = s[k++];
                    }
                    DecompositionSolver solver = new QRDecomposition(new Array2DRowRealMatrix(xtx, false), 1e-12).getSolver();
                    if (solver.isNonSingular()) c = solver.solve(new ArrayRealVector(xty, false)).toArray();
                }
                coef.put(rs.getString(1), c);
            }
            return null;
        });
        return coef;
    }

    /** The fitted reward of the arm named by SQL expression {@code arm}, as a CASE over the arms. */
    private static String predict(Map<String, double[]> coef, String arm, List<String> x) {
        StringBuilder sb = new StringBuilder("(CASE ").append(arm);
        for (Map.Entry<String, double[]> e : coef.entrySet()) {
            sb.append(" WHEN ").append(Dataset.literal(e.getKey())).append(" THEN ").append(lit(e.getValue()[0]));
            for (int j = 0; j < x.size(); j++) sb.append(" + ").append(lit(e.getValue()[j + 1])).append(" * ").append(x.get(j));
        }
        return sb.append(" ELSE 0.0 END)").toString();
    }

    private static void requireNumeric(Dataset data, String column, String role) {
        if (!data.require(column, role).type().isNumeric()) {
            throw new UserInputException("the " + role + " column '" + column + "' holds text; it must hold numbers");
        }
    }

    private static void firstBad(Dataset data, String condition, java.util.function.LongFunction<String> message) {
        long row = data.query("SELECT min(rowid) FROM " + Dataset.TABLE + " WHERE " + condition, rs -> {
            rs.next();
            long v = rs.getLong(1);
            return rs.wasNull() ? -1L : v + 1;
        });
        if (row > 0) throw new UserInputException(message.apply(row));
    }

    private static void firstBadWithValue(Dataset data, String condition, String value,
                                          java.util.function.BiFunction<Long, String, String> message) {
        String[] hit = data.query("SELECT rowid, " + value + " FROM " + Dataset.TABLE + " WHERE " + condition + " ORDER BY rowid LIMIT 1", rs ->
                rs.next() ? new String[] {Long.toString(rs.getLong(1) + 1), rs.getString(2)} : null);
        if (hit != null) throw new UserInputException(message.apply(Long.parseLong(hit[0]), hit[1]));
    }

    private static double[] row(Dataset data, String sql, int width) {
        return data.query(sql, rs -> {
            rs.next();
            double[] v = new double[width];
            for (int i = 0; i < width; i++) v[i] = rs.getDouble(i + 1);
            return v;
        });
    }

    /** A double as a SQL literal that DuckDB reads back exactly. */
    private static String lit(double v) {
        if (!Double.isFinite(v)) return "CAST('" + v + "' AS DOUBLE)";
        return "CAST(" + Double.toString(v) + " AS DOUBLE)";
    }
}
