package io.cerebro.agents.causal;

import io.cerebro.core.causal.quasi.did.Panel;
import io.cerebro.core.data.ColumnInfo;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.SynthDesign;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;


/**
 * A balanced synthetic-control panel with the user's unit labels, periods and columns, for the
 * validator's second comparison.
 *
 * <p>Units: the treated unit and its donors (the spec's donor list, or the first {@value #MAX_DONORS}
 * other units of the data). Periods: every distinct time of the data. Each donor follows
 * {@code mean + sd (a_u + b_u s + c_u sin(3 s) + 0.05 noise)} with {@code s} the period rescaled to
 * [-1, 1], levels {@code a_u ~ N(0, 1)}, trends {@code b_u ~ N(0, 0.5^2)} and cycles
 * {@code c_u ~ N(0, 0.3^2)}. The three donors with the highest pre-period level ({@link #planted})
 * are brought to the same level, and the treated unit is their convex combination
 * {@value #W1} / {@value #W2} / {@value #W3} plus {@code 0.02 sd} noise, plus a constant shift that
 * lifts its mean 0.02 sd above every donor's over the pre-period and over the outcome-lag periods (so
 * it lies outside the donors' convex hull and its weights are unique), plus the planted effect of
 * {@value #EFFECT} sd from the treatment start on. Predictor columns are
 * {@code mean + sd (p_u + 0.05 noise)} per donor row, the planted donors sharing the highest level of
 * the first predictor; the treated unit's rows take the same combination of the donors' rows, its
 * first predictor again lifted 0.02 sd above every donor's average. Only the data's summaries are used
 * (labels, periods, means, sds), never its rows.
 */
public final class SynthSyntheticData {
    /** Most donors taken from the data when the spec names none (each is refitted as a placebo). */
    static final int MAX_DONORS = 40;
    /** Weight of the highest-level donor in the treated unit. */
    static final double W1 = 0.5;
    /** Weight of the second donor. */
    static final double W2 = 0.3;
    /** Weight of the third donor. */
    static final double W3 = 0.2;
    /** The planted effect on the outcome, in outcome sd, in every post period. */
    static final double EFFECT = -0.5;

    private SynthSyntheticData() {
    }

