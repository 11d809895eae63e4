package io.cerebro.core.causal.quasi.did;

import io.cerebro.core.stats.Matrices;
import io.cerebro.core.causal.quasi.QuasiSupport;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Chart;
import io.cerebro.core.result.Diagnostic;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.result.Series;
import io.cerebro.core.result.Statistic;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.PanelDesign;
import io.cerebro.core.stats.LinearModel;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.hipparchus.distribution.continuous.TDistribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Event study ({@code causal.event_study}): two-way fixed effects with one indicator per period
 * relative to treatment, the period before treatment (-1) as reference. Event times beyond the
 * requested leads and lags are binned into the end points. Without never-treated units the
 * earliest lead is dropped too, since unit and period effects then absorb one more relative-time
 * dummy. Errors are clustered by unit (or the cluster column); the pre-trend test is the joint Wald
 * test that all leads are zero.
 */
public final class EventStudy {
    static final String METHOD = "causal.event_study";

    private EventStudy() {
    }

    /**
     * Runs the design described by {@code spec.panel()}; needs {@code first_treated} or a 0/1
     * {@code treatment} column to derive the cohorts from (see {@link PanelTreatment}).
     */
    public static AnalysisResult run(CausalSpec spec, Dataset source) {
        PanelDesign pd = DifferenceInDifferences.requirePanel(spec);
        String problem = PanelTreatment.conflict(spec);
        if (problem != null) {
            throw new UserInputException(problem);
        }
        if (pd.unit() == null || pd.time() == null || PanelTreatment.timingColumn(spec) == null) {
            throw new UserInputException("an event study needs --unit, --time and --first-treated (or --treatment, a 0/1 column"
                    + " that is 1 from each unit's first treated period on)");
        }
        List<String> notes = new ArrayList<>();
        Dataset data = DifferenceInDifferences.completeUnits(spec, source, pd, notes);
        try {
            return run(spec, data, source, pd, notes);
        } finally {
            if (data != source) {
                data.close();
            }
        }
    }

    /** Adds the Rambachan-Roth sets of every post-period effect ({@code --sensitivity honest_did}). */
    private static void honestDid(CausalSpec spec, AnalysisResult.Builder r, List<Integer> times, double[] b, double[][] cov) {
        double mbar = spec.honestDid().mbar();
        double m = spec.honestDid().smoothness();
        List<io.cerebro.core.causal.sensitivity.HonestDid.PostPeriod> sets = io.cerebro.core.causal.sensitivity.HonestDid.of(
                times.stream().mapToInt(Integer::intValue).toArray(), b, cov, mbar, m, spec.alpha());
        String id = io.cerebro.core.causal.CausalCheck.HONEST_DID.id();
        double level = 1 - spec.alpha();
        for (var p : sets) {
            r.estimate(Estimate.builder("event time " + p.eventTime(), id)
                    .estimand("effect " + p.eventTime() + " periods after the start if post-period trend changes are at most Mbar = "
                            + mbar + " times the largest pre-period change (relative magnitudes, Bonferroni robust set)")
                    .estimate(p.estimate()).standardError(p.standardError())
                    .interval(io.cerebro.core.result.Interval.confidence(p.rmRobust()[0], p.rmRobust()[1], level))
                    .extra("mbar", mbar).extra("identified_lower", p.rmIdentified()[0]).extra("identified_upper", p.rmIdentified()[1])
                    .extra("pre_max_change", p.preMaxChange()).extra("pre_max_change_upper", p.preMaxChangeUpper())
                    .extra("breakdown_mbar", p.breakdownMbar()).build());
        }
        for (var p : sets) {
            r.estimate(Estimate.builder("event time " + p.eventTime() + " (smoothness)", id)
                    .estimand("effect " + p.eventTime() + " periods after the start continuing the last pre-period slope, if the slope"
                            + " changes by at most M = " + m + " per period (fixed-length interval)")
                    .estimate(p.sdEstimate()).standardError(p.sdStandardError())
                    .interval(io.cerebro.core.result.Interval.confidence(p.sdRobust()[0], p.sdRobust()[1], level))
                    .extra("m", m).extra("identified_lower", p.sdIdentified()[0]).extra("identified_upper", p.sdIdentified()[1])
                    .extra("breakdown_m", p.breakdownM()).build());
        }
    }

