package io.cerebro.core.result;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One plain-language finding drawn from a result, for a reader who acts on it: the sentence, the
 * numbers it was written from, the assumption it rests on, and how much weight it bears.
 *
 * @param topic      what the finding is about: {@code effect}, {@code refutation}, {@code sensitivity},
 *                   {@code subgroups}, {@code limits}, {@code mediation}
 * @param statement  the sentence, generated from {@code numbers}
 * @param numbers    the values the sentence quotes, by name
 * @param assumption what has to hold for the sentence to be true
 * @param strength   how strongly the data support it
 */
public record Insight(String topic, String statement, Map<String, Double> numbers, String assumption, Strength strength) {
    public Insight {
        numbers = numbers == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
    }

    /** How much weight a finding bears. */
    public enum Strength {
        /** Clear in the data and robust to the checks that were run. */
        STRONG,
        /** Supported, with a caveat the statement names. */
        MODERATE,
        /** Not supported, or not distinguishable from noise. */
        WEAK;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
