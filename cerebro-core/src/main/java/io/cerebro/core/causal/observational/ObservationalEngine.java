package io.cerebro.core.causal.observational;

import io.cerebro.core.stats.Matrices;
import io.cerebro.core.causal.balance.Balance;
import io.cerebro.core.causal.graph.CausalGraph;
import io.cerebro.core.causal.graph.Identification;
import io.cerebro.core.causal.refute.Refutation;
import io.cerebro.core.causal.refute.Refuter;
import io.cerebro.core.causal.sensitivity.EValue;
import io.cerebro.core.causal.sensitivity.ManskiBounds;
import io.cerebro.core.causal.sensitivity.RobustnessValue;
import io.cerebro.core.causal.sensitivity.RosenbaumBounds;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.ReferenceEngine;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.ArmSummary;
import io.cerebro.core.result.Diagnostic;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.result.Interval;
import io.cerebro.core.result.Statistic;
import io.cerebro.core.spec.CausalMethod;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.Estimand;
import io.cerebro.core.spec.MatchingOptions;
import io.cerebro.core.spec.WeightingOptions;
import io.cerebro.core.stats.LinearModel;
import org.hipparchus.distribution.continuous.NormalDistribution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Observational causal estimators, in DoWhy's stages: identify (the adjustment set from a graph or
 * the confounder list), estimate (regression adjustment, propensity or Mahalanobis matching, IPW,
 * AIPW, front-door), then check (balance, overlap, refuters) and bound (E-values, Rosenbaum
 * bounds, robustness value, Manski bounds).
 *
 * <p>Intervals are Wald intervals from the estimator's standard error and the normal distribution.
 */
public final class ObservationalEngine implements ReferenceEngine<CausalSpec> {
    private static final NormalDistribution NORMAL = new NormalDistribution();

    /** What identification produced: the adjustment set and how it was justified. */
    record Identified(List<String> adjustment, String formula, String basis, String mediator) {
    }

    /** A point estimate with its standard error and what the report needs about it. */
    record Fit(double estimate, double se, String fitted, double[] balanceWeights, double[] scores,
               double[] pairDifferences, LinearModel ols, Map<String, Object> details, List<String> warnings) {
    }

    @Override
    public AnalysisResult run(CausalSpec spec, Dataset data) {
        Identified id = identify(spec, data);
        List<String> carry = id.mediator() != null ? List.of(id.mediator()) : List.of();
        CausalData d = CausalData.load(data, spec.treatment(), spec.outcome(), id.adjustment(), carry, spec.dropMissing());
        boolean binary = isBinary(d.outcome());
        Fit fit = estimate(spec, d, binary, id);
        double z = NORMAL.inverseCumulativeProbability(1 - spec.alpha() / 2);
        double level = 1 - spec.alpha();
        double lo = fit.estimate() - z * fit.se();
        double hi = fit.estimate() + z * fit.se();
        double stat = fit.estimate() / fit.se();
        double p = 2 * (1 - NORMAL.cumulativeProbability(Math.abs(stat)));
        String estimandText = estimandText(spec, binary);
        AnalysisResult.Builder r = AnalysisResult.builder("causal", spec.method().methodId()).estimand(estimandText);
        r.estimate(Estimate.builder(spec.treatment() + " = 1 vs 0", spec.method().methodId()).estimand(estimandText)
                .estimate(fit.estimate()).standardError(fit.se()).interval(Interval.confidence(lo, hi, level))
                .pValue(p).statistic(Statistic.of("z", stat)).build());
        int n = d.n();
        int n1 = d.treatedCount();
        r.sampleSize("treated", n1).sampleSize("control", n - n1).sampleSize("total", n);
        arms(r, d, z, level);
        r.detail("identification", Map.of("adjustment_set", id.adjustment(), "identified_estimand", id.formula(), "basis", id.basis()));
        r.diagnostic(new io.cerebro.core.result.Diagnostic("identification", io.cerebro.core.result.Diagnostic.Status.PASS, "adjusting for "
                + (id.adjustment().isEmpty() ? "nothing" : "{" + String.join(", ", id.adjustment()) + "}") + " (" + id.basis()
                + "): " + id.formula(), null));
        r.detail("fitted", fit.fitted());
        fit.details().forEach(r::detail);
        r.detail("naive_difference", mean(d.outcome(), d.treatment(), 1) - mean(d.outcome(), d.treatment(), 0));
        if (!d.encoded().isEmpty()) {
            r.warning("categorical confounders were one-hot encoded: " + String.join("; ", d.encoded()));
            r.detail("one_hot_encoded", d.encoded());
        }
        if (d.dropped() > 0) {
            r.warning(d.dropped() + " rows with missing values were dropped (--drop-missing)");
        }
        if (spec.graph() == null) {
            r.warning("no causal graph given: the confounder list is assumed to be a sufficient adjustment set (no unmeasured confounding)");
        }
        fit.warnings().forEach(r::warning);
        if (d.names().length > 1 && spec.method() != CausalMethod.FRONTDOOR) {
            Balance b = Balance.of(d.names(), d.design(), d.treatment(), fit.balanceWeights(), spec.estimand());
            balance(r, b, fit.balanceWeights() != null);
            r.chart(b.lovePlot());
        }
        if (fit.scores() != null) {
            overlap(r, fit.scores(), d.treatment());
            r.chart(Balance.overlapChart(fit.scores(), d.treatment(), 20));
            if (fit.balanceWeights() != null && (spec.method() == CausalMethod.IPW || spec.method() == CausalMethod.AIPW)) {
                double e1 = WeightingEstimator.effectiveSampleSize(fit.balanceWeights(), d.treatment(), 1);
                double e0 = WeightingEstimator.effectiveSampleSize(fit.balanceWeights(), d.treatment(), 0);
                r.diagnostic(new Diagnostic("effective_sample_size", e0 < 0.1 * (n - n1) || e1 < 0.1 * n1 ? Diagnostic.Status.WARN : Diagnostic.Status.PASS,
                        String.format(Locale.ROOT, "effective sample size of the weights: %.1f treated, %.1f control", e1, e0),
                        Map.of("treated", e1, "control", e0)));
            }
        }
        sensitivity(r, spec, d, fit, binary, lo, hi, level);
        // what the outcome would have averaged without treatment, the base of the relative change: for the
        // ATT the treated units' mean less the effect, otherwise the untreated units' mean
        r.detail("baseline_mean", spec.estimand() == io.cerebro.core.spec.Estimand.ATT
                ? mean(d.outcome(), d.treatment(), 1) - fit.estimate() : mean(d.outcome(), d.treatment(), 0));
        confounderBenchmark(r, d);
        refute(r, spec, d, binary, id, fit.estimate());
        r.provenance(spec, data, ObservationalEngine.class, spec.seed());
        return r.build();
    }

