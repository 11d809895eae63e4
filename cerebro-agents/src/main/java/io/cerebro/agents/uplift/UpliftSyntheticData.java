package io.cerebro.agents.uplift;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.spec.UpliftSpec;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Synthetic uplift data with the user's column names and row count (between 500 and 5000), drawn
 * from summaries of the user's columns and never their rows: each feature is normal with the
 * feature's mean and standard deviation; treatment is Bernoulli(0.5) (the propensity column, if
 * any, holds 0.5); with {@code z1} the first feature standardised and {@code s} the outcome's
 * standard deviation, the individual effect is {@code tau = s·(0.5 + 0.25·z1)} (ATE {@code 0.5 s}),
 * and the outcome is {@code mean + 0.3 s Σ z_j / √p + W·tau + 0.5 s·noise}.
 */
final class UpliftSyntheticData {
    private UpliftSyntheticData() {
    }

    static String describe(UpliftSpec spec) {
        return "individual effect tau = s (0.5 + 0.25 z1), z1 the standardised " + spec.features().get(0)
                + " and s the outcome's standard deviation (ATE 0.5 s); treatment Bernoulli(0.5)";
    }

    static void write(UpliftSpec spec, Dataset original, Path file, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        int n = (int) Math.max(500, Math.min(5000, original.rowCount()));
        double[] my = original.meanAndSd(spec.outcome());
        double s = Double.isFinite(my[1]) && my[1] > 0 ? my[1] : 1;
        int p = spec.features().size();
        double[][] ms = new double[p][];
        for (int j = 0; j < p; j++) {
            ms[j] = original.meanAndSd(spec.features().get(j));
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
                double sum = 0;
                for (int j = 0; j < p; j++) {
                    z[j] = gaussian(r);
                    sum += z[j];
                }
                double tau = s * (0.5 + 0.25 * z[0]);
                double y = my[0] + 0.3 * s * sum / Math.sqrt(p) + w * tau + 0.5 * s * gaussian(r);
                StringBuilder row = new StringBuilder().append(w).append(',').append(num(y));
                for (int j = 0; j < p; j++) {
                    double sd = Double.isFinite(ms[j][1]) && ms[j][1] > 0 ? ms[j][1] : 1;
                    row.append(',').append(num(ms[j][0] + sd * z[j]));
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
