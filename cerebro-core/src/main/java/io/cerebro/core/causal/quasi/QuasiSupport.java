package io.cerebro.core.causal.quasi;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.result.Interval;
import io.cerebro.core.result.Statistic;
import org.hipparchus.distribution.continuous.NormalDistribution;

import java.util.List;

/** Helpers shared by the quasi-experimental engines: reading complete numeric columns and normal-theory estimates. */
public final class QuasiSupport {
    private static final NormalDistribution STD_NORMAL = new NormalDistribution(0, 1);

    private QuasiSupport() {
    }

    /** @return the two-sided standard normal critical value for level 1 - alpha. */
    public static double z(double alpha) {
        return STD_NORMAL.inverseCumulativeProbability(1 - alpha / 2);
    }

    /** @return the two-sided normal p-value of a z statistic. */
    public static double pNormal(double zStat) {
        return 2 * STD_NORMAL.cumulativeProbability(-Math.abs(zStat));
    }

    /** An estimate with a normal-theory (Wald) interval and p-value. */
    public static Estimate wald(String label, String method, String estimand, double est, double se, double alpha) {
        double zc = z(alpha);
        double zs = est / se;
        return Estimate.builder(label, method).estimand(estimand).estimate(est).standardError(se)
                .interval(Interval.confidence(est - zc * se, est + zc * se, 1 - alpha))
                .pValue(pNormal(zs)).statistic(Statistic.of("z", zs)).build();
    }

    /** An estimate with a t-distribution interval and p-value on df degrees of freedom. */
    public static Estimate waldT(String label, String method, String estimand, double est, double se, double df, double alpha) {
        org.hipparchus.distribution.continuous.TDistribution t = new org.hipparchus.distribution.continuous.TDistribution(df);
        double tc = t.inverseCumulativeProbability(1 - alpha / 2);
        double ts = est / se;
        return Estimate.builder(label, method).estimand(estimand).estimate(est).standardError(se)
                .interval(Interval.confidence(est - tc * se, est + tc * se, 1 - alpha))
                .pValue(2 * t.cumulativeProbability(-Math.abs(ts))).statistic(Statistic.of("t", ts, df)).build();
    }

    /** @return integer ids (0..k-1) for the distinct labels, in first-seen order. */
    public static int[] ids(String[] labels) {
        java.util.Map<String, Integer> m = new java.util.HashMap<>();
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = m.computeIfAbsent(labels[i], k -> m.size());
        }
        return out;
    }

    /**
     * Reads a numeric column and fails with one line naming the column when it has missing values
     * (unless the caller drops them itself).
     */
    public static double[] numeric(Dataset data, String column, String role) {
        double[] v = data.doubles(column);
        for (double d : v) {
            if (Double.isNaN(d)) {
                throw new UserInputException("column '" + column + "' (" + role + ") has missing values; " + DROP_MISSING_FIX);
            }
        }
        return v;
    }

    /** The fix named by every missing-value message of the quasi-experimental engines. */
    public static final String DROP_MISSING_FIX = "pass --drop-missing (drop_missing: true in a spec) to use the complete rows, or fill them in";

    /**
     * Fails with one line naming each column that has missing values and how many, unless the spec
     * drops incomplete rows.
     *
     * @return which rows have no missing value in any of the columns
     */
    public static boolean[] completeOrFail(Dataset data, Iterable<String> columns, boolean dropMissing) {
        boolean[] keep = complete(data, columns);
        if (dropMissing) {
            return keep;
        }
        List<String> counts = new java.util.ArrayList<>();
        int dropped = dropped(keep);
        if (dropped == 0) {
            return keep;
        }
        for (String c : new java.util.LinkedHashSet<>(toList(columns))) {
            long n = java.util.Arrays.stream(data.doubles(c)).filter(Double::isNaN).count();
            if (n > 0) {
                counts.add(c + " (" + n + ")");
            }
        }
        if (counts.size() == 1) {
            counts.set(0, counts.get(0).replaceAll(" \\(\\d+\\)$", ""));
        }
        throw new UserInputException(dropped + " of " + keep.length + " rows have missing values in " + String.join(", ", counts)
                + "; " + DROP_MISSING_FIX);
    }

    /** @return how many rows {@code keep} leaves out. */
    public static int dropped(boolean[] keep) {
        int n = 0;
        for (boolean k : keep) {
            n += k ? 0 : 1;
        }
        return n;
    }

    private static List<String> toList(Iterable<String> columns) {
        List<String> out = new java.util.ArrayList<>();
        columns.forEach(out::add);
        return out;
    }

    /** @return which rows have no missing value in any of the given numeric columns. */
    public static boolean[] complete(Dataset data, Iterable<String> columns) {
        boolean[] keep = new boolean[Math.toIntExact(data.rowCount())];
        java.util.Arrays.fill(keep, true);
        for (String c : columns) {
            double[] v = data.doubles(c);
            for (int i = 0; i < v.length; i++) {
                keep[i] &= !Double.isNaN(v[i]);
            }
        }
        return keep;
    }

    /** @return the entries of v where keep is true. */
    public static double[] subset(double[] v, boolean[] keep) {
        int n = 0;
        for (boolean k : keep) {
            n += k ? 1 : 0;
        }
        double[] out = new double[n];
        int j = 0;
        for (int i = 0; i < v.length; i++) {
            if (keep[i]) {
                out[j++] = v[i];
            }
        }
        return out;
    }

    /** Checks that a column holds only 0 and 1. */
    public static void requireZeroOne(double[] v, String column, String role) {
        for (double d : v) {
            if (d != 0 && d != 1) {
                throw new UserInputException("column '" + column + "' (" + role + ") must hold only 0 and 1, found " + d
                        + "; recode it as a 0/1 indicator");
            }
        }
    }
}