    /** Writes the synthetic panel; see the class comment for the model. */
    public static void write(CausalSpec spec, Dataset data, Path file, long seed) throws IOException {
        SynthDesign sd = spec.synth();
        if (sd == null || sd.unit() == null || sd.time() == null || sd.treatedUnit() == null || sd.treatmentStart() == null) {
            throw new UserInputException("method synth needs --unit, --time, --treated-unit and --treatment-start");
        }
        List<String> donors = donors(sd, data);
        if (donors.size() < 3) {
            throw new UserInputException("synthetic control needs at least three donors to build validation data, got " + donors.size());
        }
        double[] times = Arrays.stream(data.doubles(sd.time())).filter(t -> !Double.isNaN(t)).distinct().sorted().toArray();
        int nt = times.length;
        int preEnd = 0;
        while (preEnd < nt && times[preEnd] < sd.treatmentStart()) {
            preEnd++;
        }
        if (preEnd < 2 || preEnd == nt) {
            throw new UserInputException("the data needs at least two periods before the treatment start " + Panel.fmt(sd.treatmentStart())
                    + " and one from it on");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        CausalSyntheticData.Column outcome = CausalSyntheticData.Column.of(data, spec.outcome());
        int nd = donors.size();
        double[][] z = new double[nd + 1][nt]; // standardised outcome; row nd is the treated unit
        for (int j = 0; j < nd; j++) {
            double a = rnd.nextGaussian();
            double b = 0.5 * rnd.nextGaussian();
            double c = 0.3 * rnd.nextGaussian();
            for (int t = 0; t < nt; t++) {
                double s = nt == 1 ? 0 : 2.0 * t / (nt - 1) - 1;
                z[j][t] = a + b * s + c * Math.sin(3 * s) + 0.05 * rnd.nextGaussian();
            }
        }
        List<Integer> lagPeriods = new ArrayList<>();
        for (double lag : sd.outcomeLags()) {
            int t = Arrays.binarySearch(times, lag);
            if (t >= 0 && t < preEnd) {
                lagPeriods.add(t);
            }
        }
        int[] top = planted(z, nd, preEnd);
        int[] pre = java.util.stream.IntStream.range(0, preEnd).toArray();
        for (int k = 1; k < 3; k++) {
            // the second and third planted donors share the first one's pre-period level
            double raise = mean(z[top[0]], pre) - mean(z[top[k]], pre);
            for (int t = 0; t < nt; t++) {
                z[top[k]][t] += raise;
            }
        }
        double[] combo = new double[nt];
        for (int t = 0; t < nt; t++) {
            combo[t] = W1 * z[top[0]][t] + W2 * z[top[1]][t] + W3 * z[top[2]][t] + 0.02 * rnd.nextGaussian();
        }
        double shift = Math.max(lift(z, nd, combo, pre), lagPeriods.isEmpty() ? 0
                : lift(z, nd, combo, lagPeriods.stream().mapToInt(Integer::intValue).toArray()));
        for (int t = 0; t < nt; t++) {
            z[nd][t] = combo[t] + shift + (t >= preEnd ? EFFECT : 0);
        }

        List<String> predictors = sd.predictors();
        Map<String, CausalSyntheticData.Column> models = new HashMap<>();
        double[][][] p = new double[predictors.size()][nd + 1][nt];
        for (int m = 0; m < predictors.size(); m++) {
            CausalSyntheticData.Column col = CausalSyntheticData.Column.of(data, predictors.get(m));
            models.put(predictors.get(m), col);
            double[] level = new double[nd];
            for (int j = 0; j < nd; j++) {
                level[j] = rnd.nextGaussian();
            }
            if (m == 0) {
                // the planted donors share the highest level of the first predictor
                double highest = Arrays.stream(level).max().orElse(0);
                for (int k : top) {
                    level[k] = highest;
                }
            }
            for (int j = 0; j < nd; j++) {
                for (int t = 0; t < nt; t++) {
                    p[m][j][t] = level[j] + 0.05 * rnd.nextGaussian();
                }
            }
            for (int t = 0; t < nt; t++) {
                p[m][nd][t] = W1 * p[m][top[0]][t] + W2 * p[m][top[1]][t] + W3 * p[m][top[2]][t];
            }
            if (m == 0) {
                double lift = lift(p[m], nd, p[m][nd], pre);
                for (int t = 0; t < nt; t++) {
                    p[m][nd][t] += lift;
                }
            }
        }

        List<String> labels = new ArrayList<>(donors);
        labels.add(sd.treatedUnit());
        List<ColumnInfo> cols = data.columns();
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            CausalSyntheticData.writeHeader(w, cols);
            long row = 0;
            for (int u = 0; u <= nd; u++) {
                for (int t = 0; t < nt; t++) {
                    Map<String, String> cells = new HashMap<>();
                    cells.put(sd.unit(), labels.get(u));
                    cells.put(sd.time(), Panel.fmt(times[t]));
                    cells.put(spec.outcome(), outcome.cell(outcome.mean() + outcome.sd() * z[u][t]));
                    for (int m = 0; m < predictors.size(); m++) {
                        CausalSyntheticData.Column col = models.get(predictors.get(m));
                        cells.putIfAbsent(predictors.get(m), col.cell(col.mean() + col.sd() * p[m][u][t]));
                    }
                    CausalSyntheticData.writeRow(w, cols, cells, row, rnd);
                    row++;
                }
            }
        }
    }

    /** The spec's donors, or the first {@value #MAX_DONORS} other units of the data in order of appearance. */
    static List<String> donors(SynthDesign sd, Dataset data) {
        if (sd.donors() != null && !sd.donors().isEmpty()) {
            return sd.donors();
        }
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        for (String u : data.strings(sd.unit())) {
            if (u != null && !u.equals(sd.treatedUnit()) && seen.size() < MAX_DONORS) {
                seen.add(u);
            }
        }
        return new ArrayList<>(seen);
    }

    /** The three donors with the highest pre-period mean, highest first. */
    static int[] planted(double[][] z, int nd, int preEnd) {
        TreeSet<double[]> byLevel = new TreeSet<>((a, b) -> a[0] != b[0] ? Double.compare(b[0], a[0]) : Double.compare(a[1], b[1]));
        for (int j = 0; j < nd; j++) {
            byLevel.add(new double[]{mean(z[j], java.util.stream.IntStream.range(0, preEnd).toArray()), j});
        }
        return byLevel.stream().limit(3).mapToInt(e -> (int) e[1]).toArray();
    }

    /** The shift that puts the mean of {@code x} over {@code periods} 0.02 above every donor's. */
    private static double lift(double[][] z, int nd, double[] x, int[] periods) {
        double highest = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < nd; j++) {
            highest = Math.max(highest, mean(z[j], periods));
        }
        return Math.max(0, highest - mean(x, periods)) + 0.02;
    }

    private static double mean(double[] x, int[] periods) {
        double s = 0;
        for (int t : periods) {
            s += x[t];
        }
        return s / periods.length;
    }
}
