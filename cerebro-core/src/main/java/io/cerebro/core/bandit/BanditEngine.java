package io.cerebro.core.bandit;

import io.cerebro.core.spec.BanditSpec;
import io.cerebro.core.bandit.ope.OffPolicyEvaluator;
import io.cerebro.core.bandit.ope.OpeEstimate;
import io.cerebro.core.bandit.ope.SqlOffPolicy;
import io.cerebro.core.bandit.policy.BetaThompson;
import io.cerebro.core.bandit.policy.EpsilonGreedy;
import io.cerebro.core.bandit.policy.IndexPolicy;
import io.cerebro.core.bandit.policy.KlUcb;
import io.cerebro.core.bandit.policy.NormalThompson;
import io.cerebro.core.bandit.policy.Softmax;
import io.cerebro.core.bandit.policy.Ucb1;
import io.cerebro.core.bandit.policy.UcbV;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.ReferenceEngine;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Chart;
import io.cerebro.core.result.Series;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.result.Interval;
import org.hipparchus.distribution.continuous.BetaDistribution;
import org.hipparchus.distribution.continuous.NormalDistribution;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The bandit family's reference engine. Recommend: one estimate per arm (labelled with the arm's
 * name, arms in sorted order) whose {@code estimate} is the quantity the algorithm decides by, with
 * the arm's mean reward and a 1 - alpha interval (the Beta posterior's equal-tailed interval for
 * Thompson, a normal interval otherwise) and the next arm in {@code details.next_arm}. Evaluate:
 * one estimate per off-policy estimator. Simulate: one estimate per algorithm, its mean cumulative
 * regret at the horizon, with the regret curves and the Lai-Robbins bound in {@code details}.
 */
public final class BanditEngine implements ReferenceEngine<BanditSpec> {
    @Override
    public AnalysisResult run(BanditSpec spec, Dataset data) {
        return switch (spec.mode()) {
            case RECOMMEND -> recommend(spec, data);
            case EVALUATE -> evaluate(spec, data);
            case SIMULATE -> simulate(spec);
        };
    }

