package io.cerebro.agents.causal;

import io.cerebro.core.data.ColumnInfo;
import io.cerebro.core.data.ColumnType;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.spec.AnalysisSpec;
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
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Synthetic observational data with the user's schema and a planted effect, for the validator's
 * second comparison. Confounders keep their kind: 0/1 columns are Bernoulli with the data's share,
 * other numeric columns normal with the data's mean and sd (rounded when the column holds integers),
 * text columns draw from the data's levels. The treatment is Bernoulli with
 * {@code logit P(T = 1) = logit(share) + 0.5 S}, where {@code S} is the sum of the standardised
 * confounders divided by the square root of their number, so treatment depends on the confounders.
 * A continuous outcome is {@code mean + sd (0.5 S + 0.4 T + 0.7 noise)} (a planted effect of 0.4 sd);
 * a 0/1 outcome has {@code logit P(Y = 1) = logit(rate) + 0.4 S + 0.5 T}. At most 5,000 rows;
 * only summaries of the user's data are used, never its rows. Columns the analysis does not use get
 * filler values of their type. A 2x2 difference-in-differences gets a panel instead
 * ({@link #writeTwoByTwo}), instrumental variables an endogenous treatment with a strong instrument
 * ({@link #writeInstrumented}), front-door adjustment a mediator that carries the effect past an
 * unobserved confounder ({@link #writeFrontDoor}); multi-period panel designs a staggered panel
 * ({@link PanelSyntheticData}); synthetic control a panel whose treated unit is a convex combination
 * of donors ({@link SynthSyntheticData}); regression discontinuity a planted jump at the cutoff
 * ({@link RddSyntheticData}).
 */
public final class CausalSyntheticData {
    /** Most rows written. */
    static final int MAX_ROWS = 5_000;

    private CausalSyntheticData() {
    }

    /** Writes the synthetic CSV; see the class comment for the model. */
    public static void write(AnalysisSpec analysisSpec, Dataset data, Path file, long seed) throws IOException {
        CausalSpec spec = (CausalSpec) analysisSpec;
        if (PanelSyntheticData.applies(spec, data)) {
            PanelSyntheticData.write(spec, data, file, seed);
            return;
        }
        if (spec.method() == CausalMethod.DID && spec.panel() != null && spec.panel().treatedGroup() != null
                && spec.panel().post() != null && spec.panel().firstTreated() == null) {
            writeTwoByTwo(spec, data, file, seed);
            return;
        }
        if (spec.method() == CausalMethod.IV && spec.iv() != null) {
            writeInstrumented(spec, data, file, seed);
            return;
        }
        if (spec.method() == CausalMethod.SYNTH) {
            SynthSyntheticData.write(spec, data, file, seed);
            return;
        }
        if (spec.method() == CausalMethod.RDD && spec.rdd() != null) {
            RddSyntheticData.write(spec, data, file, seed);
            return;
        }
        if (spec.method() == CausalMethod.FRONTDOOR) {
            writeFrontDoor(spec, data, file, seed);
            return;
        }
        if (!CausalPipelineWriter.isObservational(spec.method())) {
            throw new UserInputException("synthetic validation data for " + spec.method().methodId()
                    + " is not available yet; run the analysis directly with 'cerebro causal'");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> adjustment = CausalPipelineWriter.adjustmentSet(spec);
        Map<String, Column> model = new HashMap<>();
        for (String c : adjustment) {
            model.put(c, Column.of(data, c));
        }
        Column outcome = Column.of(data, spec.outcome());
        double[] t = data.meanAndSd(spec.treatment());
        double share = Math.min(0.8, Math.max(0.2, Double.isNaN(t[0]) ? 0.4 : t[0]));
        int n = (int) Math.max(200, Math.min(MAX_ROWS, data.rowCount()));
        List<ColumnInfo> cols = data.columns();
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            writeHeader(w, cols);
            for (int row = 0; row < n; row++) {
                Map<String, String> cells = new HashMap<>();
                double s = 0;
                for (String c : adjustment) {
                    Column col = model.get(c);
                    double[] drawn = col.draw(rnd);
                    cells.put(c, col.cell(drawn[0]));
                    s += drawn[1];
                }
                s = adjustment.isEmpty() ? 0 : s / Math.sqrt(adjustment.size());
                boolean treated = rnd.nextDouble() < logistic(logit(share) + 0.5 * s);
                ColumnInfo ti = data.require(spec.treatment(), "treatment");
                cells.put(spec.treatment(), ti.type() == ColumnType.BOOLEAN ? String.valueOf(treated) : treated ? "1" : "0");
                double y;
                if (outcome.binary) {
                    double rate = Math.min(0.85, Math.max(0.1, outcome.mean));
                    y = rnd.nextDouble() < logistic(logit(rate) + 0.4 * s + (treated ? 0.5 : 0)) ? 1 : 0;
                } else {
                    y = outcome.mean + outcome.sd * (0.5 * s + (treated ? 0.4 : 0) + 0.7 * rnd.nextGaussian());
                }
                cells.put(spec.outcome(), outcome.cell(y));
                writeRow(w, cols, cells, row, rnd);
            }
        }
    }

    /**
     * A 2x2 panel: as many units as the data (at most 2,000, at least 40), each in the treated group
     * with probability 1/2 and observed once before and once after; the outcome has the data's mean
     * and sd scale, a unit effect, a common post-period shift of 0.3 sd, a group gap of 0.2 sd and a
     * planted DiD of 0.4 sd. The time column (if any) takes the data's first level before and its
     * second after; a separate cluster column groups units 20 to a cluster.
     */
    static void writeTwoByTwo(CausalSpec spec, Dataset data, Path file, long seed) throws IOException {
        PanelDesign pd = spec.panel();
        SplittableRandom rnd = new SplittableRandom(seed);
        Column outcome = Column.of(data, spec.outcome());
        long units = pd.unit() != null ? data.levels(pd.unit()).size() : data.rowCount() / 2;
        int u = (int) Math.max(40, Math.min(2_000, units));
        List<String> times = pd.time() != null ? new ArrayList<>(data.levels(pd.time()).keySet()) : List.of();
        List<ColumnInfo> cols = data.columns();
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            writeHeader(w, cols);
            long row = 0;
            for (int unit = 0; unit < u; unit++) {
                // alternate the first two units so both groups exist, then draw
                int g = unit < 2 ? unit : rnd.nextInt(2);
                double unitEffect = rnd.nextGaussian();
                for (int post = 0; post <= 1; post++) {
                    double y = outcome.mean + outcome.sd * (0.5 * unitEffect + 0.3 * post + 0.2 * g + 0.4 * g * post
                            + 0.5 * rnd.nextGaussian());
                    Map<String, String> cells = new HashMap<>();
                    cells.put(spec.outcome(), outcome.cell(y));
                    cells.put(pd.treatedGroup(), zeroOne(data, pd.treatedGroup(), g));
                    cells.put(pd.post(), zeroOne(data, pd.post(), post));
                    if (pd.unit() != null) {
                        cells.put(pd.unit(), label(data, pd.unit(), "u", unit + 1));
                    }
                    if (pd.cluster() != null && !pd.cluster().equals(pd.unit())) {
                        cells.putIfAbsent(pd.cluster(), label(data, pd.cluster(), "c", unit / 20 + 1));
                    }
                    if (pd.time() != null && times.size() >= 2) {
                        cells.put(pd.time(), times.get(post));
                    }
                    writeRow(w, cols, cells, row, rnd);
                    row++;
                }
            }
        }
    }

    /**
     * Instrumental-variable data: controls and instruments drawn like confounders (their kind, mean
     * and sd), an unobserved confounder U, a treatment {@code mean + sd (0.6 Z + 0.3 W + 0.5 U + 0.5 noise)}
     * and an outcome {@code mean + sd (0.3 W + 0.5 U + 0.4 (D - mean D) / sd D + 0.5 noise)}, where Z and W
     * are the scaled sums of the standardised instruments and controls: a strong instrument, an
     * endogenous treatment and a planted effect of 0.4 outcome sd per treatment sd.
     */
    static void writeInstrumented(CausalSpec spec, Dataset data, Path file, long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> controls = new ArrayList<>(spec.iv().controls());
        controls.addAll(spec.confounders().stream().filter(c -> !controls.contains(c)).toList());
        List<String> instruments = spec.iv().instruments();
        Map<String, Column> model = new HashMap<>();
        for (String c : controls) {
            model.put(c, Column.of(data, c));
        }
        for (String c : instruments) {
            model.put(c, Column.of(data, c));
        }
        Column treatment = Column.of(data, spec.treatment());
        Column outcome = Column.of(data, spec.outcome());
        int n = (int) Math.max(200, Math.min(MAX_ROWS, data.rowCount()));
        List<ColumnInfo> cols = data.columns();
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            writeHeader(w, cols);
            for (int row = 0; row < n; row++) {
                Map<String, String> cells = new HashMap<>();
                double zs = 0;
                double ws = 0;
                for (String c : instruments) {
                    double[] drawn = model.get(c).draw(rnd);
                    cells.put(c, model.get(c).cell(drawn[0]));
                    zs += drawn[1] / Math.sqrt(instruments.size());
                }
                for (String c : controls) {
                    double[] drawn = model.get(c).draw(rnd);
                    cells.put(c, model.get(c).cell(drawn[0]));
                    ws += drawn[1] / Math.sqrt(controls.size());
                }
                double u = rnd.nextGaussian();
                double dz = 0.6 * zs + 0.3 * ws + 0.5 * u + 0.5 * rnd.nextGaussian();
                double d = treatment.mean + treatment.sd * dz;
                String dCell = treatment.binary ? treatment.cell(dz > 0 ? 1 : 0) : treatment.cell(d);
                double dUsed = Double.parseDouble(treatment.type == ColumnType.BOOLEAN ? (Boolean.parseBoolean(dCell) ? "1" : "0") : dCell);
                double y = outcome.mean + outcome.sd * (0.3 * ws + 0.5 * u + 0.4 * (dUsed - treatment.mean) / treatment.sd
                        + 0.5 * rnd.nextGaussian());
                cells.put(spec.treatment(), dCell);
                cells.put(spec.outcome(), outcome.cell(y));
                writeRow(w, cols, cells, row, rnd);
            }
        }
    }

    /**
     * Front-door data: an unobserved confounder U of treatment and outcome; the treatment Bernoulli with
     * {@code logit P(T = 1) = logit(share) + 0.8 U}; the mediator {@code mean + sd (0.6 T + 0.8 noise)}
     * (0/1 when the data's mediator is, as {@code 0.6 T + 0.8 noise > 0.3}); a continuous outcome
     * {@code mean + sd (0.5 (M - mean M) / sd M + 0.5 U + 0.6 noise)}, a 0/1 outcome with that linear
     * part (less the noise) on the logit scale. The effect of T runs only through M, so the naive
     * difference is confounded by U while the front-door estimate recovers 0.6 x 0.5 outcome sd.
     */
    static void writeFrontDoor(CausalSpec spec, Dataset data, Path file, long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        String mediatorName = CausalPipelineWriter.mediator(spec);
        Column mediator = Column.of(data, mediatorName);
        Column outcome = Column.of(data, spec.outcome());
        double[] t = data.meanAndSd(spec.treatment());
        double share = Math.min(0.8, Math.max(0.2, Double.isNaN(t[0]) ? 0.4 : t[0]));
        ColumnInfo ti = data.require(spec.treatment(), "treatment");
        int n = (int) Math.max(200, Math.min(MAX_ROWS, data.rowCount()));
        List<ColumnInfo> cols = data.columns();
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            writeHeader(w, cols);
            for (int row = 0; row < n; row++) {
                Map<String, String> cells = new HashMap<>();
                double u = rnd.nextGaussian();
                boolean treated = rnd.nextDouble() < logistic(logit(share) + 0.8 * u);
                cells.put(spec.treatment(), ti.type() == ColumnType.BOOLEAN ? String.valueOf(treated) : treated ? "1" : "0");
                double mz = 0.6 * (treated ? 1 : 0) + 0.8 * rnd.nextGaussian();
                String mCell = mediator.binary ? mediator.cell(mz > 0.3 ? 1 : 0) : mediator.cell(mediator.mean + mediator.sd * mz);
                double mUsed = Double.parseDouble(mediator.type == ColumnType.BOOLEAN ? (Boolean.parseBoolean(mCell) ? "1" : "0") : mCell);
                double linear = 0.5 * (mUsed - mediator.mean) / mediator.sd + 0.5 * u;
                double y;
                if (outcome.binary) {
                    double rate = Math.min(0.85, Math.max(0.1, outcome.mean));
                    y = rnd.nextDouble() < logistic(logit(rate) + linear) ? 1 : 0;
                } else {
                    y = outcome.mean + outcome.sd * (linear + 0.6 * rnd.nextGaussian());
                }
                cells.put(mediatorName, mCell);
                cells.put(spec.outcome(), outcome.cell(y));
                writeRow(w, cols, cells, row, rnd);
            }
        }
    }

    /** Writes the header row: the data's column names, quoted where CSV needs it. */
    static void writeHeader(BufferedWriter w, List<ColumnInfo> cols) throws IOException {
        w.write(String.join(",", cols.stream().map(c -> csv(c.name())).toList()));
        w.write('\n');
    }

    /** Writes one CSV row in the data's column order: the drawn cells, and filler of its type in the other columns. */
    static void writeRow(BufferedWriter w, List<ColumnInfo> cols, Map<String, String> cells, long row, SplittableRandom rnd)
            throws IOException {
        List<String> line = new ArrayList<>(cols.size());
        for (ColumnInfo c : cols) {
            String v = cells.get(c.name());
            line.add(v != null ? csv(v) : filler(c, row, rnd));
        }
        w.write(String.join(",", line));
        w.write('\n');
    }

    static String zeroOne(Dataset data, String column, int v) {
        return data.require(column, null).type() == ColumnType.BOOLEAN ? String.valueOf(v == 1) : String.valueOf(v);
    }

    static String label(Dataset data, String column, String prefix, int id) {
        return data.require(column, null).type().isNumeric() ? String.valueOf(id) : prefix + id;
    }

    /** How one column is drawn. */
    record Column(ColumnType type, boolean integer, boolean binary, double mean, double sd, List<String> levels) {
        static Column of(Dataset data, String name) {
            ColumnInfo info = data.require(name, null);
            boolean integer = info.sqlType().toUpperCase(Locale.ROOT).contains("INT");
            if (!info.type().isNumeric()) {
                return new Column(info.type(), false, false, 0, 1, new ArrayList<>(data.levels(name).keySet()));
            }
            double[] s = data.meanAndSd(name);
            boolean binary = info.type() == ColumnType.BOOLEAN || data.query("SELECT count(*) FROM " + Dataset.TABLE + " WHERE "
                    + Dataset.quote(name) + " IS NOT NULL AND CAST(" + Dataset.quote(name) + " AS DOUBLE) NOT IN (0, 1)", rs -> {
                rs.next();
                return rs.getLong(1) == 0;
            });
            return new Column(info.type(), integer, binary, s[0], s[1] > 0 ? s[1] : 1, List.of());
        }

        /** @return {value, standardised value} */
        double[] draw(SplittableRandom rnd) {
            if (!levels.isEmpty()) {
                int k = rnd.nextInt(levels.size());
                return new double[]{k, levels.size() < 2 ? 0 : (k - (levels.size() - 1) / 2.0) / levels.size()};
            }
            if (binary) {
                double p = Math.min(0.9, Math.max(0.1, mean));
                double v = rnd.nextDouble() < p ? 1 : 0;
                return new double[]{v, (v - p) / Math.sqrt(p * (1 - p))};
            }
            double z = rnd.nextGaussian();
            return new double[]{mean + sd * z, z};
        }

        String cell(double v) {
            if (!levels.isEmpty()) {
                return levels.get((int) v);
            }
            if (type == ColumnType.BOOLEAN) {
                return String.valueOf(v == 1);
            }
            return integer || binary ? String.valueOf(Math.round(v)) : String.format(Locale.ROOT, "%.6f", v);
        }
    }

    static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    static double logistic(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    static String filler(ColumnInfo c, long row, SplittableRandom rnd) {
        return switch (c.type()) {
            case NUMERIC -> c.sqlType().toUpperCase(Locale.ROOT).contains("INT") ? String.valueOf(row + 1)
                    : String.format(Locale.ROOT, "%.4f", rnd.nextDouble());
            case BOOLEAN -> String.valueOf(rnd.nextBoolean());
            case TEMPORAL -> "2024-01-01";
            default -> "s" + (row % 3);
        };
    }

    static String csv(String v) {
        if (v.contains(",") || v.contains("\"") || v.contains("\n")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
