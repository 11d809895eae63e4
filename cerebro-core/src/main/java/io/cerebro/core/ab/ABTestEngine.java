package io.cerebro.core.ab;

import io.cerebro.core.ab.bayes.BetaBinomialModel;
import io.cerebro.core.ab.bayes.BetaPosterior;
import io.cerebro.core.ab.bayes.NormalModel;
import io.cerebro.core.ab.design.Cuped;
import io.cerebro.core.ab.design.PostStratification;
import io.cerebro.core.ab.design.SampleRatioCheck;
import io.cerebro.core.ab.frequentist.Inference;
import io.cerebro.core.ab.frequentist.MeanTests;
import io.cerebro.core.ab.frequentist.OneWayAnova;
import io.cerebro.core.ab.frequentist.PValueAdjustment;
import io.cerebro.core.ab.frequentist.ProportionTests;
import io.cerebro.core.ab.frequentist.RankTests;
import io.cerebro.core.ab.sequential.SequentialEstimates;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.ReferenceEngine;
import io.cerebro.core.power.PowerCalculator;
import io.cerebro.core.power.PowerSettings;
import io.cerebro.core.report.Format;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.ArmSummary;
import io.cerebro.core.result.Diagnostic;
import io.cerebro.core.result.Chart;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.result.Interval;
import io.cerebro.core.result.Series;
import io.cerebro.core.spec.ABTestSpec;
import io.cerebro.core.spec.ABTestType;
import io.cerebro.core.spec.Alternative;
import io.cerebro.core.spec.MultipleTesting;
import org.hipparchus.distribution.continuous.TDistribution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The A/B reference engine: compares each arm with control on a binary or continuous outcome.
 *
 * <p>What runs: a specific {@code test} gives that test as the headline; {@code auto} picks the
 * two-proportion z-test for a binary outcome and Welch's t-test for a continuous one and adds the
 * usual companions (binary: chi-square, Fisher's exact test when the table is small enough to
 * enumerate cheaply, Beta-Binomial; continuous: Mann-Whitney U, the Normal-model posterior). With a
 * covariate CUPED is added, with strata post-stratification, with three or more arms ANOVA and
 * Kruskal-Wallis (continuous outcomes) and each arm's probability of being best (Bayesian tests).
 * The sample-ratio check always runs.
 *
 * <p>All aggregation happens inside DuckDB (counts, sums, variances, covariances, rank sums by
 * window functions); rows reach Java only for the exact Mann-Whitney test on small samples.
 */
public final class ABTestEngine implements ReferenceEngine<ABTestSpec> {
    private static final int DENSITY_POINTS = 200;

    @Override
    public AnalysisResult run(ABTestSpec spec, Dataset data) {
        return run(spec, new DatasetArms(spec, data));
    }

