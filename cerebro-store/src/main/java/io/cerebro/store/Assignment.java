package io.cerebro.store;

import java.time.Instant;

/**
 * A unit's variant, stored the first time the unit is assigned and returned unchanged after that
 * (assignment is sticky when the allocation changes).
 *
 * @param unit       the unit id (user, session, account)
 * @param variant    the variant it was given
 * @param stratum    its stratum value when the experiment has strata, else null
 * @param assignedAt when it was first assigned
 */
public record Assignment(String unit, String variant, String stratum, Instant assignedAt) {
}
