package io.cerebro.core.spec;

/** Adjustment of p-values when several arms are each compared with control. */
public enum MultipleTesting {
    /** Holm's step-down family-wise error control (the default). */
    HOLM,
    /** Benjamini-Hochberg false discovery rate control. */
    BH,
    /** Bonferroni family-wise error control. */
    BONFERRONI,
    /** No adjustment. */
    NONE
}
