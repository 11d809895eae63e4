package io.cerebro.core.mmm;

import io.cerebro.core.data.ColumnType;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.mmm.fit.MmmData;
import io.cerebro.core.spec.MMMSpec;
import io.cerebro.core.spec.SpecViolation;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a spec's weekly series from a dataset and checks them: every column present and of the
 * right kind, dates parseable with one constant step and no duplicates, no missing values (unless
 * {@code drop_missing}), spend never negative, no all-zero media variable, no media variable a
 * perfect linear combination of others, and enough weeks for the parameters. Rows are sorted by
 * date; the dataset is not changed. A text control becomes one 0/1 indicator per level except the
 * most frequent one (ties: the first in sort order), named {@code control=level}.
 */
public final class MmmDataReader {
    private MmmDataReader() {
    }

    /**
     * @return the series
     * @throws UserInputException naming the first problem and its fix (see {@link #violations} for all)
     */
    public static MmmData read(MMMSpec spec, Dataset data) {
        List<SpecViolation> v = new ArrayList<>();
        MmmData d = read(spec, data, v);
        if (!v.isEmpty()) {
            throw new UserInputException(v.get(0).toString());
        }
        return d;
    }

    /** @return every problem of the spec against the data; empty when it fits. */
    public static List<SpecViolation> violations(MMMSpec spec, Dataset data) {
        List<SpecViolation> v = new ArrayList<>();
        read(spec, data, v);
        return v;
    }

    private static MmmData read(MMMSpec spec, Dataset data, List<SpecViolation> out) {
        boolean columnsOk = column(data, "date", spec.date(), false, out) & column(data, "outcome", spec.outcome(), true, out);
        for (String c : spec.channels()) {
            columnsOk &= column(data, "channels", c, true, out);
        }
        for (String c : spec.organic()) {
            columnsOk &= column(data, "organic", c, true, out);
        }
        for (String c : spec.controls()) {
            columnsOk &= column(data, "controls", c, false, out);
        }
        if (!columnsOk) {
            return null;
        }
        String[] rawDates = data.strings(spec.date());
        int n = rawDates.length;
        double[] y = data.doubles(spec.outcome());
        List<String> media = new ArrayList<>(spec.channels());
        media.addAll(spec.organic());
        double[][] spend = new double[media.size()][];
        for (int c = 0; c < media.size(); c++) {
            spend[c] = data.doubles(media.get(c));
        }
        List<String> controlNames = new ArrayList<>();
        List<String[]> controlText = new ArrayList<>();
        List<double[]> controlNumbers = new ArrayList<>();
        for (String c : spec.controls()) {
            if (data.column(c).orElseThrow().type().isNumeric()) {
                controlNumbers.add(data.doubles(c));
                controlText.add(null);
            } else {
                controlNumbers.add(null);
                controlText.add(data.strings(c));
            }
            controlNames.add(c);
        }
        // missing values, then which rows are kept
        boolean[] keep = new boolean[n];
        Arrays.fill(keep, true);
        for (int t = 0; t < n; t++) {
            String missing = null;
            if (rawDates[t] == null) {
                missing = spec.date();
            } else if (Double.isNaN(y[t])) {
                missing = spec.outcome();
            }
            for (int c = 0; c < media.size() && missing == null; c++) {
                if (Double.isNaN(spend[c][t])) {
                    missing = media.get(c);
                }
            }
            for (int j = 0; j < controlNames.size() && missing == null; j++) {
                if (controlNumbers.get(j) != null ? Double.isNaN(controlNumbers.get(j)[t]) : controlText.get(j)[t] == null) {
                    missing = controlNames.get(j);
                }
            }
            if (missing != null) {
                if (!spec.dropMissing()) {
                    out.add(new SpecViolation(fieldOf(spec, missing), missing, "row " + (t + 1) + " has no value",
                            "fill it in, or pass --drop-missing (the dropped week then shows as a date gap)"));
                    return null;
                }
                keep[t] = false;
            }
        }
        Integer[] order = new Integer[n];
        LocalDate[] parsed = new LocalDate[n];
        int kept = 0;
        for (int t = 0; t < n; t++) {
            if (!keep[t]) {
                continue;
            }
            try {
                String s = rawDates[t].trim();
                parsed[t] = LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
            } catch (DateTimeParseException e) {
                out.add(new SpecViolation("date", spec.date(), "row " + (t + 1) + " holds '" + rawDates[t] + "', not a date",
                        "write dates as YYYY-MM-DD"));
                return null;
            }
            order[kept++] = t;
        }
        Integer[] rows = Arrays.copyOf(order, kept);
        Arrays.sort(rows, Comparator.comparing((Integer t) -> parsed[t]).thenComparingInt(t -> t));
        LocalDate[] dates = new LocalDate[kept];
        for (int i = 0; i < kept; i++) {
            dates[i] = parsed[rows[i]];
        }
        if (!checkDates(spec, dates, out)) {
            return null;
        }
        double[] ys = pick(y, rows);
        double[][] ms = new double[media.size()][];
        for (int c = 0; c < media.size(); c++) {
            ms[c] = pick(spend[c], rows);
            String field = c < spec.channels().size() ? "channels" : "organic";
            for (int i = 0; i < kept; i++) {
                if (ms[c][i] < 0) {
                    out.add(new SpecViolation(field, media.get(c), "has a negative value " + ms[c][i] + " in week " + dates[i],
                            "spend and media volumes cannot be negative; fix the value or filter the week out with --where"));
                    break;
                }
            }
            if (Arrays.stream(ms[c]).allMatch(v -> v == 0)) {
                out.add(new SpecViolation(field, media.get(c), "is zero in every week, so its effect cannot be estimated",
                        "drop it from --" + field));
            }
        }
        List<String> controls = new ArrayList<>();
        List<double[]> controlValues = new ArrayList<>();
        for (int j = 0; j < controlNames.size(); j++) {
            if (controlNumbers.get(j) != null) {
                controls.add(controlNames.get(j));
                controlValues.add(pick(controlNumbers.get(j), rows));
            } else {
                String[] text = new String[kept];
                for (int i = 0; i < kept; i++) {
                    text[i] = controlText.get(j)[rows[i]];
                }
                indicators(controlNames.get(j), text, controls, controlValues);
            }
        }
        if (!out.isEmpty()) {
            return null;
        }
        collinear(spec, media, ms, out);
        boolean[] paid = new boolean[media.size()];
        for (int c = 0; c < spec.channels().size(); c++) {
            paid[c] = true;
        }
        MmmData d = new MmmData(dates, ys, List.copyOf(media), paid, ms, List.copyOf(controls), controlValues.toArray(new double[0][]));
        enoughWeeks(spec, d, out);
        return out.isEmpty() ? d : null;
    }

