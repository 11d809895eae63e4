package io.cerebro.core.power;

import io.cerebro.core.family.CatalogMethod;
import io.cerebro.core.family.Tolerance;

/**
 * The power family's method catalogue, with the ids results have always carried. Sample sizes,
 * powers and MDEs are solved by root finding, so a pipeline's numbers are compared at the
 * closed-form tolerance (both sides solve to far better than 1e-6 relative); the group-sequential
 * inflation comes from numerical integration.
 */
public enum PowerMethod implements CatalogMethod {
    PROPORTIONS("power.proportions", "Power of the two-proportion z-test",
            "sample size or power for two conversion rates (normal approximation with Cohen's h)"),
    MEANS("power.means", "Power of the two-sample t-test",
            "sample size or power for two means (noncentral t with Cohen's d = mde / sd)"),
    MDE("power.mde", "Minimum detectable effect",
            "smallest difference (treatment minus control) detectable with the target power at a given sample size"),
    SEQUENTIAL("power.sequential", "Group-sequential sample size",
            "maximum sample size of a Lan-DeMets group-sequential plan: the fixed sample size times the inflation factor") {
        /** The inflation factor needs recursive numerical integration, which pipelines are not asked to redo. */
        @Override
        public boolean reproducedByPipelines() {
            return false;
        }

        @Override
        public Tolerance tolerance(String field) {
            return Tolerance.NUMERICAL;
        }
    };

    private final Description description;

    PowerMethod(String id, String label, String estimand) {
        this.description = new Description(id, label, estimand);
    }

    @Override
    public Description description() {
        return description;
    }

    @Override
    public String toString() {
        return id();
    }
}
