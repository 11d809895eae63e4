package io.cerebro.agents.ab;

import io.cerebro.core.ab.AbMethod;

import io.cerebro.core.spec.ABTestSpec;

/** Tells an LLM exactly what the A/B reference engine prints for a plan, so its program can match it. */
final class AbGuidance {
    private AbGuidance() {
    }

    static String text(AbPipelinePlan plan) {
        ABTestSpec s = plan.spec();
        StringBuilder b = new StringBuilder();
        b.append("- family \"ab\"; headline method \"").append(plan.method()).append("\"; the outcome '").append(s.outcome())
                .append("' is ").append(plan.binary() ? "0/1 (true/false counts as 1/0)" : "continuous").append(".\n");
        b.append("- Arms are the distinct values of '").append(s.treatment()).append("' in sort order; the control is ")
                .append(s.control() == null ? "the first in sort order" : "'" + s.control() + "'")
                .append(". Print one estimate per other arm, label \"<arm> vs <control>\", difference arm minus control.\n");
        b.append("- alpha ").append(s.alpha()).append(", alternative ").append(s.alternative().name().toLowerCase())
                .append(" (one-sided tests have an infinite interval bound). Intervals have level 1 - alpha.\n");
        b.append("- Rows with a missing arm or outcome").append(s.covariate() != null ? " or covariate" : "")
                .append(s.dropMissing() ? " are dropped." : " are an error (throw an exception).").append('\n');
        b.append("- arms: n, mean and sd (n - 1) of the outcome per arm, control first.\n");
        b.append("- ").append(switch (AbMethod.of(plan.method())) {
            case WELCH -> "Welch t-test: estimate = difference in means, standardError = sqrt(s1^2/n1 + s0^2/n0), "
                    + "statistic t with Welch-Satterthwaite df, t-distribution p-value and interval.";
            case STUDENT -> "Student t-test with pooled variance: df = n1 + n0 - 2, statistic t, t-distribution p-value and interval.";
            case MANN_WHITNEY -> "Mann-Whitney U (as scipy.stats.mannwhitneyu(arm, control), use_continuity=True): statistic U "
                    + "of the arm, estimate = U / (n1 * n0), normal approximation with tie correction (exact when a sample has "
                    + "at most 8 rows and there are no ties); extra.exact = 1 when exact else 0.";
            case Z_PROPORTIONS -> "Two-proportion z-test: z with the pooled proportion, standardError and interval Wald "
                    + "(unpooled), normal p-value; extra newcombe_lower/newcombe_upper and relative_lift.";
            case CHI_SQUARE -> "Chi-square test of the 2x2 table with Yates' correction (statistic chi2, df 1, two-sided p); "
                    + "estimate = difference in proportions with Wald standardError and interval; extra chi2_uncorrected, p_uncorrected.";
            case FISHER -> "Fisher's exact test: estimate = sample odds ratio (arm successes*control failures)/(arm failures*control "
                    + "successes); two-sided p sums hypergeometric tables with probability <= observed * (1 + 1e-7).";
            case BAYESIAN_BETA_BINOMIAL -> "Beta-Binomial: posteriors Beta(" + s.priorAlpha() + " + successes, " + s.priorBeta()
                    + " + failures); estimate = difference of posterior means, standardError = sqrt of the sum of posterior "
                    + "variances, posteriorProbability = P(arm rate > control rate), credible interval of the difference, "
                    + "extra expected_loss = E[max(control - arm, 0)].";
            case BAYESIAN_NORMAL -> "Normal model with the Jeffreys prior: each arm's mean ~ Student t with n-1 df, centre mean, "
                    + "scale s/sqrt(n); estimate = mean1 - mean0, standardError = sqrt(sum of s^2/n * df/(df-2)); "
                    + "posteriorProbability = P(difference > 0), credible interval and extra expected_loss = E[max(-difference, 0)] "
                    + "by numerical integration over one arm's t posterior (the difference of two t's has no closed form).";
            case MSPRT -> "Mixture SPRT with normal mixing sd tau" + (s.msprtTau() != null ? " = " + s.msprtTau() : "")
                    + ": always-valid p = min(1, 1/Lambda), confidence sequence; extra tau.";
            case GROUP_SEQUENTIAL -> "Group-sequential test, " + s.looks() + " equally spaced looks, current look "
                    + (s.look() != null ? s.look() : s.looks()) + ", Lan-DeMets " + s.spending().name().toLowerCase()
                    + " spending; extra look, boundary_z, information_fraction.";
            default -> plan.method();
        }).append('\n');
        if (plan.arms() >= 3) {
            b.append("- ").append(plan.arms()).append(" arms: set adjustedPValue on every arm-vs-control estimate with the ")
                    .append(s.correction().name().toLowerCase()).append(" correction.\n");
        }
        if (plan.cuped()) {
            b.append("- Also print ab.cuped estimates: theta = cov(Y, X)/var(X) over all rows with X = '").append(s.covariate())
                    .append("', Welch test on Y - theta (X - mean X); extra theta and variance_reduction.\n");
        }
        if (plan.stratified()) {
            b.append("- Also print ab.post_stratification estimates on strata '").append(s.strata())
                    .append("': stratum-size-weighted difference in means, normal inference.\n");
        }
        return b.toString();
    }
}