    /** @return the number of regression coefficients (intercept included) of a spec's model on the data. */
    public static int coefficients(MMMSpec spec, MmmData d) {
        return 1 + (spec.trend() ? 1 : 0) + (spec.seasonality() == MMMSpec.Seasonality.YEARLY ? 2 * spec.harmonics() : 0)
                + d.controls().size() + d.mediaCount();
    }

    /** @return the number of transform parameters per media variable. */
    public static int transformParameters(MMMSpec spec) {
        int adstock = spec.adstock() == MMMSpec.Adstock.GEOMETRIC ? 1 : 2;
        int saturation = spec.saturation() == MMMSpec.Saturation.HILL ? 2 : 1;
        return adstock + saturation;
    }

    private static void enoughWeeks(MMMSpec spec, MmmData d, List<SpecViolation> out) {
        int coef = coefficients(spec, d);
        int hyper = transformParameters(spec) * d.mediaCount();
        int holdout = spec.holdoutFor(d.weeks());
        // one week more than parameters leaves at least one degree of freedom for the residual
        int needed = coef + hyper + 1 + holdout;
        if (d.weeks() < needed) {
            out.add(new SpecViolation("date", spec.date(), "the model has " + (coef + hyper) + " parameters (" + coef
                    + " coefficients and " + hyper + " transform parameters), so it needs at least " + needed + " weeks ("
                    + (coef + hyper + 1) + " to fit plus " + holdout + " held out), got " + d.weeks(),
                    "add weeks, or use fewer channels, controls or harmonics, or a smaller holdout_weeks"));
        }
    }

