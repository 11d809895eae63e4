package io.cerebro.agents.ab;

import io.cerebro.core.ab.AbMethod;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.spec.ABTestSpec;
import io.cerebro.core.spec.ABTestType;

/**
 * What an A/B pipeline computes, resolved from the spec and the data: whether the outcome is 0/1,
 * the headline method, and which companion analyses (CUPED, post-stratification, probability of
 * being best, ANOVA) run beside it.
 *
 * @param spec           the spec
 * @param binary         outcome treated as 0/1
 * @param method         headline method id, e.g. {@code ab.welch}
 * @param arms           number of arms in the data (control included)
 * @param cuped          CUPED companion on the spec's covariate
 * @param stratified     post-stratification companion on the spec's strata column
 * @param probabilityBest probability of being best (Bayesian, three or more arms)
 * @param anova          one-way ANOVA over all arms (continuous outcome, three or more arms)
 */
public record AbPipelinePlan(ABTestSpec spec, boolean binary, String method, int arms, boolean cuped, boolean stratified,
                             boolean probabilityBest, boolean anova) {

    /** Resolves the plan, applying the same rules as the A/B engine (binary when every value is 0/1). */
    public static AbPipelinePlan of(ABTestSpec spec, Dataset data) {
        boolean binary = switch (spec.outcomeType()) {
            case BINARY -> true;
            case CONTINUOUS -> false;
            case AUTO -> onlyZeroOne(spec, data);
        };
        int arms = data.levels(spec.treatment()).size();
        String method = switch (spec.test()) {
            case AUTO -> binary ? AbMethod.Z_PROPORTIONS.id() : AbMethod.WELCH.id();
            case BAYESIAN -> binary ? AbMethod.BAYESIAN_BETA_BINOMIAL.id() : AbMethod.BAYESIAN_NORMAL.id();
            default -> spec.test().methodId();
        };
        if (!binary && (spec.test() == ABTestType.Z_PROPORTIONS || spec.test() == ABTestType.CHI_SQUARE
                || spec.test() == ABTestType.FISHER)) {
            throw new UserInputException("test " + spec.test().name().toLowerCase(java.util.Locale.ROOT)
                    + " needs a 0/1 outcome but '" + spec.outcome() + "' holds other values; use welch or mann_whitney");
        }
        boolean bayes = method.startsWith(AbMethod.BAYESIAN_PREFIX);
        return new AbPipelinePlan(spec, binary, method, arms, spec.covariate() != null, spec.strata() != null,
                bayes && arms >= 3, !binary && arms >= 3 && (method.equals(AbMethod.WELCH.id()) || method.equals(AbMethod.STUDENT.id())));
    }

    private static boolean onlyZeroOne(ABTestSpec spec, Dataset data) {
        String o = "CAST(" + Dataset.quote(spec.outcome()) + " AS DOUBLE)";
        return data.query("SELECT count(*) FILTER (WHERE " + o + " NOT IN (0, 1)) FROM " + Dataset.TABLE + " WHERE "
                + Dataset.quote(spec.outcome()) + " IS NOT NULL AND NOT isnan(" + o + ")", rs -> {
            rs.next();
            return rs.getLong(1) == 0;
        });
    }
}
