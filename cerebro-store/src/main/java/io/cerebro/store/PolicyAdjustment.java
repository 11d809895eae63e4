package io.cerebro.store;

import java.time.Instant;

/**
 * One entry of the policy audit trail: a proposed or applied change, who made it and why.
 *
 * @param id            unique id
 * @param policy        the policy's name
 * @param scope         its scope
 * @param oldValue      the value before
 * @param newValue      the value proposed
 * @param actor         who or what proposed it
 * @param reason        why
 * @param source        feedback, experiment or manual
 * @param feedbackCount how many feedback items it rests on
 * @param confidence    how sure the proposer is, in [0, 1], or null
 * @param status        proposed, applied, rejected or rolled_back
 * @param createdAt     when
 */
public record PolicyAdjustment(String id, String policy, String scope, String oldValue, String newValue, String actor,
                               String reason, String source, long feedbackCount, Double confidence, String status,
                               Instant createdAt) {
}
