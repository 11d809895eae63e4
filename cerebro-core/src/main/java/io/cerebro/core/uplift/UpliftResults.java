package io.cerebro.core.uplift;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Chart;
import io.cerebro.core.result.Diagnostic;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.result.Interval;
import io.cerebro.core.result.Series;
import io.cerebro.core.spec.UpliftSpec;
import io.cerebro.core.uplift.evaluation.AverageEffects;
import io.cerebro.core.uplift.evaluation.Bins;
import io.cerebro.core.uplift.evaluation.Calibration;
import io.cerebro.core.uplift.evaluation.PolicyValue;
import io.cerebro.core.uplift.evaluation.UpliftCurves;
import io.cerebro.core.uplift.learner.CateFit;
import io.cerebro.core.uplift.learner.Nuisances;
import io.cerebro.core.uplift.learner.UpliftData;
import io.cerebro.core.uplift.model.LinearLearner;
import io.cerebro.core.uplift.model.Loss;
import org.hipparchus.distribution.continuous.NormalDistribution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns a fit or an evaluation into the family's {@link AnalysisResult}. */
final class UpliftResults {
    private UpliftResults() {
    }

    static double z(double alpha) {
        return new NormalDistribution(0, 1).inverseCumulativeProbability(1 - alpha / 2);
    }

    private static Estimate.Builder withInterval(Estimate.Builder b, double est, double se, double alpha) {
        double z = z(alpha);
        b.estimate(est).standardError(se);
        if (Double.isFinite(se)) {
            b.interval(Interval.confidence(est - z * se, est + z * se, 1 - alpha));
        }
        return b;
    }

