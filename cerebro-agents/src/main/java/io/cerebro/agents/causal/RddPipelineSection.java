package io.cerebro.agents.causal;

import io.cerebro.agents.generate.JavaSource;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.RddDesign;

import java.util.Locale;

/**
 * The regression-discontinuity parts of the offline pipeline ({@code templates/rdd.java.txt}): the
 * spec checks, the title, the design lines of the header comment and the constants. The template
 * recomputes what {@code cerebro causal --method rdd} prints — sharp or fuzzy, local polynomial of
 * order 1 or 2, triangular / Epanechnikov / uniform kernel, a given bandwidth or rdrobust's
 * {@code mserd} with regularisation, and the conventional, bias-corrected and robust estimates with
 * nearest-neighbour, HC0 or HC1 residuals, with rdrobust's {@code masspoints = "adjust"} floor on the pilot
 * bandwidths for a discrete running variable. It leaves out the engine's diagnostics (McCrary density
 * test, covariate balance, placebo cutoffs) and the binned scatter chart, which the validator does
 * not compare; covariate-adjusted designs have no offline template.
 */
final class RddPipelineSection {
    private RddPipelineSection() {
    }

    /**
     * Checks that the offline template covers the spec, with the engine's messages for bad options.
     *
     * @throws UserInputException naming the problem and the fix
     */
    static void check(CausalSpec spec) {
        RddDesign d = spec.rdd();
        if (d == null || d.running() == null) {
            throw new UserInputException("method rdd needs the running variable; give --running and --cutoff");
        }
        if (!spec.confounders().isEmpty()) {
            throw new UserInputException("no offline template for covariate-adjusted " + methodId(spec) + " yet (covariates "
                    + String.join(", ", spec.confounders()) + "); drop them, configure an LLM (docs/agents.md) or use the engine"
                    + " directly ('cerebro causal' without --generate)");
        }
        if (d.order() < 1 || d.order() > 2) {
            throw new UserInputException("rdd.order must be 1 (local linear) or 2 (local quadratic), got " + d.order());
        }
        if (d.bandwidth() != null && !(d.bandwidth() > 0)) {
            throw new UserInputException("rdd.bandwidth must be positive, got " + d.bandwidth());
        }
        kernel(d);
        vce(d);
    }

    /** @return the method id the engine prints: {@code causal.fuzzy_rdd} with a take-up column, else {@code causal.rdd}. */
    static String methodId(CausalSpec spec) {
        return spec.rdd() != null && spec.rdd().fuzzy() != null ? io.cerebro.core.causal.CausalCheck.FUZZY_RDD.id() : "causal.rdd";
    }

    static String title(CausalSpec spec) {
        RddDesign d = spec.rdd();
        String bw = d.bandwidth() == null ? "MSE-optimal (mserd) bandwidth" : "bandwidth " + d.bandwidth();
        String fit = (d.order() == 1 ? "local linear" : "local quadratic") + ", " + kernel(d) + " kernel, " + bw + ", "
                + vce(d) + " variance";
        return (d.fuzzy() == null ? "Sharp regression discontinuity: jump in '" + spec.outcome() + "'"
                : "Fuzzy regression discontinuity: effect of '" + d.fuzzy() + "' on '" + spec.outcome() + "'")
                + " at '" + d.running() + "' = " + d.cutoff() + " (" + fit + ")";
    }

    /** The header lines on the design and on what the program leaves out. */
    static void design(StringBuilder b, CausalSpec spec) {
        RddDesign d = spec.rdd();
        b.append(" * Design: regression discontinuity; treatment switches on at ").append(JavaSource.commentSafe(d.running()))
                .append(" >= ").append(d.cutoff()).append(d.fuzzy() == null ? ".\n"
                        : " and raises the take-up " + JavaSource.commentSafe(d.fuzzy()) + " (fuzzy: the jump in the outcome\n"
                        + " *         divided by the jump in take-up, the effect for compliers at the cutoff).\n");
        b.append(" *         Units are assumed not to sort around the cutoff and the outcome's mean to be smooth in the\n"
                + " *         running variable apart from the jump. Estimates follow rdrobust (Calonico, Cattaneo, Titiunik):\n"
                + " *         headline = conventional estimate with the robust bias-corrected interval and p-value.\n"
                + " *         A discrete running variable (mass points: 10% or more repeated values on a side) keeps the\n"
                + " *         pilot bandwidths wide enough for 10 distinct values per side, as masspoints = \"adjust\".\n");
        b.append(" * Not computed here (diagnostics, which the validator does not compare; run 'cerebro causal' for them):\n"
                + " *         the McCrary density test, the placebo cutoffs, the mass-points note and the binned scatter plot.\n");
    }

    static void constants(StringBuilder b, CausalSpec spec) {
        RddDesign d = spec.rdd();
        JavaSource.constant(b, "String", "RUNNING", JavaSource.literal(d.running()), "running variable (score)");
        JavaSource.constant(b, "double", "CUTOFF", Double.toString(d.cutoff()), "treatment from RUNNING >= CUTOFF");
        JavaSource.constant(b, "String", "OUTCOME", JavaSource.literal(spec.outcome()), "numeric outcome");
        JavaSource.constant(b, "String", "TAKE_UP", JavaSource.literal(d.fuzzy()), "0/1 treatment actually taken (fuzzy design); null for sharp");
        JavaSource.constant(b, "String", "KERNEL", JavaSource.literal(kernel(d)), "triangular, epanechnikov or uniform");
        JavaSource.constant(b, "int", "ORDER", String.valueOf(d.order()), "local polynomial order (1 linear, 2 quadratic)");
        JavaSource.constant(b, "Double", "BANDWIDTH", d.bandwidth() == null ? "null" : Double.toString(d.bandwidth()),
                "fixed bandwidth (h = b); null selects the MSE-optimal mserd bandwidth");
        JavaSource.constant(b, "String", "VCE", JavaSource.literal(vce(d)), "residual variance: nn (3 nearest neighbours), hc0 or hc1");
        JavaSource.constant(b, "double", "ALPHA", Double.toString(spec.alpha()), "intervals have level 1 - ALPHA");
        JavaSource.constant(b, "boolean", "DROP_MISSING", String.valueOf(spec.dropMissing()), "skip rows with a missing value instead of failing");
    }

    /** The kernel's full name, accepting the engine's abbreviations. */
    static String kernel(RddDesign d) {
        return switch (d.kernel().toLowerCase(Locale.ROOT)) {
            case "triangular", "tri" -> "triangular";
            case "epanechnikov", "epa" -> "epanechnikov";
            case "uniform", "uni" -> "uniform";
            default -> throw new UserInputException("unknown RDD kernel '" + d.kernel() + "'; use triangular, epanechnikov or uniform");
        };
    }

    static String vce(RddDesign d) {
        String v = d.vce().toLowerCase(Locale.ROOT);
        if (!v.equals("nn") && !v.equals("hc0") && !v.equals("hc1")) {
            throw new UserInputException("unknown RDD variance '" + d.vce() + "'; use nn (nearest neighbour) or hc1");
        }
        return v;
    }
}
