package io.cerebro.core.geo;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Chart;
import io.cerebro.core.result.Diagnostic;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.result.Interval;
import io.cerebro.core.result.Series;
import io.cerebro.core.spec.GeoTestSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A geo test as an {@link AnalysisResult}: per cell, the ATT per location-period (headline, with its
 * conformal interval and p-value), the incremental outcome and the lift with their intervals, cost
 * per incremental unit and incremental ROAS with a spend, and the placebo in space; details hold
 * each cell's model choice, donor weights, fit and paths; charts show the observed and synthetic
 * paths with the test window shaded and the gap.
 */
public final class GeoEngine {
    /** Suffix of the incremental-outcome estimate's label. */
    public static final String INCREMENTAL = " incremental";
    /** Suffix of the lift estimate's label. */
    public static final String LIFT = " lift";

    private GeoEngine() {
    }

    /** Runs the test the spec describes on the data. */
    public static AnalysisResult run(GeoTestSpec spec, Dataset data) {
        GeoAnalysis.Test test = GeoAnalysis.run(spec, data);
        AnalysisResult.Builder b = result(spec, test);
        b.provenance(spec, data, GeoEngine.class, spec.seed());
        return b.build();
    }

    /** The result of an analysed test, without provenance. */
    public static AnalysisResult.Builder result(GeoTestSpec spec, GeoAnalysis.Test test) {
        CellAnalysis.Cell first = test.cells().get(0);
        String m0 = GeoMethod.of(first.chosen().model()).id();
        GeoPanel panel = test.panel();
        String window = panel.periods()[test.preEnd()] + " to " + panel.periods()[panel.periods().length - 1];
        AnalysisResult.Builder b = AnalysisResult.builder(GeoTestSpec.FAMILY, m0)
                .estimand("average effect on " + spec.outcome() + " per treated location and period, " + window);
        double level = 1 - spec.alpha();
        Map<String, Object> weights = new LinkedHashMap<>();
        Map<String, Object> fits = new LinkedHashMap<>();
        Map<String, Object> paths = new LinkedHashMap<>();
        for (CellAnalysis.Cell c : test.cells()) {
            String m = GeoMethod.of(c.chosen().model()).id();
            int n = c.treated().size();
            int post = c.testPeriods();
            b.estimate(Estimate.builder(c.label(), m).estimand("average effect per treated location and period over " + window)
                    .estimate(c.att()).interval(Interval.confidence(c.attInterval()[0], c.attInterval()[1], level)).pValue(c.pValue())
                    .extra("p_average", c.pAverage()).extra("smallest_p", c.smallestP()).extra("incremental", c.incremental())
                    .extra("lift", c.lift()).extra("l2_imbalance", c.l2()).extra("scaled_l2_imbalance", c.scaledL2())
                    .extra("pre_rmse", c.preRmse()).extra("pre_mape", c.preMape()).build());
            b.estimate(Estimate.builder(c.label() + INCREMENTAL, m).estimand("effect summed over the " + n + " treated locations and "
                    + post + " test periods").estimate(c.incremental())
                    .interval(Interval.confidence(c.attInterval()[0] * n * post, c.attInterval()[1] * n * post, level)).build());
            b.estimate(Estimate.builder(c.label() + LIFT, m).estimand("incremental over the counterfactual total of the test")
                    .estimate(c.lift()).interval(Interval.confidence(c.liftInterval()[0], c.liftInterval()[1], level)).build());
            if (spec.spend() != null && test.cells().size() == 1) {
                b.estimate(Estimate.builder(c.label() + " cost per incremental unit", m).estimand("spend / incremental")
                        .estimate(spec.spend() / c.incremental()).build());
                b.estimate(Estimate.builder(c.label() + " incremental ROAS", m).estimand("incremental / spend")
                        .estimate(c.incremental() / spec.spend()).build());
            }
            b.estimate(Estimate.builder(c.label() + " placebo in space", GeoMethod.PLACEBO.id())
                    .estimand("post/pre RMSE ratio of the cell ranked among its donors each treated in turn")
                    .estimate(c.placeboRatio()).pValue(c.placeboP()).extra("smallest_p", 1.0 / (c.donors().size() + 1)).build());
            Map<String, Double> w = new LinkedHashMap<>();
            double[] cw = c.chosen().fit().weights();
            java.util.stream.IntStream.range(0, cw.length).boxed().filter(j -> cw[j] > 1e-6)
                    .sorted((x, y) -> Double.compare(cw[y], cw[x])).forEach(j -> w.put(c.donors().get(j), cw[j]));
            weights.put(c.label(), w);
            Map<String, Object> fit = new LinkedHashMap<>();
            fit.put("model", c.chosen().model().toString());
            fit.put("why", c.chosen().reason());
            if (!Double.isNaN(c.chosen().fit().lambda())) {
                fit.put("ridge_lambda", c.chosen().fit().lambda());
            }
            if (c.chosen().fit().factors() >= 0) {
                fit.put("factors", c.chosen().fit().factors());
            }
            fit.put("observed_total", c.observedTotal());
            fit.put("pre_periods", c.preEnd());
            fit.put("test_periods", post);
            fits.put(c.label(), fit);
            Map<String, List<Double>> path = new LinkedHashMap<>();
            path.put("observed", java.util.Arrays.stream(c.target()).boxed().toList());
            path.put("synthetic", java.util.Arrays.stream(c.chosen().fit().synthetic()).boxed().toList());
            paths.put(c.label(), path);
            b.chart(pathChart(spec, panel, c));
            b.chart(gapChart(spec, panel, c));
            b.chart(cumulativeChart(spec, panel, c));
            if (cw.length > 0) {
                // the generalised synthetic control imputes from factors, with no donor weights to draw
                b.chart(weightChart(c, w));
            }
            if (c.att() < c.attInterval()[0] || c.att() > c.attInterval()[1]) {
                b.warning(String.format(java.util.Locale.ROOT, "%s: the conformal interval [%.4g, %.4g] does not contain the estimate %.4g: "
                        + "refitting the synthetic control on every period moves it far from the pre-period fit (scaled L2 imbalance %.3f); "
                        + "trust the interval over the point, or try --model augsynth or other donors", c.label(), c.attInterval()[0],
                        c.attInterval()[1], c.att(), c.scaledL2()));
            }
            b.diagnostic(new Diagnostic("pre_period_fit_" + c.label(), c.scaledL2() < 0.5 ? Diagnostic.Status.PASS : Diagnostic.Status.WARN,
                    String.format(java.util.Locale.ROOT, "%s: scaled L2 imbalance %.4f (1 = no better than equal donor weights), "
                            + "pre-period MAPE %.2f%%", c.label(), c.scaledL2(), 100 * c.preMape()),
                    Map.of("scaled_l2_imbalance", c.scaledL2(), "pre_mape", c.preMape())));
        }
        b.detail("periods", List.of(panel.periods()));
        b.detail("weights", weights);
        b.detail("fit", fits);
        b.detail("paths", paths);
        b.detail("donors", test.donors());
        if (test.cells().size() > 1) {
            // side by side, ranked by lift: the comparison a multi-cell test is run for
            List<Map<String, Object>> cmp = new ArrayList<>();
            test.cells().stream().sorted((x, y) -> Double.compare(y.lift(), x.lift())).forEach(c -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("cell", c.label());
                row.put("att", c.att());
                row.put("lift", c.lift());
                row.put("p_value", c.pValue());
                row.put("significant", c.pValue() <= spec.alpha());
                cmp.add(row);
            });
            b.detail("cell_comparison", cmp);
        }
        if (!panel.dropped().isEmpty()) {
            b.warning("left out by fill: drop (missing periods): " + String.join(", ", panel.dropped()));
        }
        b.sampleSize("locations", panel.locations().length).sampleSize("donors", test.donors().size())
                .sampleSize("pre_periods", test.preEnd()).sampleSize("test_periods", panel.periods().length - test.preEnd());
        return b;
    }

    private static Chart pathChart(GeoTestSpec spec, GeoPanel panel, CellAnalysis.Cell c) {
        double[] x = panel.x();
        double[] obs = c.target();
        double[] syn = c.chosen().fit().synthetic();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < x.length; t++) {
            lo = Math.min(lo, Math.min(obs[t], syn[t]));
            hi = Math.max(hi, Math.max(obs[t], syn[t]));
        }
        int post = c.testPeriods();
        double[] wx = java.util.Arrays.copyOfRange(x, c.preEnd(), x.length);
        double[] wy = java.util.Arrays.copyOfRange(obs, c.preEnd(), x.length);
        double[] wlo = new double[post];
        double[] whi = new double[post];
        java.util.Arrays.fill(wlo, lo);
        java.util.Arrays.fill(whi, hi);
        List<Series> s = new ArrayList<>();
        s.add(Series.of(c.label() + " (mean)", x, obs));
        s.add(Series.of("synthetic " + c.label(), x, syn));
        // the band of this series shades the test window
        s.add(new Series("test window", wx, wy, wlo, whi));
        return new Chart("geo_paths_" + c.label(), "line", c.label() + ": observed and synthetic " + spec.outcome(), spec.time(),
                spec.outcome() + " per location", null, s, null, List.of(x[c.preEnd()]));
    }

    /** The incremental outcome summed over the test periods so far, with the ATT interval's ends accumulated alike. */
    private static Chart cumulativeChart(GeoTestSpec spec, GeoPanel panel, CellAnalysis.Cell c) {
        int post = c.testPeriods();
        int n = c.treated().size();
        double[] x = java.util.Arrays.copyOfRange(panel.x(), c.preEnd(), panel.x().length);
        double[] cum = new double[post];
        double[] lo = new double[post];
        double[] hi = new double[post];
        double run = 0;
        boolean band = Double.isFinite(c.attInterval()[0]) && Double.isFinite(c.attInterval()[1]);
        for (int k = 0; k < post; k++) {
            run += c.chosen().fit().gaps()[c.preEnd() + k] * n;
            cum[k] = run;
            lo[k] = band ? c.attInterval()[0] * n * (k + 1) : run;
            hi[k] = band ? c.attInterval()[1] * n * (k + 1) : run;
        }
        return new Chart("geo_cumulative_" + c.label(), "line", c.label() + ": cumulative incremental " + spec.outcome()
                + " (band: the ATT interval accumulated)", spec.time(), "incremental " + spec.outcome(), null,
                List.of(new Series("cumulative incremental", x, cum, lo, hi)), 0.0);
    }

    private static Chart weightChart(CellAnalysis.Cell c, Map<String, Double> weights) {
        double[] y = weights.values().stream().mapToDouble(Double::doubleValue).toArray();
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        return new Chart("geo_weights_" + c.label(), "bar", c.label() + ": donor weights of the synthetic control", null, "weight",
                List.copyOf(weights.keySet()), List.of(Series.of("weight", x, y)), null);
    }

    private static Chart gapChart(GeoTestSpec spec, GeoPanel panel, CellAnalysis.Cell c) {
        double[] x = panel.x();
        double[] lo = new double[x.length];
        double[] hi = new double[x.length];
        // the conformal interval of the average effect, drawn over the test window
        for (int t = 0; t < x.length; t++) {
            boolean test = t >= c.preEnd();
            lo[t] = test && Double.isFinite(c.attInterval()[0]) ? c.attInterval()[0] : c.chosen().fit().gaps()[t];
            hi[t] = test && Double.isFinite(c.attInterval()[1]) ? c.attInterval()[1] : c.chosen().fit().gaps()[t];
        }
        return new Chart("geo_gap_" + c.label(), "line", c.label() + ": gap (observed - synthetic) with the ATT's conformal interval",
                spec.time(), "gap in " + spec.outcome(), null, List.of(new Series("gap", x, c.chosen().fit().gaps(), lo, hi)), 0.0,
                List.of(x[c.preEnd()]));
    }
}