    private static AnalysisResult recommend(BanditSpec spec, Dataset data) {
        BanditMethod method = BanditMethod.algorithm(spec.algorithm());
        String[] armColumn = data.strings(spec.arm());
        List<String> arms = new ArrayList<>(data.levels(spec.arm()).keySet());
        Map<String, Integer> index = indexOf(arms);
        // rows are pulls in time order: a discount or a window forgets the old ones (non-stationary arms)
        ArmStatistics stats = spec.discount() != null ? ArmStatistics.discounted(arms.size(), spec.discount())
                : spec.window() != null ? ArmStatistics.slidingWindow(arms.size(), spec.window()) : ArmStatistics.cumulative(arms.size());
        boolean binaryNeeded = method == BanditMethod.THOMPSON || method == BanditMethod.KL_UCB;
        if (spec.count() != null) {
            double[] n = data.doubles(spec.count());
            double[] s = data.doubles(spec.successes());
            for (int i = 0; i < n.length; i++) {
                if (armColumn[i] == null) throw new UserInputException("arm missing on row " + (i + 1) + "; fill it or use --drop-missing");
                if (!(n[i] >= 0) || !(s[i] >= 0) || s[i] > n[i] || n[i] != Math.rint(n[i]) || s[i] != Math.rint(s[i])) {
                    throw new UserInputException("row " + (i + 1) + ": count and successes must be whole numbers with 0 <= successes <= count, got "
                            + n[i] + " and " + s[i]);
                }
                int a = index.get(armColumn[i]);
                for (long k = 0; k < (long) n[i]; k++) stats.add(a, k < s[i] ? 1 : 0);
            }
        } else {
            double[] r = data.doubles(spec.reward());
            for (int i = 0; i < r.length; i++) {
                if (armColumn[i] == null || Double.isNaN(r[i])) {
                    throw new UserInputException("arm or reward missing on row " + (i + 1) + "; fill it or use --drop-missing");
                }
                if (binaryNeeded && r[i] != 0 && r[i] != 1) {
                    throw new UserInputException("reward " + r[i] + " on row " + (i + 1) + " is not 0 or 1; " + method.shortName()
                            + " with Beta priors needs 0/1 rewards (use ucb1, ucb_v or epsilon_greedy for continuous rewards)");
                }
                stats.add(index.get(armColumn[i]), r[i]);
            }
        }
        SplittableRandom rng = new SplittableRandom(spec.seed());
        double[] decideBy;
        int next;
        String estimand;
        BetaThompson thompson = null;
        switch (method) {
            case THOMPSON -> {
                thompson = new BetaThompson(stats, spec.prior().get(0), spec.prior().get(1), rng);
                decideBy = thompson.bestArmProbabilities();
                next = argmax(decideBy);
                estimand = "posterior probability that the arm has the highest success rate (Beta prior "
                        + spec.prior().get(0) + "," + spec.prior().get(1) + ", by quadrature)";
            }
            case EPSILON_GREEDY -> {
                EpsilonGreedy eg = EpsilonGreedy.fixed(stats, spec.epsilon(), rng);
                decideBy = eg.choiceProbabilities();
                next = eg.select(null);
                estimand = "probability that ε-greedy (ε = " + spec.epsilon() + ") pulls the arm next";
            }
            case SOFTMAX -> {
                Softmax sm = new Softmax(stats, spec.epsilon(), rng);
                requireAllPulled(stats, arms, method);
                decideBy = sm.choiceProbabilities();
                next = sm.select(null);
                estimand = "probability that softmax (temperature " + spec.epsilon() + ") pulls the arm next";
            }
            default -> {
                IndexPolicy p = method == BanditMethod.UCB1 ? new Ucb1(stats) : method == BanditMethod.UCB_V ? new UcbV(stats, 1) : new KlUcb(stats);
                decideBy = p.indices();
                next = p.select(null);
                estimand = method.description().estimand();
            }
        }
        double z = new NormalDistribution(0, 1).inverseCumulativeProbability(1 - spec.alpha() / 2);
        AnalysisResult.Builder b = AnalysisResult.builder(BanditSpec.FAMILY, method.id()).estimand(estimand);
        for (int a = 0; a < arms.size(); a++) {
            double n = stats.count(a);
            double mean = stats.mean(a);
            Estimate.Builder e = Estimate.builder(arms.get(a), method.id()).estimand(estimand)
                    .estimate(Double.isFinite(decideBy[a]) ? decideBy[a] : null)
                    .extra("pulls", n);
            if (thompson != null) {
                BetaDistribution post = new BetaDistribution(thompson.posteriorAlpha(a), thompson.posteriorBeta(a));
                e.extra("posterior_alpha", thompson.posteriorAlpha(a)).extra("posterior_beta", thompson.posteriorBeta(a))
                        .extra("posterior_mean", post.getNumericalMean())
                        .interval(new Interval(post.inverseCumulativeProbability(spec.alpha() / 2),
                                post.inverseCumulativeProbability(1 - spec.alpha() / 2), 1 - spec.alpha(), "credible"));
            } else if (n > 0) {
                double se = n > 1 ? Math.sqrt(stats.variance(a) * n / (n - 1) / n) : Double.NaN;
                e.extra("mean", mean);
                if (Double.isFinite(se)) e.interval(new Interval(mean - z * se, mean + z * se, 1 - spec.alpha(), "confidence"));
            }
            b.estimate(e.build());
            b.sampleSize(arms.get(a), (long) n);
        }
        b.detail("next_arm", arms.get(next));
        if (spec.discount() != null) b.detail("discount", spec.discount());
        if (spec.window() != null) b.detail("window", spec.window());
        b.chart(armsChart(arms, stats, thompson, spec, z));
        b.provenance(spec, data, BanditEngine.class, spec.seed());
        return b.build();
    }