    private static AnalysisResult run(CausalSpec spec, Dataset data, Dataset source, PanelDesign pd, List<String> notes) {
        Panel panel = Panel.of(data, pd.unit(), pd.time(), true);
        Cohorts cohorts = PanelTreatment.cohorts(spec, data, panel, notes);
        double[] y = QuasiSupport.numeric(data, spec.outcome(), "outcome");
        int n = y.length;
        int t = panel.periods();
        boolean anyNever = false;
        int minE = Integer.MAX_VALUE;
        int maxE = Integer.MIN_VALUE;
        for (int u = 0; u < panel.units(); u++) {
            int g = cohorts.cohortIndex()[u];
            if (g < 0) {
                anyNever = true;
            } else {
                minE = Math.min(minE, -g);
                maxE = Math.max(maxE, t - 1 - g);
            }
        }
        if (minE == Integer.MAX_VALUE) {
            throw new UserInputException("no unit is ever treated: " + PanelTreatment.neverTreated(spec));
        }
        if ((pd.leads() != null && pd.leads() < 0) || (pd.lags() != null && pd.lags() < 0)) {
            throw new UserInputException("--leads and --lags must be zero or positive");
        }
        // the window always contains the reference period -1 and the treatment period 0
        int lo = Math.min(-1, pd.leads() == null ? minE : Math.max(minE, -Math.max(1, pd.leads())));
        int hi = Math.max(0, pd.lags() == null ? maxE : Math.min(maxE, pd.lags()));
        if (lo > -2 && hi < 0) {
            throw new UserInputException("the event window has no period besides the reference -1; widen --leads/--lags");
        }
        List<Integer> times = new ArrayList<>();
        for (int e = lo; e <= hi; e++) {
            if (e != -1) {
                times.add(e);
            }
        }
        if (!anyNever && pd.leads() == null && times.get(0) < -1) {
            notes.add("no never-treated units: event time " + times.get(0) + " is dropped as a second reference period");
            times.remove(0);
        }
        int k = times.size();
        double[][] x = new double[k][n];
        for (int i = 0; i < n; i++) {
            int g = cohorts.cohortIndex()[panel.unit()[i]];
            if (g < 0) {
                continue;
            }
            int e = Math.max(lo, Math.min(hi, panel.period()[i] - g));
            int idx = times.indexOf(e);
            if (idx >= 0) {
                x[idx][i] = 1;
            }
        }
        String[] names = times.stream().map(e -> "event_time_" + e).toArray(String[]::new);
        FixedEffectsFit fit;
        try {
            fit = FixedEffectsFit.fit(panel, y, x, names);
        } catch (UserInputException e) {
            if (anyNever || !String.valueOf(e.getMessage()).contains("collinear")) {
                throw e;
            }
            long cohortCount = java.util.Arrays.stream(cohorts.cohortIndex()).distinct().count();
            if (cohortCount == 1) {
                throw new UserInputException("every unit is first treated in " + Panel.fmt(panel.times()[cohorts.cohortIndex()[0]])
                        + " and none is never treated, so the period effects absorb every event-time effect; add never-treated"
                        + " or later-treated units as controls");
            }
            throw new UserInputException("without never-treated units the event-time effects are not all identified (unit and"
                    + " period effects absorb the relative-time trend); bin the far event times with --leads/--lags (e.g."
                    + " --leads 2 --lags 2) or use --method staggered_did --control-group notyet");
        }
        int[] cl = pd.cluster() != null ? QuasiSupport.ids(data.strings(pd.cluster())) : panel.unit();
        int gCount = LinearModel.clusterCount(cl);
        double[][] cov = fit.covCluster(cl);
        double[] b = fit.model().coefficients();
        TDistribution td = new TDistribution(gCount - 1);
        double tc = td.inverseCumulativeProbability(1 - spec.alpha() / 2);
        // headline: the average of the lags (event time >= 0)
        List<Integer> post = new ArrayList<>();
        List<Integer> pre = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            (times.get(j) >= 0 ? post : pre).add(j);
        }
        AnalysisResult.Builder r = AnalysisResult.builder("causal", METHOD)
                .estimand("effects by period relative to treatment start (reference: event time -1)");
        String clusterCol = pd.cluster() != null ? pd.cluster() : pd.unit();
        if (!post.isEmpty()) {
            double avg = 0;
            double var = 0;
            for (int a : post) {
                avg += b[a] / post.size();
                for (int c : post) {
                    var += cov[a][c] / ((double) post.size() * post.size());
                }
            }
            r.estimate(QuasiSupport.waldT("average post-treatment effect", METHOD, "mean of the event-time coefficients 0.."
                    + times.get(k - 1) + ", errors clustered by " + clusterCol, avg, Math.sqrt(var), gCount - 1, spec.alpha()));
        }
        List<Integer> shown = new ArrayList<>(times);
        shown.add(-1);
        shown.sort(Integer::compare);
        double[] lower = new double[k + 1];
        double[] upper = new double[k + 1];
        double[] pts = new double[k + 1];
        double[] xs = new double[k + 1];
        List<String> cats = new ArrayList<>();
        for (int j = 0; j <= k; j++) {
            int e = shown.get(j);
            cats.add(Integer.toString(e));
            xs[j] = j;
            int jj = times.indexOf(e);
            if (jj < 0) {
                continue;
            }
            double se = Math.sqrt(cov[jj][jj]);
            r.estimate(QuasiSupport.waldT("event time " + e, METHOD, "effect " + e
                    + " periods after treatment start relative to period -1", b[jj], se, gCount - 1, spec.alpha()));
            pts[j] = b[jj];
            lower[j] = b[jj] - tc * se;
            upper[j] = b[jj] + tc * se;
        }
        if (!pre.isEmpty()) {
            double[] bp = new double[pre.size()];
            double[][] vp = new double[pre.size()][pre.size()];
            for (int a = 0; a < pre.size(); a++) {
                bp[a] = b[pre.get(a)];
                for (int c = 0; c < pre.size(); c++) {
                    vp[a][c] = cov[pre.get(a)][pre.get(c)];
                }
            }
            double wald = Matrices.quadratic(bp, Matrices.inverse(vp));
            double p = 1 - new ChiSquaredDistribution(pre.size()).cumulativeProbability(wald);
            r.diagnostic(new Diagnostic("pre_trends", p < spec.alpha() ? Diagnostic.Status.WARN : Diagnostic.Status.PASS,
                    p < spec.alpha() ? "the leads are jointly different from zero: treated and control trends differed before treatment"
                            : "no evidence of differential pre-trends (joint test of the leads)",
                    Map.of("chi2", wald, "df", (double) pre.size(), "p_value", p)));
            r.estimate(Estimate.builder("pre-trend test", METHOD).estimand("joint Wald test that all leads are zero")
                    .pValue(p).statistic(Statistic.of("chi2", wald, pre.size())).build());
        }
        if (spec.honestDid() != null) {
            honestDid(spec, r, times, b, cov);
        }
        r.chart(new Chart("event_study", "interval", "Event study: effect by period relative to treatment", "event time",
                "effect on " + spec.outcome(), cats, List.of(new Series("coefficient", xs, pts, lower, upper)), 0.0));
        r.sampleSize("total", n).sampleSize("units", panel.units()).sampleSize("periods", t);
        r.detail("clusters", gCount);
        r.detail("event_times", times);
        Diagnostic derived = PanelTreatment.derivedNote(spec, cohorts, panel);
        if (derived != null) {
            r.diagnostic(derived);
            r.detail("cohort_source", "treatment column " + spec.treatment());
        }
        notes.forEach(r::warning);
        return r.provenance(spec, source, EventStudy.class, spec.seed()).build();
    }
}
