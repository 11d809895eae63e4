/**
 * Samplers: each turns the finished trials of a study into the configuration of trial n. Every draw
 * comes from a generator seeded by the study's seed and n, so a study is reproducible and a resumed
 * study continues exactly where it stopped. Failed and timed-out trials do not inform the models.
 */
package io.cerebro.core.tune.sampler;
