package io.cerebro.core.uplift;

import io.cerebro.core.data.ColumnInfo;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.spec.SpecViolation;
import io.cerebro.core.spec.UpliftSpec;
import io.cerebro.core.uplift.learner.UpliftData;
import io.cerebro.core.uplift.model.FeatureMatrix;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads and checks an uplift spec's columns: all present and numeric (text features must be
 * encoded or listed as categorical: each categorical feature becomes one 0/1 dummy, named
 * {@code col=level}, per level but the first in sorted order, the reference), the treatment 0/1 with both arms and each arm large enough for the folds, no missing
 * values unless {@code drop_missing}, known propensities strictly between 0 and 1, and no feature
 * constant within an arm (its effect could not be told from the arm's). The dataset is not changed.
 */
public final class UpliftDataReader {
    private UpliftDataReader() {
    }

    /**
     * The rows, with the score column (evaluate mode) as {@code score}.
     *
     * @param data  the rows
     * @param score the score column, or null
     */
    public record Read(UpliftData data, double[] score) {
    }

    /** @throws UserInputException naming the first problem and its fix */
    public static Read read(UpliftSpec spec, Dataset data) {
        List<SpecViolation> v = new ArrayList<>();
        Read r = read(spec, data, v);
        if (!v.isEmpty()) {
            throw new UserInputException(v.get(0).toString());
        }
        return r;
    }

    /** @return every problem of the spec against the data (empty when it fits). */
    public static List<SpecViolation> violations(UpliftSpec spec, Dataset data) {
        List<SpecViolation> v = new ArrayList<>();
        read(spec, data, v);
        return v;
    }

    private static boolean numeric(Dataset data, String field, String col, String fix, List<SpecViolation> out) {
        var c = data.column(col);
        if (c.isEmpty()) {
            out.add(new SpecViolation(field, col, "is not a column of the data", data.missingColumnMessage(col, field)));
            return false;
        }
        ColumnInfo info = c.get();
        if (!info.type().isNumeric()) {
            String first = data.firstNonNumber(col).map(b -> " (row " + b.row() + " holds '" + b.value() + "')").orElse("");
            out.add(new SpecViolation(field, col, "holds text" + first, fix));
            return false;
        }
        return true;
    }

    /**
     * The feature columns of new rows in the order the fitted model takes them: numeric features as
     * read, each categorical feature as the training data's dummies (its sorted levels but the first,
     * the reference). The new data is not changed.
     *
     * @param spec    the spec the model was fitted with
     * @param train   the training rows (their levels define the dummies)
     * @param newData the rows to predict
     * @param source  how to name the new data in messages, e.g. {@code --predict new.csv}
     * @throws UserInputException when a feature is missing, has no value, or holds a level not seen in training
     */
    public static double[][] predictionColumns(UpliftSpec spec, Dataset train, Dataset newData, String source) {
        List<double[]> cols = new ArrayList<>();
        for (String f : spec.features()) {
            if (!spec.categorical().contains(f)) {
                double[] v = newData.doubles(f);
                noGap(v, f, source);
                cols.add(v);
                continue;
            }
            List<String> lv = new ArrayList<>(train.levels(f).keySet());
            String[] text = newData.strings(f);
            double[] code = new double[text.length];
            for (int i = 0; i < text.length; i++) {
                code[i] = text[i] == null ? Double.NaN : lv.indexOf(text[i]);
                if (code[i] < 0) {
                    throw new UserInputException(source + ": categorical feature '" + f + "' holds level '" + text[i] + "' in row " + (i + 1)
                            + ", not seen in the training data (levels " + lv + "); map it to one of those or drop the row");
                }
            }
            noGap(code, f, source);
            for (int l = 1; l < lv.size(); l++) {
                double[] d = new double[code.length];
                for (int i = 0; i < code.length; i++) {
                    d[i] = code[i] == l ? 1 : 0;
                }
                cols.add(d);
            }
        }
        return cols.toArray(new double[0][]);
    }

    /** @return the spec's column a model feature comes from: a categorical feature's dummy {@code col=level} gives {@code col}. */
    public static String sourceColumn(UpliftSpec spec, String name) {
        if (spec.features().contains(name)) {
            return name;
        }
        for (String c : spec.categorical()) {
            if (name.startsWith(c + "=")) {
                return c;
            }
        }
        return name;
    }

    private static void noGap(double[] v, String f, String source) {
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i])) {
                throw new UserInputException(source + ": feature '" + f + "' has no value in row " + (i + 1) + "; fill it in or drop the row");
            }
        }
    }

    private static boolean categorical(Dataset data, String col, List<SpecViolation> out) {
        if (data.column(col).isEmpty()) {
            out.add(new SpecViolation("categorical", col, "is not a column of the data", data.missingColumnMessage(col, "categorical")));
            return false;
        }
        int n = data.levels(col).size();
        if (n > UpliftSpec.MAX_LEVELS) {
            out.add(new SpecViolation("categorical", col, "has " + n + " levels, more than " + UpliftSpec.MAX_LEVELS,
                    "group its levels into at most " + UpliftSpec.MAX_LEVELS + " or drop it from --features"));
            return false;
        }
        if (n < 2) {
            out.add(new SpecViolation("categorical", col, "has " + n + " level", "drop it from --features: a single level cannot modify the effect"));
            return false;
        }
        return true;
    }

    /** A read of a spec's columns and the problems it found. */
    private record Checked(Read read, List<SpecViolation> violations) {
    }

    /**
     * Reads once per dataset and spec: the validator ({@link #violations}) and then the engine ({@link #read(UpliftSpec, Dataset)})
     * ask for the same rows, and a second scan of a large file would cost its time and a second copy of its columns.
     */
    private static Read read(UpliftSpec spec, Dataset data, List<SpecViolation> out) {
        Checked c = data.memo("uplift.read:" + spec, () -> {
            List<SpecViolation> v = new ArrayList<>();
            Read r = readOnce(spec, data, v);
            return new Checked(r, List.copyOf(v));
        });
        out.addAll(c.violations());
        return c.read();
    }

    private static Read readOnce(UpliftSpec spec, Dataset data, List<SpecViolation> out) {
        boolean ok = numeric(data, "treatment", spec.treatment(), TREATMENT_FIX, out);
        ok &= numeric(data, "outcome", spec.outcome(), OUTCOME_FIX, out);
        for (String f : spec.features()) {
            if (spec.categorical().contains(f)) {
                ok &= categorical(data, f, out);
            } else {
                ok &= numeric(data, "features", f, FEATURE_FIX, out);
            }
        }
        if (spec.propensity() != null) {
            ok &= numeric(data, "propensity", spec.propensity(), PROPENSITY_FIX, out);
        }
        if (spec.score() != null) {
            ok &= numeric(data, "score", spec.score(), SCORE_FIX, out);
        }
        if (!ok) {
            return null;
        }
        List<String> cols = new ArrayList<>(spec.columns());
        List<String> numericCols = cols.stream().filter(c -> !spec.categorical().contains(c)).toList();
        double[][] scanned;
        try {
            scanned = scan(data, numericCols);
        } catch (IllegalStateException e) {
            // the rows did not fit the types sniffed from the file's first rows (a word further down a column of
            // numbers): the load has typed every column from all its rows, so the checks above now name the column
            List<SpecViolation> retyped = new ArrayList<>();
            for (String c : numericCols) {
                numeric(data, fieldOf(spec, c), c, fixOf(spec, c), retyped);
            }
            if (retyped.isEmpty()) {
                throw e;
            }
            out.addAll(retyped);
            return null;
        }
        List<double[]> values = new ArrayList<>();
        List<List<String>> levels = new ArrayList<>();
        for (String c : cols) {
            if (spec.categorical().contains(c)) {
                List<String> lv = new ArrayList<>(data.levels(c).keySet());
                levels.add(lv);
                String[] text = data.strings(c);
                double[] code = new double[text.length];
                for (int i = 0; i < text.length; i++) {
                    code[i] = text[i] == null ? Double.NaN : lv.indexOf(text[i]);
                }
                values.add(code);
            } else {
                levels.add(null);
                values.add(scanned[numericCols.indexOf(c)]);
            }
        }
        int n = values.get(0).length;
        boolean[] keep = new boolean[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            String missing = null;
            for (int j = 0; j < cols.size() && missing == null; j++) {
                if (Double.isNaN(values.get(j)[i])) {
                    missing = cols.get(j);
                }
            }
            if (missing != null && !spec.dropMissing()) {
                out.add(new SpecViolation(fieldOf(spec, missing), missing, "row " + (i + 1) + " has no value",
                        "fill it in, or pass --drop-missing to leave such rows out"));
                return null;
            }
            keep[i] = missing == null;
            kept += keep[i] ? 1 : 0;
        }
        double[][] picked;
        if (kept == n) {
            // nothing dropped: the scanned columns are the rows (no second copy of the table)
            picked = values.toArray(new double[0][]);
        } else {
            picked = new double[cols.size()][];
            for (int j = 0; j < cols.size(); j++) {
                double[] v = values.get(j);
                double[] p = new double[kept];
                int r = 0;
                for (int i = 0; i < n; i++) {
                    if (keep[i]) {
                        p[r++] = v[i];
                    }
                }
                picked[j] = p;
                // drop each full column once copied, so at most one extra column is live
                values.set(j, null);
            }
        }
        double[] w = picked[cols.indexOf(spec.treatment())];
        double[] y = picked[cols.indexOf(spec.outcome())];
        int n1 = 0;
        for (int i = 0; i < kept; i++) {
            if (w[i] != 0 && w[i] != 1) {
                out.add(new SpecViolation("treatment", spec.treatment(), "is not binary (row " + (i + 1) + " holds " + w[i] + ")",
                        "code the treatment as 0/1 (1 = treated); for several arms analyse two at a time with --where"));
                return null;
            }
            n1 += (int) w[i];
        }
        int n0 = kept - n1;
        int minArm = spec.evaluates() ? 1 : 2 * spec.folds();
        if (n1 < minArm || n0 < minArm) {
            String arm = n1 < minArm ? "treated (1)" : "control (0)";
            out.add(new SpecViolation("treatment", spec.treatment(), "has " + Math.min(n1, n0) + " " + arm + " rows"
                    + (spec.evaluates() ? "" : ", too few for " + spec.folds() + " folds"),
                    (Math.min(n1, n0) == 0 ? "both arms need rows: check the column and --where" : "add rows or lower --folds")));
            return null;
        }
        boolean binary = true;
        for (double v : y) {
            if (v != 0 && v != 1) {
                binary = false;
                break;
            }
        }
        double[] e = null;
        if (spec.propensity() != null) {
            e = picked[cols.indexOf(spec.propensity())];
            for (int i = 0; i < kept; i++) {
                if (!(e[i] > 0 && e[i] < 1)) {
                    out.add(new SpecViolation("propensity", spec.propensity(), "row " + (i + 1) + " holds " + e[i] + ", not a probability in (0, 1)",
                            "give the probability of treatment, strictly between 0 and 1"));
                    return null;
                }
            }
        }
        // a categorical column becomes one 0/1 dummy per level but the first (sorted), the reference
        List<String> names = new ArrayList<>();
        List<double[]> dummies = new ArrayList<>();
        for (String f : spec.features()) {
            int c = cols.indexOf(f);
            List<String> lv = levels.get(c);
            if (lv == null) {
                names.add(f);
                dummies.add(picked[c]);
                continue;
            }
            for (int l = 1; l < lv.size(); l++) {
                double[] d = new double[kept];
                for (int i = 0; i < kept; i++) {
                    d[i] = picked[c][i] == l ? 1 : 0;
                }
                names.add(f + "=" + lv.get(l));
                dummies.add(d);
            }
        }
        double[][] x = dummies.toArray(new double[0][]);
        for (int j = 0; j < x.length; j++) {
            String f = names.get(j);
            for (int arm = 0; arm <= 1; arm++) {
                double first = Double.NaN;
                boolean constant = true;
                for (int i = 0; i < kept && constant; i++) {
                    if (w[i] == arm) {
                        if (Double.isNaN(first)) {
                            first = x[j][i];
                        } else if (x[j][i] != first) {
                            constant = false;
                        }
                    }
                }
                if (constant) {
                    out.add(new SpecViolation("features", f, "is constant (" + first + ") in the " + (arm == 1 ? "treated" : "control") + " arm",
                            "drop it from --features: its effect on the outcome cannot be estimated in that arm"));
                    return null;
                }
            }
        }
        double[] score = spec.score() == null ? null : picked[cols.indexOf(spec.score())];
        return new Read(new UpliftData(new FeatureMatrix(names, x), y, w, binary, e), score);
    }

    /** @return the fix the type check gives for a column in its role (as {@link #read(UpliftSpec, Dataset, List)}'s checks word it). */
    private static String fixOf(UpliftSpec spec, String col) {
        return switch (fieldOf(spec, col)) {
            case "treatment" -> TREATMENT_FIX;
            case "outcome" -> OUTCOME_FIX;
            case "propensity" -> PROPENSITY_FIX;
            case "score" -> SCORE_FIX;
            default -> FEATURE_FIX;
        };
    }

    private static final String TREATMENT_FIX = "code the treatment as 0/1 (1 = treated)";
    private static final String OUTCOME_FIX = "use a numeric or 0/1 outcome";
    private static final String FEATURE_FIX = "encode it as numbers (one 0/1 column per level), list it in --categorical, or drop it from --features";
    private static final String PROPENSITY_FIX = "give the probability of treatment as a number in (0, 1)";
    private static final String SCORE_FIX = "give a numeric score (higher = treat first)";

    /** Rows per chunk of a column while it is streamed in (the row count is known only at the end of the scan). */
    private static final int CHUNK = 1 << 16;

    /**
     * The numeric columns {@code names}, streamed from the data in one pass ({@link Dataset#scanDoubles}): a file
     * not loaded yet is read straight into these arrays, with no in-memory table and no cached copy per column.
     * Rows arrive in chunks (the count is known only at the end); each column is assembled from its chunks and
     * the chunks dropped, so the peak is the columns plus one column.
     *
     * @return {@code [column][row]}, NaN for a missing value
     */
    static double[][] scan(Dataset data, List<String> names) {
        int k = names.size();
        List<List<double[]>> chunks = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            chunks.add(new ArrayList<>());
        }
        int n = data.scanDoubles(names, (row, v) -> {
            if (row == 0) {
                // a read that started over (types re-sniffed from every row) sends row 0 again
                chunks.forEach(List::clear);
            }
            int at = row & (CHUNK - 1);
            if (at == 0) {
                for (List<double[]> col : chunks) {
                    col.add(new double[CHUNK]);
                }
            }
            for (int c = 0; c < k; c++) {
                chunks.get(c).get(row >>> 16)[at] = v[c];
            }
        });
        double[][] out = new double[k][];
        for (int c = 0; c < k; c++) {
            List<double[]> col = chunks.get(c);
            double[] a = new double[n];
            for (int b = 0; b < col.size(); b++) {
                int from = b * CHUNK;
                System.arraycopy(col.get(b), 0, a, from, Math.min(CHUNK, n - from));
            }
            col.clear();
            out[c] = a;
        }
        return out;
    }

    private static String fieldOf(UpliftSpec spec, String col) {
        if (col.equals(spec.treatment())) {
            return "treatment";
        }
        if (col.equals(spec.outcome())) {
            return "outcome";
        }
        if (col.equals(spec.propensity())) {
            return "propensity";
        }
        if (col.equals(spec.score())) {
            return "score";
        }
        return "features";
    }
}
