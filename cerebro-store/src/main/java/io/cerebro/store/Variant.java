package io.cerebro.store;

/**
 * One arm of an experiment and its share of the units.
 *
 * @param name   the label users see and assignments carry
 * @param weight the share of new units it receives, in (0, 1]; the weights of an experiment sum to 1
 */
public record Variant(String name, double weight) {
}
