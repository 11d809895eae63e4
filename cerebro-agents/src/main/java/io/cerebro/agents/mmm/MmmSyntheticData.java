package io.cerebro.agents.mmm;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.spec.MMMSpec;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Synthetic weekly data for an MMM spec, with the user's column names and number of weeks and
 * spend levels from the user's channel means (never their rows): every channel spends
 * {@code mean * U(0.3, 1.7)} in three weeks of four, carries over by geometric adstock with
 * alpha {@value #ALPHA} over the spec's l_max and saturates logistically with lambda {@value #LAMBDA}
 * on spend / max spend; channel {@code c} (from 0) has coefficient {@code (0.3 - 0.1 c / k) mean(y)},
 * on a base of {@code mean(y)} with a yearly swing of 5% and normal noise of 2%. Controls are
 * drawn around their means with no effect.
 */
final class MmmSyntheticData {
    static final double ALPHA = 0.5;
    static final double LAMBDA = 3.0;

    private MmmSyntheticData() {
    }

    static String describe(MMMSpec spec) {
        return "geometric adstock alpha " + ALPHA + " (l_max " + spec.lMax() + ") and logistic saturation lambda " + LAMBDA
                + " for every channel; channel c of k has coefficient (0.3 - 0.1 c/k) times the mean outcome; controls have no effect";
    }

    static void write(MMMSpec spec, Dataset original, Path file, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        int n = (int) original.rowCount();
        String[] dates = original.strings(spec.date());
        LocalDate first = null;
        for (String d : dates) {
            if (d != null) {
                LocalDate v = LocalDate.parse(d.trim().substring(0, 10));
                first = first == null || v.isBefore(first) ? v : first;
            }
        }
        double my = Math.abs(original.meanAndSd(spec.outcome())[0]);
        my = my > 0 ? my : 1000;
        int k = spec.channels().size();
        double[][] spend = new double[k][n];
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = my * (1 + 0.05 * Math.sin(2 * Math.PI * t * 7 / 365.25)) + r.nextGaussian() * 0.02 * my;
        }
        double[] w = new double[spec.lMax()];
        double norm = 0;
        for (int l = 0; l < w.length; l++) {
            w[l] = Math.pow(ALPHA, l);
            norm += w[l];
        }
        for (int c = 0; c < k; c++) {
            double m = Math.abs(original.meanAndSd(spec.channels().get(c))[0]);
            m = m > 0 ? m : 1;
            double max = 0;
            for (int t = 0; t < n; t++) {
                spend[c][t] = r.nextDouble() < 0.25 ? 0 : m * (0.3 + 1.4 * r.nextDouble());
                max = Math.max(max, spend[c][t]);
            }
            double beta = (0.3 - 0.1 * c / k) * my;
            for (int t = 0; t < n; t++) {
                double ad = 0;
                for (int l = 0; l < w.length && l <= t; l++) {
                    ad += w[l] / norm * spend[c][t - l];
                }
                double e = Math.exp(-LAMBDA * ad / max);
                y[t] += beta * (1 - e) / (1 + e);
            }
        }
        double[][] controls = new double[spec.controls().size()][n];
        for (int j = 0; j < controls.length; j++) {
            double[] ms = original.meanAndSd(spec.controls().get(j));
            double sd = Double.isFinite(ms[1]) && ms[1] > 0 ? ms[1] : 1;
            for (int t = 0; t < n; t++) {
                controls[j][t] = ms[0] + sd * r.nextGaussian();
            }
        }
        try (Writer out = Files.newBufferedWriter(file)) {
            StringBuilder h = new StringBuilder(csv(spec.date())).append(',').append(csv(spec.outcome()));
            spec.channels().forEach(c -> h.append(',').append(csv(c)));
            spec.controls().forEach(c -> h.append(',').append(csv(c)));
            out.write(h.append('\n').toString());
            for (int t = 0; t < n; t++) {
                StringBuilder row = new StringBuilder(first.plusWeeks(t).toString()).append(',').append(num(y[t]));
                for (int c = 0; c < k; c++) {
                    row.append(',').append(num(spend[c][t]));
                }
                for (double[] c : controls) {
                    row.append(',').append(num(c[t]));
                }
                out.write(row.append('\n').toString());
            }
        }
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.10g", v);
    }

    private static String csv(String name) {
        return name.contains(",") || name.contains("\"") ? "\"" + name.replace("\"", "\"\"") + "\"" : name;
    }
}
