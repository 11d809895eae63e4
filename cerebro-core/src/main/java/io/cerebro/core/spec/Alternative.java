package io.cerebro.core.spec;

/** The alternative hypothesis, always about treatment minus control. */
public enum Alternative {
    /** treatment differs from control */
    TWO_SIDED,
    /** treatment is greater than control */
    GREATER,
    /** treatment is less than control */
    LESS
}
