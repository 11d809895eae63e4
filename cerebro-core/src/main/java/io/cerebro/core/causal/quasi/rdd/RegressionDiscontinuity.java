package io.cerebro.core.causal.quasi.rdd;

import io.cerebro.core.causal.quasi.QuasiSupport;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Chart;
import io.cerebro.core.result.Diagnostic;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.result.Interval;
import io.cerebro.core.result.Series;
import io.cerebro.core.result.Statistic;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.RddDesign;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Regression discontinuity ({@code causal.rdd}), sharp or fuzzy, in the manner of {@code rdrobust}:
 * local linear (or quadratic) fits on each side of the cutoff with a triangular, Epanechnikov or
 * uniform kernel, the MSE-optimal common bandwidth {@code mserd} unless one is given, and three
 * inferences: conventional, bias-corrected, and robust bias-corrected (the headline: the
 * conventional point estimate with the robust interval and p-value, as Calonico, Cattaneo and
 * Titiunik recommend). Covariates from {@code confounders} adjust the estimate; they are also
 * tested for balance at the cutoff. Diagnostics: McCrary's density test, covariate balance, and
 * placebo cutoffs at the median of each side.
 *
 * <p>A discrete running variable (age in years, test scores) has mass points: when at least 10% of
 * the rows on a side repeat a value, bandwidth selection is adjusted as rdrobust's
 * {@code masspoints = "adjust"} does (the pilot bandwidth uses the number of distinct values, and
 * the pilot bandwidths hold at least ten distinct values per side), and a {@code mass_points}
 * diagnostic reports it. McCrary's histogram density test is then skipped (its bins are narrower
 * than the spacing of the values, so it would false-alarm); the {@code density_test} check instead
 * reports the counts at the value just below the cutoff and at the cutoff, to compare by eye. Too
 * few distinct values near the cutoff to fit is a one-line user error.
 */
public final class RegressionDiscontinuity {
    static final String METHOD = "causal.rdd";
    static final String FUZZY = io.cerebro.core.causal.CausalCheck.FUZZY_RDD.id();
    /** Fewest observations per side within the bandwidth that a local fit may use. */
    static final int MIN_EFFECTIVE = 5;

    private RegressionDiscontinuity() {
    }

    /** The inputs of one local polynomial RD fit. */
    record Input(double[] x, double[] y, double[] takeUp, double[][] covs, double cutoff, RdRobust.Kernel kernel,
                 RdRobust.Vce vce, int order, Double bandwidth) {
    }

    /** Fits one RD: selects the bandwidth (unless given) and estimates. */
    static RdRobust.Estimate fit(Input in) {
        double c = in.cutoff();
        int n = in.x().length;
        boolean[] left = new boolean[n];
        boolean[] right = new boolean[n];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int nl = 0;
        for (int i = 0; i < n; i++) {
            left[i] = in.x()[i] < c;
            right[i] = !left[i];
            nl += left[i] ? 1 : 0;
            min = Math.min(min, in.x()[i]);
            max = Math.max(max, in.x()[i]);
        }
        if (nl == 0 || nl == n) {
            throw new UserInputException(String.format(java.util.Locale.ROOT, "the cutoff %s lies outside the running variable's"
                    + " range [%s, %s]: one side has no observations; set --cutoff inside the range", fmt(c), fmt(min), fmt(max)));
        }
        int minSide = Math.min(nl, n - nl);
        if (minSide < 3 * (in.order() + 3)) {
            throw new UserInputException("too few observations on one side of the cutoff (" + minSide + "); a local polynomial"
                    + " of order " + in.order() + " needs at least " + 3 * (in.order() + 3) + " per side");
        }
        int dT = in.takeUp() == null ? 0 : 1;
        int dZ = in.covs() == null ? 0 : in.covs().length;
        double[][] cols = new double[1 + dT + dZ][];
        cols[0] = in.y();
        if (dT == 1) {
            cols[1] = in.takeUp();
        }
        for (int j = 0; j < dZ; j++) {
            cols[1 + dT + j] = in.covs()[j];
        }
        Sides<RdSide> sides = Sides.compute(n, () -> RdSide.of(in.x(), cols, left), () -> RdSide.of(in.x(), cols, right));
        RdSide l = sides.left();
        RdSide r = sides.right();
        RdRobust rd = new RdRobust(l, r, c, in.kernel(), in.vce(), dT, dZ);
        double h;
        double b;
        if (in.bandwidth() != null) {
            h = in.bandwidth();
            b = in.bandwidth();
        } else {
            RdRobust.Bandwidths bw = rd.mserd(in.order());
            h = bw.h();
            b = bw.b();
        }
        if (!(h > 0) || Double.isInfinite(h)) {
            throw new UserInputException("the MSE-optimal bandwidth could not be computed (got " + h + "); the outcome may be"
                    + " constant near the cutoff; give --bandwidth");
        }
        double narrow = Math.min(h, b);
        int[] eff = rd.effective(narrow);
        int effL = eff[0];
        int effR = eff[1];
        if (Math.min(effL, effR) < Math.max(MIN_EFFECTIVE, in.order() + 3)) {
            throw new UserInputException("too few observations within the bandwidth " + fmt(narrow) + " (" + effL + " left, "
                    + effR + " right of the cutoff); widen --bandwidth or collect more data near the cutoff");
        }
        if (h != b) {
            rd.requireDistinct(h, in.order() + 1, "the bandwidth h", in.order());
        }
        rd.requireDistinct(b, in.order() + 2, in.bandwidth() == null ? "the bias bandwidth b" : "the bandwidth", in.order());
        return rd.estimate(h, b, in.order());
    }

