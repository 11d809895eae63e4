package io.cerebro.agents.uplift;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.spec.UpliftSpec;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.SplittableRandom;

/**
 * Synthetic uplift data with the user's column names and row count (between 500 and 5000), drawn
 * from summaries of the user's columns and never their rows: each numeric feature is normal with the
 * feature's mean and standard deviation, each categorical feature takes the user's levels with their
 * shares; treatment is Bernoulli(0.5) (the propensity column, if any, holds 0.5); with {@code z1} the
 * first numeric feature standardised and {@code s} the outcome's standard deviation, the individual
 * effect is {@code tau = s·(0.5 + 0.25·z1)} (ATE {@code 0.5 s}; {@code 0.5 s} for every row when no
 * feature is numeric), and the outcome is {@code mean + 0.3 s Σ z_j / √p + W·tau + 0.5 s·noise}, where
 * a categorical feature's {@code z_j} is its level's rank scaled to [-1, 1].
 */
final class UpliftSyntheticData {
    private UpliftSyntheticData() {
    }

    static String describe(UpliftSpec spec) {
        return firstNumeric(spec) < 0
                ? "individual effect tau = 0.5 s for every row, s the outcome's standard deviation (ATE 0.5 s); treatment Bernoulli(0.5)"
                : "individual effect tau = s (0.5 + 0.25 z1), z1 the standardised " + spec.features().get(firstNumeric(spec))
                + " and s the outcome's standard deviation (ATE 0.5 s); treatment Bernoulli(0.5)";
    }

    /** @return the index of the first feature that is not categorical, or -1. */
    private static int firstNumeric(UpliftSpec spec) {
        for (int j = 0; j < spec.features().size(); j++) {
            if (!spec.categorical().contains(spec.features().get(j))) {
                return j;
            }
        }
        return -1;
    }

    static void write(UpliftSpec spec, Dataset original, Path file, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        int n = (int) Math.max(500, Math.min(5000, original.rowCount()));
        double[] my = original.meanAndSd(spec.outcome());
        double s = Double.isFinite(my[1]) && my[1] > 0 ? my[1] : 1;
        int p = spec.features().size();
        int lead = firstNumeric(spec);
        double[][] ms = new double[p][];
        String[][] levels = new String[p][];
        double[][] cumulative = new double[p][];
        for (int j = 0; j < p; j++) {
            String f = spec.features().get(j);
            if (spec.categorical().contains(f)) {
                // the levels in sorted order with their cumulative shares: counts are a summary, not rows
                Map<String, Long> counts = new TreeMap<>(original.levels(f));
                levels[j] = counts.keySet().toArray(String[]::new);
                cumulative[j] = new double[levels[j].length];
                double total = counts.values().stream().mapToLong(Long::longValue).sum();
                double run = 0;
                int k = 0;
                for (long c : counts.values()) {
                    run += c / total;
                    cumulative[j][k++] = run;
                }
            } else {
                ms[j] = original.meanAndSd(f);
            }
        }
        try (Writer out = Files.newBufferedWriter(file)) {
            StringBuilder h = new StringBuilder(csv(spec.treatment())).append(',').append(csv(spec.outcome()));
            spec.features().forEach(c -> h.append(',').append(csv(c)));
            if (spec.propensity() != null) {
                h.append(',').append(csv(spec.propensity()));
            }
            out.write(h.append('\n').toString());
            for (int i = 0; i < n; i++) {
                int w = r.nextDouble() < 0.5 ? 1 : 0;
                double[] z = new double[p];
                int[] level = new int[p];
                double sum = 0;
                for (int j = 0; j < p; j++) {
                    if (levels[j] != null) {
                        double u = r.nextDouble();
                        int k = 0;
                        while (k < levels[j].length - 1 && u >= cumulative[j][k]) {
                            k++;
                        }
                        level[j] = k;
                        z[j] = levels[j].length > 1 ? 2.0 * k / (levels[j].length - 1) - 1 : 0;
                    } else {
                        z[j] = gaussian(r);
                    }
                    sum += z[j];
                }
                double tau = s * (0.5 + (lead < 0 ? 0 : 0.25 * z[lead]));
                double y = my[0] + 0.3 * s * sum / Math.sqrt(p) + w * tau + 0.5 * s * gaussian(r);
                StringBuilder row = new StringBuilder().append(w).append(',').append(num(y));
                for (int j = 0; j < p; j++) {
                    if (levels[j] != null) {
                        row.append(',').append(csv(levels[j][level[j]]));
                    } else {
                        double sd = Double.isFinite(ms[j][1]) && ms[j][1] > 0 ? ms[j][1] : 1;
                        row.append(',').append(num(ms[j][0] + sd * z[j]));
                    }
                }
                if (spec.propensity() != null) {
                    row.append(",0.5");
                }
                out.write(row.append('\n').toString());
            }
        }
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.10g", v);
    }

    private static String csv(String name) {
        return name.contains(",") || name.contains("\"") ? "\"" + name.replace("\"", "\"\"") + "\"" : name;
    }
}
