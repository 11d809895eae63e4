package io.cerebro.policy;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The audit trail names a person whenever one can be found, in the documented order. */
class ActorsTest {
    @Test
    void givenNameThenEnvironmentThenAccountThenUnknown() {
        assertEquals("ana", Actors.resolve(" ana ", Map.of("USER", "bo"), "svc"));
        assertEquals("bo", Actors.resolve("", Map.of("USER", "bo", "LOGNAME", "cy"), "svc"));
        assertEquals("cy", Actors.resolve(null, Map.of("LOGNAME", "cy"), "svc"));
        assertEquals("svc", Actors.resolve(null, Map.of(), "svc"));
        assertEquals("unknown", Actors.resolve(null, Map.of(), "?"));
        assertEquals("unknown", Actors.resolve(null, Map.of("USER", " "), null));
    }
}
