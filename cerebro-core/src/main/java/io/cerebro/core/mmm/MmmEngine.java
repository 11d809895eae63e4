package io.cerebro.core.mmm;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.ReferenceEngine;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.mmm.allocate.BudgetAllocator;
import io.cerebro.core.mmm.allocate.ResponseCurve;
import io.cerebro.core.mmm.fit.Candidate;
import io.cerebro.core.mmm.fit.Design;
import io.cerebro.core.mmm.fit.FitMetrics;
import io.cerebro.core.mmm.fit.HyperparameterSearch;
import io.cerebro.core.mmm.fit.MediaTransform;
import io.cerebro.core.mmm.fit.MmmData;
import io.cerebro.core.mmm.fit.MmmFitter;
import io.cerebro.core.mmm.fit.ModelFit;
import io.cerebro.core.mmm.fit.ProgressListener;
import io.cerebro.core.mmm.fit.ResidualBootstrap;
import io.cerebro.core.mmm.transform.Adstock;
import io.cerebro.core.mmm.transform.GeometricAdstock;
import io.cerebro.core.mmm.transform.HillSaturation;
import io.cerebro.core.mmm.transform.LogisticSaturation;
import io.cerebro.core.mmm.transform.WeibullAdstock;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Chart;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.result.Interval;
import io.cerebro.core.result.Series;
import io.cerebro.core.spec.MMMSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The marketing mix family's reference engine. The transform parameters are searched on the
 * training weeks (all but the final {@code holdout_weeks}); the fit metrics of that model are
 * reported in and out of sample; the model is then refitted with the same parameters on every week
 * for the contributions, ROAS, response curves, decomposition and allocation. Intervals are
 * percentile intervals of a moving-block residual bootstrap that re-optimises the transform
 * parameters in every replicate ({@link ResidualBootstrap}); there is no Bayesian fit.
 *
 * <p>Estimates, one per media variable and labelled by its name: {@code mmm.contribution_share}
 * (paid and organic), {@code mmm.roas} and {@code mmm.marginal_roas} (paid), then
 * {@code mmm.transform} (label {@code "<channel> <parameter>"}), {@code mmm.fit} and, with
 * {@code allocate}, {@code mmm.allocation}. Same spec, data and seed give the same numbers.
 */
public final class MmmEngine implements ReferenceEngine<MMMSpec> {
    /** The progress listener of runs on this thread (the CLI sets one to draw its progress bar). */
    public static final ThreadLocal<ProgressListener> PROGRESS = ThreadLocal.withInitial(() -> ProgressListener.NONE);
    /** Nelder-Mead starts of the refinement. */
    static final int REFINE_STARTS = 3;

    @Override
    public AnalysisResult run(MMMSpec spec, Dataset dataset) {
        MmmData data = MmmDataReader.read(spec, dataset);
        if (spec.allocate()) {
            // refuse an impossible budget before the search, not after it
            budgetBounds(spec, data);
        }
        Fitted f = fit(spec, data, PROGRESS.get());
        return MmmResults.build(spec, dataset, data, f);
    }

    /**
     * Everything the result is made of.
     *
     * @param fitter    the model
     * @param search    the hyperparameter search
     * @param train     the selected model fitted on the training weeks
     * @param full      the same parameters fitted on every week
     * @param trainRows the training weeks
     * @param curves    the paid channels' response curves
     * @param stats     the point statistics ({@link #statistics})
     * @param boot      bootstrap replicates' statistics (empty without bootstrap)
     */
    public record Fitted(MmmFitter fitter, HyperparameterSearch.Result search, ModelFit train, ModelFit full, int trainRows,
                         List<ResponseCurve> curves, double[] stats, double[][] boot) {
        public FitMetrics inSample() {
            return FitMetrics.of(fitter.data().y(), train.fitted(), 0, trainRows);
        }

        public FitMetrics outOfSample() {
            return FitMetrics.of(fitter.data().y(), train.fitted(), trainRows, fitter.data().weeks());
        }
    }

