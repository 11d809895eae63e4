package io.cerebro.core.causal.quasi.synth;

import io.cerebro.core.stats.Matrices;
import io.cerebro.core.causal.quasi.did.Panel;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Chart;
import io.cerebro.core.result.Diagnostic;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.result.Series;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.SynthDesign;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Synthetic control for one treated unit ({@code causal.synth}), after Abadie, Diamond and
 * Hainmueller (2010).
 *
 * <p>Donor weights are non-negative and sum to one. Without predictors they minimise the squared
 * pre-period outcome gaps. With predictors (averages over the pre-period, plus chosen outcome lags)
 * each predictor is scaled by its standard deviation across units and the weights minimise
 * {@code (X1 - X0 w)' V (X1 - X0 w)} for a diagonal V: equal, or data-driven, chosen by Nelder-Mead
 * over the simplex of V (from equal and regression-based starts, as the Synth package does) to
 * minimise the pre-period outcome MSPE. Each inner problem is a quadratic program solved exactly
 * by {@link SimplexQuadraticProgram}.
 *
 * <p>Inference is by placebos: the same fit with every donor as the treated unit (placebo in space;
 * the p-value is the rank of the treated unit's post/pre RMSPE ratio), and a fake treatment start
 * halfway through the pre-period (placebo in time). The augmented estimator (Ben-Michael, Feller and
 * Rothstein 2021) adds a ridge regression correction of the remaining pre-period imbalance, its
 * penalty chosen by generalised cross-validation across donors; its placebo p-value is that of the
 * unaugmented fit. The in-time placebo always uses outcome-only weights so that no predictor
 * averages reach past the fake start.
 */
public final class SyntheticControl {
    static final String METHOD = "causal.synth";

    private SyntheticControl() {
    }

    /** The data of one synthetic-control problem: outcomes per unit and period, and predictors per unit. */
    record Problem(String[] units, double[] times, double[][] y, int treated, int[] donors, int preEnd,
                   double[][] predictors, String vMode) {
    }

    /** One fitted synthetic control. */
    record Fit(double[] weights, double[] v, double[] synthetic, double[] gaps, double preRmspe, double postRmspe) {
        double ratio() {
            return postRmspe / preRmspe;
        }
    }

    /** Runs the design described by {@code spec.synth()}. */
    public static AnalysisResult run(CausalSpec spec, Dataset data) {
        SynthDesign sd = spec.synth();
        if (sd == null || sd.unit() == null || sd.time() == null || sd.treatedUnit() == null || sd.treatmentStart() == null) {
            throw new UserInputException("method synth needs --unit, --time, --treated-unit and --treatment-start");
        }
        String vMode = sd.vMatrix() == null ? (sd.predictors().isEmpty() && sd.outcomeLags().isEmpty() ? "none" : "data")
                : sd.vMatrix().toLowerCase(java.util.Locale.ROOT);
        if (!List.of("none", "equal", "data").contains(vMode)) {
            throw new UserInputException("synth.v_matrix must be equal or data, got '" + sd.vMatrix() + "'");
        }
        Panel panel = Panel.of(data, sd.unit(), sd.time(), false);
        double[] yRaw = data.doubles(spec.outcome());
        int nu = panel.units();
        int nt = panel.periods();
        double[][] y = panel.byUnitAndPeriod(yRaw);
        int treated = panel.treatedUnitIndex(sd.treatedUnit(), sd.unit());
        int preEnd = 0;
        while (preEnd < nt && panel.times()[preEnd] < sd.treatmentStart()) {
            preEnd++;
        }
        if (preEnd < 2) {
            throw new UserInputException("treated unit " + sd.treatedUnit() + " has " + (preEnd == 0 ? "no" : "only one")
                    + " period before the treatment start " + Panel.fmt(sd.treatmentStart()) + "; synthetic control needs a"
                    + " pre-period to fit the weights: use an earlier --treatment-start or more history");
        }
        if (preEnd == nt) {
            throw new UserInputException("no period at or after the treatment start " + Panel.fmt(sd.treatmentStart())
                    + ": the data end in " + Panel.fmt(panel.times()[nt - 1]) + "; use a --treatment-start within the data");
        }
        List<String> missingTreated = missingYears(y[treated], panel.times());
        if (!missingTreated.isEmpty()) {
            throw new UserInputException("treated unit " + sd.treatedUnit() + " has no " + spec.outcome() + " in "
                    + String.join(", ", missingTreated) + "; fill those periods");
        }
        int[] donors = donors(sd, panel, treated);
        List<String> bad = new ArrayList<>();
        for (int d : donors) {
            List<String> miss = missingYears(y[d], panel.times());
            if (!miss.isEmpty() && bad.size() < 5) {
                bad.add(panel.unitLabels()[d] + " (" + String.join(", ", miss.subList(0, Math.min(3, miss.size())))
                        + (miss.size() > 3 ? ", ..." : "") + ")");
            }
        }
        if (!bad.isEmpty()) {
            throw new UserInputException("the donor pool has missing years of " + spec.outcome() + ": " + String.join("; ", bad)
                    + "; fill them or leave those units out with --donors");
        }
        double[][] predictors = predictors(spec, sd, data, panel, y, preEnd);
        Problem prob = new Problem(panel.unitLabels(), panel.times(), y, treated, donors, preEnd,
                predictors, predictors == null ? "none" : vMode);
        Fit fit = fit(prob);
        double[] augGaps = null;
        double lambda = Double.NaN;
        if (sd.augmented()) {
            AugmentedSynth.Correction corr = AugmentedSynth.correct(y, treated, donors, preEnd, fit.weights());
            augGaps = corr.gaps();
            lambda = corr.lambda();
        }
        return report(spec, data, sd, prob, fit, augGaps, lambda);
    }

    private static int[] donors(SynthDesign sd, Panel panel, int treated) {
        if (sd.donors() == null || sd.donors().isEmpty()) {
            int[] d = new int[panel.units() - 1];
            int k = 0;
            for (int u = 0; u < panel.units(); u++) {
                if (u != treated) {
                    d[k++] = u;
                }
            }
            if (d.length < 2) {
                throw new UserInputException("synthetic control needs at least two donors, got " + d.length + ": the panel has "
                        + panel.units() + (panel.units() == 1 ? " unit" : " units") + " including the treated unit "
                        + sd.treatedUnit() + "; add donor units to the data");
            }
            return d;
        }
        Map<String, Integer> idx = new LinkedHashMap<>();
        for (int u = 0; u < panel.units(); u++) {
            idx.put(panel.unitLabels()[u], u);
        }
        int[] d = new int[sd.donors().size()];
        for (int k = 0; k < d.length; k++) {
            Integer u = idx.get(sd.donors().get(k));
            if (u == null) {
                throw new UserInputException("donor '" + sd.donors().get(k) + "' is not in column '" + sd.unit() + "'");
            }
            if (u == treated) {
                throw new UserInputException("the treated unit " + sd.treatedUnit() + " cannot also be a donor");
            }
            d[k] = u;
        }
        if (d.length < 2) {
            throw new UserInputException("synthetic control needs at least two donors, got " + d.length);
        }
        return d;
    }

    private static List<String> missingYears(double[] row, double[] times) {
        List<String> out = new ArrayList<>();
        for (int t = 0; t < row.length; t++) {
            if (Double.isNaN(row[t])) {
                out.add(Panel.fmt(times[t]));
            }
        }
        return out;
    }

    /** Pre-period predictor averages and outcome lags per unit, or null for outcome-only weights. */
    private static double[][] predictors(CausalSpec spec, SynthDesign sd, Dataset data, Panel panel, double[][] y, int preEnd) {
        if (sd.predictors().isEmpty() && sd.outcomeLags().isEmpty()) {
            return null;
        }
        int nu = panel.units();
        int k = sd.predictors().size() + sd.outcomeLags().size();
        double[][] x = new double[nu][k];
        double from = sd.predictorFrom() == null ? Double.NEGATIVE_INFINITY : sd.predictorFrom();
        for (int j = 0; j < sd.predictors().size(); j++) {
            String col = sd.predictors().get(j);
            double[] v = data.doubles(col);
            double[] sum = new double[nu];
            int[] cnt = new int[nu];
            for (int i = 0; i < panel.rows(); i++) {
                int t = panel.period()[i];
                if (t < preEnd && panel.times()[t] >= from && !Double.isNaN(v[i])) {
                    sum[panel.unit()[i]] += v[i];
                    cnt[panel.unit()[i]]++;
                }
            }
            for (int u = 0; u < nu; u++) {
                if (cnt[u] == 0) {
                    throw new UserInputException("predictor '" + col + "' has no value for " + panel.unitLabels()[u]
                            + " in the pre-period; choose another predictor or --predictor-from");
                }
                x[u][j] = sum[u] / cnt[u];
            }
        }
        for (int l = 0; l < sd.outcomeLags().size(); l++) {
            double lag = sd.outcomeLags().get(l);
            int t = panel.periodIndex(lag);
            if (t < 0 || t >= preEnd) {
                throw new UserInputException("outcome lag " + Panel.fmt(lag) + " is not a pre-treatment period");
            }
            for (int u = 0; u < nu; u++) {
                x[u][sd.predictors().size() + l] = y[u][t];
            }
        }
        return x;
    }

    /** Fits the weights (and V) of one problem and computes the gaps. */
    static Fit fit(Problem p) {
        int nd = p.donors().length;
        double[] w;
        double[] v = null;
        if (p.predictors() == null) {
            double[][] x0 = new double[p.preEnd()][nd];
            double[] x1 = new double[p.preEnd()];
            for (int t = 0; t < p.preEnd(); t++) {
                x1[t] = p.y()[p.treated()][t];
                for (int j = 0; j < nd; j++) {
                    x0[t][j] = p.y()[p.donors()[j]][t];
                }
            }
            w = weights(x0, x1, null);
        } else {
            double[][] scaled = scaledPredictors(p);
            int k = scaled[0].length;
            double[][] x0 = new double[k][nd];
            double[] x1 = new double[k];
            for (int m = 0; m < k; m++) {
                x1[m] = scaled[p.treated()][m];
                for (int j = 0; j < nd; j++) {
                    x0[m][j] = scaled[p.donors()[j]][m];
                }
            }
            if (p.vMode().equals("equal")) {
                v = new double[k];
                java.util.Arrays.fill(v, 1.0 / k);
            } else {
                v = optimiseV(p, x0, x1);
            }
            w = weights(x0, x1, v);
        }
        return gaps(p, w, v);
    }

    private static Fit gaps(Problem p, double[] w, double[] v) {
        int nt = p.times().length;
        double[] synth = new double[nt];
        double[] gaps = new double[nt];
        double pre = 0;
        double post = 0;
        for (int t = 0; t < nt; t++) {
            for (int j = 0; j < w.length; j++) {
                synth[t] += w[j] * p.y()[p.donors()[j]][t];
            }
            gaps[t] = p.y()[p.treated()][t] - synth[t];
            if (t < p.preEnd()) {
                pre += gaps[t] * gaps[t];
            } else {
                post += gaps[t] * gaps[t];
            }
        }
        return new Fit(w, v, synth, gaps, Math.sqrt(pre / p.preEnd()), Math.sqrt(post / (nt - p.preEnd())));
    }

    /** Weights minimising sum_m v_m (x1_m - x0_m . w)^2 on the simplex (v null: equal unit weights). */
    static double[] weights(double[][] x0, double[] x1, double[] v) {
        int k = x1.length;
        int nd = x0[0].length;
        double[][] h = new double[nd][nd];
        double[] f = new double[nd];
        for (int m = 0; m < k; m++) {
            double vm = v == null ? 1 : v[m];
            if (vm == 0) {
                continue;
            }
            for (int a = 0; a < nd; a++) {
                double xa = vm * x0[m][a];
                f[a] += xa * x1[m];
                for (int b = 0; b < nd; b++) {
                    h[a][b] += xa * x0[m][b];
                }
            }
        }
        return SimplexQuadraticProgram.solve(h, f).weights();
    }

    /** Predictors divided by their standard deviation across all units of the problem (as Synth does). */
    private static double[][] scaledPredictors(Problem p) {
        int k = p.predictors()[0].length;
        int[] all = new int[p.donors().length + 1];
        all[0] = p.treated();
        System.arraycopy(p.donors(), 0, all, 1, p.donors().length);
        double[][] out = new double[p.predictors().length][k];
        for (int m = 0; m < k; m++) {
            double mean = 0;
            for (int u : all) {
                mean += p.predictors()[u][m] / all.length;
            }
            double ss = 0;
            for (int u : all) {
                ss += Math.pow(p.predictors()[u][m] - mean, 2);
            }
            double sd = Math.sqrt(ss / (all.length - 1));
            if (sd == 0) {
                sd = 1;
            }
            for (int u : all) {
                out[u][m] = p.predictors()[u][m] / sd;
            }
        }
        return out;
    }

    /** Pre-period outcome MSPE of the weights implied by V. */
    private static double outcomeLoss(Problem p, double[] w) {
        double loss = 0;
        for (int t = 0; t < p.preEnd(); t++) {
            double s = 0;
            for (int j = 0; j < w.length; j++) {
                s += w[j] * p.y()[p.donors()[j]][t];
            }
            double g = p.y()[p.treated()][t] - s;
            loss += g * g;
        }
        return loss / p.preEnd();
    }

    private static double[] softmax(double[] theta) {
        double max = Double.NEGATIVE_INFINITY;
        for (double t : theta) {
            max = Math.max(max, t);
        }
        double[] v = new double[theta.length];
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.exp(theta[i] - max);
            sum += v[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= sum;
        }
        return v;
    }

    /** Data-driven V: Nelder-Mead over log-weights from an equal and a regression-based start. */
    private static double[] optimiseV(Problem p, double[][] x0, double[] x1) {
        int k = x1.length;
        if (k == 1) {
            return new double[]{1};
        }
        List<double[]> starts = new ArrayList<>();
        starts.add(new double[k]);
        double[] reg = regressionV(p, x0, x1);
        if (reg != null) {
            double[] th = new double[k];
            for (int m = 0; m < k; m++) {
                th[m] = Math.log(Math.max(reg[m], 1e-8));
            }
            starts.add(th);
        }
        double bestLoss = Double.POSITIVE_INFINITY;
        double[] bestV = null;
        for (double[] start : starts) {
            SimplexOptimizer opt = new SimplexOptimizer(1e-12, 1e-14);
            ObjectiveFunction obj = new ObjectiveFunction(theta -> outcomeLoss(p, weights(x0, x1, softmax(theta))));
            double[] theta;
            try {
                theta = opt.optimize(new MaxEval(4000), obj, GoalType.MINIMIZE, new InitialGuess(start),
                        new NelderMeadSimplex(k, 1.0)).getPoint();
            } catch (org.hipparchus.exception.MathIllegalStateException e) {
                theta = start;
            }
            double[] v = softmax(theta);
            double loss = outcomeLoss(p, weights(x0, x1, v));
            if (loss < bestLoss) {
                bestLoss = loss;
                bestV = v;
            }
        }
        return bestV;
    }

    /** Synth's regression-based starting V: squared coefficients of the pre-period outcomes on the predictors. */
    private static double[] regressionV(Problem p, double[][] x0, double[] x1) {
        int k = x1.length;
        int nd = x0[0].length;
        int n = nd + 1;
        if (n <= k + 1) {
            return null;
        }
        double[][] xs = new double[n][k + 1];
        for (int u = 0; u < n; u++) {
            xs[u][0] = 1;
            for (int m = 0; m < k; m++) {
                xs[u][m + 1] = u == 0 ? x1[m] : x0[m][u - 1];
            }
        }
        double[] sv = new double[k];
        try {
            double[][] xtxInv = Matrices.inverse(Matrices.crossprod(xs, xs, null));
            for (int t = 0; t < p.preEnd(); t++) {
                double[] z = new double[n];
                z[0] = p.y()[p.treated()][t];
                for (int u = 1; u < n; u++) {
                    z[u] = p.y()[p.donors()[u - 1]][t];
                }
                double[] xtz = new double[k + 1];
                for (int u = 0; u < n; u++) {
                    for (int m = 0; m <= k; m++) {
                        xtz[m] += xs[u][m] * z[u];
                    }
                }
                double[] beta = Matrices.multiply(xtxInv, xtz);
                for (int m = 0; m < k; m++) {
                    sv[m] += beta[m + 1] * beta[m + 1];
                }
            }
        } catch (RuntimeException e) {
            return null;
        }
        double sum = 0;
        for (double s : sv) {
            sum += s;
        }
        if (!(sum > 0)) {
            return null;
        }
        for (int m = 0; m < k; m++) {
            sv[m] /= sum;
        }
        return sv;
    }

    private static AnalysisResult report(CausalSpec spec, Dataset data, SynthDesign sd, Problem prob, Fit fit,
                                         double[] augGaps, double lambda) {
        int nt = prob.times().length;
        int post = nt - prob.preEnd();
        double[] gaps = augGaps != null ? augGaps : fit.gaps();
        double att = 0;
        for (int t = prob.preEnd(); t < nt; t++) {
            att += gaps[t] / post;
        }
        // placebo in space: every donor in turn as the treated unit, the real treated unit left out
        List<double[]> placeboGaps = new ArrayList<>();
        List<String> placeboNames = new ArrayList<>();
        int larger = 0;
        for (int d : prob.donors()) {
            int[] others = java.util.Arrays.stream(prob.donors()).filter(u -> u != d).toArray();
            Problem pp = new Problem(prob.units(), prob.times(), prob.y(), d, others, prob.preEnd(), prob.predictors(), prob.vMode());
            Fit pf = fit(pp);
            placeboGaps.add(pf.gaps());
            placeboNames.add(prob.units()[d]);
            if (pf.ratio() >= fit.ratio()) {
                larger++;
            }
        }
        double pPlacebo = (larger + 1.0) / (prob.donors().length + 1.0);
        String what = "average gap in " + spec.outcome() + " between " + sd.treatedUnit() + " and its synthetic control over "
                + Panel.fmt(prob.times()[prob.preEnd()]) + (prob.preEnd() == nt - 1 ? "" : "-" + Panel.fmt(prob.times()[nt - 1]));
        AnalysisResult.Builder r = AnalysisResult.builder("causal", METHOD).estimand(what);
        r.estimate(Estimate.builder(sd.treatedUnit(), METHOD).estimand(what + (augGaps != null ? " (augmented, ridge)" : ""))
                .estimate(att).pValue(pPlacebo)
                .extra("pre_rmspe", fit.preRmspe()).extra("post_rmspe", fit.postRmspe())
                .extra("rmspe_ratio", fit.ratio()).build());
        if (augGaps != null) {
            double plain = 0;
            for (int t = prob.preEnd(); t < nt; t++) {
                plain += fit.gaps()[t] / post;
            }
            r.estimate(Estimate.builder(sd.treatedUnit() + " (unaugmented)", METHOD).estimand(what).estimate(plain).build());
            r.detail("ridge_lambda", lambda);
        }
        Map<String, Double> weights = new TreeMap<>();
        for (int j = 0; j < fit.weights().length; j++) {
            if (fit.weights()[j] > 1e-6) {
                weights.put(prob.units()[prob.donors()[j]], fit.weights()[j]);
            }
        }
        r.detail("weights", sortByValue(weights));
        if (fit.v() != null) {
            Map<String, Double> vm = new LinkedHashMap<>();
            List<String> names = new ArrayList<>(sd.predictors());
            sd.outcomeLags().forEach(l -> names.add(spec.outcome() + "(" + Panel.fmt(l) + ")"));
            for (int m = 0; m < fit.v().length; m++) {
                vm.put(names.get(m), fit.v()[m]);
            }
            r.detail("v_matrix", vm);
        }
        Map<String, Double> gapMap = new LinkedHashMap<>();
        for (int t = 0; t < nt; t++) {
            gapMap.put(Panel.fmt(prob.times()[t]), gaps[t]);
        }
        r.detail("gaps", gapMap);
        r.detail("pre_rmspe", fit.preRmspe());
        r.detail("post_rmspe", fit.postRmspe());
        r.sampleSize("donors", prob.donors().length).sampleSize("pre_periods", prob.preEnd()).sampleSize("post_periods", post);
        r.diagnostic(new Diagnostic("placebo_in_space", pPlacebo <= spec.alpha() ? Diagnostic.Status.PASS : Diagnostic.Status.WARN,
                String.format(java.util.Locale.ROOT, "%s's post/pre RMSPE ratio ranks %d of %d units (p = %.3f; with %d donors"
                                + " the smallest possible p is 1/%d = %.3f)", sd.treatedUnit(), larger + 1, prob.donors().length + 1,
                        pPlacebo, prob.donors().length, prob.donors().length + 1, 1.0 / (prob.donors().length + 1)),
                Map.of("p_value", pPlacebo, "rmspe_ratio", fit.ratio())));
        inTimePlacebo(r, prob);
        r.chart(pathChart(spec, sd, prob, fit, augGaps));
        r.chart(placeboChart(spec, sd, prob, gaps, placeboGaps, placeboNames));
        return r.provenance(spec, data, SyntheticControl.class, spec.seed()).build();
    }

    private static Map<String, Double> sortByValue(Map<String, Double> m) {
        Map<String, Double> out = new LinkedHashMap<>();
        m.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Pretends treatment began halfway through the pre-period; a large fake effect undermines the design. */
    private static void inTimePlacebo(AnalysisResult.Builder r, Problem prob) {
        int fakeEnd = prob.preEnd() / 2;
        if (fakeEnd < 2) {
            r.diagnostic(new Diagnostic("placebo_in_time", Diagnostic.Status.WARN, "pre-period too short for an in-time placebo", Map.of()));
            return;
        }
        double[][] truncated = new double[prob.y().length][];
        for (int u = 0; u < truncated.length; u++) {
            truncated[u] = java.util.Arrays.copyOf(prob.y()[u], prob.preEnd());
        }
        double[] times = java.util.Arrays.copyOf(prob.times(), prob.preEnd());
        // outcome-only weights: predictors averaged over the real pre-period would leak the fake post-period
        Problem pp = new Problem(prob.units(), times, truncated, prob.treated(), prob.donors(), fakeEnd, null, "none");
        Fit f = fit(pp);
        double mean = 0;
        for (int t = fakeEnd; t < prob.preEnd(); t++) {
            mean += f.gaps()[t] / (prob.preEnd() - fakeEnd);
        }
        r.diagnostic(new Diagnostic("placebo_in_time", f.ratio() > 2 ? Diagnostic.Status.WARN : Diagnostic.Status.PASS,
                String.format(java.util.Locale.ROOT, "fake start %s: mean gap %.3f before the real start, RMSPE ratio %.2f",
                        Panel.fmt(prob.times()[fakeEnd]), mean, f.ratio()),
                Map.of("fake_start", prob.times()[fakeEnd], "mean_gap", mean, "rmspe_ratio", f.ratio())));
    }

    private static Chart pathChart(CausalSpec spec, SynthDesign sd, Problem prob, Fit fit, double[] augGaps) {
        double[] treated = prob.y()[prob.treated()].clone();
        List<Series> s = new ArrayList<>();
        s.add(Series.of(sd.treatedUnit(), prob.times(), treated));
        s.add(Series.of("synthetic " + sd.treatedUnit(), prob.times(), fit.synthetic()));
        if (augGaps != null) {
            double[] aug = new double[treated.length];
            for (int t = 0; t < aug.length; t++) {
                aug[t] = treated[t] - augGaps[t];
            }
            s.add(Series.of("augmented synthetic " + sd.treatedUnit(), prob.times(), aug));
        }
        return new Chart("synth_paths", "line", sd.treatedUnit() + " and its synthetic control", sd.time(), spec.outcome(),
                null, s, null, List.of(sd.treatmentStart()));
    }

    private static Chart placeboChart(CausalSpec spec, SynthDesign sd, Problem prob, double[] gaps, List<double[]> placebo,
                                      List<String> names) {
        List<Series> s = new ArrayList<>();
        s.add(Series.of(sd.treatedUnit(), prob.times(), gaps));
        // as in Abadie, Diamond and Hainmueller (2010), placebos the donors cannot reproduce before the
        // start (pre-period RMSPE over five times the treated unit's) would only stretch the scale
        double limit = PLACEBO_CHART_RMSPE_FACTOR * preRmspe(prob.times(), gaps, sd.treatmentStart());
        int left = 0;
        for (int i = 0; i < placebo.size(); i++) {
            if (preRmspe(prob.times(), placebo.get(i), sd.treatmentStart()) <= limit) {
                s.add(Series.of(names.get(i), prob.times(), placebo.get(i)));
            } else {
                left++;
            }
        }
        String title = "Gaps: " + sd.treatedUnit() + " and placebo units" + (left == 0 ? ""
                : " (" + left + " with a pre-period RMSPE over " + (int) PLACEBO_CHART_RMSPE_FACTOR + "x " + sd.treatedUnit() + "'s not drawn)");
        return new Chart("synth_placebo_gaps", "line", title, sd.time(), "gap in " + spec.outcome(), null, s, 0.0,
                List.of(sd.treatmentStart()));
    }

    /** Placebos whose pre-period fit is this many times worse than the treated unit's are left off the gap chart. */
    private static final double PLACEBO_CHART_RMSPE_FACTOR = 5;

    private static double preRmspe(double[] times, double[] gaps, double start) {
        double sum = 0;
        int n = 0;
        for (int t = 0; t < times.length; t++) {
            if (times[t] < start) {
                sum += gaps[t] * gaps[t];
                n++;
            }
        }
        return n == 0 ? 0 : Math.sqrt(sum / n);
    }
}
