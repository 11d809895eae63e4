package io.cerebro.core.geo;

import io.cerebro.core.error.UserInputException;
import io.cerebro.core.spec.GeoTestSpec;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A balanced panel of one outcome per location and period, built from long rows with the checks a
 * geo test needs: no duplicate (location, period) rows, every location observed in every period
 * (or {@code fill} says what to do), numeric non-negative outcomes. Periods are dates (ISO
 * {@code yyyy-mm-dd}) or integers, in time order.
 *
 * @param locations the location names, sorted
 * @param periods   the period labels as written in the data, in time order
 * @param x         the periods on a numeric axis (epoch days for dates), for charts
 * @param y         outcome per location (row) and period (column)
 * @param dropped   locations left out by {@code fill: drop}
 */
public record GeoPanel(String[] locations, String[] periods, double[] x, double[][] y, List<String> dropped) {

    /** @return the index of a location, or -1. */
    public int location(String name) {
        int i = Arrays.binarySearch(locations, name);
        return i >= 0 ? i : -1;
    }

    /** @return the index of the period written as {@code label}, or -1. */
    public int period(String label) {
        for (int t = 0; t < periods.length; t++) {
            if (periods[t].equals(label)) {
                return t;
            }
        }
        // an integer period given as 91 matches 91.0 and a date matches its ISO form
        Double v = numeric(label);
        if (v == null) {
            LocalDate d = date(label);
            v = d == null ? null : (double) d.toEpochDay();
        }
        if (v != null) {
            for (int t = 0; t < x.length; t++) {
                if (x[t] == v) {
                    return t;
                }
            }
        }
        return -1;
    }

    /** @return the panel restricted to periods {@code [0, end]}. */
    public GeoPanel upTo(int end) {
        double[][] yy = new double[y.length][];
        for (int i = 0; i < y.length; i++) {
            yy[i] = Arrays.copyOf(y[i], end + 1);
        }
        return new GeoPanel(locations, Arrays.copyOf(periods, end + 1), Arrays.copyOf(x, end + 1), yy, dropped);
    }