    static AnalysisResult build(UpliftSpec spec, Dataset dataset, UpliftEngine.Fitted f) {
        UpliftData d = f.data();
        Nuisances nu = f.nuisances();
        double alpha = spec.alpha();
        String t = spec.treatment();
        String y = spec.outcome();
        CateFit chosen = f.chosen().fit();
        UpliftMethod learnerMethod = UpliftMethod.ofLearner(chosen.learner());
        double[] phi = nu.aipwScores(d);
        AverageEffects.Effect ate = AverageEffects.ate(phi);
        AverageEffects.Effect att = AverageEffects.att(d.y(), d.w(), nu.mu0(), nu.e());
        AnalysisResult.Builder b = AnalysisResult.builder(UpliftSpec.FAMILY, UpliftMethod.ATE.id())
                .estimand("effect of " + t + " on " + y + " per row (CATE), summarised by the ATE, the ATT and CATE deciles");
        b.estimate(withInterval(Estimate.builder("ATE", UpliftMethod.ATE.id())
                .estimand("mean effect of " + t + " on " + y + " over all rows (AIPW, " + spec.folds() + "-fold cross-fitted " + f.base().name() + " nuisances)"),
                ate.estimate(), ate.se(), alpha).build());
        b.estimate(withInterval(Estimate.builder("ATT", UpliftMethod.ATT.id())
                .estimand("mean effect of " + t + " on " + y + " among the treated rows (AIPW)"), att.estimate(), att.se(), alpha).build());
        double[] tau = chosen.oof();
        Bins.Row[] deciles = Bins.aipw(tau, phi, spec.bins());
        List<Map<String, Object>> decileRows = new ArrayList<>();
        for (int k = 0; k < deciles.length; k++) {
            Bins.Row r = deciles[k];
            String label = "CATE bin " + (k + 1) + " of " + spec.bins();
            b.estimate(withInterval(Estimate.builder(label, learnerMethod.id())
                    .estimand("AIPW effect among the rows in bin " + (k + 1) + " of the " + learnerMethod.label() + "'s out-of-fold CATE (1 = highest)"),
                    r.effect(), r.se(), alpha).extra("mean_predicted_cate", r.meanScore()).extra("rows", r.rows()).build());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("bin", k + 1);
            row.put("rows", r.rows());
            row.put("mean_predicted_cate", r.meanScore());
            row.put("aipw_effect", r.effect());
            row.put("se", r.se());
            decileRows.add(row);
        }
        for (UpliftEngine.Scored s : f.scored()) {
            UpliftMethod m = UpliftMethod.ofLearner(s.fit().learner());
            b.estimate(Estimate.builder("R-loss of " + m.label(), m.id())
                    .estimand("cross-validated R-loss mean((Y - m - (W - e) tau)^2) of the " + m.label() + " (lower is better)")
                    .estimate(s.rLoss()).extra("dr_mse", s.drMse()).extra("mean_cate", mean(s.fit().oof())).build());
        }
        int n = d.rows();
        double[] yr = new double[n];
        double[] wr = new double[n];
        for (int i = 0; i < n; i++) {
            yr[i] = d.y()[i] - nu.m()[i];
            wr[i] = d.w()[i] - nu.e()[i];
        }
        Calibration cal = Calibration.test(yr, wr, tau);
        b.estimate(withInterval(Estimate.builder("calibration: mean prediction", UpliftMethod.CALIBRATION.id())
                .estimand("coefficient of (W - e) x mean CATE in the best linear predictor (1 when the mean effect is right)"),
                cal.meanPrediction(), cal.meanPredictionSe(), alpha).build());
        b.estimate(withInterval(Estimate.builder("calibration: differential prediction", UpliftMethod.CALIBRATION.id())
                .estimand("coefficient of (W - e) x (CATE - mean CATE): 1 when the heterogeneity is right, 0 when there is none"),
                cal.differential(), cal.differentialSe(), alpha).pValue(cal.heterogeneityPValue()).build());
        double[] imp = importance(f, tau);
        Map<String, Object> importance = new LinkedHashMap<>();
        // a categorical feature's importance is the sum of its dummies': the user named the column, not its levels
        Map<String, Double> byColumn = new LinkedHashMap<>();
        for (String feature : spec.features()) {
            byColumn.put(feature, 0.0);
        }
        for (int j = 0; j < imp.length; j++) {
            byColumn.merge(UpliftDataReader.sourceColumn(spec, d.x().names().get(j)), imp[j], Double::sum);
        }
        for (Map.Entry<String, Double> e : byColumn.entrySet()) {
            String feature = e.getKey();
            importance.put(feature, e.getValue());
            b.estimate(Estimate.builder("importance of " + feature, UpliftMethod.IMPORTANCE.id())
                    .estimand(f.forest() != null && chosen.learner().equals("causal_forest")
                            ? "depth-weighted share of the forest's splits on " + feature
                            : "share of |standardised coefficient| of " + feature + " in the best linear projection of the CATE")
                    .estimate(e.getValue()).build());
        }
        UpliftCurves curves = UpliftCurves.of(tau, d.y(), d.w());
        b.estimate(Estimate.builder("Qini coefficient of the CATE", UpliftMethod.QINI.id())
                .estimand("area between the Qini curve of the out-of-fold CATE and random targeting, per row").estimate(curves.qiniCoefficient()).build());
        b.sampleSize("rows", n).sampleSize("treated", d.treated()).sampleSize("control", n - d.treated());
        b.diagnostic(overlap(spec, nu));
        if (cal.heterogeneityPValue() > 0.05) {
            b.warning("the calibration test finds no clear heterogeneity (p = " + String.format(Locale.ROOT, "%.3g", cal.heterogeneityPValue())
                    + "): targeting by this CATE may not beat treating everyone");
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("learner", chosen.learner());
        model.put("requested", spec.learner().toString());
        model.put("base", f.base().name());
        model.put("folds", spec.folds());
        model.put("features", d.x().names());
        model.put("binary_outcome", d.binaryOutcome());
        model.put("propensity", spec.propensity() == null ? "cross-fitted " + f.base().name() + " model" : "known column " + spec.propensity());
        if (f.forest() != null) {
            model.put("trees", f.forest().trees());
            model.put("min_node_size", UpliftEngine.minNode(n));
        }
        b.detail("model", model);
        if (!spec.categorical().isEmpty()) {
            // the reference level is what every dummy's effect is measured against: say which it is
            Map<String, Object> encoding = new LinkedHashMap<>();
            for (String c : spec.categorical()) {
                List<String> lv = new ArrayList<>(dataset.levels(c).keySet());
                encoding.put(c, "reference " + lv.get(0) + "; dummies " + String.join(", ", lv.subList(1, lv.size())));
            }
            b.detail("categorical", encoding);
        }
        List<Map<String, Object>> scores = new ArrayList<>();
        for (UpliftEngine.Scored s : f.scored()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("learner", s.fit().learner());
            row.put("r_loss", s.rLoss());
            row.put("dr_mse", s.drMse());
            row.put("chosen", s == f.chosen());
            scores.add(row);
        }
        b.detail("learner_scores", scores);
        b.detail("cate_deciles", decileRows);
        b.detail("importance", importance);
        Map<String, Object> calibration = new LinkedHashMap<>();
        calibration.put("mean_prediction", cal.meanPrediction());
        calibration.put("mean_prediction_se", cal.meanPredictionSe());
        calibration.put("differential_prediction", cal.differential());
        calibration.put("differential_prediction_se", cal.differentialSe());
        calibration.put("heterogeneity_p_value", cal.heterogeneityPValue());
        b.detail("calibration", calibration);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("mean", mean(tau));
        double[] sorted = tau.clone();
        java.util.Arrays.sort(sorted);
        summary.put("p10", sorted[(int) (0.1 * (n - 1))]);
        summary.put("median", sorted[(int) (0.5 * (n - 1))]);
        summary.put("p90", sorted[(int) (0.9 * (n - 1))]);
        summary.put("share_positive", java.util.Arrays.stream(tau).filter(v -> v > 0).count() / (double) n);
        b.detail("cate_summary", summary);
        b.chart(qiniChart(curves, "Qini curve of the out-of-fold CATE"));
        b.chart(histogram(tau, "Distribution of the out-of-fold CATE", "CATE (" + y + ")"));
        b.chart(binChart(deciles, "AIPW effect by CATE bin (1 = highest predicted effect)", y, ate.estimate()));
        b.provenance(spec, dataset, UpliftEngine.class, spec.seed());
        return b.build();
    }

    private static Diagnostic overlap(UpliftSpec spec, Nuisances nu) {
        double[] e = nu.rawE();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int outside = 0;
        for (double v : e) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            outside += v < 0.05 || v > 0.95 ? 1 : 0;
        }
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("min_propensity", min);
        values.put("max_propensity", max);
        values.put("share_outside_0.05_0.95", outside / (double) e.length);
        values.put("clipped", (double) nu.clipped());
        boolean worry = outside > 0.05 * e.length || nu.clipped() > 0;
        String msg = spec.propensity() != null ? "known propensities from " + spec.propensity()
                : "cross-fitted propensities range " + String.format(Locale.ROOT, "%.3f to %.3f", min, max)
                + (nu.clipped() > 0 ? "; " + nu.clipped() + " rows clipped to [" + Nuisances.CLIP + ", " + (1 - Nuisances.CLIP) + "]" : "")
                + (worry ? ": weak overlap, effects there rest on extrapolation" : "");
        return new Diagnostic("overlap", Diagnostic.Status.warnIf(worry), msg, values);
    }