    // ---------------------------------------------------------------- identification

    static Identified identify(CausalSpec spec, Dataset data) {
        if (spec.graph() == null) {
            if (spec.method() == CausalMethod.FRONTDOOR && spec.mediator() == null) {
                throw new UserInputException("front-door adjustment needs a mediator: pass --mediator COL or a --graph to find one");
            }
            if (spec.method() == CausalMethod.FRONTDOOR) {
                return new Identified(List.of(), "P(" + spec.outcome() + " | do(" + spec.treatment() + ")) via front-door through "
                        + spec.mediator(), "assumed: " + spec.mediator() + " satisfies the front-door criterion (no graph given)", spec.mediator());
            }
            List<String> z = spec.confounders();
            String f = z.isEmpty() ? "E[" + spec.outcome() + " | do(" + spec.treatment() + ")] = E[" + spec.outcome() + " | " + spec.treatment() + "]"
                    : "E[" + spec.outcome() + " | do(" + spec.treatment() + ")] = sum over (" + String.join(", ", z) + ") of E["
                    + spec.outcome() + " | " + spec.treatment() + ", " + String.join(", ", z) + "] P(" + String.join(", ", z) + ")";
            return new Identified(z, f, "assumed: the confounder list blocks every backdoor path (no graph given)", null);
        }
        CausalGraph g = CausalGraph.parse(spec.graph());
        List<String> unknown = g.observed().stream().filter(v -> data.column(v).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw new UserInputException("the graph names " + (unknown.size() > 1 ? "columns" : "a column") + " not in the data: "
                    + String.join(", ", unknown) + "; fix the names or mark unobserved nodes (a <-> b, or [latent] in DOT)");
        }
        Identification idf = new Identification(g, spec.treatment(), spec.outcome());
        if (spec.method() == CausalMethod.FRONTDOOR) {
            String m = spec.mediator();
            if (m != null) {
                Optional<String> v = idf.frontdoorViolation(m);
                if (v.isPresent()) {
                    throw new UserInputException("the mediator " + m + " fails the front-door criterion: " + v.get()
                            + "; choose another mediator or drop --mediator to search the graph");
                }
            } else {
                m = idf.findMediator().orElseThrow(() -> new UserInputException("no observed variable in the graph satisfies the front-door criterion for "
                        + spec.treatment() + " -> " + spec.outcome() + "; use a backdoor method (regression, ipw, aipw, psm) if a backdoor set exists"));
            }
            return new Identified(List.of(), idf.frontdoorFormula(m), "front-door criterion holds in the graph for mediator " + m, m);
        }
        if (!spec.confounders().isEmpty()) {
            Optional<String> v = idf.backdoorViolation(spec.confounders());
            if (v.isPresent()) {
                String hint = idf.minimalBackdoorSet().map(s -> "; a valid set is {" + String.join(", ", s) + "}")
                        .orElse("; no set of observed variables satisfies the backdoor criterion");
                throw new UserInputException("the confounders {" + String.join(", ", spec.confounders())
                        + "} fail the backdoor criterion: " + v.get() + hint);
            }
            return new Identified(spec.confounders(), idf.backdoorFormula(spec.confounders()),
                    "the given confounders satisfy the backdoor criterion in the graph", null);
        }
        Optional<List<String>> z = idf.minimalBackdoorSet();
        if (z.isEmpty()) {
            String fd = idf.findMediator().map(m -> "; the front-door criterion holds through " + m + ": use --method frontdoor").orElse("");
            throw new UserInputException("the effect of " + spec.treatment() + " on " + spec.outcome()
                    + " is not identified by adjustment: no set of observed variables satisfies the backdoor criterion" + fd);
        }
        return new Identified(z.get(), idf.backdoorFormula(z.get()), "minimal backdoor adjustment set found from the graph", null);
    }

