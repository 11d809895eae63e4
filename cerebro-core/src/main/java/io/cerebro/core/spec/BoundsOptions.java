package io.cerebro.core.spec;

import io.cerebro.core.error.UserInputException;

import java.util.List;
import java.util.Locale;

/**
 * Partial identification of the average effect of a 0/1 treatment on a bounded outcome
 * ({@code --method bounds}).
 *
 * @param assumption   {@code manski} (no assumption, the default), {@code mtr} (treatment never lowers the
 *                     outcome), {@code mts} (the treated have potential outcomes at least as high as the
 *                     untreated) or {@code mtr+mts}
 * @param outcomeRange the outcome's logical range {@code [lo, hi]}; default [0, 1] for a 0/1 outcome, else the
 *                     observed range
 */
public record BoundsOptions(String assumption, List<Double> outcomeRange) {
    /** The assumptions {@link #assumption} accepts. */
    public static final List<String> ASSUMPTIONS = List.of("manski", "mtr", "mts", "mtr+mts");

    public BoundsOptions {
        assumption = assumption == null ? "manski" : assumption.trim().toLowerCase(Locale.ROOT).replace("mts+mtr", "mtr+mts");
        if (!ASSUMPTIONS.contains(assumption)) {
            throw new UserInputException("--bounds must be one of " + String.join(", ", ASSUMPTIONS) + ", got '" + assumption + "'");
        }
        if (outcomeRange != null) {
            if (outcomeRange.size() != 2 || outcomeRange.get(0) == null || outcomeRange.get(1) == null
                    || !(outcomeRange.get(0) < outcomeRange.get(1))) {
                throw new UserInputException("--outcome-range takes two numbers lo,hi with lo < hi, got " + outcomeRange);
            }
            outcomeRange = List.copyOf(outcomeRange);
        }
    }
}