    /** Forest: GRF's split-frequency importance; meta-learners: |standardised coefficients| of the CATE's best linear projection. */
    private static double[] importance(UpliftEngine.Fitted f, double[] tau) {
        if (f.forest() != null && f.chosen().fit().learner().equals("causal_forest")) {
            return f.forest().importance();
        }
        UpliftData d = f.data();
        int[] rows = new int[d.rows()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        LinearLearner.Linear lin = (LinearLearner.Linear) new LinearLearner().fit(d.x(), tau, null, rows, Loss.SQUARED);
        double[] imp = new double[d.x().features()];
        double total = 0;
        for (int j = 0; j < imp.length; j++) {
            double[] col = d.x().columns()[j];
            imp[j] = Math.abs(lin.coef()[j]) * sd(col);
            total += imp[j];
        }
        for (int j = 0; j < imp.length; j++) {
            imp[j] = total > 0 ? imp[j] / total : 0;
        }
        return imp;
    }

    static AnalysisResult evaluation(UpliftSpec spec, Dataset dataset, UpliftData d, double[] score) {
        UpliftCurves curves = UpliftCurves.of(score, d.y(), d.w());
        String s = spec.score();
        AnalysisResult.Builder b = AnalysisResult.builder(UpliftSpec.FAMILY, UpliftMethod.QINI.id())
                .estimand("how well targeting by " + s + " finds the rows that gain from " + spec.treatment());
        b.estimate(Estimate.builder("Qini coefficient", UpliftMethod.QINI.id())
                .estimand("area between the Qini curve of " + s + " and random targeting, per row (x and y divided by N)")
                .estimate(curves.qiniCoefficient()).build());
        b.estimate(Estimate.builder("AUUC", UpliftMethod.AUUC.id())
                .estimand("area under the uplift (cumulative gain) curve of " + s + ", per row").estimate(curves.auuc())
                .extra("above_random", curves.auucAboveRandom()).build());
        Bins.Row[] bins = Bins.differenceInMeans(score, d.y(), d.w(), spec.bins());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int k = 0; k < bins.length; k++) {
            Bins.Row r = bins[k];
            b.estimate(withInterval(Estimate.builder("uplift in bin " + (k + 1) + " of " + spec.bins(), UpliftMethod.UPLIFT_BIN.id())
                    .estimand("treated minus control mean of " + spec.outcome() + " among rows in bin " + (k + 1) + " of " + s + " (1 = highest)"),
                    r.effect(), r.se(), spec.alpha()).extra("mean_score", r.meanScore()).extra("rows", r.rows()).build());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("bin", k + 1);
            row.put("rows", r.rows());
            row.put("mean_score", r.meanScore());
            row.put("uplift", r.effect());
            row.put("se", r.se());
            rows.add(row);
        }
        int n = d.rows();
        double[] e = d.propensity();
        if (e == null) {
            e = new double[n];
            java.util.Arrays.fill(e, d.treated() / (double) n);
        }
        PolicyValue.Point[] policy = PolicyValue.curve(score, d.y(), d.w(), e, 10);
        List<Map<String, Object>> pv = new ArrayList<>();
        double none = policy[0].value();
        double all = policy[policy.length - 1].value();
        for (PolicyValue.Point p : policy) {
            String label = p.percent() == 0 ? "treat none" : p.percent() == 100 ? "treat all" : "treat top " + p.percent() + "%";
            b.estimate(withInterval(Estimate.builder("policy value: " + label, UpliftMethod.POLICY_VALUE.id())
                    .estimand("mean " + spec.outcome() + " per row if the " + (p.percent() == 0 ? "no" : "top " + p.percent() + "% by " + s) + " rows are treated (IPW)"),
                    p.value(), p.se(), spec.alpha()).extra("gain_over_none", p.value() - none).extra("gain_over_all", p.value() - all).build());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("percent_treated", p.percent());
            row.put("value", p.value());
            row.put("se", p.se());
            pv.add(row);
        }
        b.sampleSize("rows", n).sampleSize("treated", d.treated()).sampleSize("control", n - d.treated());
        b.detail("uplift_by_bin", rows);
        b.detail("policy_value", pv);
        Map<String, Object> curve = new LinkedHashMap<>();
        curve.put("normalisation", "x = share of rows targeted, y = curve value / N (scikit-uplift's qini_curve and uplift_curve points)");
        curve.put("auuc_above_random", curves.auucAboveRandom());
        b.detail("curves", curve);
        b.chart(qiniChart(curves, "Qini curve of " + s));
        double[] fx = curves.fraction();
        double[] uy = new double[fx.length];
        for (int i = 0; i < fx.length; i++) {
            uy[i] = curves.uplift()[i] / n;
        }
        b.chart(new Chart("uplift_curve", "line", "Uplift (cumulative gain) curve of " + s, "share targeted", "gain per row",
                null, List.of(Series.of(s, thin(fx), thin(uy))), 0.0));
        b.chart(binChart(bins, "Uplift by bin of " + s + " (1 = highest score)", spec.outcome(), null));
        b.provenance(spec, dataset, UpliftEngine.class, spec.seed());
        return b.build();
    }

