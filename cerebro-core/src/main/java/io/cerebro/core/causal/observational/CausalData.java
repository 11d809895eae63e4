package io.cerebro.core.causal.observational;

import io.cerebro.core.data.ColumnInfo;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The numbers an observational estimator needs: a 0/1 treatment, the outcome and the design
 * matrix of the adjustment set (intercept first; text columns one-hot encoded against their
 * first level in sort order), after missing values were rejected or dropped.
 *
 * <p>Every problem a user can cause is reported here, once, in one line: a treatment that is not
 * binary (with the values seen), no treated or no control units, missing values, constant
 * confounders.
 */
public final class CausalData {
    /** Name of the intercept column. */
    public static final String INTERCEPT = "(Intercept)";
    private final double[] t;
    private final double[] y;
    private final double[][] x;
    private final String[] names;
    private final List<String> encoded;
    private final int dropped;
    private final Map<String, double[]> extra;

    /**
     * @param t       treatment, 0 or 1
     * @param y       outcome
     * @param x       rows of the design matrix, intercept first
     * @param names   design column names
     * @param encoded human-readable notes on one-hot encoded columns
     * @param dropped rows dropped for missing values
     * @param extra   other numeric columns carried along (mediator), by name
     */
    public CausalData(double[] t, double[] y, double[][] x, String[] names, List<String> encoded, int dropped,
                      Map<String, double[]> extra) {
        this.t = t;
        this.y = y;
        this.x = x;
        this.names = names;
        this.encoded = List.copyOf(encoded);
        this.dropped = dropped;
        this.extra = extra == null ? Map.of() : extra;
    }

    /**
     * Reads and checks the columns of an observational analysis.
     *
     * @param data        the dataset
     * @param treatment   0/1 (or true/false) treatment column
     * @param outcome     numeric outcome column
     * @param adjustment  confounders to adjust for
     * @param carry       further numeric columns to keep (e.g. a mediator), may be empty
     * @param dropMissing drop rows with missing values instead of failing
     */
    public static CausalData load(Dataset data, String treatment, String outcome, List<String> adjustment,
                                  List<String> carry, boolean dropMissing) {
        List<String> used = new ArrayList<>();
        used.add(treatment);
        used.add(outcome);
        used.addAll(adjustment);
        used.addAll(carry);
        List<String> distinct = new ArrayList<>(new java.util.LinkedHashSet<>(used));
        boolean allNumeric = true;
        for (String c : distinct) {
            allNumeric &= data.require(c, null).type().isNumeric();
        }
        if (allNumeric) {
            return loadNumeric(data, treatment, outcome, adjustment, carry, distinct, dropMissing);
        }
        int n = Math.toIntExact(data.rowCount());
        boolean[] keep = new boolean[n];
        Arrays.fill(keep, true);
        Map<String, Object> raw = new LinkedHashMap<>();
        StringBuilder missing = new StringBuilder();
        for (String c : used) {
            if (raw.containsKey(c)) {
                continue;
            }
            ColumnInfo info = data.require(c, null);
            Object col;
            int miss = 0;
            if (info.type().isNumeric()) {
                double[] v = data.doubles(c);
                for (int i = 0; i < n; i++) {
                    if (Double.isNaN(v[i])) {
                        keep[i] = false;
                        miss++;
                    }
                }
                col = v;
            } else {
                String[] v = data.strings(c);
                for (int i = 0; i < n; i++) {
                    if (v[i] == null || v[i].isEmpty()) {
                        keep[i] = false;
                        miss++;
                    }
                }
                col = v;
            }
            if (miss > 0) {
                missing.append(missing.length() == 0 ? "" : ", ").append(c).append(" (").append(miss).append(')');
            }
            raw.put(c, col);
        }
        if (missing.length() > 0 && !dropMissing) {
            throw new UserInputException("missing values in " + missing + "; pass --drop-missing to analyse complete rows only, or fill them in");
        }
        int m = 0;
        for (boolean k : keep) {
            m += k ? 1 : 0;
        }
        double[] t = treatment(raw.get(treatment), keep, m, treatment);
        double[] y = numeric(raw.get(outcome), keep, m, outcome, "outcome");
        List<String> names = new ArrayList<>();
        List<double[]> cols = new ArrayList<>();
        List<String> encoded = new ArrayList<>();
        List<String> constant = new ArrayList<>();
        for (String c : adjustment) {
            Object col = raw.get(c);
            if (col instanceof double[] d) {
                double[] v = subset(d, keep, m);
                if (isConstant(v)) {
                    constant.add(c);
                }
                names.add(c);
                cols.add(v);
            } else {
                String[] s = (String[]) col;
                TreeMap<String, Integer> levels = new TreeMap<>();
                for (int i = 0; i < s.length; i++) {
                    if (keep[i]) {
                        levels.merge(s[i], 1, Integer::sum);
                    }
                }
                if (levels.size() < 2) {
                    constant.add(c);
                    continue;
                }
                List<String> lv = new ArrayList<>(levels.keySet());
                encoded.add(c + " (" + lv.size() + " levels, reference '" + lv.get(0) + "')");
                for (String level : lv.subList(1, lv.size())) {
                    double[] v = new double[m];
                    int j = 0;
                    for (int i = 0; i < s.length; i++) {
                        if (keep[i]) {
                            v[j++] = level.equals(s[i]) ? 1 : 0;
                        }
                    }
                    names.add(c + "=" + level);
                    cols.add(v);
                }
            }
        }
        if (!constant.isEmpty()) {
            throw new UserInputException("confounder" + (constant.size() > 1 ? "s " : " ") + String.join(", ", constant)
                    + (constant.size() > 1 ? " are" : " is") + " constant in the analysed rows; drop "
                    + (constant.size() > 1 ? "them" : "it") + " from --confounders");
        }
        double[][] x = new double[m][cols.size() + 1];
        for (int i = 0; i < m; i++) {
            x[i][0] = 1;
            for (int a = 0; a < cols.size(); a++) {
                x[i][a + 1] = cols.get(a)[i];
            }
        }
        names.add(0, INTERCEPT);
        Map<String, double[]> extra = new LinkedHashMap<>();
        for (String c : carry) {
            extra.put(c, numeric(raw.get(c), keep, m, c, "mediator"));
        }
        return new CausalData(t, y, x, names.toArray(String[]::new), encoded, n - m, extra);
    }

