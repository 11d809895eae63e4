package io.cerebro.core.spec;

/**
 * The A/B test to run. {@code AUTO} picks the two-proportion z-test for a binary outcome and
 * Welch's t-test for a continuous one, and reports the usual companions beside it.
 */
public enum ABTestType {
    AUTO("ab.auto"),
    WELCH("ab.welch"),
    STUDENT("ab.student"),
    MANN_WHITNEY("ab.mann_whitney"),
    Z_PROPORTIONS("ab.z_proportions"),
    CHI_SQUARE("ab.chi_square"),
    FISHER("ab.fisher"),
    BAYESIAN("ab.bayesian"),
    MSPRT("ab.msprt"),
    GROUP_SEQUENTIAL("ab.group_sequential");

    private final String methodId;

    ABTestType(String methodId) {
        this.methodId = methodId;
    }

    /** @return the catalogue method id, e.g. {@code ab.welch}. */
    public String methodId() {
        return methodId;
    }
}
