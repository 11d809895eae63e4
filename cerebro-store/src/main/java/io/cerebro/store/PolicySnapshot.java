package io.cerebro.store;

import java.time.Instant;

/**
 * Every policy's value at one moment, taken before each apply so it can be rolled back to.
 *
 * @param id        unique id users name in a rollback
 * @param createdAt when it was taken
 * @param reason    what it was taken before
 * @param content   the policies as JSON
 */
public record PolicySnapshot(String id, Instant createdAt, String reason, String content) {
}