    /**
     * The common case, every used column numeric: one scan of the data writes each row straight into
     * its design row (no per-column copies, which at a million rows by twenty confounders would
     * double the memory), the treatment and the outcome. Same values and checks as the general path.
     */
    private static CausalData loadNumeric(Dataset data, String treatment, String outcome, List<String> adjustment,
                                          List<String> carry, List<String> distinct, boolean dropMissing) {
        int k = distinct.size();
        int ti = distinct.indexOf(treatment);
        int yi = distinct.indexOf(outcome);
        int p = adjustment.size();
        int[] xi = new int[p];
        for (int a = 0; a < p; a++) {
            xi[a] = distinct.indexOf(adjustment.get(a));
        }
        int[] ci = new int[carry.size()];
        for (int a = 0; a < ci.length; a++) {
            ci[a] = distinct.indexOf(carry.get(a));
        }
        // the row count of a file streamed without a table is known at the end: the arrays double as
        // rows arrive (a pointer per design row, a double per column value) and are trimmed once
        Rows rows = new Rows(p, ci, ti, yi, xi, k);
        int n = data.scanDoubles(distinct, rows);
        double[][] x = rows.x.length == n ? rows.x : Arrays.copyOf(rows.x, n);
        double[] rawT = rows.column(0, n);
        double[] y = rows.column(1, n);
        double[][] extraCols = new double[ci.length][];
        for (int a = 0; a < ci.length; a++) {
            extraCols[a] = rows.column(2 + a, n);
        }
        int[] miss = rows.miss;
        java.util.BitSet incomplete = rows.incomplete;
        rows.x = null;
        boolean[] keep = new boolean[n];
        for (int i = 0; i < n; i++) {
            keep[i] = !incomplete.get(i);
        }
        StringBuilder missing = new StringBuilder();
        for (int c = 0; c < k; c++) {
            if (miss[c] > 0) {
                missing.append(missing.length() == 0 ? "" : ", ").append(distinct.get(c)).append(" (").append(miss[c]).append(')');
            }
        }
        if (missing.length() > 0 && !dropMissing) {
            throw new UserInputException("missing values in " + missing + "; pass --drop-missing to analyse complete rows only, or fill them in");
        }
        int m = 0;
        for (boolean kk : keep) {
            m += kk ? 1 : 0;
        }
        double[] t = treatment(rawT, keep, m, treatment);
        double[] yy = m == n ? y : subset(y, keep, m);
        double[][] xx = x;
        if (m < n) {
            xx = new double[m][];
            int j = 0;
            for (int i = 0; i < n; i++) {
                if (keep[i]) {
                    xx[j++] = x[i];
                }
            }
        }
        List<String> constant = new ArrayList<>();
        for (int a = 0; a < p; a++) {
            boolean same = true;
            double first = xx[0][a + 1];
            for (int i = 1; i < m && same; i++) {
                same = xx[i][a + 1] == first;
            }
            if (same) {
                constant.add(adjustment.get(a));
            }
        }
        if (!constant.isEmpty()) {
            throw new UserInputException("confounder" + (constant.size() > 1 ? "s " : " ") + String.join(", ", constant)
                    + (constant.size() > 1 ? " are" : " is") + " constant in the analysed rows; drop "
                    + (constant.size() > 1 ? "them" : "it") + " from --confounders");
        }
        List<String> names = new ArrayList<>();
        names.add(INTERCEPT);
        names.addAll(adjustment);
        Map<String, double[]> extra = new LinkedHashMap<>();
        for (int a = 0; a < ci.length; a++) {
            extra.put(carry.get(a), m == n ? extraCols[a] : subset(extraCols[a], keep, m));
        }
        return new CausalData(t, yy, xx, names.toArray(String[]::new), List.of(), n - m, extra);
    }

