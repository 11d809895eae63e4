package io.cerebro.policy.router;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cerebro.core.error.UserInputException;

import java.util.Map;
import java.util.TreeMap;

/**
 * The key a state is learned under: its JSON object with keys sorted and no spaces, so that
 * {@code {"b":1,"a":"x"}} and {@code { "a": "x", "b": 1 }} are the same state. Only an object of
 * flat values (text, numbers, booleans, null) is a state: the Q-table is tabular, one row per
 * distinct object.
 */
public final class StateKeys {
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /** The key of the arm statistics row in a router's Q-table (no state key can start with '#'). */
    static final String ARMS = "#arms";

    private StateKeys() {
    }

    /**
     * @return the canonical key of the state
     * @throws UserInputException when it is not a JSON object of flat values
     */
    public static String canonical(String stateJson) {
        JsonNode n;
        try {
            n = JSON.readTree(stateJson == null ? "" : stateJson);
        } catch (JsonProcessingException e) {
            throw new UserInputException("--state is not valid JSON (" + e.getOriginalMessage().lines().findFirst().orElse("")
                    + "); give an object, e.g. --state '{\"task\":\"refactor\",\"size\":\"large\"}'");
        }
        if (n == null || !n.isObject()) {
            throw new UserInputException("--state must be a JSON object, e.g. --state '{\"task\":\"refactor\"}', got " + stateJson);
        }
        Map<String, JsonNode> sorted = new TreeMap<>();
        ((ObjectNode) n).fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
        for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
            if (e.getValue().isContainerNode()) {
                throw new UserInputException("--state field '" + e.getKey() + "' is " + (e.getValue().isArray() ? "an array" : "an object")
                        + "; a state holds flat values (text, numbers, booleans): give each feature its own field");
            }
        }
        try {
            return JSON.writeValueAsString(sorted);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a state key", e);
        }
    }
}