    /** Fits the spec's model to the series. */
    public static Fitted fit(MMMSpec spec, MmmData data, ProgressListener progress) {
        int n = data.weeks();
        int holdout = spec.holdoutFor(n);
        int rows = n - holdout;
        Design design = Design.of(data, spec.trend(), spec.seasonality() == MMMSpec.Seasonality.YEARLY ? spec.harmonics() : 0);
        MmmFitter fitter = new MmmFitter(data, design, transform(spec), spec.ridge());
        int dim = fitter.dimension();
        HyperparameterSearch.Result search = HyperparameterSearch.run(fitter, data.y(), rows, spec.candidates(), REFINE_STARTS,
                Math.min(3000, 100 * dim), spec.seed(), progress);
        Candidate best = search.best();
        ModelFit train = fitter.fit(best.theta(), data.y(), rows);
        ModelFit full = fitter.fit(best.theta(), data.y(), n);
        double[] stats = statistics(fitter, full, data.y());
        double[][] boot = spec.bootstrap() == 0 ? new double[0][]
                : ResidualBootstrap.run(fitter, data.y(), full, spec.bootstrap(), Math.min(600, 20 * dim), spec.seed() + 1,
                (fit, ys) -> statistics(fitter, fit, ys), progress);
        return new Fitted(fitter, search, train, full, rows, curves(fitter, full), stats, boot);
    }

    static MediaTransform transform(MMMSpec spec) {
        Adstock a = switch (spec.adstock()) {
            case GEOMETRIC -> new GeometricAdstock(spec.lMax());
            case WEIBULL_CDF -> WeibullAdstock.cdf();
            case WEIBULL_PDF -> WeibullAdstock.pdf();
        };
        return new MediaTransform(a, spec.saturation() == MMMSpec.Saturation.HILL ? new HillSaturation() : new LogisticSaturation());
    }

    /** @return each media variable's response curve (organic ones too, for the charts). */
    static List<ResponseCurve> curves(MmmFitter fitter, ModelFit fit) {
        MmmData d = fitter.data();
        List<ResponseCurve> out = new ArrayList<>();
        for (int c = 0; c < d.mediaCount(); c++) {
            out.add(new ResponseCurve(d.media().get(c), fit.mediaCoef()[c], Adstock.total(fit.adstockWeights()[c]),
                    fitter.transform().saturation(), fitter.transform().saturationParams(fit.theta(), c), fit.saturationScale()[c]));
        }
        return out;
    }

    /**
     * The statistics with intervals, in this order: per media variable its share; per media
     * variable its ROAS and marginal ROAS (NaN for organic); the transform parameters; the media
     * coefficients.
     */
    static double[] statistics(MmmFitter fitter, ModelFit fit, double[] y) {
        MmmData d = fitter.data();
        int k = d.mediaCount();
        int dim = fitter.dimension();
        double[] out = new double[3 * k + dim + k];
        double total = 0;
        for (double v : y) {
            total += v;
        }
        List<ResponseCurve> curves = curves(fitter, fit);
        for (int c = 0; c < k; c++) {
            double contribution = sum(fit.contribution(c));
            double spend = sum(d.spend()[c]);
            out[c] = contribution / total;
            out[k + c] = d.paid()[c] ? contribution / spend : Double.NaN;
            out[2 * k + c] = d.paid()[c] ? curves.get(c).marginal(spend / d.weeks()) : Double.NaN;
        }
        System.arraycopy(fit.theta(), 0, out, 3 * k, dim);
        System.arraycopy(fit.mediaCoef(), 0, out, 3 * k + dim, k);
        return out;
    }

