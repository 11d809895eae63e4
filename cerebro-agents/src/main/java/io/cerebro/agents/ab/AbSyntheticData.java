package io.cerebro.agents.ab;

import io.cerebro.core.data.ColumnInfo;
import io.cerebro.core.data.ColumnType;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.spec.ABTestSpec;
import io.cerebro.core.spec.AnalysisSpec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Synthetic A/B data with the user's schema and a planted effect: the same arm labels (up to 4,000
 * rows each, at least 10 and 10 per stratum), an outcome of the same kind (0/1 with rates stepping up by 3 points per
 * arm, or normal with the data's mean and sd stepping up by 0.2 sd per arm, rounded when the column
 * holds integers), a covariate correlated with a continuous outcome, strata with the data's levels
 * and a stratum effect, and filler values in the other columns. Only summaries of the user's
 * data are used, never its rows.
 */
final class AbSyntheticData {
    private AbSyntheticData() {
    }

    static void write(AnalysisSpec analysisSpec, Dataset data, Path file, long seed) throws IOException {
        ABTestSpec spec = (ABTestSpec) analysisSpec;
        SplittableRandom rnd = new SplittableRandom(seed);
        Map<String, Long> arms = data.levels(spec.treatment());
        AbPipelinePlan plan = AbPipelinePlan.of(spec, data);
        double[] y = data.meanAndSd(spec.outcome());
        double[] x = spec.covariate() != null ? data.meanAndSd(spec.covariate()) : null;
        List<String> strata = spec.strata() != null ? new ArrayList<>(data.levels(spec.strata()).keySet()) : List.of();
        ColumnInfo outcome = data.require(spec.outcome(), "outcome");
        boolean boolOutcome = outcome.type() == ColumnType.BOOLEAN;
        boolean intOutcome = outcome.sqlType().toUpperCase(Locale.ROOT).contains("INT");
        double baseRate = Math.min(0.85, Math.max(0.05, y[0]));
        double sdY = y[1] > 0 ? y[1] : 1;
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            List<ColumnInfo> cols = data.columns();
            w.write(String.join(",", cols.stream().map(c -> csv(c.name())).toList()));
            w.write('\n');
            int armIndex = 0;
            long row = 0;
            for (Map.Entry<String, Long> arm : arms.entrySet()) {
                // every stratum needs rows of every arm for post-stratification: 10 per level at least
                long n = Math.max(Math.max(10, 10L * strata.size()), Math.min(4000, arm.getValue()));
                for (long i = 0; i < n; i++) {
                    double z = rnd.nextGaussian();
                    int stratum = strata.isEmpty() ? 0 : rnd.nextInt(strata.size());
                    List<String> cells = new ArrayList<>(cols.size());
                    for (ColumnInfo c : cols) {
                        String name = c.name();
                        if (name.equals(spec.treatment())) {
                            cells.add(csv(arm.getKey()));
                        } else if (name.equals(spec.outcome())) {
                            if (plan.binary()) {
                                boolean success = rnd.nextDouble() < baseRate + 0.03 * armIndex;
                                cells.add(boolOutcome ? String.valueOf(success) : success ? "1" : "0");
                            } else {
                                double v = y[0] + sdY * (0.2 * armIndex + 0.6 * z + 0.3 * stratum / Math.max(1, strata.size())
                                        + 0.8 * rnd.nextGaussian());
                                cells.add(intOutcome ? String.valueOf(Math.round(v)) : fmt(v));
                            }
                        } else if (name.equals(spec.covariate())) {
                            double v = x[0] + (x[1] > 0 ? x[1] : 1) * z;
                            cells.add(c.sqlType().toUpperCase(Locale.ROOT).contains("INT") ? String.valueOf(Math.round(v)) : fmt(v));
                        } else if (name.equals(spec.strata())) {
                            cells.add(csv(strata.get(stratum)));
                        } else {
                            cells.add(filler(c, row, rnd));
                        }
                    }
                    w.write(String.join(",", cells));
                    w.write('\n');
                    row++;
                }
                armIndex++;
            }
        }
    }

    private static String filler(ColumnInfo c, long row, SplittableRandom rnd) {
        return switch (c.type()) {
            case NUMERIC -> c.sqlType().toUpperCase(Locale.ROOT).contains("INT") ? String.valueOf(row + 1) : fmt(rnd.nextDouble());
            case BOOLEAN -> String.valueOf(rnd.nextBoolean());
            case TEMPORAL -> "2024-01-01";
            default -> "s" + (row % 3);
        };
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String csv(String v) {
        if (v.contains(",") || v.contains("\"") || v.contains("\n")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
