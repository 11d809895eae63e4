package io.cerebro.core.report;

import java.util.Locale;

/** Number formatting shared by the reports: readable, never in scientific notation for p-values above 1e-4. */
public final class Format {
    private Format() {
    }

    /** Extras that are 0/1 flags in the result schema, printed as yes/no. */
    private static final java.util.Set<String> FLAGS = java.util.Set.of("exact", "reject");

    /** @return one {@code extra} entry for people: the key and its number, or yes/no for a 0/1 flag. */
    public static String extra(String key, double value) {
        if (FLAGS.contains(key) && (value == 0 || value == 1)) {
            return key + (value == 1 ? " yes" : " no");
        }
        return key + " " + num(value);
    }

    /** @return a number with about 4 significant digits, or an em dash for null/NaN. */
    public static String num(Double v) {
        if (v == null || v.isNaN()) {
            return "—";
        }
        if (v.isInfinite()) {
            return v > 0 ? "∞" : "-∞";
        }
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a >= 1e6 || a < 1e-4) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        if (a >= 100) {
            return stripZeros(String.format(Locale.ROOT, "%.1f", v));
        }
        if (a >= 10) {
            return stripZeros(String.format(Locale.ROOT, "%.2f", v));
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static String stripZeros(String s) {
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    /** @return a p-value: {@code < 1e-16} when it underflows, else 4 significant digits. */
    public static String p(Double v) {
        if (v == null || v.isNaN()) {
            return "—";
        }
        if (v < 1e-16) {
            return "< 1e-16";
        }
        if (v < 1e-4) {
            return String.format(Locale.ROOT, "%.2e", v);
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** @return a probability as a percentage with one decimal. */
    public static String pct(Double v) {
        if (v == null || v.isNaN()) {
            return "—";
        }
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    /** @return {@code [lower, upper]}. */
    public static String interval(io.cerebro.core.result.Interval i) {
        if (i == null) {
            return "—";
        }
        return "[" + num(i.lower()) + ", " + num(i.upper()) + "]";
    }
}