    static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    /**
     * Splits the weekly budget across the paid channels.
     *
     * @return {@code details.allocation}
     */
    static Map<String, Object> allocate(MMMSpec spec, MmmData d, List<ResponseCurve> curves) {
        List<ResponseCurve> paid = new ArrayList<>();
        List<Double> current = new ArrayList<>();
        for (int c = 0; c < d.mediaCount(); c++) {
            if (d.paid()[c]) {
                paid.add(curves.get(c));
                current.add(sum(d.spend()[c]) / d.weeks());
            }
        }
        int k = paid.size();
        double currentTotal = current.stream().mapToDouble(Double::doubleValue).sum();
        double budget = spec.budget() != null ? spec.budget() : currentTotal;
        double[] lo = new double[k];
        double[] hi = new double[k];
        double[] scaled = new double[k];
        double sumLo = 0;
        double sumHi = 0;
        for (int c = 0; c < k; c++) {
            double[] b = spec.boundsOf(paid.get(c).channel());
            lo[c] = b[0] * current.get(c);
            hi[c] = b[1] * current.get(c);
            sumLo += lo[c];
            sumHi += hi[c];
            scaled[c] = current.get(c) * budget / currentTotal;
        }
        budgetBounds(spec, d);
        BudgetAllocator.Split best = BudgetAllocator.allocate(paid, budget, lo, hi);
        double currentResponse = BudgetAllocator.total(paid, scaled);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("budget", budget);
        out.put("current_weekly_spend", currentTotal);
        Map<String, Object> channels = new LinkedHashMap<>();
        for (int c = 0; c < k; c++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("current_spend", current.get(c));
            row.put("current_split_spend", scaled[c]);
            row.put("recommended_spend", best.spend()[c]);
            row.put("lower_bound", lo[c]);
            row.put("upper_bound", hi[c]);
            row.put("current_split_response", paid.get(c).response(scaled[c]));
            row.put("recommended_response", paid.get(c).response(best.spend()[c]));
            row.put("marginal_roas_at_recommended", paid.get(c).marginal(best.spend()[c]));
            channels.put(paid.get(c).channel(), row);
        }
        out.put("channels", channels);
        out.put("current_split_response", currentResponse);
        out.put("expected_response", best.response());
        out.put("gain", best.response() - currentResponse);
        out.put("gain_relative", currentResponse == 0 ? Double.NaN : (best.response() - currentResponse) / currentResponse);
        out.put("method", "dynamic programme over " + BudgetAllocator.STEPS + " budget increments, then pairwise polishing; "
                + "steady-state weekly response of the fitted curves; current split = current mean weekly spend shares scaled to the budget");
        return out;
    }

    /**
     * @return the budget
     * @throws UserInputException when the budget is outside the sums of the channels' bounds
     */
    static double budgetBounds(MMMSpec spec, MmmData d) {
        double currentTotal = 0;
        double sumLo = 0;
        double sumHi = 0;
        for (int c = 0; c < d.mediaCount(); c++) {
            if (d.paid()[c]) {
                double mean = sum(d.spend()[c]) / d.weeks();
                double[] b = spec.boundsOf(d.media().get(c));
                currentTotal += mean;
                sumLo += b[0] * mean;
                sumHi += b[1] * mean;
            }
        }
        double budget = spec.budget() != null ? spec.budget() : currentTotal;
        if (budget < sumLo * (1 - 1e-12) || budget > sumHi * (1 + 1e-12)) {
            throw new UserInputException(String.format(java.util.Locale.ROOT,
                    "budget %.6g is outside what the bounds allow (%.6g to %.6g a week at the current mean spend); change --budget or widen --bounds",
                    budget, sumLo, sumHi));
        }
        return budget;
    }

    static Interval percentile(double[][] boot, int j, double alpha) {
        if (boot.length == 0) {
            return null;
        }
        double[] v = new double[boot.length];
        for (int b = 0; b < boot.length; b++) {
            v[b] = boot[b][j];
        }
        double lo = ResidualBootstrap.quantile(v, alpha / 2);
        double hi = ResidualBootstrap.quantile(v, 1 - alpha / 2);
        return Interval.confidence(lo, hi, 1 - alpha);
    }

    static Double sd(double[][] boot, int j) {
        if (boot.length < 2) {
            return null;
        }
        double m = 0;
        for (double[] r : boot) {
            m += r[j] / boot.length;
        }
        double ss = 0;
        for (double[] r : boot) {
            ss += (r[j] - m) * (r[j] - m);
        }
        return Math.sqrt(ss / (boot.length - 1));
    }

    static Estimate.Builder estimate(String label, MmmMethod m, String estimand, double value, double[][] boot, int j, double alpha) {
        Estimate.Builder b = Estimate.builder(label, m.id()).estimand(estimand).estimate(value);
        if (boot.length > 0) {
            b.standardError(sd(boot, j)).interval(percentile(boot, j, alpha));
        }
        return b;
    }

    static Chart responseChart(MmmData d, List<ResponseCurve> curves, String outcome) {
        List<Series> series = new ArrayList<>();
        for (int c = 0; c < d.mediaCount(); c++) {
            if (!d.paid()[c]) {
                continue;
            }
            double max = 0;
            for (double v : d.spend()[c]) {
                max = Math.max(max, v);
            }
            int points = 41;
            double[] x = new double[points];
            double[] y = new double[points];
            for (int i = 0; i < points; i++) {
                x[i] = max * i / (points - 1);
                y[i] = curves.get(c).response(x[i]);
            }
            series.add(Series.of(d.media().get(c), x, y));
        }
        return new Chart("response_curves", "line", "Steady-state response curves", "weekly spend", "weekly " + outcome, null, series, null);
    }
}
