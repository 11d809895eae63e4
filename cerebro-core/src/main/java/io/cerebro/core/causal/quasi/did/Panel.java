package io.cerebro.core.causal.quasi.did;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A long panel indexed by unit and period: row i belongs to unit {@code unit[i]} (0..units-1) and
 * period {@code period[i]} (0..periods-1, in time order).
 *
 * @param unitLabels   unit labels in first-seen order
 * @param times        the distinct period values, ascending
 * @param unit         unit index of each row
 * @param period       period index of each row
 */
public record Panel(String[] unitLabels, double[] times, int[] unit, int[] period) {

    /** @return the number of units. */
    public int units() {
        return unitLabels.length;
    }

    /** @return the number of periods. */
    public int periods() {
        return times.length;
    }

    /** @return the number of rows. */
    public int rows() {
        return unit.length;
    }

    /**
     * Indexes the rows of a dataset by its unit and (numeric) time columns.
     *
     * @param requireBalanced fail when some unit lacks some period
     * @throws UserInputException on missing ids, duplicated unit/period pairs or (optionally) an unbalanced panel
     */
    public static Panel of(Dataset data, String unitColumn, String timeColumn, boolean requireBalanced) {
        String[] u = data.strings(unitColumn);
        double[] t = data.doubles(timeColumn);
        return of(u, t, unitColumn, timeColumn, requireBalanced);
    }

    /** Indexes given unit labels and times (see {@link #of(Dataset, String, String, boolean)}). */
    public static Panel of(String[] u, double[] t, String unitColumn, String timeColumn, boolean requireBalanced) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        TreeSet<Double> distinct = new TreeSet<>();
        for (int i = 0; i < u.length; i++) {
            if (u[i] == null) {
                throw new UserInputException("column '" + unitColumn + "' (unit) is missing in row " + (i + 1) + "; drop or fill those rows");
            }
            if (Double.isNaN(t[i])) {
                throw new UserInputException("column '" + timeColumn + "' (time) is missing in row " + (i + 1) + "; drop or fill those rows");
            }
            ids.putIfAbsent(u[i], ids.size());
            distinct.add(t[i]);
        }
        double[] times = distinct.stream().mapToDouble(Double::doubleValue).toArray();
        Map<Double, Integer> tIndex = new HashMap<>();
        for (int k = 0; k < times.length; k++) {
            tIndex.put(times[k], k);
        }
        int n = u.length;
        int[] unit = new int[n];
        int[] period = new int[n];
        for (int i = 0; i < n; i++) {
            unit[i] = ids.get(u[i]);
            period[i] = tIndex.get(t[i]);
        }
        String[] labels = ids.keySet().toArray(new String[0]);
        Panel p = new Panel(labels, times, unit, period);
        p.checkDuplicates(unitColumn, timeColumn);
        if (requireBalanced) {
            p.checkBalanced(unitColumn, timeColumn);
        }
        return p;
    }

    private void checkDuplicates(String unitColumn, String timeColumn) {
        long cells = (long) units() * periods();
        List<String> dups = new ArrayList<>();
        if (cells <= 50_000_000L) {
            byte[] seen = new byte[(int) cells];
            for (int i = 0; i < rows() && dups.size() < 5; i++) {
                int c = unit[i] * periods() + period[i];
                if (seen[c]++ == 1) {
                    dups.add(unitLabels[unit[i]] + "/" + fmt(times[period[i]]));
                }
            }
        } else {
            java.util.HashSet<Long> seen = new java.util.HashSet<>();
            for (int i = 0; i < rows() && dups.size() < 5; i++) {
                if (!seen.add((long) unit[i] * periods() + period[i])) {
                    dups.add(unitLabels[unit[i]] + "/" + fmt(times[period[i]]));
                }
            }
        }
        if (!dups.isEmpty()) {
            throw new UserInputException("the panel has more than one row for " + unitColumn + "/" + timeColumn + " "
                    + String.join(", ", dups) + "; keep one row per unit and period (aggregate or deduplicate first)");
        }
    }

    private void checkBalanced(String unitColumn, String timeColumn) {
        if ((long) units() * periods() == rows()) {
            return;
        }
        boolean[] has = new boolean[units() * periods()];
        for (int i = 0; i < rows(); i++) {
            has[unit[i] * periods() + period[i]] = true;
        }
        List<String> missing = new ArrayList<>();
        int count = 0;
        for (int g = 0; g < units(); g++) {
            for (int k = 0; k < periods(); k++) {
                if (!has[g * periods() + k]) {
                    if (missing.size() < 5) {
                        missing.add(unitLabels[g] + "/" + fmt(times[k]));
                    }
                    count++;
                }
            }
        }
        throw new UserInputException("the panel is unbalanced: " + count + " " + unitColumn + "/" + timeColumn
                + " pairs have no row, e.g. " + String.join(", ", missing)
                + "; fill them or restrict the data to units observed in every period");
    }

    /**
     * @param values one value per row of the data the panel was read from
     * @return the values as a unit × period matrix; cells the data has no row for are NaN
     */
    public double[][] byUnitAndPeriod(double[] values) {
        double[][] m = new double[units()][periods()];
        for (double[] row : m) {
            Arrays.fill(row, Double.NaN);
        }
        for (int i = 0; i < rows(); i++) {
            m[unit[i]][period[i]] = values[i];
        }
        return m;
    }

    /**
     * @return the index of the treated unit labelled {@code label}
     * @throws UserInputException naming the unit column when no unit has that label
     */
    public int treatedUnitIndex(String label, String unitColumn) {
        for (int u = 0; u < unitLabels.length; u++) {
            if (unitLabels[u].equals(label)) {
                return u;
            }
        }
        throw new UserInputException("treated unit '" + label + "' is not in column '" + unitColumn + "'");
    }

    /** @return the index of a period value, or -1. */
    public int periodIndex(double time) {
        int k = Arrays.binarySearch(times, time);
        return k >= 0 ? k : -1;
    }

    /** Formats a period value without a spurious ".0". */
    public static String fmt(double t) {
        return t == Math.rint(t) && Math.abs(t) < 1e15 ? Long.toString((long) t) : Double.toString(t);
    }
}