    /**
     * Runs every test of {@code spec} from aggregates computed elsewhere (for example by SQL in the
     * warehouse holding the rows): the same code as {@link #run(ABTestSpec, Dataset)} from there on.
     */
    public AnalysisResult run(ABTestSpec spec, ArmAggregates data) {
        ABData d = ABData.load(spec, data.profiles(), data.rowCount());
        List<String> methods = methods(spec, d);
        AnalysisResult.Builder r = AnalysisResult.builder("ab", methods.get(0));
        for (ArmStats a : d.all()) {
            r.sampleSize(a.arm(), a.n());
            r.arm(new ArmSummary(a.arm(), a.n(), a.mean(), a.sd(), meanInterval(a, d.binary(), spec.alpha())));
        }
        r.sampleSize("total", d.all().stream().mapToLong(ArmStats::n).sum());
        if (d.rowsDropped() > 0) {
            r.warning(d.rowsDropped() + " of " + data.rowCount() + " rows were left out for a missing arm, outcome"
                    + (spec.covariate() != null ? " or covariate" : "") + " (--drop-missing)");
        }
        srm(spec, d, r);
        powerCheck(spec, d, r);

        List<Estimate> estimates = new ArrayList<>();
        Map<String, Double> probBest = null;
        Chart posterior = null;
        for (String m : methods) {
            AbMethod method = m.equals(OMNIBUS_CHI_SQUARE) ? null : AbMethod.of(m);
            switch (method) {
                case null -> estimates.add(ProportionTests.chiSquareAllArms(d.all()));
                case ANOVA -> estimates.add(OneWayAnova.test(d.all()));
                case KRUSKAL_WALLIS -> {
                    ArmAggregates.RankSums k = data.rankSums();
                    estimates.add(RankTests.kruskalWallis(k.n(), k.rankSums(), k.tieTerm()));
                }
                case CUPED -> estimates.addAll(cuped(spec, data, d));
                case POST_STRATIFICATION -> estimates.addAll(postStratification(spec, data, d, r));
                default -> {
                    for (ArmStats t : d.treatments()) {
                        estimates.add(pairwise(m, d, t, spec, data));
                    }
                }
            }
            if (m.equals(AbMethod.BAYESIAN_BETA_BINOMIAL.id()) || m.equals(AbMethod.BAYESIAN_NORMAL.id())) {
                posterior = posteriorChart(m, d, spec);
                if (d.treatments().size() >= 2) {
                    probBest = probabilityBest(m, d, spec);
                }
            }
        }
        if (probBest != null) {
            Map<String, Double> byLabel = new LinkedHashMap<>();
            for (ArmStats t : d.treatments()) {
                byLabel.put(t.arm() + " vs " + d.control().arm(), probBest.get(t.arm()));
            }
            estimates.replaceAll(e -> e.method().startsWith(AbMethod.BAYESIAN_PREFIX) ? withExtra(e, "prob_best", byLabel.get(e.label())) : e);
            r.detail("prob_best", probBest);
        }
        if (d.treatments().size() >= 2) {
            adjust(estimates, spec.correction(), d);
            r.detail("correction", spec.correction().name().toLowerCase(java.util.Locale.ROOT));
        }
        estimates.forEach(r::estimate);
        r.detail("outcome_type", d.binary() ? "binary" : "continuous");
        r.detail("control", d.control().arm());
        r.chart(armsChart(d, spec));
        Chart effects = effectsChart(estimates, methods.get(0));
        if (effects != null) {
            r.chart(effects);
        }
        if (posterior != null) {
            r.chart(posterior);
        }
        data.provenance(r);
        return r.build();
    }

    /** Pseudo-id in the method list for the k x 2 chi-square over all arms (printed as {@code ab.chi_square}, "all arms"). */
    static final String OMNIBUS_CHI_SQUARE = "ab.chi_square:all_arms";

