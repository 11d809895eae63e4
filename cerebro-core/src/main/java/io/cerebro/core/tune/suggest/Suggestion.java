package io.cerebro.core.tune.suggest;

import java.util.Map;

/**
 * One finding and its follow-up.
 *
 * @param detector underpowered, heavy_tails or subgroup
 * @param reason   why, with the numbers
 * @param file     the suggested file name of the follow-up spec
 * @param spec     the follow-up spec (an A/B spec {@code cerebro abtest DATA --spec FILE} runs as is)
 */
public record Suggestion(String detector, String reason, String file, Map<String, Object> spec) {
}
