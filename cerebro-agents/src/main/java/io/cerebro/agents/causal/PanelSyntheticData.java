package io.cerebro.agents.causal;

import io.cerebro.core.causal.quasi.did.PanelTreatment;
import io.cerebro.core.data.ColumnInfo;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.spec.CausalMethod;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.PanelDesign;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static io.cerebro.agents.causal.CausalSyntheticData.label;
import static io.cerebro.agents.causal.CausalSyntheticData.zeroOne;

/**
 * Synthetic balanced panels for the panel designs (two-way fixed-effects did, event study,
 * Callaway-Sant'Anna), with the user's columns and periods. Units: as many as the data has, at
 * least 60 and at most 600 (and at most 20,000 rows). A third of the units is never treated (first
 * treated 0); the others are split evenly over up to three staggered cohorts: the data's own
 * first-treated periods that leave at least one earlier period, or else the periods a third and two
 * thirds into the panel. The outcome is {@code mean + sd (0.5 a_i + 0.1 k + 0.4 D_it + 0.5 noise)},
 * with a unit effect {@code a_i}, a linear period trend (period index k) and a planted, constant
 * effect of 0.4 outcome sd while treated, so every design's estimand is 0.4 sd. A design given by
 * group and post columns gets one common start (the middle period) for its treated group. A design
 * timed by a 0/1 treatment column (see {@link PanelTreatment}) gets that column, 1 from each treated
 * unit's start on, and its cohorts are the data's first treated periods derived the same way. A cluster
 * column other than the unit groups units ten to a cluster.
 */
final class PanelSyntheticData {
    /** The planted effect in outcome standard deviations. */
    static final double EFFECT = 0.4;

    private PanelSyntheticData() {
    }

    /**
     * @return whether the spec needs a multi-period panel: an event study, a staggered design, or a
     * two-way fixed-effects did (a first-treated column, or more than two periods in the data)
     */
    static boolean applies(CausalSpec spec, Dataset data) {
        if (!PanelPipelineSection.handles(spec)) {
            return false;
        }
        PanelDesign pd = spec.panel();
        return spec.method() != CausalMethod.DID || !PanelPipelineSection.mayBeTwoByTwo(spec)
                || data.levels(pd.time()).size() > 2;
    }

    /** Writes the synthetic panel; see the class comment for the model. */
    static void write(CausalSpec spec, Dataset data, Path file, long seed) throws IOException {
        PanelDesign pd = spec.panel();
        SplittableRandom rnd = new SplittableRandom(seed);
        CausalSyntheticData.Column outcome = CausalSyntheticData.Column.of(data, spec.outcome());
        TreeSet<Double> periodSet = new TreeSet<>();
        for (String level : data.levels(pd.time()).keySet()) {
            try {
                periodSet.add(Double.parseDouble(level));
            } catch (NumberFormatException e) {
                throw new UserInputException("column '" + pd.time() + "' (time) must be numeric, got '" + level
                        + "'; code the periods as numbers");
            }
        }
        double[] times = periodSet.stream().mapToDouble(Double::doubleValue).toArray();
        int t = times.length;
        if (t < 2) {
            throw new UserInputException("column '" + pd.time() + "' has fewer than two periods; a panel design needs several");
        }
        int u = (int) Math.max(60, Math.min(Math.min(600, Math.max(60, 20_000 / t)), data.levels(pd.unit()).size()));
        String treatment = PanelTreatment.switchColumn(spec);
        List<Integer> cohorts = cohorts(pd, treatment, data, times);
        boolean groupPost = spec.method() == CausalMethod.DID && pd.firstTreated() == null && treatment == null;
        int common = Math.max(1, t / 2);
        List<ColumnInfo> cols = data.columns();
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            CausalSyntheticData.writeHeader(w, cols);
            long row = 0;
            for (int unit = 0; unit < u; unit++) {
                // every third unit is never treated; the others cycle through the cohorts
                int start = unit % 3 == 2 ? -1 : groupPost ? common : cohorts.get((unit - unit / 3) % cohorts.size());
                double unitEffect = rnd.nextGaussian();
                for (int k = 0; k < t; k++) {
                    boolean treated = start >= 0 && k >= start;
                    double y = outcome.mean() + outcome.sd() * (0.5 * unitEffect + 0.1 * k + (treated ? EFFECT : 0)
                            + 0.5 * rnd.nextGaussian());
                    Map<String, String> cells = new HashMap<>();
                    cells.put(spec.outcome(), outcome.cell(y));
                    cells.put(pd.unit(), label(data, pd.unit(), "u", unit + 1));
                    cells.put(pd.time(), period(times[k]));
                    if (pd.firstTreated() != null) {
                        cells.put(pd.firstTreated(), start >= 0 ? period(times[start]) : "0");
                    }
                    if (treatment != null) {
                        cells.put(treatment, zeroOne(data, treatment, treated ? 1 : 0));
                    }
                    if (groupPost && pd.treatedGroup() != null && pd.post() != null) {
                        cells.put(pd.treatedGroup(), zeroOne(data, pd.treatedGroup(), start >= 0 ? 1 : 0));
                        cells.put(pd.post(), zeroOne(data, pd.post(), k >= (start >= 0 ? start : common) ? 1 : 0));
                    }
                    if (pd.cluster() != null && !pd.cluster().equals(pd.unit())) {
                        cells.put(pd.cluster(), label(data, pd.cluster(), "c", unit / 10 + 1));
                    }
                    CausalSyntheticData.writeRow(w, cols, cells, row, rnd);
                    row++;
                }
            }
        }
    }

    /**
     * The cohorts' first treated period indices: the data's (up to three; from the first-treated
     * column, or each unit's first period with the 0/1 {@code treatment} column at 1), else a third
     * and two thirds in.
     */
    static List<Integer> cohorts(PanelDesign pd, String treatment, Dataset data, double[] times) {
        TreeSet<Integer> idx = new TreeSet<>();
        List<String> firsts = new ArrayList<>();
        if (pd.firstTreated() != null) {
            firsts.addAll(data.levels(pd.firstTreated()).keySet());
        } else if (treatment != null) {
            String q = "TRY_CAST(" + Dataset.quote(treatment) + " AS DOUBLE)";
            data.query("SELECT DISTINCT CAST(min(TRY_CAST(" + Dataset.quote(pd.time()) + " AS DOUBLE)) FILTER (WHERE " + q
                    + " = 1) AS VARCHAR) FROM " + Dataset.TABLE + " GROUP BY " + Dataset.quote(pd.unit()), rs -> {
                while (rs.next()) {
                    if (rs.getString(1) != null) {
                        firsts.add(rs.getString(1));
                    }
                }
                return null;
            });
        }
        for (String level : firsts) {
            try {
                int k = java.util.Arrays.binarySearch(times, Double.parseDouble(level));
                if (k >= 1) {
                    idx.add(k);
                }
            } catch (NumberFormatException e) {
                // not a period: the data's coding is left to the engine's checks; choose our own cohorts
            }
        }
        List<Integer> out = new ArrayList<>(idx);
        while (out.size() > 3) {
            out.remove(out.size() / 2);
        }
        if (out.isEmpty()) {
            int t = times.length;
            out.add(Math.max(1, t / 3));
            if (2 * t / 3 > Math.max(1, t / 3)) {
                out.add(2 * t / 3);
            }
        }
        return out;
    }

    private static String period(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