    /**
     * What the scan of {@link #loadNumeric} fills: the design rows (intercept first), the treatment,
     * the outcome and the carried columns as primitive arrays that double when full, and which
     * rows and columns have missing values.
     */
    private static final class Rows implements Dataset.DoubleRowConsumer {
        private static final int START = 1 << 14;
        private final int p;
        private final int k;
        private final int[] src;
        private final int[] xi;
        double[][] x = new double[START][];
        /** treatment, outcome, then the carried columns. */
        private final double[][] cols;
        int[] miss;
        java.util.BitSet incomplete = new java.util.BitSet();
        private int size;

        Rows(int p, int[] carry, int ti, int yi, int[] xi, int k) {
            this.p = p;
            this.k = k;
            this.xi = xi;
            this.src = new int[2 + carry.length];
            src[0] = ti;
            src[1] = yi;
            System.arraycopy(carry, 0, src, 2, carry.length);
            this.cols = new double[src.length][START];
            this.miss = new int[k];
        }

        @Override
        public void accept(int i, double[] v) {
            if (i == 0 && size > 0) {
                // the read started over: forget what the first attempt delivered
                size = 0;
                incomplete.clear();
                Arrays.fill(miss, 0);
            }
            if (size == x.length) {
                int len = x.length * 2;
                x = Arrays.copyOf(x, len);
                for (int c = 0; c < cols.length; c++) {
                    cols[c] = Arrays.copyOf(cols[c], len);
                }
            }
            for (int c = 0; c < k; c++) {
                if (Double.isNaN(v[c])) {
                    miss[c]++;
                    incomplete.set(i);
                }
            }
            for (int c = 0; c < src.length; c++) {
                cols[c][size] = v[src[c]];
            }
            double[] row = new double[p + 1];
            row[0] = 1;
            for (int a = 0; a < p; a++) {
                row[a + 1] = v[xi[a]];
            }
            x[size++] = row;
        }

        /** @return column c of the first n rows (the array itself when it is exactly that long). */
        double[] column(int c, int n) {
            return cols[c].length == n ? cols[c] : Arrays.copyOf(cols[c], n);
        }
    }

    private static boolean isConstant(double[] v) {
        for (double d : v) {
            if (d != v[0]) {
                return false;
            }
        }
        return true;
    }

    private static double[] subset(double[] v, boolean[] keep, int m) {
        double[] out = new double[m];
        int j = 0;
        for (int i = 0; i < v.length; i++) {
            if (keep[i]) {
                out[j++] = v[i];
            }
        }
        return out;
    }

    private static double[] numeric(Object col, boolean[] keep, int m, String name, String role) {
        if (!(col instanceof double[] d)) {
            throw new UserInputException(role + " column '" + name + "' holds text; it must be numeric (recode it as numbers)");
        }
        return subset(d, keep, m);
    }

