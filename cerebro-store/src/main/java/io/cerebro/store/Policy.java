package io.cerebro.store;

import java.time.Instant;

/**
 * A named value in a scope (for example {@code routing.threshold} in {@code repo-a}) with the bounds
 * an adjustment must respect.
 *
 * @param name      the policy's name
 * @param scope     where it applies
 * @param value     its current value, as text
 * @param valueType number, integer, boolean or text
 * @param minValue  lowest allowed numeric value, or null
 * @param maxValue  highest allowed numeric value, or null
 * @param maxStep   largest allowed change in one adjustment, or null
 * @param updatedAt when it last changed
 */
public record Policy(String name, String scope, String value, String valueType, Double minValue, Double maxValue,
                     Double maxStep, Instant updatedAt) {
}