    // ---------------------------------------------------------------- estimation

    static Fit estimate(CausalSpec spec, CausalData d, boolean binary, Identified id) {
        double[] t = d.treatment();
        double[] y = d.outcome();
        Map<String, Object> det = new LinkedHashMap<>();
        List<String> warn = new ArrayList<>();
        switch (spec.method()) {
            case REGRESSION -> {
                RegressionAdjustment.Result rr = RegressionAdjustment.estimate(d.design(), d.names(), t, y, spec.treatment(), binary, spec.estimand());
                if (binary) {
                    det.put("risk_treated", rr.risk1());
                    det.put("risk_control", rr.risk0());
                } else if (spec.estimand() != Estimand.ATE) {
                    warn.add("the linear model has no treatment-by-confounder interactions, so its coefficient is the same for the ATE, ATT and ATC");
                }
                return new Fit(rr.estimate(), rr.standardError(), rr.fitted(), null, null, null, rr.model(), det, warn);
            }
            case PSM, MAHALANOBIS -> {
                MatchingOptions mo = spec.matching();
                double[][] points;
                double scale;
                double[] ps = null;
                String fitted;
                if (spec.method() == CausalMethod.PSM) {
                    LogisticRegression lr = propensity(d, spec.treatment());
                    ps = lr.fitted();
                    det.put("propensity_model", coefficients(lr));
                    points = new double[d.n()][];
                    for (int i = 0; i < ps.length; i++) {
                        points[i] = new double[]{ps[i]};
                    }
                    scale = sd(ps);
                    fitted = "nearest-neighbour matching on the propensity score from logit P(" + spec.treatment() + ") ~ "
                            + String.join(" + ", java.util.Arrays.copyOfRange(d.names(), 1, d.names().length));
                } else {
                    points = whiten(d);
                    scale = 1;
                    fitted = "nearest-neighbour matching on Mahalanobis distance over " + String.join(", ",
                            java.util.Arrays.copyOfRange(d.names(), 1, d.names().length));
                }
                double caliper = mo.caliper() == null ? Double.POSITIVE_INFINITY : mo.caliper() * scale;
                MatchingEstimator.Result m = MatchingEstimator.estimate(points, t, y, spec.estimand(), mo.k(), mo.replacement(), caliper, scale);
                det.put("matching", Map.of("k", mo.k(), "replacement", mo.replacement(),
                        "caliper_sd", mo.caliper() == null ? "none" : mo.caliper(), "matched_focal_units", m.focalMatched(),
                        "dropped_focal_units", m.focalDropped(), "distinct_matches", m.distinctMatched(), "standard_error", m.seKind()));
                if (m.focalDropped() > 0) {
                    warn.add(m.focalDropped() + " focal units found no match" + (mo.caliper() != null ? " within the caliper" : "")
                            + " and were dropped: the estimate describes the matched units only");
                }
                fitted += "; 1:" + mo.k() + (mo.replacement() ? " with" : " without") + " replacement"
                        + (mo.caliper() != null ? ", caliper " + mo.caliper() + " SD" : "") + "; " + m.seKind() + " standard error";
                return new Fit(m.estimate(), m.standardError(), fitted, m.weights(), ps, m.pairDifferences(), null, det, warn);
            }
            case IPW -> {
                WeightingOptions wo = spec.weighting();
                LogisticRegression lr = propensity(d, spec.treatment());
                double[] e = lr.fitted();
                det.put("propensity_model", coefficients(lr));
                boolean[] fixed = new boolean[e.length];
                boolean[] keep = new boolean[e.length];
                int clipped = 0;
                int trimmed = 0;
                for (int i = 0; i < e.length; i++) {
                    keep[i] = true;
                    if (wo.trim() != null && (e[i] < wo.trim() || e[i] > 1 - wo.trim())) {
                        keep[i] = false;
                        trimmed++;
                    }
                    if (wo.clip() != null && (e[i] < wo.clip() || e[i] > 1 - wo.clip())) {
                        e[i] = Math.min(Math.max(e[i], wo.clip()), 1 - wo.clip());
                        fixed[i] = true;
                        clipped++;
                    }
                }
                requireOverlap(e, keep, t, wo.clip() != null || wo.trim() != null);
                requireBothArms(keep, t);
                WeightingEstimator.Result w = WeightingEstimator.estimate(d.design(), lr.covariance(), t, y, e, fixed, keep,
                        spec.estimand(), wo.normalized());
                det.put("weighting", Map.of("normalized", wo.normalized(), "clipped_units", clipped, "trimmed_units", trimmed,
                        "weighted_mean_treated", w.mean1(), "weighted_mean_control", w.mean0()));
                if (trimmed > 0) {
                    warn.add(trimmed + " units with propensity outside [" + wo.trim() + ", " + (1 - wo.trim())
                            + "] were trimmed: the estimand is the effect in the remaining population");
                }
                String fitted = (wo.normalized() ? "Hajek (normalised)" : "Horvitz-Thompson") + " inverse probability weighting, "
                        + spec.estimand() + " weights; sandwich standard error accounting for the estimated propensity score";
                return new Fit(w.estimate(), w.standardError(), fitted, w.weights(), lr.fitted(), null, null, det, warn);
            }
            case AIPW -> {
                WeightingOptions wo = spec.weighting();
                double[] e0 = propensity(d, spec.treatment()).fitted();
                CausalData dd = d;
                double[] es = e0;
                int[] kept = null;
                if (wo.trim() != null) {
                    kept = java.util.stream.IntStream.range(0, e0.length)
                            .filter(i -> e0[i] >= wo.trim() && e0[i] <= 1 - wo.trim()).toArray();
                    boolean[] keep = new boolean[e0.length];
                    for (int i : kept) {
                        keep[i] = true;
                    }
                    requireBothArms(keep, t);
                    dd = d.rows(kept);
                    es = new double[kept.length];
                    for (int j = 0; j < kept.length; j++) {
                        es[j] = e0[kept[j]];
                    }
                    if (kept.length < e0.length) {
                        warn.add((e0.length - kept.length) + " units with propensity outside [" + wo.trim() + ", " + (1 - wo.trim())
                                + "] were trimmed: the estimand is the effect in the remaining population");
                    }
                }
                requireOverlap(es, null, dd.treatment(), wo.clip() != null);
                AipwEstimator.Result a = AipwEstimator.estimate(dd.design(), dd.names(), dd.treatment(), dd.outcome(), binary,
                        spec.estimand(), wo.folds(), wo.clip() == null ? 0 : wo.clip(), spec.seed(), es);
                double[] wSub = ipwWeights(a.scores(), dd.treatment(), spec.estimand());
                double[] w = wSub;
                if (kept != null) {
                    w = new double[e0.length];
                    for (int j = 0; j < kept.length; j++) {
                        w[kept[j]] = wSub[j];
                    }
                }
                det.put("aipw", Map.of("cross_fitting_folds", wo.folds() < 2 ? 0 : wo.folds(), "outcome_model",
                        binary ? "logistic per arm" : "linear per arm", "trimmed_units", e0.length - (kept == null ? e0.length : kept.length)));
                String fitted = "augmented IPW (doubly robust), logistic propensity model and " + (binary ? "logistic" : "linear")
                        + " outcome models per arm" + (wo.folds() >= 2 ? ", " + wo.folds() + "-fold cross-fitting" : "")
                        + "; influence-function standard error";
                return new Fit(a.estimate(), a.standardError(), fitted, w, e0, null, null, det, warn);
            }
            case FRONTDOOR -> {
                if (!spec.confounders().isEmpty()) {
                    warn.add("front-door adjustment here uses no confounders (the mediator carries the effect); --confounders "
                            + String.join(",", spec.confounders()) + " were not used");
                }
                if (spec.estimand() != Estimand.ATE) {
                    warn.add("front-door adjustment estimates the ATE; the requested " + spec.estimand() + " is reported as the ATE");
                }
                FrontDoorEstimator.Result f = FrontDoorEstimator.estimate(t, d.extra(id.mediator()), y);
                det.put("frontdoor", Map.of("mediator", id.mediator(), "treatment_to_mediator", f.a(), "mediator_to_outcome", f.b()));
                return new Fit(f.estimate(), f.standardError(), "front-door: (" + id.mediator() + " ~ " + spec.treatment() + ") x ("
                        + spec.outcome() + " ~ " + id.mediator() + " + " + spec.treatment() + "), HC1, delta-method SE", null, null, null, null, det, warn);
            }
            default -> throw new UserInputException("method " + spec.method().methodId() + " is not an observational estimator");
        }
    }

