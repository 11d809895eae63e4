package io.cerebro.core.spec;

import io.cerebro.core.error.UserInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpecReaderTest {
    @Test
    void readsYamlWithDefaults() {
        AnalysisSpec s = SpecReader.parse("""
                treatment: variant
                outcome: revenue
                test: welch
                alternative: greater
                allocation: [50, 50]
                drop_missing: true
                """, false, "ab.yaml");
        ABTestSpec ab = assertInstanceOf(ABTestSpec.class, s);
        assertEquals(ABTestType.WELCH, ab.test());
        assertEquals(Alternative.GREATER, ab.alternative());
        assertEquals(List.of(50.0, 50.0), ab.allocation());
        assertEquals(0.05, ab.alpha());
        assertEquals(1.0, ab.priorAlpha());
        assertTrue(ab.dropMissing());
    }

    @Test
    void causalFamilyIsInferredFromMethod() {
        AnalysisSpec s = SpecReader.parse("{\"method\": \"psm\", \"treatment\": \"treat\", \"outcome\": \"re78\","
                + " \"confounders\": [\"age\"], \"estimand\": \"att\", \"matching\": {\"caliper\": 0.2}}", true, "c.json");
        CausalSpec c = assertInstanceOf(CausalSpec.class, s);
        assertEquals(CausalMethod.PSM, c.method());
        assertEquals(Estimand.ATT, c.estimand());
        assertEquals(0.2, c.matching().caliper());
        assertEquals(1, c.matching().k());
    }

    @Test
    void unknownFieldIsNamedWithItsLine() {
        UserInputException e = assertThrows(UserInputException.class, () -> SpecReader.parse("""
                treatment: variant
                outcome: revenue
                alhpa: 0.1
                """, false, "ab.yaml"));
        assertTrue(e.getMessage().contains("unknown field 'alhpa'") && e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void badValueIsNamedWithItsLine() {
        UserInputException e = assertThrows(UserInputException.class, () -> SpecReader.parse("""
                treatment: variant
                outcome: revenue
                alpha: lots
                """, false, "ab.yaml"));
        assertTrue(e.getMessage().contains("'alpha'") && e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void impossibleAlphaIsRejected() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> SpecReader.parse("treatment: v\noutcome: y\nalpha: 1.5\n", false, "ab.yaml"));
        assertTrue(e.getMessage().contains("alpha must be between 0 and 1"), e.getMessage());
    }

    @Test
    void brokenYamlReportsWhere() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> SpecReader.parse("treatment: [v\noutcome: y\n", false, "ab.yaml"));
        assertTrue(e.getMessage().startsWith("spec ab.yaml does not parse"), e.getMessage());
    }

    @Test
    void yamlRoundTrips() {
        ABTestSpec s = ABTestSpec.builder("variant", "converted").test(ABTestType.FISHER).alpha(0.01)
                .allocation(List.of(1.0, 2.0)).build();
        assertEquals(s, SpecReader.parse(SpecReader.toYaml(s), false, "roundtrip"));
    }
}