    private static double[] treatment(Object col, boolean[] keep, int m, String name) {
        double[] t = new double[m];
        TreeMap<String, Integer> seen = new TreeMap<>();
        int j = 0;
        boolean bad = false;
        // the labels of 0 and 1 are "0" and "1" once seen: formatting them again for every row of a large
        // file was a tenth of the reading time
        boolean seen0 = false;
        boolean seen1 = false;
        for (int i = 0; i < keep.length; i++) {
            if (!keep[i]) {
                continue;
            }
            double v;
            String label;
            if (col instanceof double[] d) {
                v = d[i];
                if (v == 0 && seen0 || v == 1 && seen1) {
                    t[j++] = v;
                    continue;
                }
                label = v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
                if (seen.size() <= 10) {
                    seen0 |= v == 0;
                    seen1 |= v == 1;
                }
            } else {
                label = ((String[]) col)[i];
                String l = label.trim().toLowerCase(Locale.ROOT);
                v = switch (l) {
                    case "1", "true", "t", "yes" -> 1;
                    case "0", "false", "f", "no" -> 0;
                    default -> Double.NaN;
                };
            }
            if (seen.size() <= 10) {
                seen.merge(label, 1, Integer::sum);
            }
            if (v != 0 && v != 1) {
                bad = true;
            }
            t[j++] = v;
        }
        if (bad) {
            throw new UserInputException("treatment column '" + name + "' must be binary (0/1 or true/false); values seen: "
                    + String.join(", ", seen.keySet()) + (seen.size() > 10 ? ", ..." : "")
                    + "; recode it, e.g. with --where to keep two groups and a 0/1 column");
        }
        int treated = 0;
        for (double v : t) {
            treated += (int) v;
        }
        if (treated == 0) {
            throw new UserInputException("treatment column '" + name + "' has no treated units (no 1s) among " + m
                    + " rows; check the column or the --where filter");
        }
        if (treated == m) {
            throw new UserInputException("treatment column '" + name + "' has no control units (no 0s) among " + m
                    + " rows; check the column or the --where filter");
        }
        return t;
    }

    /** @return the number of analysed rows. */
    public int n() {
        return t.length;
    }

    /** @return the 0/1 treatment (shared array, do not modify). */
    public double[] treatment() {
        return t;
    }

    /** @return the outcome (shared array, do not modify). */
    public double[] outcome() {
        return y;
    }

    /** @return rows of the design matrix with the intercept first (shared, do not modify). */
    public double[][] design() {
        return x;
    }

    /** @return design column names, {@value #INTERCEPT} first. */
    public String[] names() {
        return names.clone();
    }

    /** @return notes on the text confounders that were one-hot encoded. */
    public List<String> encoded() {
        return encoded;
    }

    /** @return rows dropped for missing values. */
    public int dropped() {
        return dropped;
    }

    /** @return a carried numeric column (e.g. the mediator). */
    public double[] extra(String name) {
        return extra.get(name);
    }

    /** @return the number of treated units. */
    public int treatedCount() {
        int c = 0;
        for (double v : t) {
            c += (int) v;
        }
        return c;
    }

    /** @return a copy with the treatment replaced (for placebo refutation). */
    public CausalData withTreatment(double[] newT) {
        return new CausalData(newT, y, x, names, encoded, dropped, extra);
    }

    /** @return a copy with an extra design column appended (for the random-common-cause refuter). */
    public CausalData withColumn(String name, double[] v) {
        double[][] nx = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            nx[i] = Arrays.copyOf(x[i], x[i].length + 1);
            nx[i][x[i].length] = v[i];
        }
        String[] nn = Arrays.copyOf(names, names.length + 1);
        nn[names.length] = name;
        return new CausalData(t, y, nx, nn, encoded, dropped, extra);
    }

    /** @return the rows at the given indices (repeats allowed, for the bootstrap and subsets). */
    public CausalData rows(int[] idx) {
        double[] nt = new double[idx.length];
        double[] ny = new double[idx.length];
        double[][] nx = new double[idx.length][];
        Map<String, double[]> ne = new LinkedHashMap<>();
        extra.forEach((k, v) -> ne.put(k, new double[idx.length]));
        for (int j = 0; j < idx.length; j++) {
            nt[j] = t[idx[j]];
            ny[j] = y[idx[j]];
            nx[j] = x[idx[j]];
            final int jj = j;
            extra.forEach((k, v) -> ne.get(k)[jj] = v[idx[jj]]);
        }
        return new CausalData(nt, ny, nx, names, encoded, dropped, ne);
    }
}