    /**
     * A sharp local linear RD fit in the manner of {@code rdrobust(y, x, c)} with its defaults
     * (triangular kernel, {@code mserd} bandwidth, nearest-neighbour variance), for callers that hold
     * the data as arrays (benchmarks, other engines).
     *
     * @return h, b, the conventional and bias-corrected estimates and their standard errors
     */
    public static SharpFit sharp(double[] x, double[] y, double cutoff) {
        return sharp(x, y, cutoff, "nn");
    }

    /** As {@link #sharp(double[], double[], double)} with the variance estimator {@code nn}, {@code hc0} or {@code hc1}. */
    public static SharpFit sharp(double[] x, double[] y, double cutoff, String vce) {
        RdRobust.Estimate e = fit(new Input(x, y, null, null, cutoff, RdRobust.Kernel.TRIANGULAR, RdRobust.Vce.parse(vce), 1, null));
        return new SharpFit(e.h(), e.b(), e.tauConventional(), e.seConventional(), e.tauBiasCorrected(), e.seRobust());
    }

    /**
     * The numbers of a sharp RD fit.
     *
     * @param h              main bandwidth
     * @param b              bias bandwidth
     * @param estimate       conventional local linear estimate
     * @param se             its conventional standard error
     * @param biasCorrected  bias-corrected estimate
     * @param robustSe       robust standard error of the bias-corrected estimate
     */
    public record SharpFit(double h, double b, double estimate, double se, double biasCorrected, double robustSe) {
    }

