package io.cerebro.core.spec;

import io.cerebro.core.error.UserInputException;

/** Checks every family's spec applies the same way, with the same one-line messages. */
public final class SpecChecks {
    private SpecChecks() {
    }

    /**
     * @return {@code alpha}, or 0.05 when it is null
     * @throws UserInputException when it is not strictly between 0 and 1
     */
    public static double alpha(Double alpha) {
        double a = alpha == null ? 0.05 : alpha;
        if (!(a > 0 && a < 1)) {
            throw new UserInputException("alpha must be between 0 and 1 (exclusive), got " + a + "; the usual value is 0.05");
        }
        return a;
    }
}