    private static Chart qiniChart(UpliftCurves c, String title) {
        double[] fx = c.fraction();
        double[] q = new double[fx.length];
        for (int i = 0; i < fx.length; i++) {
            q[i] = c.qini()[i] / c.rows();
        }
        double last = q[q.length - 1];
        return new Chart("qini", "line", title, "share targeted", "Qini / N", null,
                List.of(Series.of("Qini", thin(fx), thin(q)), Series.of("random", new double[] {0, 1}, new double[] {0, last})), 0.0);
    }

    /** At most 200 points per curve, so a report of a million rows stays small. */
    private static double[] thin(double[] v) {
        if (v.length <= 200) {
            return v;
        }
        double[] out = new double[201];
        for (int k = 0; k <= 200; k++) {
            out[k] = v[(int) ((long) k * (v.length - 1) / 200)];
        }
        return out;
    }

    private static Chart histogram(double[] tau, String title, String xLabel) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double t : tau) {
            lo = Math.min(lo, t);
            hi = Math.max(hi, t);
        }
        int k = 20;
        double width = hi > lo ? (hi - lo) / k : 1;
        double[] counts = new double[k];
        for (double t : tau) {
            counts[Math.min(k - 1, (int) ((t - lo) / width))]++;
        }
        List<String> cats = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            cats.add(String.format(Locale.ROOT, "%.3g to %.3g", lo + i * width, lo + (i + 1) * width));
        }
        return new Chart("cate_histogram", "bar", title, xLabel, "rows", cats, List.of(Series.of("rows", index(k), counts)), null);
    }

    private static Chart binChart(Bins.Row[] rows, String title, String y, Double reference) {
        List<String> cats = new ArrayList<>();
        double[] est = new double[rows.length];
        double[] lo = new double[rows.length];
        double[] hi = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            cats.add("bin " + (k + 1));
            est[k] = rows[k].effect();
            lo[k] = rows[k].effect() - 1.96 * rows[k].se();
            hi[k] = rows[k].effect() + 1.96 * rows[k].se();
        }
        return new Chart("bins", "interval", title, "bin", "effect on " + y, cats,
                List.of(new Series("effect", index(rows.length), est, lo, hi)), reference == null ? 0.0 : reference);
    }

    private static double[] index(int k) {
        double[] x = new double[k];
        for (int i = 0; i < k; i++) {
            x[i] = i;
        }
        return x;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double sd(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / v.length);
    }
}
