/**
 * Auto-tuning: a study (a YAML parameter space, an objective command, a sampler, a trial budget)
 * run trial by trial into an append-only journal, so it can be resumed after a crash and shared by
 * several tuners. {@link io.cerebro.core.tune.StudySpec} is the spec, {@link io.cerebro.core.tune.StudySpecReader}
 * reads it; the subpackages hold the space, the samplers, the journal, the objective runner and the
 * study loop.
 */
package io.cerebro.core.tune;
