package io.cerebro.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.List;

/**
 * Every policy's value at one moment, taken before each apply so it can be rolled back to.
 *
 * @param id        unique id users name in a rollback
 * @param createdAt when it was taken
 * @param reason    what it was taken before
 * @param content   the policies as JSON (see {@link #encode} and {@link #policies})
 */
public record PolicySnapshot(String id, Instant createdAt, String reason, String content) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A policy as the snapshot's JSON holds it (the time as ISO-8601 text). */
    private record Row(String name, String scope, String value, String valueType, Double minValue, Double maxValue, Double maxStep,
                       String updatedAt) {
    }

    /** @return the policies as a snapshot's content: a JSON array of every field of each, values as the exact text stored. */
    public static String encode(List<Policy> policies) {
        try {
            return JSON.writeValueAsString(policies.stream().map(p -> new Row(p.name(), p.scope(), p.value(), p.valueType(),
                    p.minValue(), p.maxValue(), p.maxStep(), p.updatedAt() == null ? null : p.updatedAt().toString())).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a policy snapshot", e);
        }
    }

    /**
     * @return the policies this snapshot holds, as {@link #encode} wrote them
     * @throws IllegalStateException when the content is not a snapshot Cerebro wrote
     */
    public List<Policy> policies() {
        try {
            return JSON.readValue(content, new TypeReference<List<Row>>() { }).stream().map(r -> new Policy(r.name(), r.scope(), r.value(),
                    r.valueType(), r.minValue(), r.maxValue(), r.maxStep(), r.updatedAt() == null ? null : Instant.parse(r.updatedAt()))).toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("snapshot " + id + " does not hold policies Cerebro can read: " + e.getOriginalMessage(), e);
        }
    }
}
