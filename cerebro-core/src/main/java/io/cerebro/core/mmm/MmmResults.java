package io.cerebro.core.mmm;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.mmm.fit.Candidate;
import io.cerebro.core.mmm.fit.FitMetrics;
import io.cerebro.core.mmm.fit.MediaTransform;
import io.cerebro.core.mmm.fit.MmmData;
import io.cerebro.core.mmm.fit.ModelFit;
import io.cerebro.core.mmm.fit.ResidualBootstrap;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Chart;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.result.Series;
import io.cerebro.core.spec.MMMSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a fitted model into the family's {@link AnalysisResult}. */
final class MmmResults {
    /** Pareto points written to {@code details.pareto_front} at most (the lowest NRMSE first). */
    static final int FRONT_LIMIT = 50;

    private MmmResults() {
    }

    static AnalysisResult build(MMMSpec spec, Dataset dataset, MmmData d, MmmEngine.Fitted f) {
        int k = d.mediaCount();
        int dim = f.fitter().dimension();
        double[] s = f.stats();
        double[][] boot = f.boot();
        double alpha = spec.alpha();
        String y = spec.outcome();
        AnalysisResult.Builder b = AnalysisResult.builder(MMMSpec.FAMILY, MmmMethod.CONTRIBUTION_SHARE.id())
                .estimand("share of total " + y + " brought by each channel (sum of its fitted weekly contributions / sum of " + y + ")");
        for (int c = 0; c < k; c++) {
            String ch = d.media().get(c);
            double contribution = MmmEngine.sum(f.full().contribution(c));
            b.estimate(MmmEngine.estimate(ch, MmmMethod.CONTRIBUTION_SHARE, "share of total " + y + " contributed by " + ch
                    + (d.paid()[c] ? "" : " (organic)"), s[c], boot, c, alpha).extra("contribution", contribution).build());
        }
        for (int c = 0; c < k; c++) {
            if (d.paid()[c]) {
                String ch = d.media().get(c);
                b.estimate(MmmEngine.estimate(ch, MmmMethod.ROAS, "sum of " + ch + "'s contributions / sum of its spend", s[k + c], boot,
                        k + c, alpha).extra("spend", MmmEngine.sum(d.spend()[c])).build());
            }
        }
        for (int c = 0; c < k; c++) {
            if (d.paid()[c]) {
                String ch = d.media().get(c);
                double mean = MmmEngine.sum(d.spend()[c]) / d.weeks();
                b.estimate(MmmEngine.estimate(ch, MmmMethod.MARGINAL_ROAS, "extra weekly " + y + " per extra unit of weekly " + ch
                        + " spend at its current mean weekly spend", s[2 * k + c], boot, 2 * k + c, alpha).extra("weekly_spend", mean).build());
            }
        }
        MediaTransform tr = f.fitter().transform();
        List<String> names = tr.parameterNames();
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < names.size(); j++) {
                int idx = c * names.size() + j;
                b.estimate(MmmEngine.estimate(d.media().get(c) + " " + names.get(j), MmmMethod.TRANSFORM,
                        "fitted " + names.get(j).replace('_', ' ') + " of " + d.media().get(c), s[3 * k + idx], boot, 3 * k + idx, alpha).build());
            }
            b.estimate(MmmEngine.estimate(d.media().get(c) + " coefficient", MmmMethod.TRANSFORM,
                    "regression coefficient of transformed " + d.media().get(c) + " (its response at full saturation)",
                    s[3 * k + dim + c], boot, 3 * k + dim + c, alpha).build());
        }
        FitMetrics in = f.inSample();
        FitMetrics out = f.outOfSample();
        fitEstimates(b, "in sample", in);
        if (out != null) {
            fitEstimates(b, "out of sample", out);
        }
        b.sampleSize("weeks", d.weeks()).sampleSize("train_weeks", f.trainRows()).sampleSize("holdout_weeks", d.weeks() - f.trainRows());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("adstock", spec.adstock().toString());
        model.put("saturation", spec.saturation().toString());
        if (spec.adstock() == MMMSpec.Adstock.GEOMETRIC) {
            model.put("l_max", spec.lMax());
        }
        model.put("trend", spec.trend());
        model.put("seasonality", spec.seasonality().toString());
        model.put("harmonics", spec.seasonality() == MMMSpec.Seasonality.YEARLY ? spec.harmonics() : 0);
        model.put("controls", d.controls());
        model.put("ridge", spec.ridge());
        model.put("first_week", d.dates()[0].toString());
        model.put("last_week", d.dates()[d.weeks() - 1].toString());
        b.detail("model", model);
        Map<String, Object> channels = new LinkedHashMap<>();
        ModelFit full = f.full();
        for (int c = 0; c < k; c++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("paid", d.paid()[c]);
            double[] th = full.theta();
            for (int j = 0; j < names.size(); j++) {
                row.put(names.get(j), th[c * names.size() + j]);
            }
            row.put("coefficient", full.mediaCoef()[c]);
            row.put("adstock_total", io.cerebro.core.mmm.transform.Adstock.total(full.adstockWeights()[c]));
            row.put("saturation_scale", full.saturationScale()[c][0]);
            row.put("contribution", MmmEngine.sum(full.contribution(c)));
            row.put("spend", MmmEngine.sum(d.spend()[c]));
            channels.put(d.media().get(c), row);
        }
        b.detail("channels", channels);
        Map<String, Object> fit = new LinkedHashMap<>();
        fit.put("in_sample", metrics(in));
        fit.put("out_of_sample", out == null ? null : metrics(out));
        b.detail("fit", fit);
        Map<String, Object> search = new LinkedHashMap<>();
        search.put("candidates", f.search().candidates());
        search.put("evaluated", f.search().evaluated());
        search.put("sampler", "Latin hypercube over the parameter box, then Nelder-Mead on NRMSE from the best " + MmmEngine.REFINE_STARTS);
        search.put("selected", "lowest training NRMSE");
        search.put("selected_nrmse", f.search().best().nrmse());
        search.put("selected_decomp_rssd", f.search().best().decompRssd());
        search.put("pareto_front_size", f.search().front().size());
        b.detail("search", search);
        List<Map<String, Object>> front = new ArrayList<>();
        for (Candidate c : f.search().front().subList(0, Math.min(FRONT_LIMIT, f.search().front().size()))) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("nrmse", c.nrmse());
            row.put("decomp_rssd", c.decompRssd());
            row.put("selected", c.index() == f.search().best().index());
            Map<String, Double> params = new LinkedHashMap<>();
            for (int m = 0; m < k; m++) {
                for (int j = 0; j < names.size(); j++) {
                    params.put(d.media().get(m) + "." + names.get(j), c.theta()[m * names.size() + j]);
                }
            }
            row.put("parameters", params);
            front.add(row);
        }
        b.detail("pareto_front", front);
        if (boot.length > 0) {
            Map<String, Object> bs = new LinkedHashMap<>();
            bs.put("replicates", boot.length);
            bs.put("method", "moving-block residual bootstrap, transform parameters re-optimised by Nelder-Mead in every replicate; percentile intervals");
            bs.put("block_weeks", ResidualBootstrap.blockLength(d.weeks()));
            b.detail("bootstrap", bs);
        } else {
            b.warning("no bootstrap replicates: estimates have no intervals (set --bootstrap 200)");
        }
        b.detail("decomposition", decomposition(f, d));
        if (spec.allocate()) {
            Map<String, Object> a = MmmEngine.allocate(spec, d, f.curves());
            b.detail("allocation", a);
            b.estimate(Estimate.builder("recommended split", MmmMethod.ALLOCATION.id())
                    .estimand("steady-state weekly " + y + " from the paid channels at the recommended split of the budget")
                    .estimate((Double) a.get("expected_response")).extra("gain", (Double) a.get("gain"))
                    .extra("gain_relative", (Double) a.get("gain_relative")).extra("budget", (Double) a.get("budget")).build());
        }
        b.chart(MmmEngine.responseChart(d, f.curves(), y));
        b.chart(decompositionChart(f, d, y));
        b.provenance(spec, dataset, MmmEngine.class, spec.seed());
        return b.build();
    }

    private static void fitEstimates(AnalysisResult.Builder b, String where, FitMetrics m) {
        String w = where + " (" + m.weeks() + " weeks)";
        b.estimate(Estimate.builder("R-squared " + where, MmmMethod.FIT.id()).estimand("1 - SSE/SST " + w).estimate(m.r2()).build());
        b.estimate(Estimate.builder("NRMSE " + where, MmmMethod.FIT.id()).estimand("RMSE / (max - min) of the outcome " + w).estimate(m.nrmse()).build());
        b.estimate(Estimate.builder("MAPE " + where, MmmMethod.FIT.id()).estimand("mean absolute percentage error " + w).estimate(m.mape()).build());
    }

    private static Map<String, Object> metrics(FitMetrics m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("weeks", m.weeks());
        out.put("r2", m.r2());
        out.put("nrmse", m.nrmse());
        out.put("mape", m.mape());
        return out;
    }

    /** @return per component its weekly series: base (intercept, trend, seasonality), each control, each media variable. */
    static Map<String, double[]> components(MmmEngine.Fitted f, MmmData d) {
        ModelFit full = f.full();
        int n = d.weeks();
        var design = f.fitter().design();
        Map<String, double[]> out = new LinkedHashMap<>();
        double[] base = new double[n];
        int baseCols = design.trendColumns() + design.seasonColumns();
        for (int t = 0; t < n; t++) {
            base[t] = full.intercept();
            for (int j = 0; j < baseCols; j++) {
                base[t] += full.baseCoef()[j] * design.columns()[j][t];
            }
        }
        out.put("base", base);
        for (int j = baseCols; j < design.size(); j++) {
            double[] v = new double[n];
            for (int t = 0; t < n; t++) {
                v[t] = full.baseCoef()[j] * design.columns()[j][t];
            }
            out.put(design.names().get(j), v);
        }
        for (int c = 0; c < d.mediaCount(); c++) {
            out.put(d.media().get(c), full.contribution(c));
        }
        return out;
    }

    private static Map<String, Object> decomposition(MmmEngine.Fitted f, MmmData d) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> dates = new ArrayList<>();
        for (var date : d.dates()) {
            dates.add(date.toString());
        }
        out.put("dates", dates);
        out.put("outcome", list(d.y()));
        out.put("fitted", list(f.full().fitted()));
        Map<String, Object> comp = new LinkedHashMap<>();
        components(f, d).forEach((name, v) -> comp.put(name, list(v)));
        out.put("components", comp);
        return out;
    }

    private static List<Double> list(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double x : v) {
            out.add(x);
        }
        return out;
    }

    private static Chart decompositionChart(MmmEngine.Fitted f, MmmData d, String y) {
        double[] x = new double[d.weeks()];
        for (int t = 0; t < x.length; t++) {
            x[t] = t;
        }
        List<Series> series = new ArrayList<>();
        components(f, d).forEach((name, v) -> series.add(Series.of(name, x, v)));
        return new Chart("decomposition", "area", "Decomposition of " + y + " over time (stacked)", "week from " + d.dates()[0],
                y, null, series, null);
    }
}
