package io.cerebro.core.geo;

import io.cerebro.core.family.CatalogMethod;
import io.cerebro.core.family.Tolerance;

/**
 * The geo family's method catalogue. Point estimates are closed form given the simplex weights;
 * conformal p-values and intervals come from seeded permutations, so a pipeline with its own
 * permutations is compared at the Monte Carlo tolerance.
 */
public enum GeoMethod implements CatalogMethod {
    SCM("geo.scm", "Synthetic control with location fixed effects",
            "average effect per treated location and test period, treated mean minus its synthetic control (GeoLift's default)"),
    AUGSYNTH("geo.augsynth", "Ridge-augmented synthetic control",
            "average effect per treated location and test period, synthetic control corrected by a ridge outcome model"),
    GSYN("geo.gsyn", "Generalised synthetic control (interactive fixed effects)",
            "average effect per treated location and test period, treated mean minus its counterfactual from unit, time and latent factor effects"),
    PLACEBO("geo.placebo_in_space", "Placebo in space",
            "rank of the cell's post/pre RMSE ratio among the donors each treated in turn") {
        @Override
        public boolean reproducedByPipelines() {
            return false;
        }
    },
    POWER("geo.power", "Simulated power of a geo test",
            "share of simulated tests (historical starts, planted effect) the analysis's conformal test rejects") {
        @Override
        public boolean reproducedByPipelines() {
            return false;
        }
    },
    MARKET_SELECTION("geo.market_selection", "Market selection by simulated power",
            "minimum detectable effect of a candidate set of treated locations, ranked with its power and pre-period fit") {
        @Override
        public boolean reproducedByPipelines() {
            return false;
        }
    };

    private final Description description;

    GeoMethod(String id, String label, String estimand) {
        this.description = new Description(id, label, estimand);
    }

    /** @return the catalogue entry of a model. */
    public static GeoMethod of(io.cerebro.core.spec.GeoTestSpec.Model model) {
        return switch (model) {
            case AUGSYNTH -> AUGSYNTH;
            case GSYN -> GSYN;
            default -> SCM;
        };
    }

    @Override
    public Description description() {
        return description;
    }

    /** Conformal p-values and interval ends depend on the permutations drawn. */
    @Override
    public Tolerance tolerance(String field) {
        return field.startsWith("p") || field.contains("interval") || field.startsWith("ci") ? Tolerance.MONTE_CARLO
                : Tolerance.standard(field);
    }

    @Override
    public String toString() {
        return id();
    }
}