    /**
     * Each arm's headline effect with its interval against a zero line: the chart a reader looks at
     * first. One-sided intervals are drawn to the edge of the plot. Null when the headline has no
     * difference to draw (odds ratios and omnibus tests).
     */
    private static Chart effectsChart(List<Estimate> estimates, String headline) {
        List<Estimate> rows = estimates.stream().filter(e -> e.method().equals(headline) && e.estimate() != null
                && e.interval() != null && e.label().contains(" vs ")).toList();
        if (rows.isEmpty() || headline.equals(AbMethod.FISHER.id()) || headline.equals(AbMethod.MANN_WHITNEY.id())) {
            return null;
        }
        double[] x = new double[rows.size()];
        double[] y = new double[rows.size()];
        double[] lo = new double[rows.size()];
        double[] hi = new double[rows.size()];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Estimate e = rows.get(i);
            x[i] = i;
            y[i] = e.estimate();
            double half = e.standardError() != null ? 4 * e.standardError() : Math.abs(e.estimate());
            lo[i] = Double.isFinite(e.interval().lower()) ? e.interval().lower() : e.estimate() - half;
            hi[i] = Double.isFinite(e.interval().upper()) ? e.interval().upper() : e.estimate() + half;
            names.add(e.label());
        }
        String level = Math.round(100 * rows.get(0).interval().level()) + "%";
        return new Chart("effects", "interval", "difference from control (" + headline + "), " + level + " interval",
                "comparison", "difference", names, List.of(new Series("difference", x, y, lo, hi)), 0.0);
    }

    /** The method ids to run, headline first. */
    static List<String> methods(ABTestSpec spec, ABData d) {
        List<String> m = new ArrayList<>();
        boolean binary = d.binary();
        ABTestType test = spec.test();
        if (test == ABTestType.AUTO) {
            if (binary) {
                m.add(AbMethod.Z_PROPORTIONS.id());
                m.add(AbMethod.CHI_SQUARE.id());
                boolean cheap = d.treatments().stream().allMatch(t -> ProportionTests.fisherSupport(d.control(), t)
                        <= ProportionTests.FISHER_CHEAP_SUPPORT);
                if (cheap) {
                    m.add(AbMethod.FISHER.id());
                }
                m.add(AbMethod.BAYESIAN_BETA_BINOMIAL.id());
            } else {
                m.add(AbMethod.WELCH.id());
                m.add(AbMethod.MANN_WHITNEY.id());
                if (d.all().stream().allMatch(a -> a.n() >= NormalModel.MIN_ROWS && a.variance() > 0)) {
                    m.add(AbMethod.BAYESIAN_NORMAL.id());
                }
            }
        } else {
            boolean needsBinary = test == ABTestType.Z_PROPORTIONS || test == ABTestType.CHI_SQUARE || test == ABTestType.FISHER;
            if (needsBinary && !binary) {
                throw new UserInputException("--test " + test.name().toLowerCase(java.util.Locale.ROOT) + " needs a 0/1 outcome, but '"
                        + spec.outcome() + "' is continuous; use --test welch, student or mann_whitney");
            }
            if (test == ABTestType.BAYESIAN && !binary) {
                d.all().stream().filter(a -> a.n() < NormalModel.MIN_ROWS).findFirst().ifPresent(a -> {
                    throw new UserInputException("arm '" + a.arm() + "' has " + a.n() + " row(s); the Normal model needs at least "
                            + NormalModel.MIN_ROWS + " per arm for a posterior with finite variance; collect more data or use --test mann_whitney");
                });
                d.all().stream().filter(a -> !(a.variance() > 0)).findFirst().ifPresent(a -> {
                    throw new UserInputException("the outcome does not vary within arm '" + a.arm() + "', so the Normal model's "
                            + "posterior for it is degenerate; use --test welch or --test mann_whitney");
                });
            }
            m.add(test == ABTestType.BAYESIAN ? (binary ? AbMethod.BAYESIAN_BETA_BINOMIAL.id() : AbMethod.BAYESIAN_NORMAL.id()) : test.methodId());
        }
        if (spec.covariate() != null) {
            m.add(AbMethod.CUPED.id());
        }
        if (spec.strata() != null) {
            m.add(AbMethod.POST_STRATIFICATION.id());
        }
        if (d.treatments().size() >= 2 && !binary && test == ABTestType.AUTO) {
            m.add(AbMethod.ANOVA.id());
            m.add(AbMethod.KRUSKAL_WALLIS.id());
        }
        if (d.treatments().size() >= 2 && binary && test == ABTestType.AUTO) {
            m.add(OMNIBUS_CHI_SQUARE);
        }
        return m;
    }

    private static Estimate pairwise(String method, ABData d, ArmStats t, ABTestSpec spec, ArmAggregates data) {
        ArmStats c = d.control();
        double alpha = spec.alpha();
        Alternative alt = spec.alternative();
        return switch (AbMethod.of(method)) {
            case WELCH -> MeanTests.welch(c, t, alpha, alt);
            case STUDENT -> MeanTests.student(c, t, alpha, alt);
            case Z_PROPORTIONS -> ProportionTests.zTest(c, t, alpha, alt);
            case CHI_SQUARE -> ProportionTests.chiSquare(c, t, alpha, alt);
            case FISHER -> ProportionTests.fisher(c, t, alpha, alt);
            case MANN_WHITNEY -> mannWhitney(spec, data, c, t);
            case BAYESIAN_BETA_BINOMIAL -> betaBinomial(c, t, spec);
            case BAYESIAN_NORMAL -> normalModel(c, t, spec);
            case MSPRT -> SequentialEstimates.msprt(c, t, d.binary(), spec);
            case GROUP_SEQUENTIAL -> SequentialEstimates.groupSequential(c, t, d.binary(), spec);
            default -> throw new IllegalStateException("not a pairwise A/B method: " + method);
        };
    }

    private static Estimate mannWhitney(ABTestSpec spec, ArmAggregates data, ArmStats c, ArmStats t) {
        if (RankTests.exactApplies(t.n(), c.n())) {
            double[] xt = data.values(t.arm());
            double[] xc = data.values(c.arm());
            if (!RankTests.hasTies(List.of(xt, xc))) {
                return RankTests.mannWhitneyExact(t.arm(), c.arm(), xt, xc, spec.alternative());
            }
        }
        return RankTests.mannWhitney(t.arm(), c.arm(), data.pairRanks(t.arm(), c.arm()), spec.alternative());
    }

    private static Estimate betaBinomial(ArmStats c, ArmStats t, ABTestSpec spec) {
        BetaPosterior a = BetaPosterior.of(spec.priorAlpha(), spec.priorBeta(), c.sum(), c.n());
        BetaPosterior b = BetaPosterior.of(spec.priorAlpha(), spec.priorBeta(), t.sum(), t.n());
        double alpha = spec.alpha();
        Interval ci = switch (spec.alternative()) {
            case TWO_SIDED -> Interval.credible(BetaBinomialModel.differenceQuantile(a, b, alpha / 2),
                    BetaBinomialModel.differenceQuantile(a, b, 1 - alpha / 2), 1 - alpha);
            case GREATER -> Interval.credible(BetaBinomialModel.differenceQuantile(a, b, alpha), Double.POSITIVE_INFINITY, 1 - alpha);
            case LESS -> Interval.credible(Double.NEGATIVE_INFINITY, BetaBinomialModel.differenceQuantile(a, b, 1 - alpha), 1 - alpha);
        };
        return Estimate.builder(t.arm() + " vs " + c.arm(), AbMethod.BAYESIAN_BETA_BINOMIAL.id())
                .estimand("posterior difference in conversion rates (" + t.arm() + " - " + c.arm() + "), Beta("
                        + fmt(spec.priorAlpha()) + ", " + fmt(spec.priorBeta()) + ") prior")
                .estimate(b.mean() - a.mean()).standardError(Math.sqrt(a.variance() + b.variance()))
                .interval(ci).posteriorProbability(BetaBinomialModel.probGreater(a, b))
                .extra("expected_loss", BetaBinomialModel.expectedLoss(a, b))
                .extra("expected_loss_control", BetaBinomialModel.expectedLoss(b, a))
                .extra("posterior_alpha", b.alpha()).extra("posterior_beta", b.beta())
                .extra("posterior_alpha_control", a.alpha()).extra("posterior_beta_control", a.beta()).build();
    }

    private static Estimate normalModel(ArmStats c, ArmStats t, ABTestSpec spec) {
        NormalModel.Posterior a = posterior(c);
        NormalModel.Posterior b = posterior(t);
        double alpha = spec.alpha();
        Interval ci = switch (spec.alternative()) {
            case TWO_SIDED -> Interval.credible(NormalModel.differenceQuantile(a, b, alpha / 2),
                    NormalModel.differenceQuantile(a, b, 1 - alpha / 2), 1 - alpha);
            case GREATER -> Interval.credible(NormalModel.differenceQuantile(a, b, alpha), Double.POSITIVE_INFINITY, 1 - alpha);
            case LESS -> Interval.credible(Double.NEGATIVE_INFINITY, NormalModel.differenceQuantile(a, b, 1 - alpha), 1 - alpha);
        };
        return Estimate.builder(t.arm() + " vs " + c.arm(), AbMethod.BAYESIAN_NORMAL.id())
                .estimand("posterior difference in means (" + t.arm() + " - " + c.arm() + "), Jeffreys prior (t posteriors)")
                .estimate(t.mean() - c.mean()).standardError(Math.hypot(a.sd(), b.sd())).interval(ci)
                .posteriorProbability(NormalModel.probGreater(a, b))
                .extra("expected_loss", NormalModel.expectedLoss(a, b))
                .extra("expected_loss_control", NormalModel.expectedLoss(b, a)).build();
    }

    private static NormalModel.Posterior posterior(ArmStats a) {
        return NormalModel.Posterior.of(a.mean(), a.variance(), a.n());
    }

    private static Map<String, Double> probabilityBest(String method, ABData d, ABTestSpec spec) {
        List<ArmStats> arms = d.all();
        double[] p;
        if (method.equals(AbMethod.BAYESIAN_BETA_BINOMIAL.id())) {
            p = BetaBinomialModel.probabilityBest(arms.stream()
                    .map(a -> BetaPosterior.of(spec.priorAlpha(), spec.priorBeta(), a.sum(), a.n())).toList());
        } else {
            p = NormalModel.probabilityBest(arms.stream().map(ABTestEngine::posterior).toList());
        }
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < arms.size(); i++) {
            m.put(arms.get(i).arm(), p[i]);
        }
        return m;
    }

    private static List<Estimate> cuped(ABTestSpec spec, ArmAggregates data, ABData d) {
        ArmQueries.CupedStats s = ArmQueries.cuped(spec, data.cupedMoments());
        List<Estimate> out = new ArrayList<>();
        ArmStats adjC = s.adjusted().get(d.control().arm());
        for (ArmStats t : d.treatments()) {
            out.add(Cuped.estimate(adjC, s.adjusted().get(t.arm()), d.control(), t, s.theta(), spec.alpha(), spec.alternative()));
        }
        return out;
    }

    private static List<Estimate> postStratification(ABTestSpec spec, ArmAggregates data, ABData d, AnalysisResult.Builder r) {
        Map<String, Map<String, ArmStats>> strata = data.strata();
        long missing = data.missingStrata();
        if (missing > 0) {
            r.warning(missing + " rows with a missing '" + spec.strata() + "' are left out of the post-stratified estimate");
        }
        List<Estimate> out = new ArrayList<>();
        for (ArmStats t : d.treatments()) {
            List<PostStratification.Stratum> rows = new ArrayList<>();
            for (Map.Entry<String, Map<String, ArmStats>> e : strata.entrySet()) {
                ArmStats st = e.getValue().get(t.arm());
                ArmStats sc = e.getValue().get(d.control().arm());
                if (st == null && sc == null) {
                    continue;
                }
                for (ArmStats[] pair : new ArmStats[][]{{st, t}, {sc, d.control()}}) {
                    long n = pair[0] == null ? 0 : pair[0].n();
                    if (n < 2) {
                        throw new UserInputException("stratum '" + e.getKey() + "' of '" + spec.strata() + "' has " + n
                                + " row(s) in arm '" + pair[1].arm() + "'; post-stratification needs at least 2 per arm in "
                                + "every stratum: merge small strata or leave out --strata");
                    }
                }
                rows.add(new PostStratification.Stratum(e.getKey(), st.n(), st.mean(), st.variance(), sc.n(), sc.mean(), sc.variance()));
            }
            out.add(PostStratification.estimate(t.arm(), d.control().arm(), rows, spec.alpha(), spec.alternative()));
        }
        return out;
    }

    /**
     * The sensitivity the data had: for each arm against control, the minimum detectable effect at
     * the spec's power with the observed arm sizes (statsmodels NormalIndPower on Cohen's h for a
     * binary outcome, TTestIndPower on d = mde / pooled sd otherwise) and, when the spec names an
     * MDE, the power to detect it. A warning when that power falls short of the target.
     */
    private static void powerCheck(ABTestSpec spec, ABData d, AnalysisResult.Builder r) {
        Map<String, Object> byArm = new LinkedHashMap<>();
        ArmStats c = d.control();
        for (ArmStats t : d.treatments()) {
            PowerSettings ps = new PowerSettings(spec.alpha(), spec.power(),
                    (double) t.n() / c.n(), spec.alternative());
            Map<String, Double> v = new LinkedHashMap<>();
            try {
                if (d.binary()) {
                    v.put("mde", PowerCalculator.proportionsMde(c.mean(), c.n(), ps).mde());
                    if (spec.mde() != null) {
                        v.put("power_at_mde", PowerCalculator.proportionsPower(c.mean(), spec.mde(), c.n(), ps).power());
                    }
                } else {
                    double sd = Math.sqrt(((c.n() - 1) * c.variance() + (t.n() - 1) * t.variance()) / (c.n() + t.n() - 2));
                    v.put("mde", PowerCalculator.meansMde(sd, c.n(), ps).mde());
                    if (spec.mde() != null) {
                        v.put("power_at_mde", PowerCalculator.meansPower(sd, spec.mde(), c.n(), ps).power());
                    }
                }
            } catch (UserInputException e) {
                continue; // a degenerate baseline (rate 0 or 1) has no defined MDE; the tests still run
            }
            byArm.put(t.arm(), v);
            String label = t.arm() + " vs " + c.arm();
            Double pw = v.get("power_at_mde");
            boolean low = pw != null && pw < spec.power();
            String msg = label + ": with these arm sizes the smallest difference detectable with "
                    + Math.round(100 * spec.power()) + "% power is " + Format.num(Math.abs(v.get("mde")))
                    + (pw == null ? "" : "; power to detect the planned MDE " + Format.num(spec.mde())
                    + " is " + Format.pct(pw));
            r.diagnostic(new Diagnostic("power", low ? Diagnostic.Status.WARN : Diagnostic.Status.PASS, msg, v));
            if (low) {
                r.warning("underpowered: " + msg + "; a non-significant result here is weak evidence of no effect");
            }
        }
        r.detail("power", byArm);
    }

    private static void srm(ABTestSpec spec, ABData d, AnalysisResult.Builder r) {
        List<ArmStats> arms = d.labelOrder();
        long[] counts = arms.stream().mapToLong(ArmStats::n).toArray();
        SampleRatioCheck.Result s = SampleRatioCheck.test(counts, spec.allocation());
        var diag = SampleRatioCheck.diagnostic(s, arms.stream().map(ArmStats::arm).toList(), counts);
        r.diagnostic(diag);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("chi2", s.chi2());
        detail.put("p_value", s.pValue());
        detail.put("df", s.df());
        detail.put("status", diag.status().toString());
        Map<String, Double> expected = new LinkedHashMap<>();
        for (int i = 0; i < arms.size(); i++) {
            expected.put(arms.get(i).arm(), s.expected()[i]);
        }
        detail.put("expected_share", expected);
        r.detail("srm", detail);
        if (s.failed()) {
            r.warning(String.format(java.util.Locale.ROOT, "SAMPLE RATIO MISMATCH (chi2 = %.4g, p = %.3g): the arm sizes do not "
                    + "match the planned allocation; check assignment and logging before trusting any result", s.chi2(), s.pValue()));
        }
    }

    /** Sets adjusted p-values on every arm-vs-control estimate of each method that has p-values. */
    private static void adjust(List<Estimate> estimates, MultipleTesting correction, ABData d) {
        Map<String, List<Integer>> byMethod = new LinkedHashMap<>();
        for (int i = 0; i < estimates.size(); i++) {
            Estimate e = estimates.get(i);
            if (e.pValue() != null && !e.label().equals("all arms")) {
                byMethod.computeIfAbsent(e.method(), k -> new ArrayList<>()).add(i);
            }
        }
        for (List<Integer> idx : byMethod.values()) {
            double[] p = idx.stream().mapToDouble(i -> estimates.get(i).pValue()).toArray();
            double[] adj = PValueAdjustment.adjust(p, correction);
            for (int k = 0; k < idx.size(); k++) {
                Estimate e = estimates.get(idx.get(k));
                estimates.set(idx.get(k), new Estimate(e.label(), e.method(), e.estimand(), e.estimate(), e.standardError(),
                        e.interval(), e.pValue(), adj[k], e.statistic(), e.posteriorProbability(), e.extra()));
            }
        }
    }

    private static Estimate withExtra(Estimate e, String key, Double value) {
        if (value == null) {
            return e;
        }
        Map<String, Double> extra = new LinkedHashMap<>(e.extra());
        extra.put(key, value);
        return new Estimate(e.label(), e.method(), e.estimand(), e.estimate(), e.standardError(), e.interval(), e.pValue(),
                e.adjustedPValue(), e.statistic(), e.posteriorProbability(), extra);
    }

    /** Wilson interval for a proportion, t interval for a mean. */
    static Interval meanInterval(ArmStats a, boolean binary, double alpha) {
        if (binary) {
            double[] w = ProportionTests.wilson(a.mean(), a.n(), alpha);
            return Interval.confidence(w[0], w[1], 1 - alpha);
        }
        double q = new TDistribution(a.n() - 1).inverseCumulativeProbability(1 - alpha / 2);
        double se = a.sd() / Math.sqrt(a.n());
        return Interval.confidence(a.mean() - q * se, a.mean() + q * se, 1 - alpha);
    }

    private static Chart armsChart(ABData d, ABTestSpec spec) {
        List<ArmStats> arms = d.all();
        List<String> names = new ArrayList<>();
        double[] x = new double[arms.size()];
        double[] y = new double[arms.size()];
        double[] lo = new double[arms.size()];
        double[] hi = new double[arms.size()];
        for (int i = 0; i < arms.size(); i++) {
            ArmStats a = arms.get(i);
            Interval ci = meanInterval(a, d.binary(), spec.alpha());
            names.add(a.arm());
            x[i] = i;
            y[i] = a.mean();
            lo[i] = ci.lower();
            hi[i] = ci.upper();
        }
        String what = d.binary() ? "conversion rate" : "mean " + spec.outcome();
        return new Chart("arms", "interval", what + " by arm, " + Math.round(100 * (1 - spec.alpha())) + "% interval",
                "arm", what, names, List.of(new Series(what, x, y, lo, hi)), null);
    }

    /** Posterior density of each arm's rate (Beta) or mean (Normal) on a common grid. */
    private static Chart posteriorChart(String method, ABData d, ABTestSpec spec) {
        List<ArmStats> arms = d.all();
        boolean beta = method.equals(AbMethod.BAYESIAN_BETA_BINOMIAL.id());
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        List<java.util.function.DoubleUnaryOperator> dens = new ArrayList<>();
        for (ArmStats a : arms) {
            double m;
            double s;
            if (beta) {
                BetaPosterior p = BetaPosterior.of(spec.priorAlpha(), spec.priorBeta(), a.sum(), a.n());
                m = p.mean();
                s = p.sd();
                dens.add(p::density);
            } else {
                NormalModel.Posterior p = posterior(a);
                m = p.mean();
                s = p.sd();
                dens.add(p::density);
            }
            lo = Math.min(lo, m - 4 * s);
            hi = Math.max(hi, m + 4 * s);
        }
        if (beta) {
            lo = Math.max(0, lo);
            hi = Math.min(1, hi);
        }
        List<Series> series = new ArrayList<>();
        for (int i = 0; i < arms.size(); i++) {
            double[] x = new double[DENSITY_POINTS];
            double[] y = new double[DENSITY_POINTS];
            for (int k = 0; k < DENSITY_POINTS; k++) {
                x[k] = lo + (hi - lo) * k / (DENSITY_POINTS - 1);
                y[k] = dens.get(i).applyAsDouble(x[k]);
            }
            series.add(Series.of(arms.get(i).arm(), x, y));
        }
        String what = beta ? "conversion rate" : "mean " + spec.outcome();
        return new Chart("posterior", "line", "posterior density of each arm's " + what, what, "density", null, series, null);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
