package io.cerebro.core.spec;

/** How to treat the outcome column; {@code AUTO} calls it binary when it holds only 0/1 or true/false. */
public enum OutcomeType {
    AUTO, BINARY, CONTINUOUS
}
