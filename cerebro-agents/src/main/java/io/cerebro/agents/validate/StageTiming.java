package io.cerebro.agents.validate;

/**
 * Wall-clock time of one validation stage.
 *
 * @param stage  parse, policy, compile, engine, run, compare, synthetic
 * @param millis elapsed milliseconds
 */
public record StageTiming(String stage, long millis) {
}
