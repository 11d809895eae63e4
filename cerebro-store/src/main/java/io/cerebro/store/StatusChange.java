package io.cerebro.store;

import java.time.Instant;

/**
 * One entry of an experiment's lifecycle log.
 *
 * @param status    the status it entered
 * @param reason    why, as the user gave it (may be null)
 * @param changedAt when
 */
public record StatusChange(ExperimentStatus status, String reason, Instant changedAt) {
}