    /**
     * Builds the panel from long rows.
     *
     * @throws UserInputException naming the first problem and its fix
     */
    public static GeoPanel of(String[] location, String[] time, double[] outcome, GeoTestSpec.Fill fill,
                              String locationColumn, String timeColumn, String outcomeColumn) {
        int n = location.length;
        if (n == 0) {
            throw new UserInputException("the data has no rows; check the file and any --where filter");
        }
        // time order: integers or dates
        Map<String, Double> timeValue = new HashMap<>();
        boolean numeric = true;
        boolean dates = true;
        for (int i = 0; i < n; i++) {
            if (location[i] == null) {
                throw new UserInputException("column '" + locationColumn + "' (location) is missing in row " + (i + 1)
                        + "; fill it or drop the row (--drop-missing)");
            }
            if (time[i] == null) {
                throw new UserInputException("column '" + timeColumn + "' (time) is missing in row " + (i + 1)
                        + "; fill it or drop the row (--drop-missing)");
            }
            if (Double.isNaN(outcome[i])) {
                throw new UserInputException("column '" + outcomeColumn + "' (outcome) is missing in row " + (i + 1)
                        + "; fill it, drop such rows with --drop-missing, or use --fill zero|drop for the missing period");
            }
            if (outcome[i] < 0 || Double.isInfinite(outcome[i])) {
                throw new UserInputException("column '" + outcomeColumn + "' holds " + outcome[i] + " in row " + (i + 1) + " (" + location[i]
                        + ", " + time[i] + "); a geo test needs non-negative outcomes such as sales or visits");
            }
            if (!timeValue.containsKey(time[i])) {
                Double v = numeric(time[i]);
                LocalDate d = v == null ? date(time[i]) : null;
                numeric &= v != null;
                dates &= d != null;
                timeValue.put(time[i], v != null ? v : d != null ? (double) d.toEpochDay() : Double.NaN);
            }
        }
        if (!numeric && !dates) {
            String bad = timeValue.entrySet().stream().filter(e -> Double.isNaN(e.getValue())).map(Map.Entry::getKey).findFirst()
                    .orElse(timeValue.keySet().iterator().next());
            throw new UserInputException("column '" + timeColumn + "' holds '" + bad + "', which is neither a date (yyyy-mm-dd) nor an"
                    + " integer period; give one kind of period for every row");
        }
        TreeMap<Double, String> order = new TreeMap<>();
        for (Map.Entry<String, Double> e : timeValue.entrySet()) {
            String prev = order.put(e.getValue(), e.getKey());
            if (prev != null && !prev.equals(e.getKey())) {
                throw new UserInputException("column '" + timeColumn + "' writes the same period as '" + prev + "' and '" + e.getKey()
                        + "'; write each period one way");
            }
        }
        String[] periods = order.values().toArray(String[]::new);
        double[] x = order.keySet().stream().mapToDouble(Double::doubleValue).toArray();
        Map<String, Integer> periodIndex = new HashMap<>();
        for (int t = 0; t < periods.length; t++) {
            periodIndex.put(periods[t], t);
        }
        String[] locs = Arrays.stream(location).distinct().sorted().toArray(String[]::new);
        Map<String, Integer> locIndex = new HashMap<>();
        for (int l = 0; l < locs.length; l++) {
            locIndex.put(locs[l], l);
        }
        double[][] y = new double[locs.length][periods.length];
        boolean[][] seen = new boolean[locs.length][periods.length];
        int duplicates = 0;
        String firstDuplicate = null;
        for (int i = 0; i < n; i++) {
            int l = locIndex.get(location[i]);
            int t = periodIndex.get(time[i]);
            if (seen[l][t]) {
                duplicates++;
                if (firstDuplicate == null) {
                    firstDuplicate = location[i] + " / " + time[i];
                }
            }
            seen[l][t] = true;
            y[l][t] = outcome[i];
        }
        if (duplicates > 0) {
            throw new UserInputException("the panel has " + duplicates + " duplicate " + locationColumn + "/" + timeColumn + " row"
                    + (duplicates == 1 ? "" : "s") + " (first: " + firstDuplicate + "); keep one row per location and period, e.g. sum them");
        }
        Map<String, Integer> missing = new LinkedHashMap<>();
        Map<String, String> firstMissing = new HashMap<>();
        for (int l = 0; l < locs.length; l++) {
            for (int t = 0; t < periods.length; t++) {
                if (!seen[l][t]) {
                    missing.merge(locs[l], 1, Integer::sum);
                    firstMissing.putIfAbsent(locs[l], periods[t]);
                }
            }
        }
        List<String> dropped = new ArrayList<>();
        if (!missing.isEmpty()) {
            if (fill == null) {
                String first = missing.keySet().iterator().next();
                throw new UserInputException(missing.size() + " location" + (missing.size() == 1 ? " lacks" : "s lack") + " periods: '"
                        + first + "' misses " + missing.get(first) + " of " + periods.length + " (first " + firstMissing.get(first) + ")"
                        + (missing.size() > 1 ? " and " + (missing.size() - 1) + " more" : "")
                        + "; add --fill zero (no sales that period) or --fill drop (leave those locations out)");
            }
            if (fill == GeoTestSpec.Fill.DROP) {
                List<String> keep = new ArrayList<>();
                List<double[]> rows = new ArrayList<>();
                for (int l = 0; l < locs.length; l++) {
                    if (missing.containsKey(locs[l])) {
                        dropped.add(locs[l]);
                    } else {
                        keep.add(locs[l]);
                        rows.add(y[l]);
                    }
                }
                locs = keep.toArray(String[]::new);
                y = rows.toArray(double[][]::new);
            }
            // ZERO: the unseen cells already hold 0
        }
        return new GeoPanel(locs, periods, x, y, List.copyOf(dropped));
    }

    static Double numeric(String s) {
        if (!s.strip().matches("[-+]?\\d+(\\.0+)?")) {
            return null;
        }
        return Double.parseDouble(s.strip());
    }

    static LocalDate date(String s) {
        String v = s.strip();
        // DuckDB writes timestamps as "2021-01-01 00:00:00"
        if (v.length() > 10 && v.substring(10).matches("[ T]00:00(:00)?(\\.0+)?")) {
            v = v.substring(0, 10);
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