    /** Runs the design described by {@code spec.rdd()}. */
    public static AnalysisResult run(CausalSpec spec, Dataset data) {
        RddDesign d = spec.rdd();
        if (d == null || d.running() == null) {
            throw new UserInputException("method rdd needs the running variable; give --running and --cutoff");
        }
        if (d.order() < 1 || d.order() > 2) {
            throw new UserInputException("rdd.order must be 1 (local linear) or 2 (local quadratic), got " + d.order());
        }
        if (d.bandwidth() != null && !(d.bandwidth() > 0)) {
            throw new UserInputException("rdd.bandwidth must be positive, got " + d.bandwidth());
        }
        RdRobust.Kernel kernel = RdRobust.Kernel.parse(d.kernel());
        RdRobust.Vce vce = RdRobust.Vce.parse(d.vce());
        List<String> used = new ArrayList<>(List.of(d.running(), spec.outcome()));
        if (d.fuzzy() != null) {
            used.add(d.fuzzy());
        }
        used.addAll(spec.confounders());
        boolean[] keep = QuasiSupport.completeOrFail(data, used, spec.dropMissing());
        int dropped = QuasiSupport.dropped(keep);
        double[] x = QuasiSupport.subset(data.doubles(d.running()), keep);
        double[] y = QuasiSupport.subset(data.doubles(spec.outcome()), keep);
        double[] t = d.fuzzy() == null ? null : QuasiSupport.subset(data.doubles(d.fuzzy()), keep);
        double[][] covs = null;
        if (!spec.confounders().isEmpty()) {
            covs = new double[spec.confounders().size()][];
            for (int j = 0; j < covs.length; j++) {
                covs[j] = QuasiSupport.subset(data.doubles(spec.confounders().get(j)), keep);
            }
        }
        double c = d.cutoff();
        Input in = new Input(x, y, t, covs, c, kernel, vce, d.order(), d.bandwidth());
        RdRobust.Estimate e = fit(in);
        String method = t == null ? METHOD : FUZZY;
        double alpha = spec.alpha();
        double z = QuasiSupport.z(alpha);
        String what = t == null ? "jump in mean " + spec.outcome() + " at " + d.running() + " = " + fmt(c)
                : "local average effect of " + d.fuzzy() + " on " + spec.outcome() + " for compliers at " + d.running() + " = " + fmt(c)
                + " (jump in outcome / jump in take-up)";
        AnalysisResult.Builder r = AnalysisResult.builder("causal", method).estimand(what);
        double zRb = e.tauBiasCorrected() / e.seRobust();
        r.estimate(Estimate.builder("robust", method).estimand(what + "; conventional estimate, robust bias-corrected interval")
                .estimate(e.tauConventional()).standardError(e.seRobust())
                .interval(Interval.confidence(e.tauBiasCorrected() - z * e.seRobust(), e.tauBiasCorrected() + z * e.seRobust(), 1 - alpha))
                .pValue(QuasiSupport.pNormal(zRb)).statistic(Statistic.of("z", zRb))
                .extra("bias_corrected", e.tauBiasCorrected()).build());
        r.estimate(QuasiSupport.wald("conventional", method, what + "; conventional", e.tauConventional(), e.seConventional(), alpha));
        r.estimate(QuasiSupport.wald("bias-corrected", method, what + "; bias-corrected, conventional standard error",
                e.tauBiasCorrected(), e.seConventional(), alpha));
        if (t != null) {
            r.detail("jump_in_outcome", e.tauOutcome());
            r.detail("jump_in_take_up", e.tauTakeUp());
            if (Math.abs(e.tauTakeUp()) < 0.1) {
                r.warning(String.format(java.util.Locale.ROOT, "the jump in take-up at the cutoff is small (%.3f): the fuzzy"
                        + " estimate is a ratio with a near-zero denominator and is unreliable", e.tauTakeUp()));
            }
        }
        r.sampleSize("left", e.nLeft()).sampleSize("right", e.nRight())
                .sampleSize("effective_left", e.nEffLeft()).sampleSize("effective_right", e.nEffRight())
                .sampleSize("total", e.nLeft() + e.nRight());
        Map<String, Object> bw = new LinkedHashMap<>();
        bw.put("h", e.h());
        bw.put("b", e.b());
        bw.put("selector", d.bandwidth() == null ? "mserd" : "given");
        r.detail("bandwidth", bw);
        r.detail("kernel", kernel.name().toLowerCase(java.util.Locale.ROOT));
        r.detail("order", d.order());
        r.detail("vce", vce.name().toLowerCase(java.util.Locale.ROOT));
        if (dropped > 0) {
            r.warning(dropped + " rows with missing values were dropped");
        }
        RdRobust.MassPoints mp = e.massPoints();
        r.detail("distinct_values", Map.of("left", mp.distinctLeft(), "right", mp.distinctRight()));
        if (mp.detected()) {
            r.diagnostic(massPointsDiagnostic(mp, e, d.bandwidth() == null));
        }
        density(r, x, c, mp.detected());
        balance(r, spec, x, covs, c, kernel, vce, d.order(), alpha);
        placebos(r, x, y, t, c, kernel, vce, d.order(), alpha);
        r.chart(binnedScatter(spec, d, x, y, c, e.h(), kernel, d.order()));
        return r.provenance(spec, data, RegressionDiscontinuity.class, spec.seed()).build();
    }

    /**
     * The mass-point diagnostic: a discrete running variable (ages, test scores) repeats values, so
     * bandwidth selection counts distinct values, as rdrobust's {@code masspoints = "adjust"} does.
     */
    static Diagnostic massPointsDiagnostic(RdRobust.MassPoints mp, RdRobust.Estimate e, boolean selected) {
        String adjusted = selected
                ? "bandwidth selection was adjusted for them (pilot on the number of distinct values, pilot bandwidths holding at least "
                + RdRobust.BW_CHECK + " distinct values per side, as rdrobust's masspoints = adjust)"
                : "the given bandwidth was used as is";
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("distinct_left", (double) mp.distinctLeft());
        v.put("distinct_right", (double) mp.distinctRight());
        v.put("repeated_share_left", 1 - (double) mp.distinctLeft() / e.nLeft());
        v.put("repeated_share_right", 1 - (double) mp.distinctRight() / e.nRight());
        if (selected) {
            v.put("min_pilot_bandwidth", mp.minBandwidth());
        }
        return new Diagnostic("mass_points", Diagnostic.Status.WARN, String.format(java.util.Locale.ROOT, "mass points in the running variable"
                + " (%d distinct values among %d rows left of the cutoff, %d among %d right): %s; the estimate extrapolates"
                + " between the values closest to the cutoff", mp.distinctLeft(), e.nLeft(), mp.distinctRight(), e.nRight(),
                adjusted), v);
    }

