package io.cerebro.store;

import java.time.Instant;

/**
 * A router's configuration as the store keeps it: the policy package reads and writes the JSON.
 *
 * @param name      the router's name (also the agent of its Q-table)
 * @param config    its configuration as JSON
 * @param updatedAt when it last changed
 */
public record RouterSettings(String name, String config, Instant updatedAt) {
}
