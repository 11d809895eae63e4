package io.cerebro.core.family;

/**
 * How close a pipeline's number must be to the engine's: {@code |a - b| <= max(abs, rel * max(|a|, |b|))}.
 * Equal infinities match; NaN matches only NaN.
 *
 * @param rel relative tolerance
 * @param abs absolute tolerance
 * @param why why this tolerance (printed in diagnostics and docs)
 */
public record Tolerance(double rel, double abs, String why) {
    /** Closed-form statistics (t, z, chi-square, exact sums): rel 1e-6, abs 1e-9. */
    public static final Tolerance CLOSED_FORM = new Tolerance(1e-6, 1e-9, "closed form");
    /** p-values: rel 1e-6, abs 1e-10 (tiny p-values differ only in the tail algorithm). */
    public static final Tolerance P_VALUE = new Tolerance(1e-6, 1e-10, "p-value");
    /** Data summaries (counts, means, standard deviations): rel 1e-9, abs 1e-12. */
    public static final Tolerance SUMMARY = new Tolerance(1e-9, 1e-12, "data summary");
    /** Numerical integration or root finding (group-sequential boundaries): abs 1e-3, rel 1e-4. */
    public static final Tolerance NUMERICAL = new Tolerance(1e-4, 1e-3, "numerical integration");
    /** Monte Carlo quantities (expected loss, probability of being best, simulated credible bounds): abs 0.01, rel 0.02. */
    public static final Tolerance MONTE_CARLO = new Tolerance(0.02, 0.01, "Monte Carlo");

    /** Extras compared as Monte Carlo quantities whatever the method. */
    private static final java.util.Set<String> MC_EXTRAS = java.util.Set.of("expected_loss", "prob_best");
    /** Extras that come from numerical integration whatever the method. */
    private static final java.util.Set<String> NUMERICAL_EXTRAS = java.util.Set.of("boundary_z");

    /**
     * The tolerance for a field when the method has nothing special: Monte Carlo and numerical
     * extras by name, p-values at {@link #P_VALUE}, the rest {@link #CLOSED_FORM}.
     */
    public static Tolerance standard(String field) {
        if (MC_EXTRAS.contains(field)) {
            return MONTE_CARLO;
        }
        if (NUMERICAL_EXTRAS.contains(field)) {
            return NUMERICAL;
        }
        if (field.equals("pValue") || field.equals("adjustedPValue") || field.startsWith("p_")) {
            return P_VALUE;
        }
        return CLOSED_FORM;
    }

    /** @return whether {@code a} and {@code b} agree within this tolerance. */
    public boolean accepts(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.isNaN(a) && Double.isNaN(b);
        }
        if (Double.isInfinite(a) || Double.isInfinite(b)) {
            return a == b;
        }
        return Math.abs(a - b) <= Math.max(abs, rel * Math.max(Math.abs(a), Math.abs(b)));
    }

    @Override
    public String toString() {
        return why + ": rel " + rel + ", abs " + abs;
    }
}
