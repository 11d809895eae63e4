package io.cerebro.agents.geo;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.spec.GeoTestSpec;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A synthetic geo panel for a spec, with the user's column names, location names and periods and
 * each location's mean outcome (summaries, never rows): every location follows
 * {@code mean_l (1 + 0.08 a_l f_t + 0.05 b_l g_t + 0.02 e_lt)} with two common factors, a smooth
 * weekly cycle {@code f} and a random walk {@code g}, loadings {@code a, b ~ U(0.5, 1.5)} and
 * normal noise; the treated locations' outcome is raised by {@value #LIFT} x 100 percent over the
 * test window. With no treated locations in a cell (never, by the spec's checks) nothing is planted.
 */
public final class GeoSyntheticPanel {
    /** The planted lift of the treated locations over the test window. */
    public static final double LIFT = 0.10;

    private GeoSyntheticPanel() {
    }

    /** @return the planted effect in words. */
    public static String describe(GeoTestSpec spec) {
        return "each treated location's " + spec.outcome() + " raised by " + (int) Math.round(100 * LIFT)
                + "% from " + spec.start() + " to " + (spec.end() == null ? "the last period" : spec.end())
                + " over a two-factor panel with each location's mean level";
    }

    /** Writes the panel as CSV with the spec's location, time and outcome columns. */
    public static void write(GeoTestSpec spec, Dataset original, Path file, long seed) throws IOException {
        String[] loc = original.strings(spec.location());
        String[] time = original.strings(spec.time());
        double[] y = original.doubles(spec.outcome());
        Map<String, double[]> sums = new LinkedHashMap<>();
        List<String> periods = new ArrayList<>();
        Set<String> seenPeriods = new HashSet<>();
        for (int i = 0; i < loc.length; i++) {
            if (loc[i] == null || time[i] == null) {
                continue;
            }
            double[] s = sums.computeIfAbsent(loc[i], k -> new double[2]);
            if (!Double.isNaN(y[i])) {
                s[0] += y[i];
                s[1]++;
            }
            if (seenPeriods.add(time[i])) {
                periods.add(time[i]);
            }
        }
        // the periods in the data's time order (GeoPanel orders dates and integers the same way)
        periods.sort(GeoSyntheticPanel::comparePeriods);
        Set<String> treated = new HashSet<>();
        spec.testCells().forEach(treated::addAll);
        int start = periods.indexOf(spec.start());
        int end = spec.end() == null ? periods.size() - 1 : periods.indexOf(spec.end());
        if (start < 0) {
            start = periods.size();
        }
        if (end < 0) {
            end = periods.size() - 1;
        }
        SplittableRandom r = new SplittableRandom(seed);
        int nt = periods.size();
        double[] f = new double[nt];
        double[] g = new double[nt];
        double walk = 0;
        for (int t = 0; t < nt; t++) {
            f[t] = Math.sin(2 * Math.PI * t / 7.0);
            walk += r.nextGaussian() * 0.3;
            g[t] = walk;
        }
        try (Writer out = Files.newBufferedWriter(file)) {
            out.write(csv(spec.location()) + "," + csv(spec.time()) + "," + csv(spec.outcome()) + "\n");
            for (Map.Entry<String, double[]> e : sums.entrySet()) {
                double mean = e.getValue()[1] > 0 ? Math.abs(e.getValue()[0] / e.getValue()[1]) : 100;
                mean = mean > 0 ? mean : 100;
                double a = 0.5 + r.nextDouble();
                double b = 0.5 + r.nextDouble();
                boolean isTreated = treated.contains(e.getKey());
                for (int t = 0; t < nt; t++) {
                    double v = mean * (1 + 0.08 * a * f[t] + 0.05 * b * g[t] + 0.02 * r.nextGaussian());
                    if (isTreated && t >= start && t <= end) {
                        v *= 1 + LIFT;
                    }
                    out.write(csv(e.getKey()) + "," + csv(periods.get(t)) + "," + String.format(Locale.ROOT, "%.4f", Math.max(0, v)) + "\n");
                }
            }
        }
    }

    private static int comparePeriods(String a, String b) {
        try {
            return Double.compare(Double.parseDouble(a.strip()), Double.parseDouble(b.strip()));
        } catch (NumberFormatException e) {
            return a.strip().compareTo(b.strip());
        }
    }

    private static String csv(String v) {
        return v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
