package io.cerebro.core.tune.suggest;

import java.util.Map;

/**
 * One finding and its follow-up.
 *
 * @param detector underpowered, heavy_tails, subgroup, high_variance, outliers, subgroup_specialist, boundary or causal_question
 * @param reason   why, with the numbers
 * @param file     the suggested file name of the follow-up spec
 * @param spec     the follow-up: an A/B spec ({@code cerebro abtest DATA --spec FILE}), a causal spec
 *                 ({@code cerebro causal DATA --spec FILE}) or a study ({@code cerebro tune FILE}), runnable as is
 * @param run      the command that runs it, with {@code FILE} for the written file
 */
public record Suggestion(String detector, String reason, String file, Map<String, Object> spec, String run) {
    /** A suggestion whose follow-up is an A/B spec. */
    public Suggestion(String detector, String reason, String file, Map<String, Object> spec) {
        this(detector, reason, file, spec, "cerebro abtest DATA --spec FILE");
    }
}