    /** Each arm's mean reward (or posterior mean) with its interval, one row per arm. */
    private static Chart armsChart(List<String> arms, ArmStatistics stats, BetaThompson thompson, BanditSpec spec, double z) {
        int k = arms.size();
        double[] y = new double[k];
        double[] lo = new double[k];
        double[] hi = new double[k];
        for (int a = 0; a < k; a++) {
            if (thompson != null) {
                BetaDistribution post = new BetaDistribution(thompson.posteriorAlpha(a), thompson.posteriorBeta(a));
                y[a] = post.getNumericalMean();
                lo[a] = post.inverseCumulativeProbability(spec.alpha() / 2);
                hi[a] = post.inverseCumulativeProbability(1 - spec.alpha() / 2);
            } else {
                double n = stats.count(a);
                y[a] = stats.mean(a);
                double se = n > 1 ? Math.sqrt(stats.variance(a) / (n - 1)) : Double.NaN;
                lo[a] = y[a] - z * se;
                hi[a] = y[a] + z * se;
            }
        }
        String what = thompson != null ? "posterior mean with its " : "mean reward with its ";
        return new Chart("arms", "interval", "Each arm's " + what + Math.round(100 * (1 - spec.alpha())) + "% interval", "arm",
                "reward", arms, List.of(new Series(thompson != null ? "posterior" : "mean", positions(k), y, lo, hi)), null);
    }

    private static void requireAllPulled(ArmStatistics stats, List<String> arms, BanditMethod method) {
        for (int a = 0; a < arms.size(); a++) {
            if (stats.count(a) == 0) throw new UserInputException("arm '" + arms.get(a) + "' has no pulls; " + method.shortName() + " needs one reward per arm first");
        }
    }

    private static AnalysisResult evaluate(BanditSpec spec, Dataset data) {
        List<String> arms = new ArrayList<>(data.levels(spec.action()).keySet());
        long n = data.rowCount();
        EnumSet<OffPolicyEvaluator.Estimator> which = EnumSet.noneOf(OffPolicyEvaluator.Estimator.class);
        for (String e : spec.estimators()) which.add(OffPolicyEvaluator.Estimator.valueOf(e.toUpperCase(Locale.ROOT)));
        // computed in DuckDB: a ten-million-row log is never copied into Java arrays
        var ev = SqlOffPolicy.evaluate(data, arms, spec.action(), spec.reward(), spec.propensity(), spec.context(), spec.target(),
                spec.targetArm(), which);
        String targetWords = spec.targetArm() != null ? "always arm " + spec.targetArm() : "the arms in column '" + spec.target() + "'";
        BanditMethod headline = null;
        List<Estimate> ests = new ArrayList<>();
        double z = new NormalDistribution(0, 1).inverseCumulativeProbability(1 - spec.alpha() / 2);
        for (OpeEstimate e : ev.estimates()) {
            BanditMethod m = BanditMethod.valueOf("OPE_" + e.estimator().name());
            if (headline == null || m == BanditMethod.OPE_DR) headline = m;
            ests.add(Estimate.builder(e.estimator().name(), m.id()).estimand("value of the target policy (" + targetWords + ")")
                    .estimate(e.value()).standardError(e.standardError())
                    .interval(new Interval(e.value() - z * e.standardError(), e.value() + z * e.standardError(), 1 - spec.alpha(), "confidence"))
                    .build());
        }
        AnalysisResult.Builder b = AnalysisResult.builder(BanditSpec.FAMILY, headline.id())
                .estimand("value of the target policy (" + targetWords + ") on the logged contexts");
        ests.forEach(b::estimate);
        b.sampleSize("logged_rows", n).sampleSize("matched_rows", ev.matchedRows());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("logging_policy_value", ev.loggingValue());
        d.put("logging_policy_standard_error", ev.loggingStandardError());
        d.put("effective_sample_size", ev.effectiveSampleSize());
        d.put("largest_weights", java.util.Arrays.stream(ev.largestWeights()).boxed().toList());
        b.detail("off_policy", d);
        List<String> names = new ArrayList<>();
        double[] y = new double[ests.size()];
        double[] lo = new double[ests.size()];
        double[] hi = new double[ests.size()];
        for (int i = 0; i < ests.size(); i++) {
            Estimate e = ests.get(i);
            names.add(e.label());
            y[i] = e.estimate();
            lo[i] = e.interval().lower();
            hi[i] = e.interval().upper();
        }
        // the dashed line is the logging policy's own value: the target beats it where its interval lies to the right
        b.chart(new Chart("estimators", "interval", "Value of the target policy (" + targetWords + ") by estimator, "
                + Math.round(100 * (1 - spec.alpha())) + "% intervals; dashed: logging policy", "estimator", "policy value", names,
                List.of(new Series("value", positions(y.length), y, lo, hi)), ev.loggingValue()));
        b.provenance(spec, data, BanditEngine.class, spec.seed());
        return b.build();
    }

