package io.cerebro.rag.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a large corpus of worked examples for scale benchmarks ({@code cerebro corpus synth}):
 * Python and R analysis scripts, each with a metadata header (family, method, title, description)
 * and ten chunks (the module or script, and nine top-level functions: load, checks, summary, the
 * estimate, its interval, a diagnostic, a robustness check, a report and the entry point). Every
 * example draws its business domain, dataset, column names, function names, numbers, comments and
 * prose from pools, so no two examples are the same text, and the method's own calls (scipy,
 * statsmodels, scikit-learn; base R, lm, glm, MatchIt, augsynth, ...) make its code look like its
 * family. Example {@code i} depends only on the seed and {@code i}: a larger corpus extends a smaller
 * one.
 */
public final class WorkedExampleGenerator {
    /** Chunks per generated example: the whole file and nine functions. */
    public static final int CHUNKS_PER_EXAMPLE = 10;

    /** One method of the catalogue with the words and calls an example of it uses. */
    private record Method(String family, String id, String name, String purpose, String pyCall, String rCall,
                          String diagnostic, String caveat) {
    }

    private static final List<Method> METHODS = List.of(
            new Method("ab", "ab.welch", "Welch's t-test", "compares the mean {metric} of two arms without assuming equal variances",
                    "stats.ttest_ind(t, c, equal_var=False)", "t.test(t, c, var.equal = FALSE)",
                    "ratio of the arm variances", "heavy tails widen the interval; trim or winsorise only if planned"),
            new Method("ab", "ab.z_proportions", "two-proportion z-test", "tests whether the {metric} rate differs between arms",
                    "proportions_ztest([t.sum(), c.sum()], [len(t), len(c)])", "prop.test(c(sum(t), sum(c)), c(length(t), length(c)))",
                    "expected counts per cell", "rates near zero need an exact test"),
            new Method("ab", "ab.cuped", "CUPED variance reduction", "adjusts {metric} by its pre-period value to shrink the variance",
                    "t - theta * (pre_t - pre_t.mean())", "t - theta * (pre_t - mean(pre_t))",
                    "correlation between pre-period and in-experiment {metric}", "the covariate must be measured before assignment"),
            new Method("ab", "ab.srm", "sample ratio mismatch check", "checks the split of {unit}s against the planned allocation",
                    "stats.chisquare([n_t, n_c], [expected_t, expected_c])", "chisq.test(c(n_t, n_c), p = c(0.5, 0.5))",
                    "share of {unit}s per arm by day", "a failed check means the metrics must not be read"),
            new Method("ab", "ab.mann_whitney", "Mann-Whitney U test", "ranks {metric} across arms for a skewed metric",
                    "stats.mannwhitneyu(t, c, alternative='two-sided')", "wilcox.test(t, c)",
                    "share of tied values", "it tests stochastic dominance, not a difference in means"),
            new Method("ab", "ab.bayesian_beta_binomial", "Beta-Binomial posterior", "gives the probability that treatment beats control on {metric}",
                    "rng.beta(1 + t.sum(), 1 + len(t) - t.sum(), 100_000)", "rbeta(1e5, 1 + sum(t), 1 + length(t) - sum(t))",
                    "posterior draws of the lift", "the prior matters for small arms"),
            new Method("power", "power.means", "sample size for a mean difference", "finds how many {unit}s each arm needs to detect a lift in {metric}",
                    "TTestIndPower().solve_power(effect_size=d, alpha=0.05, power=0.8)", "power.t.test(delta = d, sd = s, power = 0.8)",
                    "power curve over effect sizes", "the variance estimate drives the answer; use a recent period"),
            new Method("power", "power.proportions", "sample size for two proportions", "plans the experiment on the {metric} rate",
                    "NormalIndPower().solve_power(proportion_effectsize(p1, p0), power=0.8)", "power.prop.test(p1 = p0, p2 = p1, power = 0.8)",
                    "minimum detectable effect per week of traffic", "small baseline rates need large samples"),
            new Method("power", "power.mde", "minimum detectable effect", "states the smallest lift in {metric} the test can see",
                    "(z_a + z_b) * np.sqrt(2 * var / n)", "(qnorm(0.975) + qnorm(0.8)) * sqrt(2 * v / n)",
                    "MDE against test duration", "an MDE larger than the plausible effect means do not run the test"),
            new Method("causal", "causal.psm", "propensity score matching", "matches treated {unit}s to similar untreated ones on their propensity",
                    "NearestNeighbors(n_neighbors=1).fit(ps_control.reshape(-1, 1))", "matchit(treated ~ ., data = df, method = 'nearest', caliper = 0.2)",
                    "standardised mean differences after matching", "only observed confounders are balanced"),
            new Method("causal", "causal.ipw", "inverse probability weighting", "reweights {unit}s by the inverse of their propensity to estimate the ATE of {treatment}",
                    "LogisticRegression(max_iter=1000).fit(X, d).predict_proba(X)[:, 1]", "glm(d ~ ., family = binomial, data = df)",
                    "distribution of the weights and effective sample size", "extreme weights need trimming"),
            new Method("causal", "causal.did", "difference in differences", "compares the change in {metric} of treated and comparison groups before and after {treatment}",
                    "smf.ols('y ~ treated * post', data=df).fit(cov_type='cluster', cov_kwds={'groups': df.unit})", "lm(y ~ treated * post, data = df)",
                    "pre-period trends by group", "parallel trends is an assumption, not a test result"),
            new Method("causal", "causal.iv", "instrumental variables (2SLS)", "uses {instrument} as an instrument for {treatment}",
                    "IV2SLS.from_formula('y ~ 1 + [d ~ z]', df).fit()", "ivreg(y ~ d | z, data = df)",
                    "first-stage F statistic", "a weak instrument biases the estimate toward OLS"),
            new Method("causal", "causal.rdd", "regression discontinuity", "estimates the jump in {metric} at the {threshold} cutoff",
                    "smf.wls('y ~ above * centred', data=window, weights=kernel).fit()", "rdrobust(y, x, c = cutoff)",
                    "density of the running variable at the cutoff", "the effect is local to the threshold"),
            new Method("causal", "causal.event_study", "event study", "traces the effect of {treatment} on {metric} period by period around adoption",
                    "smf.ols('y ~ C(rel_time) + C(unit) + C(period)', data=df).fit()", "feols(y ~ i(rel_time, ref = -1) | unit + period, data = df)",
                    "pre-period coefficients near zero", "staggered adoption needs a heterogeneity-robust estimator"),
            new Method("geo", "geo.synthetic_control", "synthetic control", "builds a weighted donor pool of regions to stand in for the treated {region}",
                    "minimize(loss, w0, constraints=({'type': 'eq', 'fun': lambda w: w.sum() - 1},), bounds=bounds)", "augsynth(y ~ treated, unit, period, data = df)",
                    "pre-period fit (RMSPE) and placebo gaps", "donors must not be touched by the campaign"),
            new Method("geo", "geo.matched_markets", "matched market test", "pairs {region}s with similar {metric} history and randomises within pairs",
                    "np.corrcoef(series[a], series[b])[0, 1]", "cor(series[[a]], series[[b]])",
                    "pre-period correlation of each pair", "spillover between neighbouring markets biases the lift"),
            new Method("geo", "geo.geolift", "GeoLift market selection", "chooses test {region}s and measures the lift in {metric} from a geo experiment",
                    "weights = ridge_synthetic_control(pre_treated, pre_donors, alpha=0.1)", "GeoLift(Y_id = 'y', data = panel, locations = test_markets)",
                    "power by number of test markets", "short pre-periods make the counterfactual noisy"),
            new Method("uplift", "uplift.t_learner", "T-learner", "fits one model per arm and ranks {unit}s by predicted uplift in {metric}",
                    "GradientBoostingClassifier().fit(X[t == 1], y[t == 1])", "randomForest(y ~ ., data = df[df$t == 1, ])",
                    "calibration of predicted uplift by decile", "separate models overfit small arms"),
            new Method("uplift", "uplift.qini", "Qini curve", "evaluates an uplift ranking of {unit}s by incremental {metric}",
                    "np.cumsum(y * t) - np.cumsum(y * (1 - t)) * np.cumsum(t) / np.maximum(np.cumsum(1 - t), 1)", "cumsum(y * t) - cumsum(y * (1 - t)) * cumsum(t) / pmax(cumsum(1 - t), 1)",
                    "Qini coefficient against random targeting", "evaluate on a holdout, never on the training half"),
            new Method("uplift", "uplift.x_learner", "X-learner", "imputes individual effects of {treatment} and blends them by propensity",
                    "RandomForestRegressor().fit(X[t == 0], y[t == 0])", "ranger(y ~ ., data = df[df$t == 0, ])",
                    "imputed effect distribution per arm", "unbalanced arms are where it helps most"),
            new Method("mmm", "mmm.geometric_adstock", "geometric adstock", "carries {channel} spend over into later weeks of {metric}",
                    "scipy.signal.lfilter([1.0], [1.0, -decay], spend)", "stats::filter(spend, decay, method = 'recursive')",
                    "half-life of the carry-over", "decay and saturation trade off; fix one from experiments"),
            new Method("mmm", "mmm.hill_saturation", "Hill saturation", "bends the response of {metric} to {channel} spend",
                    "spend ** shape / (spend ** shape + half ** shape)", "spend^shape / (spend^shape + half^shape)",
                    "response curve and marginal ROAS", "saturation outside the observed spend range is extrapolation"),
            new Method("mmm", "mmm.budget_allocation", "budget allocation", "splits a fixed budget across channels to maximise {metric}",
                    "minimize(lambda b: -response(b).sum(), budget0, constraints=({'type': 'eq', 'fun': lambda b: b.sum() - total},))", "optim(budget0, function(b) -sum(response(b)), method = 'L-BFGS-B')",
                    "marginal return per channel at the optimum", "the optimum trusts the fitted curves"),
            new Method("bandit", "bandit.thompson", "Thompson sampling", "allocates {unit}s to arms in proportion to their chance of the best {metric}",
                    "rng.beta(1 + wins, 1 + losses).argmax()", "which.max(rbeta(k, 1 + wins, 1 + losses))",
                    "allocation share per arm over time", "non-stationary rewards need discounting"),
            new Method("bandit", "bandit.ips", "inverse propensity scoring", "evaluates a new policy offline from a logged bandit of {metric}",
                    "np.mean(reward * (new_action == action) / propensity)", "mean(reward * (new_action == action) / propensity)",
                    "effective sample size of the weights", "logged propensities must be exact"),
            new Method("tune", "tune.tpe", "TPE search", "tunes the settings of a {metric} model with a tree-structured Parzen estimator",
                    "optuna.create_study(direction='maximize', sampler=optuna.samplers.TPESampler(seed=seed))", "mlrMBO::mbo(fun, design = design)",
                    "best value per trial", "a noisy objective needs repeated evaluations"),
            new Method("tune", "tune.random", "random search", "samples settings at random for a {metric} model and keeps the best",
                    "ParameterSampler(space, n_iter=40, random_state=seed)", "lapply(seq_len(40), function(i) sample_params(space))",
                    "score spread across trials", "log-uniform ranges for scale parameters"));

