package io.cerebro.agents.causal;

import io.cerebro.core.data.ColumnInfo;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.RddDesign;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Synthetic regression-discontinuity data for the validator's second comparison, with the user's
 * columns and only summaries of their data (the running variable's range, the outcome's mean and
 * sd). Half of the rows fall on each side of the cutoff, uniform between the cutoff and the data's
 * minimum (or maximum), so the cutoff's neighbourhood is well populated whatever the data's shape;
 * the running variable is written at full precision (continuous, no mass points) even when the
 * user's is discrete. With {@code u = (x - cutoff) / range} the outcome is
 * {@code mean + sd (0.8 u - 0.5 u^2 + 0.5 D + 0.5 noise)}: smooth in x apart from a planted jump of
 * 0.5 sd at the cutoff, where D is {@code 1{x >= cutoff}} for a sharp design and, for a fuzzy one,
 * the take-up, Bernoulli with probability {@code 0.15 + 0.6 1{x >= cutoff} + 0.1 u} (a take-up jump of
 * 0.6, so the effect for compliers is 0.5 sd). A 0/1 outcome is Bernoulli with probability
 * {@code rate + 0.1 (0.8 u - 0.5 u^2) + 0.2 D}, clipped to [0.02, 0.98]. Covariates (for LLM-written
 * pipelines) are drawn from their own distribution, independent of the rest. At most 5,000 rows,
 * at least 1,000.
 */
final class RddSyntheticData {
    /** The planted jump in outcome sd units (the complier effect for a fuzzy design). */
    static final double JUMP = 0.5;
    /** Take-up probability below the cutoff and its jump at the cutoff (fuzzy design). */
    static final double TAKE_UP_BASE = 0.15;
    static final double TAKE_UP_JUMP = 0.6;

    private RddSyntheticData() {
    }

    static void write(CausalSpec spec, Dataset data, Path file, long seed) throws IOException {
        RddDesign d = spec.rdd();
        SplittableRandom rnd = new SplittableRandom(seed);
        double c = d.cutoff();
        String x = Dataset.quote(d.running());
        double[] range = data.query("SELECT min(CAST(" + x + " AS DOUBLE)), max(CAST(" + x + " AS DOUBLE)) FROM " + Dataset.TABLE, rs -> {
            rs.next();
            return new double[]{rs.getDouble(1), rs.getDouble(2)};
        });
        double lo = range[0];
        double hi = range[1];
        if (!(lo < c && c < hi)) {
            // the engine rejects such a cutoff on the user's data; keep the synthetic check meaningful
            double sd = data.meanAndSd(d.running())[1];
            double spread = sd > 0 ? sd : 1;
            lo = c - spread;
            hi = c + spread;
        }
        double scale = Math.max(c - lo, hi - c);
        CausalSyntheticData.Column outcome = CausalSyntheticData.Column.of(data, spec.outcome());
        Map<String, CausalSyntheticData.Column> covariates = new HashMap<>();
        for (String name : spec.confounders()) {
            covariates.put(name, CausalSyntheticData.Column.of(data, name));
        }
        int n = (int) Math.max(1_000, Math.min(CausalSyntheticData.MAX_ROWS, data.rowCount()));
        List<ColumnInfo> cols = data.columns();
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            CausalSyntheticData.writeHeader(w, cols);
            for (int row = 0; row < n; row++) {
                boolean above = row % 2 == 1;
                // 1 - U lies in (0, 1]: strictly below the cutoff on the left, from the cutoff up on the right
                double v = above ? c + (hi - c) * rnd.nextDouble() : c - (c - lo) * (1 - rnd.nextDouble());
                double u = (v - c) / scale;
                double smooth = 0.8 * u - 0.5 * u * u;
                int treated = above ? 1 : 0;
                Map<String, String> cells = new HashMap<>();
                cells.put(d.running(), Double.toString(v));
                if (d.fuzzy() != null) {
                    double p = Math.min(0.98, Math.max(0.02, TAKE_UP_BASE + TAKE_UP_JUMP * treated + 0.1 * u));
                    treated = rnd.nextDouble() < p ? 1 : 0;
                    cells.put(d.fuzzy(), CausalSyntheticData.zeroOne(data, d.fuzzy(), treated));
                }
                double y;
                if (outcome.binary()) {
                    double rate = Math.min(0.85, Math.max(0.1, outcome.mean()));
                    double p = Math.min(0.98, Math.max(0.02, rate + 0.1 * smooth + 0.2 * treated));
                    y = rnd.nextDouble() < p ? 1 : 0;
                } else {
                    y = outcome.mean() + outcome.sd() * (smooth + JUMP * treated + 0.5 * rnd.nextGaussian());
                }
                cells.put(spec.outcome(), outcome.cell(y));
                for (Map.Entry<String, CausalSyntheticData.Column> cov : covariates.entrySet()) {
                    cells.putIfAbsent(cov.getKey(), cov.getValue().cell(cov.getValue().draw(rnd)[0]));
                }
                CausalSyntheticData.writeRow(w, cols, cells, row, rnd);
            }
        }
    }
}