    private static boolean checkDates(MMMSpec spec, LocalDate[] dates, List<SpecViolation> out) {
        if (dates.length < 2) {
            out.add(new SpecViolation("date", spec.date(), "there are " + dates.length + " weeks", "a marketing mix model needs a series of weeks"));
            return false;
        }
        Map<Long, Integer> steps = new TreeMap<>();
        for (int i = 1; i < dates.length; i++) {
            long s = ChronoUnit.DAYS.between(dates[i - 1], dates[i]);
            if (s == 0) {
                out.add(new SpecViolation("date", spec.date(), "the date " + dates[i] + " appears more than once",
                        "keep one row per week (sum or drop the duplicate)"));
                return false;
            }
            steps.merge(s, 1, Integer::sum);
        }
        long step = steps.entrySet().stream().max(Map.Entry.<Long, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .orElseThrow().getKey();
        for (int i = 1; i < dates.length; i++) {
            long s = ChronoUnit.DAYS.between(dates[i - 1], dates[i]);
            if (s != step) {
                out.add(new SpecViolation("date", spec.date(), "the dates jump from " + dates[i - 1] + " to " + dates[i]
                        + " where the series steps by " + step + " days",
                        "add the missing " + (s > step ? "weeks (with zero spend where nothing was spent)" : "alignment") + " so every step is " + step + " days"));
                return false;
            }
        }
        return true;
    }

    private static void indicators(String name, String[] text, List<String> controls, List<double[]> values) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String s : text) {
            counts.merge(s, 1, Integer::sum);
        }
        String reference = counts.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).orElseThrow().getKey();
        for (String level : counts.keySet()) {
            if (level.equals(reference)) {
                continue;
            }
            double[] v = new double[text.length];
            for (int i = 0; i < text.length; i++) {
                v[i] = level.equals(text[i]) ? 1 : 0;
            }
            controls.add(name + "=" + level);
            values.add(v);
        }
    }

    /** Refuses a media variable that is a linear combination of earlier ones (and a constant), by Gram-Schmidt on centred series. */
    private static void collinear(MMMSpec spec, List<String> media, double[][] x, List<SpecViolation> out) {
        int k = media.size();
        int n = x[0].length;
        List<double[]> basis = new ArrayList<>();
        List<Integer> basisOf = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            double[] v = x[c].clone();
            double m = Arrays.stream(v).average().orElse(0);
            double norm0 = 0;
            for (int t = 0; t < n; t++) {
                v[t] -= m;
                norm0 += v[t] * v[t];
            }
            Map<String, Double> weights = new LinkedHashMap<>();
            for (int b = 0; b < basis.size(); b++) {
                double[] q = basis.get(b);
                double dot = 0;
                for (int t = 0; t < n; t++) {
                    dot += v[t] * q[t];
                }
                for (int t = 0; t < n; t++) {
                    v[t] -= dot * q[t];
                }
                if (Math.abs(dot) > 1e-9 * Math.sqrt(norm0)) {
                    weights.put(media.get(basisOf.get(b)), dot);
                }
            }
            double norm = 0;
            for (int t = 0; t < n; t++) {
                norm += v[t] * v[t];
            }
            if (norm0 > 0 && norm <= 1e-12 * norm0) {
                String field = c < spec.channels().size() ? "channels" : "organic";
                out.add(new SpecViolation(field, media.get(c), "is perfectly collinear with " + String.join(" and ", weights.keySet())
                        + " (one is a linear function of the other" + (weights.size() > 1 ? "s" : "") + "), so their effects cannot be told apart",
                        "drop one of them or add them up into one channel"));
                return;
            }
            if (norm0 > 0) {
                double s = Math.sqrt(norm);
                for (int t = 0; t < n; t++) {
                    v[t] /= s;
                }
                basis.add(v);
                basisOf.add(c);
            }
        }
    }

    private static boolean column(Dataset data, String field, String name, boolean numeric, List<SpecViolation> out) {
        var col = data.column(name);
        if (col.isEmpty()) {
            out.add(new SpecViolation(field, name, data.missingColumnMessage(name, field), null));
            return false;
        }
        ColumnType type = col.get().type();
        if (numeric && !type.isNumeric()) {
            String first = data.firstNonNumber(name).map(b -> " (row " + b.row() + " holds '" + b.value() + "')").orElse("");
            out.add(new SpecViolation(field, name, "holds " + col.get().sqlType() + " values, not numbers" + first,
                    "name a numeric column or fix the value"));
            return false;
        }
        return true;
    }

    private static String fieldOf(MMMSpec spec, String column) {
        if (column.equals(spec.date())) {
            return "date";
        }
        if (column.equals(spec.outcome())) {
            return "outcome";
        }
        return spec.channels().contains(column) ? "channels" : spec.organic().contains(column) ? "organic" : "controls";
    }

    private static double[] pick(double[] v, Integer[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = v[rows[i]];
        }
        return out;
    }
}
