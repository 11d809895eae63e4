package io.cerebro.core.ab;

import io.cerebro.core.family.CatalogMethod;
import io.cerebro.core.family.Tolerance;


/**
 * The A/B family's method catalogue. Ids are written to JSON as they always were ({@code ab.welch});
 * the engine, the pipeline templates and the comparator name methods by these constants.
 */
public enum AbMethod implements CatalogMethod {
    WELCH("ab.welch", "Welch's t-test", "difference in means (treatment minus control), unequal variances"),
    STUDENT("ab.student", "Student's t-test", "difference in means (treatment minus control), pooled variance"),
    MANN_WHITNEY("ab.mann_whitney", "Mann-Whitney U test", "Hodges-Lehmann shift; U statistic with the normal approximation"),
    Z_PROPORTIONS("ab.z_proportions", "Two-proportion z-test", "difference in conversion rates (treatment minus control)"),
    CHI_SQUARE("ab.chi_square", "Chi-square test", "independence of arm and outcome (Yates-corrected 2x2; k x 2 across all arms)"),
    FISHER("ab.fisher", "Fisher's exact test", "odds ratio of conversion, exact conditional test"),
    BAYESIAN_BETA_BINOMIAL("ab.bayesian_beta_binomial", "Bayesian Beta-Binomial comparison",
            "posterior of the difference in conversion rates; P(treatment better)") {
        @Override
        public Tolerance tolerance(String field) {
            if (field.startsWith("interval") || field.equals("standardError")) {
                // the credible interval of a difference of two Beta variables has no closed form: engines
                // and programs may simulate it or use a normal approximation
                return Tolerance.MONTE_CARLO;
            }
            if (field.equals("posteriorProbability")) {
                return new Tolerance(1e-3, 2e-3, "exact sum or Monte Carlo");
            }
            return Tolerance.standard(field);
        }
    },
    BAYESIAN_NORMAL("ab.bayesian_normal", "Bayesian normal comparison",
            "posterior of the difference in means under the Jeffreys prior; P(treatment better)"),
    MSPRT("ab.msprt", "Mixture SPRT (always-valid)", "difference with an always-valid p-value and confidence sequence"),
    GROUP_SEQUENTIAL("ab.group_sequential", "Group-sequential test", "difference tested against Lan-DeMets spending boundaries") {
        @Override
        public Tolerance tolerance(String field) {
            return field.equals("pValue") || field.equals("adjustedPValue") ? Tolerance.NUMERICAL : Tolerance.standard(field);
        }
    },
    CUPED("ab.cuped", "CUPED", "difference in covariate-adjusted means (variance reduction with a pre-period covariate)"),
    POST_STRATIFICATION("ab.post_stratification", "Post-stratification", "difference in stratum-weighted means"),
    ANOVA("ab.anova", "One-way ANOVA", "equality of all arms' means (F test)"),
    KRUSKAL_WALLIS("ab.kruskal_wallis", "Kruskal-Wallis test", "equality of all arms' distributions (H test)"),
    /** Lee (2009) trimming bounds, added by {@code cerebro abtest --lee-bounds}; pipelines do not reproduce them. */
    LEE_BOUNDS("ab.lee_bounds", "Lee bounds", "bounds on the effect among units observed in either arm (attrition)") {
        @Override
        public boolean reproducedByPipelines() {
            return false;
        }
    };

    /** The id prefix every Bayesian comparison shares ({@code ab.bayesian_*}). */
    public static final String BAYESIAN_PREFIX = "ab.bayesian";

    private final Description description;

    AbMethod(String id, String label, String estimand) {
        this.description = new Description(id, label, estimand);
    }

    @Override
    public Description description() {
        return description;
    }

    /**
     * @return the catalogue entry with this id ({@code ab.welch})
     * @throws io.cerebro.core.error.UserInputException naming the known ids when there is none
     */
    public static AbMethod of(String id) {
        return CatalogMethod.byId(values(), id);
    }

    @Override
    public String toString() {
        return id();
    }
}
