package io.cerebro.store;

import java.time.Instant;

/**
 * One cell of a Q-learning agent's table.
 *
 * @param agent     the agent (router) it belongs to
 * @param state     the state key
 * @param action    the action
 * @param value     the learned action value
 * @param visits    how often the pair was updated
 * @param updatedAt when it last changed
 */
public record QValue(String agent, String state, String action, double value, long visits, Instant updatedAt) {
}