    private static AnalysisResult simulate(BanditSpec spec) {
        double[] means = spec.armMeans().stream().mapToDouble(Double::doubleValue).toArray();
        double[] sds = spec.armSds() == null ? null : spec.armSds().stream().mapToDouble(Double::doubleValue).toArray();
        List<String> armNames = armNames(spec);
        RegretSimulator sim = sds == null ? new RegretSimulator(means, RegretSimulator.RewardModel.BERNOULLI) : new RegretSimulator(means, sds);
        long[] checkpoints = RegretSimulator.logCheckpoints(spec.horizon(), 40);
        double lrConstant = sds == null ? LaiRobbins.constant(means) : LaiRobbins.gaussianConstant(means, sds);
        double bound = spec.horizon() <= 1 ? 0 : lrConstant * Math.log(spec.horizon());
        BanditMethod headline = BanditMethod.algorithm(spec.algorithms().get(0));
        String arms = sds == null ? "Bernoulli" : "Gaussian";
        AnalysisResult.Builder b = AnalysisResult.builder(BanditSpec.FAMILY, headline.id())
                .estimand("mean cumulative pseudo-regret after " + spec.horizon() + " pulls over " + spec.runs() + " runs on " + arms + " arms");
        Map<String, Object> curves = new LinkedHashMap<>();
        double z = new NormalDistribution(0, 1).inverseCumulativeProbability(1 - spec.alpha() / 2);
        double[] x = new double[checkpoints.length];
        for (int i = 0; i < x.length; i++) x[i] = checkpoints[i];
        List<Series> regretSeries = new ArrayList<>();
        List<Series> bestShareSeries = new ArrayList<>();
        List<Series> pullSeries = new ArrayList<>();
        for (String name : spec.algorithms()) {
            BanditMethod m = BanditMethod.algorithm(name);
            var c = sim.run(factory(m, spec, means.length), spec.horizon(), spec.runs(), checkpoints, spec.seed());
            int last = checkpoints.length - 1;
            double se = c.regretStandardError(last);
            b.estimate(Estimate.builder(name, m.id()).estimand("mean cumulative regret at the horizon")
                    .estimate(c.finalRegret()).standardError(se)
                    .interval(new Interval(c.finalRegret() - z * se, c.finalRegret() + z * se, 1 - spec.alpha(), "confidence"))
                    .extra("best_arm_share", c.bestArmShare()[last])
                    .extra("regret_over_lai_robbins", bound > 0 ? c.finalRegret() / bound : Double.NaN)
                    .build());
            Map<String, Object> curve = new LinkedHashMap<>();
            curve.put("mean_regret", list(c.meanRegret()));
            curve.put("regret_sd", list(c.regretSd()));
            curve.put("best_arm_share", list(c.bestArmShare()));
            Map<String, Object> shares = new LinkedHashMap<>();
            for (int a = 0; a < armNames.size(); a++) shares.put(armNames.get(a), c.armShare()[a]);
            curve.put("arm_pull_share", shares);
            curves.put(name, curve);
            double[] lo = new double[x.length];
            double[] hi = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                lo[i] = c.meanRegret()[i] - z * c.regretStandardError(i);
                hi[i] = c.meanRegret()[i] + z * c.regretStandardError(i);
            }
            regretSeries.add(new Series(name, x, c.meanRegret(), lo, hi));
            bestShareSeries.add(Series.of(name, x, c.bestArmShare()));
            pullSeries.add(Series.of(name, positions(means.length), c.armShare()));
        }
        double[] lr = new double[checkpoints.length];
        for (int i = 0; i < lr.length; i++) lr[i] = checkpoints[i] <= 1 ? 0 : lrConstant * Math.log(checkpoints[i]);
        regretSeries.add(Series.of("Lai-Robbins lower bound", x, lr));
        String level = Math.round(100 * (1 - spec.alpha())) + "%";
        b.chart(new Chart("regret", "line", "Cumulative regret: mean over " + spec.runs() + " runs with its " + level
                + " interval, beside the Lai-Robbins bound", "pulls", "cumulative pseudo-regret", null, regretSeries, null));
        b.chart(new Chart("best_arm_share", "line", "Share of pulls so far on the best arm (mean over runs)", "pulls", "share", null,
                bestShareSeries, null));
        b.chart(new Chart("arm_pulls", "dot", "Share of each run's pulls per arm (mean over runs)", "arm", "share of pulls", armNames,
                pullSeries, null));
        b.detail("arms", armNames).detail("checkpoints", java.util.Arrays.stream(checkpoints).boxed().toList()).detail("curves", curves)
                .detail("lai_robbins", list(lr)).detail("lai_robbins_constant", lrConstant);
        // simulate reads no data, so the provenance has no source or row count
        b.provenance(new io.cerebro.core.result.Provenance(io.cerebro.core.CerebroVersion.get(), BanditEngine.class.getName(),
                io.cerebro.core.spec.SpecReader.toTree(spec), null, null, null, spec.seed(), Runtime.version().toString(),
                java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()));
        return b.build();
    }

    /** The simulated arms' names: the spec's, or arm1, arm2, ... */
    static List<String> armNames(BanditSpec spec) {
        if (spec.armNames() != null) return spec.armNames();
        List<String> names = new ArrayList<>();
        for (int a = 1; a <= spec.armMeans().size(); a++) names.add("arm" + a);
        return names;
    }

    /** A fresh policy per run; ε-greedy in simulations uses fixed ε. */
    static Function<SplittableRandom, BanditPolicy> factory(BanditMethod m, BanditSpec spec, int arms) {
        return switch (m) {
            case UCB1 -> rng -> new Ucb1(ArmStatistics.cumulative(arms));
            case UCB_V -> rng -> new UcbV(ArmStatistics.cumulative(arms), 1);
            case KL_UCB -> rng -> new KlUcb(ArmStatistics.cumulative(arms));
            case THOMPSON -> spec.armSds() == null
                    ? rng -> new BetaThompson(ArmStatistics.cumulative(arms), spec.prior().get(0), spec.prior().get(1), rng)
                    : rng -> new NormalThompson(ArmStatistics.cumulative(arms), 0, GAUSSIAN_PRIOR_VARIANCE, largestVariance(spec), rng);
            case EPSILON_GREEDY -> rng -> EpsilonGreedy.fixed(ArmStatistics.cumulative(arms), spec.epsilon(), rng);
            case SOFTMAX -> rng -> new Softmax(ArmStatistics.cumulative(arms), spec.epsilon(), rng);
            default -> throw new IllegalArgumentException(m + " is not an algorithm");
        };
    }

    /**
     * Thompson sampling on Gaussian arms: a N(0, 10^6) prior on every mean (flat next to any reward
     * scale a user simulates) and the largest arm variance as the known noise variance, which
     * explores at least as much as each arm's own variance would.
     */
    static final double GAUSSIAN_PRIOR_VARIANCE = 1e6;

    private static double largestVariance(BanditSpec spec) {
        double v = 0;
        for (double sd : spec.armSds()) v = Math.max(v, sd * sd);
        return v;
    }

    /** Category positions 0..n-1, the x of a chart with one point per arm or estimator. */
    private static double[] positions(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = i;
        return x;
    }

    private static Map<String, Integer> indexOf(List<String> arms) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < arms.size(); i++) m.put(arms.get(i), i);
        return m;
    }

    private static List<Double> list(double[] v) {
        return java.util.Arrays.stream(v).boxed().toList();
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
        return best;
    }
}
