/**
 * The append-only trial journal: one JSON object per line, written under an exclusive file lock and
 * (finish lines) forced to disk before the writer goes on, so a study survives {@code kill -9} and can be shared
 * by several tuner processes. Readers read only the bytes appended since their last read.
 */
package io.cerebro.core.tune.journal;