    /** A business setting: what the unit, metric, treatment and dataset are called. */
    private record Domain(String name, String unit, String metric, String metricCol, String treatment, String region,
                          String channel, String instrument, String threshold, String dataset) {
    }

    private static final List<Domain> DOMAINS = List.of(
            new Domain("online retail", "shopper", "revenue per visit", "revenue", "the new checkout", "city", "search ads",
                    "distance to the warehouse", "basket value", "checkout_sessions"),
            new Domain("subscription streaming", "subscriber", "watch time", "watch_minutes", "the autoplay change", "country",
                    "video ads", "device rollout date", "tenure", "viewing_log"),
            new Domain("food delivery", "customer", "orders per week", "orders", "the delivery fee waiver", "metro area", "push notifications",
                    "rainfall", "order count", "delivery_orders"),
            new Domain("mobile gaming", "player", "day-7 retention", "retained_d7", "the tutorial redesign", "region", "influencer campaigns",
                    "app store feature", "level reached", "player_events"),
            new Domain("banking", "account holder", "card spend", "card_spend", "the cashback offer", "branch area", "direct mail",
                    "branch distance", "credit score", "card_transactions"),
            new Domain("ride hailing", "rider", "trips per month", "trips", "surge cap", "zone", "radio",
                    "driver supply shock", "trip distance", "ride_requests"),
            new Domain("healthcare", "patient", "readmission", "readmitted", "the follow-up call programme", "county", "outreach",
                    "clinic capacity", "age", "hospital_stays"),
            new Domain("education", "student", "course completion", "completed", "the reminder emails", "school district", "social ads",
                    "enrolment lottery", "test score", "course_activity"),
            new Domain("travel booking", "visitor", "booking conversion", "booked", "the price alert", "market", "display ads",
                    "currency swing", "lead time", "search_sessions"),
            new Domain("B2B software", "workspace", "seats activated", "active_seats", "the onboarding checklist", "sales territory", "webinars",
                    "sales rep assignment", "company size", "workspace_usage"),
            new Domain("grocery", "household", "basket size", "basket_items", "the loyalty coupon", "store cluster", "flyers",
                    "store opening", "household income", "loyalty_baskets"),
            new Domain("news media", "reader", "articles read", "articles", "the paywall meter", "DMA", "newsletter",
                    "breaking news days", "visit frequency", "reader_sessions"));