    /**
     * McCrary's density test, or, on a discrete running variable (mass points), a passing
     * {@code density_test} that says why the test was skipped: its histogram bins are narrower than
     * the spacing of the values, so empty bins between them read as a density jump. The values
     * report the row counts at the value just below the cutoff and at the first value at or above it.
     */
    static Diagnostic discreteDensity(double[] x, double c) {
        double below = Double.NEGATIVE_INFINITY;
        double at = Double.POSITIVE_INFINITY;
        for (double v : x) {
            if (v < c) {
                below = Math.max(below, v);
            } else {
                at = Math.min(at, v);
            }
        }
        int nBelow = 0;
        int nAt = 0;
        for (double v : x) {
            if (v == below) {
                nBelow++;
            } else if (v == at) {
                nAt++;
            }
        }
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("value_below", below);
        v.put("count_below", (double) nBelow);
        v.put("value_at", at);
        v.put("count_at", (double) nAt);
        return new Diagnostic("density_test", Diagnostic.Status.PASS, String.format(java.util.Locale.ROOT,
                "density test skipped: the running variable is discrete (mass points), so McCrary's histogram test would"
                        + " false-alarm; compare the counts at the value just below the cutoff (%d rows at %s) and at the cutoff"
                        + " (%d rows at %s) instead, a clear excess at the cutoff suggests sorting", nBelow, num(below), nAt, num(at)), v);
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static void density(AnalysisResult.Builder r, double[] x, double c, boolean discrete) {
        if (discrete) {
            r.diagnostic(discreteDensity(x, c));
            return;
        }
        try {
            DensityTest dt = DensityTest.run(x, c);
            boolean bad = dt.pValue() < 0.05;
            r.diagnostic(new Diagnostic("density_test", bad ? Diagnostic.Status.WARN : Diagnostic.Status.PASS,
                    bad ? "the density of the running variable jumps at the cutoff (McCrary): units may sort around it"
                            : "no evidence of manipulation of the running variable (McCrary)",
                    Map.of("log_difference", dt.logDifference(), "se", dt.standardError(), "z", dt.z(), "p_value", dt.pValue(),
                            "bin_width", dt.binWidth(), "bandwidth", dt.bandwidth())));
        } catch (UserInputException | ArithmeticException ex) {
            r.diagnostic(new Diagnostic("density_test", Diagnostic.Status.WARN, "density test not computed: " + ex.getMessage(), Map.of()));
        }
    }

    private static void balance(AnalysisResult.Builder r, CausalSpec spec, double[] x, double[][] covs, double c,
                                RdRobust.Kernel kernel, RdRobust.Vce vce, int order, double alpha) {
        if (covs == null) {
            return;
        }
        for (int j = 0; j < covs.length; j++) {
            String name = spec.confounders().get(j);
            try {
                RdRobust.Estimate e = fit(new Input(x, covs[j], null, null, c, kernel, vce, order, null));
                double p = QuasiSupport.pNormal(e.tauBiasCorrected() / e.seRobust());
                boolean bad = p < alpha;
                r.diagnostic(new Diagnostic("balance_" + name, bad ? Diagnostic.Status.WARN : Diagnostic.Status.PASS,
                        bad ? "covariate " + name + " jumps at the cutoff: the groups differ beyond treatment"
                                : "covariate " + name + " is balanced at the cutoff",
                        Map.of("jump", e.tauConventional(), "robust_p_value", p, "h", e.h())));
            } catch (UserInputException ex) {
                r.diagnostic(new Diagnostic("balance_" + name, Diagnostic.Status.WARN, "balance of " + name + " not computed: " + ex.getMessage(), Map.of()));
            }
        }
    }

    private static void placebos(AnalysisResult.Builder r, double[] x, double[] y, double[] t, double c, RdRobust.Kernel kernel,
                                 RdRobust.Vce vce, int order, double alpha) {
        for (boolean leftSide : new boolean[]{true, false}) {
            int m = 0;
            for (double v : x) {
                m += (v < c) == leftSide ? 1 : 0;
            }
            double[] xs = new double[m];
            double[] ys = new double[m];
            int k = 0;
            for (int i = 0; i < x.length; i++) {
                if ((x[i] < c) == leftSide) {
                    xs[k] = x[i];
                    ys[k++] = y[i];
                }
            }
            double[] sorted = xs.clone();
            java.util.Arrays.sort(sorted);
            double pc = m == 0 ? c : sorted[m / 2];
            String name = "placebo_cutoff_" + (leftSide ? "left" : "right");
            try {
                RdRobust.Estimate e = fit(new Input(xs, ys, null, null, pc, kernel, vce, order, null));
                double p = QuasiSupport.pNormal(e.tauBiasCorrected() / e.seRobust());
                boolean bad = p < alpha;
                r.diagnostic(new Diagnostic(name, bad ? Diagnostic.Status.WARN : Diagnostic.Status.PASS,
                        "placebo cutoff " + fmt(pc) + " (median of the " + (leftSide ? "left" : "right") + " side): "
                                + (bad ? "a jump where none should be" : "no jump"),
                        Map.of("cutoff", pc, "jump", e.tauConventional(), "robust_p_value", p)));
            } catch (UserInputException ex) {
                r.diagnostic(new Diagnostic(name, Diagnostic.Status.WARN, "placebo cutoff not computed: " + ex.getMessage(), Map.of()));
            }
        }
    }

    /** Bin means (20 evenly spaced bins per side) and the local polynomial fits within the bandwidth. */
    private static Chart binnedScatter(CausalSpec spec, RddDesign d, double[] x, double[] y, double c, double h,
                                       RdRobust.Kernel kernel, int order) {
        int bins = 20;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double[] sum = new double[2 * bins];
        double[] cnt = new double[2 * bins];
        double[] xs = new double[2 * bins];
        for (int i = 0; i < x.length; i++) {
            int k;
            if (x[i] < c) {
                k = Math.min(bins - 1, (int) ((x[i] - min) / (c - min) * bins));
            } else {
                k = bins + Math.min(bins - 1, (int) ((x[i] - c) / (max - c + 1e-300) * bins));
            }
            sum[k] += y[i];
            xs[k] += x[i];
            cnt[k]++;
        }
        List<Double> bx = new ArrayList<>();
        List<Double> by = new ArrayList<>();
        for (int k = 0; k < 2 * bins; k++) {
            if (cnt[k] > 0) {
                bx.add(xs[k] / cnt[k]);
                by.add(sum[k] / cnt[k]);
            }
        }
        List<Series> series = new ArrayList<>();
        series.add(Series.of("bin means", bx.stream().mapToDouble(Double::doubleValue).toArray(),
                by.stream().mapToDouble(Double::doubleValue).toArray()));
        for (boolean leftSide : new boolean[]{true, false}) {
            double lo = leftSide ? Math.max(min, c - h) : c;
            double hi = leftSide ? c : Math.min(max, c + h);
            double[] coef = localFit(x, y, c, h, kernel, order, leftSide);
            if (coef == null) {
                continue;
            }
            int pts = 30;
            double[] lx = new double[pts];
            double[] ly = new double[pts];
            for (int k = 0; k < pts; k++) {
                lx[k] = lo + (hi - lo) * k / (pts - 1);
                double dx = lx[k] - c;
                double v = 0;
                double p = 1;
                for (double b : coef) {
                    v += b * p;
                    p *= dx;
                }
                ly[k] = v;
            }
            series.add(Series.of(leftSide ? "fit below cutoff" : "fit above cutoff", lx, ly));
        }
        return new Chart("rdd_binned_scatter", "scatter", "Binned means of " + spec.outcome() + " around the cutoff",
                d.running(), spec.outcome(), null, series, null, List.of(c));
    }

    private static double[] localFit(double[] x, double[] y, double c, double h, RdRobust.Kernel kernel, int order, boolean leftSide) {
        List<double[]> rows = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<Double> ws = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if ((x[i] < c) != leftSide) {
                continue;
            }
            double w = kernel.weight((x[i] - c) / h, h);
            if (w > 0) {
                double[] row = new double[order + 1];
                double p = 1;
                for (int j = 0; j <= order; j++) {
                    row[j] = p;
                    p *= x[i] - c;
                }
                rows.add(row);
                ys.add(y[i]);
                ws.add(w);
            }
        }
        if (rows.size() <= order + 1) {
            return null;
        }
        String[] names = new String[order + 1];
        for (int j = 0; j <= order; j++) {
            names[j] = "x^" + j;
        }
        return io.cerebro.core.stats.LinearModel.fitWeighted(names, rows.toArray(new double[0][]),
                ys.stream().mapToDouble(Double::doubleValue).toArray(), ws.stream().mapToDouble(Double::doubleValue).toArray())
                .coefficients();
    }

    /** @return the shortest form of v that reads back as v when that is short (0, 40, 0.5), else 6 significant digits. */
    static String fmt(double v) {
        String plain = java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        return plain.length() <= 12 ? plain : String.format(java.util.Locale.ROOT, "%.6g", v);
    }
}