    /** The point estimate only, for refuters. */
    static double pointEstimate(CausalSpec spec, CausalData d, boolean binary, Identified id) {
        return estimate(spec, d, binary, id).estimate();
    }

    static LogisticRegression propensity(CausalData d, String treatment) {
        return LogisticRegression.fit(d.names(), d.design(), d.treatment(), "propensity model for " + treatment);
    }

    private static double[] ipwWeights(double[] e, double[] t, Estimand est) {
        double[] w = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            boolean tr = t[i] == 1;
            w[i] = switch (est) {
                case ATE -> tr ? 1 / e[i] : 1 / (1 - e[i]);
                case ATT -> tr ? 1 : e[i] / (1 - e[i]);
                case ATC -> tr ? (1 - e[i]) / e[i] : 1;
            };
        }
        return w;
    }

    private static void requireOverlap(double[] e, boolean[] keep, double[] t, boolean adjusted) {
        if (adjusted) {
            return;
        }
        int at0 = 0;
        int at1 = 0;
        for (int i = 0; i < e.length; i++) {
            if (keep != null && !keep[i]) {
                continue;
            }
            if (e[i] < 1e-8) {
                at0++;
            } else if (e[i] > 1 - 1e-8) {
                at1++;
            }
        }
        if (at0 + at1 > 0) {
            throw new UserInputException("no overlap: " + at0 + " units have a propensity score of 0 and " + at1
                    + " a score of 1 (to 1e-8), so their weights are unbounded; restrict the sample, or pass --trim 0.01 or --clip 0.01");
        }
    }

    private static void requireBothArms(boolean[] keep, double[] t) {
        int a = 0;
        int b = 0;
        for (int i = 0; i < t.length; i++) {
            if (keep[i]) {
                if (t[i] == 1) {
                    a++;
                } else {
                    b++;
                }
            }
        }
        if (a == 0 || b == 0) {
            throw new UserInputException("trimming left no " + (a == 0 ? "treated" : "control") + " units; lower --trim");
        }
    }

    /** Mahalanobis whitening: z = L^-1 (x - mean), L the Cholesky factor of the sample covariance. */
    static double[][] whiten(CausalData d) {
        double[][] x = d.design();
        int n = x.length;
        int p = x[0].length - 1;
        if (p == 0) {
            throw new UserInputException("Mahalanobis matching needs at least one confounder; pass --confounders");
        }
        double[] mean = new double[p];
        for (double[] row : x) {
            for (int a = 0; a < p; a++) {
                mean[a] += row[a + 1] / n;
            }
        }
        double[][] s = new double[p][p];
        for (double[] row : x) {
            for (int a = 0; a < p; a++) {
                double da = row[a + 1] - mean[a];
                for (int b = 0; b <= a; b++) {
                    s[a][b] += da * (row[b + 1] - mean[b]) / (n - 1);
                }
            }
        }
        for (int a = 0; a < p; a++) {
            for (int b = a + 1; b < p; b++) {
                s[a][b] = s[b][a];
            }
        }
        String[] names = java.util.Arrays.copyOfRange(d.names(), 1, p + 1);
        double[][] l = Matrices.cholesky(s, names, "confounders");
        double[][] z = new double[n][p];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < p; a++) {
                double v = x[i][a + 1] - mean[a];
                for (int b = 0; b < a; b++) {
                    v -= l[a][b] * z[i][b];
                }
                z[i][a] = v / l[a][a];
            }
        }
        return z;
    }

    // ---------------------------------------------------------------- report pieces

    private static void arms(AnalysisResult.Builder r, CausalData d, double z, double level) {
        for (int arm = 1; arm >= 0; arm--) {
            double m = mean(d.outcome(), d.treatment(), arm);
            double ss = 0;
            int k = 0;
            for (int i = 0; i < d.n(); i++) {
                if (d.treatment()[i] == arm) {
                    ss += (d.outcome()[i] - m) * (d.outcome()[i] - m);
                    k++;
                }
            }
            double sd = k > 1 ? Math.sqrt(ss / (k - 1)) : Double.NaN;
            double h = z * sd / Math.sqrt(k);
            r.arm(new ArmSummary(arm == 1 ? "treated" : "control", k, m, sd, Interval.confidence(m - h, m + h, level)));
        }
    }

    private static void balance(AnalysisResult.Builder r, Balance b, boolean adjusted) {
        Map<String, Double> v = new LinkedHashMap<>();
        List<String> bad = new ArrayList<>();
        for (int a = 0; a < b.covariates().size(); a++) {
            String c = b.covariates().get(a);
            v.put(c + ".smd_before", b.smdBefore()[a]);
            v.put(c + ".variance_ratio_before", b.ratioBefore()[a]);
            if (adjusted) {
                v.put(c + ".smd_after", b.smdAfter()[a]);
                v.put(c + ".variance_ratio_after", b.ratioAfter()[a]);
            }
            double s = adjusted ? b.smdAfter()[a] : b.smdBefore()[a];
            if (Math.abs(s) > Balance.THRESHOLD) {
                bad.add(c);
            }
        }
        String when = adjusted ? "after adjustment" : "in the raw data (regression adjusts for it by modelling)";
        r.diagnostic(new Diagnostic("balance", bad.isEmpty() ? Diagnostic.Status.PASS : Diagnostic.Status.WARN, bad.isEmpty()
                ? "every |standardised mean difference| is at most 0.1 " + when
                : "|standardised mean difference| above 0.1 " + when + " for: " + String.join(", ", bad), v));
    }

    private static void overlap(AnalysisResult.Builder r, double[] e, double[] t) {
        double min1 = 1, max1 = 0, min0 = 1, max0 = 0;
        for (int i = 0; i < e.length; i++) {
            if (t[i] == 1) {
                min1 = Math.min(min1, e[i]);
                max1 = Math.max(max1, e[i]);
            } else {
                min0 = Math.min(min0, e[i]);
                max0 = Math.max(max0, e[i]);
            }
        }
        int outside = 0;
        int extreme = 0;
        for (int i = 0; i < e.length; i++) {
            double lo = Math.max(min1, min0);
            double hi = Math.min(max1, max0);
            if (e[i] < lo || e[i] > hi) {
                outside++;
            }
            if (e[i] < 0.01 || e[i] > 0.99) {
                extreme++;
            }
        }
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("treated_min", min1);
        v.put("treated_max", max1);
        v.put("control_min", min0);
        v.put("control_max", max0);
        v.put("outside_common_support", (double) outside);
        v.put("scores_below_0.01_or_above_0.99", (double) extreme);
        Diagnostic.Status status = outside > 0.1 * e.length || extreme > 0.05 * e.length ? Diagnostic.Status.WARN : Diagnostic.Status.PASS;
        r.diagnostic(new Diagnostic("overlap", status, String.format(Locale.ROOT,
                "propensity scores: treated [%.4f, %.4f], control [%.4f, %.4f]; %d units outside the common support, %d below 0.01 or above 0.99",
                min1, max1, min0, max0, outside, extreme), v));
    }

    private static void sensitivity(AnalysisResult.Builder r, CausalSpec spec, CausalData d, Fit fit, boolean binary,
                                    double lo, double hi, double level) {
        double rr;
        double rrLo;
        double rrHi;
        String scale;
        if (binary && fit.details().get("risk_control") instanceof Double r0 && r0 > 0) {
            // g-computation: the model's standardised risks give the risk ratio directly
            rr = (Double) fit.details().get("risk_treated") / r0;
            rrLo = (r0 + lo) / r0;
            rrHi = (r0 + hi) / r0;
            scale = "risk ratio of the standardised risks (g-computation)";
        } else if (binary) {
            double base = mean(d.outcome(), d.treatment(), 0);
            if (base <= 0 || base + lo <= 0) {
                base = Double.NaN;
            }
            rr = (base + fit.estimate()) / base;
            rrLo = (base + lo) / base;
            rrHi = (base + hi) / base;
            scale = "risk ratio (control risk + effect) / control risk";
        } else {
            double sdY = sd(d.outcome());
            rr = EValue.riskRatioOfStandardizedDifference(fit.estimate() / sdY);
            rrLo = EValue.riskRatioOfStandardizedDifference(lo / sdY);
            rrHi = EValue.riskRatioOfStandardizedDifference(hi / sdY);
            scale = "approximate risk ratio exp(0.91 d) of the standardised difference d = effect / SD(outcome)";
        }
        if (rr > 0 && rrLo > 0 && Double.isFinite(rr)) {
            double ev = EValue.ofRiskRatio(rr);
            double evCi = EValue.ofInterval(rrLo, rrHi);
            r.estimate(Estimate.builder("E-value", io.cerebro.core.causal.CausalCheck.EVALUE.id()).estimand("E-value (VanderWeele-Ding) on the " + scale)
                    .estimate(ev).extra("risk_ratio", rr).extra("evalue_interval_limit", evCi).build());
        }
        if (fit.pairDifferences() != null && fit.pairDifferences().length > 0
                && java.util.Arrays.stream(fit.pairDifferences()).anyMatch(v -> v != 0)) {
            RosenbaumBounds rb = new RosenbaumBounds(fit.pairDifferences());
            double g = rb.criticalGamma(spec.alpha());
            r.estimate(Estimate.builder("Rosenbaum bounds", io.cerebro.core.causal.CausalCheck.ROSENBAUM.id())
                    .estimand("hidden bias gamma at which the signed-rank test on matched differences loses significance at alpha "
                            + spec.alpha()).estimate(g).pValue(rb.upperPValue(1))
                    .extra("p_upper_gamma_1.5", rb.upperPValue(1.5)).extra("p_upper_gamma_2", rb.upperPValue(2)).build());
        }
        if (fit.ols() != null) {
            LinearModel lm = fit.ols();
            double tStat = lm.coefficients()[1] / Math.sqrt(lm.covClassical()[1][1]);
            double df = lm.dfResid();
            r.estimate(Estimate.builder("robustness value", io.cerebro.core.causal.CausalCheck.ROBUSTNESS_VALUE.id())
                    .estimand("Cinelli-Hazlett robustness value RV_q=1: partial R^2 an omitted confounder needs with treatment and outcome to explain the estimate away")
                    .estimate(RobustnessValue.rv(tStat, df, 1)).extra("rv_alpha", RobustnessValue.rv(tStat, df, 1, spec.alpha()))
                    .extra("partial_r2_treatment", RobustnessValue.partialR2(tStat, df)).build());
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : d.outcome()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        ManskiBounds mb = ManskiBounds.ate(d.treatment(), d.outcome(), binary ? 0 : min, binary ? 1 : max);
        r.estimate(Estimate.builder("Manski bounds", io.cerebro.core.causal.CausalCheck.BOUNDS.id()).estimand("no-assumption bounds on the ATE for an outcome in ["
                        + fmt(binary ? 0 : min) + ", " + fmt(binary ? 1 : max) + "]" + (binary ? "" : " (its observed range)"))
                .interval(new Interval(mb.lower(), mb.upper(), 1.0, "bounds")).build());
    }

    /**
     * The measured confounder that would bias the estimate most if it had been left out, the
     * yardstick for the robustness value (Cinelli and Hazlett 2020, section 6): each confounder's
     * partial R^2 with the outcome (given the treatment and the others) and with the treatment (given
     * the others), from the t statistics of two OLS fits; the one with the largest bias factor
     * {@code R2_Y R2_D / (1 - R2_D)} is recorded.
     */
    /** Designs with at least this many rows fit the benchmark's two regressions concurrently. */
    private static final int PARALLEL_ROWS = 50_000;

    private static void confounderBenchmark(AnalysisResult.Builder r, CausalData d) {
        // the design matrix has the intercept first, then the (encoded) confounders
        String[] all = d.names();
        int k = all.length - 1;
        if (k <= 0 || d.n() <= k + 3) {
            return;
        }
        double[][] x = d.design();
        String[] names = java.util.Arrays.copyOfRange(all, 1, all.length);
        String[] n2 = new String[k + 2];
        n2[0] = all[0];
        n2[1] = "(treatment)";
        System.arraycopy(names, 0, n2, 2, k);
        LinearModel outcome;
        LinearModel treatment;
        try {
            // the two fits are independent passes over the design: on a large one the second runs on another
            // core meanwhile (each fit's arithmetic, hence its result, is the same as run alone)
            java.util.concurrent.CompletableFuture<LinearModel> onTreatment = d.n() >= PARALLEL_ROWS
                    ? java.util.concurrent.CompletableFuture.supplyAsync(() -> LinearModel.fit(all, x, d.treatment()))
                    : null;
            // the treatment enters as column 1 of a view of the design: no second copy of a large design
            outcome = LinearModel.fitWithColumn(n2, x, 1, d.treatment(), d.outcome());
            treatment = onTreatment != null ? onTreatment.join() : LinearModel.fit(all, x, d.treatment());
        } catch (RuntimeException e) {
            return; // collinear confounders: no benchmark, the estimate itself is unaffected
        }
        String best = null;
        double bestFactor = -1;
        double bestY = 0;
        double bestD = 0;
        // each covariance is a pass over the residuals: once per fit, not once per confounder
        double[] by = outcome.coefficients();
        double[][] vy = outcome.covClassical();
        double[] bd = treatment.coefficients();
        double[][] vd = treatment.covClassical();
        for (int j = 0; j < k; j++) {
            double ty = by[j + 2] / Math.sqrt(vy[j + 2][j + 2]);
            double td = bd[j + 1] / Math.sqrt(vd[j + 1][j + 1]);
            double r2y = RobustnessValue.partialR2(ty, outcome.dfResid());
            double r2d = RobustnessValue.partialR2(td, treatment.dfResid());
            double factor = r2d < 1 ? r2y * r2d / (1 - r2d) : Double.POSITIVE_INFINITY;
            if (Double.isFinite(r2y) && Double.isFinite(r2d) && factor > bestFactor) {
                best = names[j];
                bestFactor = factor;
                bestY = r2y;
                bestD = r2d;
            }
        }
        if (best != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("confounder", best);
            m.put("partial_r2_outcome", bestY);
            m.put("partial_r2_treatment", bestD);
            r.detail("confounder_benchmark", m);
        }
    }

    private static void refute(AnalysisResult.Builder r, CausalSpec spec, CausalData d, boolean binary, Identified id, double original) {
        if (spec.refute().isEmpty()) {
            return;
        }
        List<String> names = new ArrayList<>();
        for (String s : spec.refute()) {
            if (s.trim().equalsIgnoreCase("all")) {
                names.addAll(Refuter.NAMES);
            } else {
                Refuter.named(s);
                names.add(s.trim());
            }
        }
        int runs = d.n() <= 20_000 ? 50 : 10;
        ToDoubleFunction<CausalData> est = dd -> pointEstimate(spec, dd, binary, id);
        List<Map<String, Object>> out = new ArrayList<>();
        for (String name : new LinkedHashSet<>(names)) {
            if (spec.method() == CausalMethod.FRONTDOOR && name.equals("random_common_cause")) {
                continue;
            }
            Refutation f;
            try {
                f = Refuter.named(name).refute(d, est, original, runs, spec.seed());
            } catch (UserInputException e) {
                r.warning("refuter " + name + " could not run: " + e.getMessage());
                continue;
            }
            r.estimate(Estimate.builder("refute: " + f.refuter(), io.cerebro.core.causal.CausalCheck.REFUTE.id()).estimand(f.meaning()).estimate(f.newEffect())
                    .standardError(f.spread()).pValue(f.pValue()).extra("original", f.original()).extra("runs", f.runs()).build());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("refuter", f.refuter());
            m.put("new_effect", f.newEffect());
            m.put("p_value", f.pValue());
            m.put("runs", f.runs());
            out.add(m);
        }
        r.detail("refutations", out);
    }

    // ---------------------------------------------------------------- small helpers

    private static String estimandText(CausalSpec spec, boolean binary) {
        String what = switch (spec.estimand()) {
            case ATE -> "ATE: average effect over everyone";
            case ATT -> "ATT: average effect on the treated";
            case ATC -> "ATC: average effect on the controls";
        };
        return what + " of " + spec.treatment() + " on " + spec.outcome() + (binary ? " (risk difference)" : "");
    }

    private static Map<String, Double> coefficients(LogisticRegression lr) {
        Map<String, Double> m = new LinkedHashMap<>();
        String[] n = lr.names();
        double[] b = lr.coefficients();
        for (int i = 0; i < n.length; i++) {
            m.put(n[i], b[i]);
        }
        return m;
    }

    static boolean isBinary(double[] y) {
        for (double v : y) {
            if (v != 0 && v != 1) {
                return false;
            }
        }
        return true;
    }

    private static double mean(double[] y, double[] t, int arm) {
        double s = 0;
        int k = 0;
        for (int i = 0; i < y.length; i++) {
            if (t[i] == arm) {
                s += y[i];
                k++;
            }
        }
        return s / k;
    }

    static double sd(double[] v) {
        double m = 0;
        for (double x : v) {
            m += x;
        }
        m /= v.length;
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