    private static final String[] VERBS = {"compute", "estimate", "fit", "measure", "get", "calc", "run", "derive"};
    private static final String[] AUTHORS = {"analytics team", "growth squad", "data science guild", "pricing team",
            "marketing science", "experimentation platform", "research desk", "insights team"};
    private static final String[] COVARIATES = {"age", "tenure_days", "visits_prev_30d", "spend_prev_90d", "mobile", "new_user",
            "region_code", "plan_tier", "sessions_prev_week", "weekday", "channel_code", "device_os"};
    private static final String[] NOTES = {"keep the raw file untouched; filtering happens here",
            "dates arrive as strings in UTC", "one row per {unit} and day", "the export double-counts refunds, drop them",
            "test accounts carry an internal flag", "late events are kept if within the window",
            "we agreed with finance on this definition", "the warehouse table is partitioned by day"};

    private WorkedExampleGenerator() {
    }

    /**
     * Writes {@code examples} examples into {@code dir}, in sub-folders per family and language.
     *
     * @return the files written
     */
    public static List<Path> write(Path dir, int examples, long seed) throws IOException {
        List<Path> out = new ArrayList<>(examples);
        for (int i = 0; i < examples; i++) {
            SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + i);
            Method m = METHODS.get(i % METHODS.size());
            Domain d = DOMAINS.get(rnd.nextInt(DOMAINS.size()));
            boolean r = rnd.nextInt(4) == 0;
            String id = String.format(Locale.ROOT, "synth-%s-%s-%05d", m.family(), m.id().substring(m.id().indexOf('.') + 1)
                    .replace('_', '-'), i);
            Path sub = dir.resolve(m.family()).resolve(r ? "r" : "python");
            Files.createDirectories(sub);
            Path file = sub.resolve(id.replace('-', '_') + (r ? ".R" : ".py"));
            Files.writeString(file, r ? rScript(id, m, d, rnd) : python(id, m, d, rnd));
            out.add(file);
        }
        return out;
    }

    private static String fill(String s, Domain d) {
        return s.replace("{metric}", d.metric()).replace("{unit}", d.unit()).replace("{treatment}", d.treatment())
                .replace("{region}", d.region()).replace("{channel}", d.channel()).replace("{instrument}", d.instrument())
                .replace("{threshold}", d.threshold());
    }

    private static String pick(SplittableRandom rnd, String[] a) {
        return a[rnd.nextInt(a.length)];
    }

    private static String[] covariates(SplittableRandom rnd) {
        int k = 2 + rnd.nextInt(3);
        List<String> out = new ArrayList<>();
        while (out.size() < k) {
            String c = pick(rnd, COVARIATES);
            if (!out.contains(c)) {
                out.add(c);
            }
        }
        return out.toArray(String[]::new);
    }

    private static String header(String c, String id, Method m, Domain d, String language, String libraries,
                                 SplittableRandom rnd, int year) {
        String title = m.name() + " for " + d.metric() + " in " + d.name() + " (" + language + ")";
        String description = "A worked example from the " + pick(rnd, AUTHORS) + ": " + fill(m.purpose(), d)
                + ", using the " + d.dataset() + " extract of " + year + ". It checks the " + fill(m.diagnostic(), d)
                + " before trusting the estimate. Caveat: " + fill(m.caveat(), d) + ".";
        return c + " ---\n" + c + " id: " + id + "\n" + c + " title: " + title + "\n" + c + " family: " + m.family() + "\n"
                + c + " methods: [" + m.id() + "]\n" + c + " language: " + language + "\n" + c + " libraries: [" + libraries + "]\n"
                + c + " description: >\n" + wrap(description, c + "   ") + c + " ---\n";
    }

    private static String wrap(String text, String prefix) {
        StringBuilder sb = new StringBuilder();
        StringBuilder line = new StringBuilder();
        for (String w : text.split(" ")) {
            if (line.length() + w.length() > 90) {
                sb.append(prefix).append(line.toString().strip()).append('\n');
                line.setLength(0);
            }
            line.append(w).append(' ');
        }
        if (!line.isEmpty()) {
            sb.append(prefix).append(line.toString().strip()).append('\n');
        }
        return sb.toString();
    }

    private static String python(String id, Method m, Domain d, SplittableRandom rnd) {
        int year = 2019 + rnd.nextInt(7);
        String[] cov = covariates(rnd);
        String verb = pick(rnd, VERBS);
        String y = d.metricCol();
        String covList = "[" + String.join(", ", java.util.Arrays.stream(cov).map(c -> "'" + c + "'").toList()) + "]";
        double alpha = rnd.nextInt(3) == 0 ? 0.1 : 0.05;
        int boot = 500 + 100 * rnd.nextInt(20);
        int minDays = 7 + rnd.nextInt(21);
        String libs = switch (m.family()) {
            case "uplift", "causal" -> "pandas, numpy, scikit-learn, statsmodels";
            case "tune" -> "optuna, scikit-learn";
            case "mmm", "geo" -> "pandas, numpy, scipy";
            default -> "pandas, numpy, scipy, statsmodels";
        };
        StringBuilder s = new StringBuilder(header("#", id, m, d, "python", libs, rnd, year));
        s.append("\"\"\"").append(m.name()).append(" on ").append(d.dataset()).append(": ").append(fill(m.purpose(), d))
                .append(".\"\"\"\nimport numpy as np\nimport pandas as pd\nfrom scipy import stats\n")
                .append("import statsmodels.formula.api as smf\n\nCOVARIATES = ").append(covList).append("\nALPHA = ").append(alpha)
                .append("\n\n\n");
        s.append("def load_").append(d.dataset()).append("(path, min_days=").append(minDays).append("):\n")
                .append("    \"\"\"Reads the ").append(d.dataset()).append(" export; ").append(fill(pick(rnd, NOTES), d))
                .append(".\"\"\"\n    df = pd.read_csv(path, parse_dates=['date'])\n")
                .append("    df = df[df.groupby('").append(d.unit().replace(' ', '_')).append("_id').date.transform('nunique') >= min_days]\n")
                .append("    return df.dropna(subset=['").append(y).append("'])\n\n\n");
        s.append("def check_inputs(df):\n    \"\"\"Stops early when the data cannot support ").append(m.name())
                .append(".\"\"\"\n    missing = [c for c in COVARIATES + ['").append(y).append("'] if c not in df]\n")
                .append("    if missing:\n        raise ValueError(f'columns missing: {missing}')\n")
                .append("    return df[COVARIATES].isna().mean().max() < ").append(0.05 + 0.05 * rnd.nextInt(4)).append("\n\n\n");
        s.append("def describe_").append(y).append("(df, group='arm'):\n    \"\"\"Mean, spread and count of ").append(d.metric())
                .append(" per ").append("group.\"\"\"\n    return df.groupby(group)['").append(y)
                .append("'].agg(['mean', 'std', 'count']).round(").append(2 + rnd.nextInt(3)).append(")\n\n\n");
        s.append("def ").append(verb).append("_effect(df):\n    \"\"\"").append(capital(fill(m.purpose(), d))).append(".\"\"\"\n")
                .append("    t = df.loc[df.arm == 'treatment', '").append(y).append("'].to_numpy()\n")
                .append("    c = df.loc[df.arm == 'control', '").append(y).append("'].to_numpy()\n")
                .append("    # ").append(m.name()).append(": ").append(fill(m.caveat(), d)).append("\n")
                .append("    return ").append(m.pyCall()).append("\n\n\n");
        s.append("def bootstrap_interval(df, n_boot=").append(boot).append(", seed=").append(rnd.nextInt(10_000)).append("):\n")
                .append("    \"\"\"Percentile interval for the ").append(d.metric()).append(" effect by resampling ").append(d.unit())
                .append("s.\"\"\"\n    rng = np.random.default_rng(seed)\n    draws = []\n    for _ in range(n_boot):\n")
                .append("        sample = df.sample(frac=1.0, replace=True, random_state=rng.integers(1 << 31))\n")
                .append("        draws.append(sample.groupby('arm')['").append(y).append("'].mean().diff().iloc[-1])\n")
                .append("    return np.quantile(draws, [ALPHA / 2, 1 - ALPHA / 2])\n\n\n");
        s.append("def diagnostic_").append(m.id().substring(m.id().indexOf('.') + 1)).append("(df):\n    \"\"\"The ")
                .append(fill(m.diagnostic(), d)).append(".\"\"\"\n    table = df.groupby('arm')[COVARIATES].mean().T\n")
                .append("    table['gap'] = table.iloc[:, 0] - table.iloc[:, -1]\n    return table\n\n\n");
        s.append("def robustness(df, trim=").append(0.01 * (1 + rnd.nextInt(5))).append("):\n    \"\"\"Re-runs the estimate with the extreme ")
                .append(d.metric()).append(" values trimmed.\"\"\"\n    lo, hi = df['").append(y).append("'].quantile([trim, 1 - trim])\n")
                .append("    return ").append(verb).append("_effect(df[df['").append(y).append("'].between(lo, hi)])\n\n\n");
        s.append("def report(effect, interval, title='").append(capital(d.treatment())).append(" on ").append(d.metric()).append("'):\n")
                .append("    \"\"\"One line for the ").append(pick(rnd, AUTHORS)).append(" channel.\"\"\"\n")
                .append("    return f'{title}: {effect} (").append((int) ((1 - alpha) * 100))
                .append("% interval {interval[0]:.3f} to {interval[1]:.3f})'\n\n\n");
        s.append("def main(path='").append(d.dataset()).append(".csv'):\n    df = load_").append(d.dataset()).append("(path)\n")
                .append("    check_inputs(df)\n    print(describe_").append(y).append("(df))\n    effect = ").append(verb)
                .append("_effect(df)\n    print(report(effect, bootstrap_interval(df)))\n    print(robustness(df))\n\n\n")
                .append("if __name__ == '__main__':\n    main()\n");
        return s.toString();
    }

    private static String rScript(String id, Method m, Domain d, SplittableRandom rnd) {
        int year = 2019 + rnd.nextInt(7);
        String[] cov = covariates(rnd);
        String y = d.metricCol();
        String covList = "c(" + String.join(", ", java.util.Arrays.stream(cov).map(c -> "\"" + c + "\"").toList()) + ")";
        double alpha = rnd.nextInt(3) == 0 ? 0.1 : 0.05;
        int boot = 500 + 100 * rnd.nextInt(20);
        String verb = pick(rnd, VERBS);
        String libs = switch (m.family()) {
            case "causal" -> "MatchIt, fixest, AER";
            case "geo" -> "augsynth, GeoLift";
            case "mmm" -> "Robyn";
            default -> "stats";
        };
        StringBuilder s = new StringBuilder(header("#", id, m, d, "r", libs, rnd, year));
        s.append("# ").append(m.name()).append(" on ").append(d.dataset()).append(": ").append(fill(m.purpose(), d)).append(".\n")
                .append("covariates <- ").append(covList).append("\nalpha <- ").append(alpha).append("\n\n");
        s.append("#' Read the ").append(d.dataset()).append(" export\n#'\n#' ").append(capital(fill(pick(rnd, NOTES), d)))
                .append(".\nload_").append(d.dataset()).append(" <- function(path) {\n  df <- read.csv(path)\n")
                .append("  df$date <- as.Date(df$date)\n  df[!is.na(df$").append(y).append("), ]\n}\n\n");
        s.append("#' Stop early when the data cannot support ").append(m.name()).append("\ncheck_inputs <- function(df) {\n")
                .append("  missing <- setdiff(c(covariates, \"").append(y).append("\"), names(df))\n")
                .append("  if (length(missing) > 0) stop(paste(\"columns missing:\", paste(missing, collapse = \", \")))\n")
                .append("  invisible(TRUE)\n}\n\n");
        s.append("#' Mean and spread of ").append(d.metric()).append(" per arm\ndescribe_").append(y).append(" <- function(df) {\n")
                .append("  aggregate(").append(y).append(" ~ arm, data = df, FUN = function(v) c(mean = mean(v), sd = sd(v), n = length(v)))\n}\n\n");
        s.append("#' ").append(capital(fill(m.purpose(), d))).append("\n").append(verb).append("_effect <- function(df) {\n")
                .append("  t <- df$").append(y).append("[df$arm == \"treatment\"]\n  c <- df$").append(y).append("[df$arm == \"control\"]\n")
                .append("  # ").append(m.name()).append(": ").append(fill(m.caveat(), d)).append("\n  ").append(m.rCall()).append("\n}\n\n");
        s.append("#' Percentile bootstrap interval of the ").append(d.metric()).append(" effect\nbootstrap_interval <- function(df, n_boot = ")
                .append(boot).append(") {\n  set.seed(").append(rnd.nextInt(10_000)).append(")\n  draws <- replicate(n_boot, {\n")
                .append("    s <- df[sample(nrow(df), replace = TRUE), ]\n    diff(tapply(s$").append(y).append(", s$arm, mean))\n  })\n")
                .append("  quantile(draws, c(alpha / 2, 1 - alpha / 2))\n}\n\n");
        s.append("#' The ").append(fill(m.diagnostic(), d)).append("\ndiagnostic_").append(m.id().substring(m.id().indexOf('.') + 1))
                .append(" <- function(df) {\n  sapply(covariates, function(v) tapply(df[[v]], df$arm, mean))\n}\n\n");
        s.append("#' Re-run the estimate with extreme ").append(d.metric()).append(" trimmed\nrobustness <- function(df, trim = ")
                .append(0.01 * (1 + rnd.nextInt(5))).append(") {\n  q <- quantile(df$").append(y).append(", c(trim, 1 - trim))\n  ")
                .append(verb).append("_effect(df[df$").append(y).append(" >= q[1] & df$").append(y).append(" <= q[2], ])\n}\n\n");
        s.append("#' One line for the ").append(pick(rnd, AUTHORS)).append("\nreport <- function(effect, interval) {\n")
                .append("  sprintf(\"").append(capital(d.treatment())).append(" on ").append(d.metric())
                .append(": %s (interval %.3f to %.3f)\", format(effect), interval[1], interval[2])\n}\n\n");
        s.append("main <- function(path = \"").append(d.dataset()).append(".csv\") {\n  df <- load_").append(d.dataset()).append("(path)\n")
                .append("  check_inputs(df)\n  print(describe_").append(y).append("(df))\n  effect <- ").append(verb).append("_effect(df)\n")
                .append("  cat(report(effect, bootstrap_interval(df)), \"\\n\")\n  print(robustness(df))\n}\n");
        return s.toString();
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
