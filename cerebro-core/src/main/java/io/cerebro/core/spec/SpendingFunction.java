package io.cerebro.core.spec;

/** Lan-DeMets alpha-spending function families for group-sequential designs. */
public enum SpendingFunction {
    /** O'Brien-Fleming type: spends little alpha early. */
    OBRIEN_FLEMING,
    /** Pocock type: spends alpha roughly evenly. */
    POCOCK
}
