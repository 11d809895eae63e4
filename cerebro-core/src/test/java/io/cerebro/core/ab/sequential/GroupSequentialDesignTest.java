package io.cerebro.core.ab.sequential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.spec.SpendingFunction;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Oracles: the published Lan-DeMets boundaries for K=5, one-sided alpha 0.025 (shared/oracles,
 * 4 decimals, tolerance 1e-4 absolute i.e. half a unit of the last printed digit plus rounding),
 * and boundaries for unequal information fractions solved with scipy's Genz multivariate normal
 * CDF (oracles/sequential/group_sequential.json, abseps 1e-8, tolerance 2e-4 absolute).
 */
class GroupSequentialDesignTest {
    private static JsonNode load(String name) throws IOException {
        try (InputStream in = GroupSequentialDesignTest.class.getResourceAsStream("/oracles/sequential/" + name)) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static SpendingFunction family(String name) {
        return name.startsWith("obrien") ? SpendingFunction.OBRIEN_FLEMING : SpendingFunction.POCOCK;
    }

    @Test
    void publishedK5Boundaries() throws IOException {
        JsonNode gs = load("ab_oracles_group_sequential.json").get("group_sequential");
        for (String name : List.of("obrien_fleming_type", "pocock_type")) {
            double[] b = GroupSequentialDesign.equallySpaced(family(name), 0.025, 5).boundaries();
            JsonNode expected = gs.get(name);
            for (int k = 0; k < 5; k++) {
                assertEquals(expected.get(k).asDouble(), b[k], 1e-4, name + " look " + (k + 1));
            }
        }
    }

    @TestFactory
    List<DynamicTest> genzBoundaries() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : load("group_sequential.json").get("cases")) {
            tests.add(DynamicTest.dynamicTest(c.get("spending").asText() + " alpha " + c.get("alpha").asDouble()
                    + " t " + c.get("information_fractions"), () -> {
                double[] t = new double[c.get("information_fractions").size()];
                for (int i = 0; i < t.length; i++) {
                    t[i] = c.get("information_fractions").get(i).asDouble();
                }
                double[] b = GroupSequentialDesign.of(family(c.get("spending").asText()), c.get("alpha").asDouble(), t)
                        .boundaries();
                for (int k = 0; k < t.length; k++) {
                    assertEquals(c.get("boundaries").get(k).asDouble(), b[k], 2e-4, "look " + (k + 1));
                }
            }));
        }
        return tests;
    }

    @Test
    void singleLookIsTheFixedSampleTest() {
        double[] b = GroupSequentialDesign.equallySpaced(SpendingFunction.OBRIEN_FLEMING, 0.025, 1).boundaries();
        assertEquals(1.959963984540054, b[0], 1e-9);
        GroupSequentialDesign one = GroupSequentialDesign.equallySpaced(SpendingFunction.POCOCK, 0.05, 1);
        assertEquals(1.6448536269514722, one.boundaries()[0], 1e-9);
        assertEquals(1.0, one.inflationFactor(0.8), 1e-6);
    }

    @Test
    void rejectionProbabilityUnderH0IsAlphaAndPValueMatchesBoundary() {
        GroupSequentialDesign d = GroupSequentialDesign.equallySpaced(SpendingFunction.POCOCK, 0.025, 5);
        assertEquals(0.025, d.rejectionProbability(0), 1e-7);
        double[] b = d.boundaries();
        for (int k = 1; k <= 5; k++) {
            assertEquals(d.alphaSpent(k), d.stagewisePValue(k, b[k - 1]), 1e-7, "p-value at the boundary, look " + k);
        }
        assertTrue(d.stagewisePValue(3, 0.5) > 0.025);
    }

    @Test
    void inflationFactorsMatchJennisonTurnbull() {
        // Jennison & Turnbull (2000) Table 2.1 / 2.3 style values, two-sided 0.05 = one-sided 0.025, power 0.9:
        // Pocock (classical) K=5 R=1.207; OBF (classical) K=5 R=1.026. The Lan-DeMets spending versions are
        // close to the classical ones: within 0.02.
        assertEquals(1.026, GroupSequentialDesign.equallySpaced(SpendingFunction.OBRIEN_FLEMING, 0.025, 5)
                .inflationFactor(0.9), 0.02);
        assertEquals(1.207, GroupSequentialDesign.equallySpaced(SpendingFunction.POCOCK, 0.025, 5)
                .inflationFactor(0.9), 0.03);
    }

    @Test
    void badDesignsAreUserErrors() {
        assertThrows(UserInputException.class, () -> GroupSequentialDesign.of(SpendingFunction.POCOCK, 0.025, 0.5, 0.4));
        assertThrows(UserInputException.class, () -> GroupSequentialDesign.of(SpendingFunction.POCOCK, 0.7, 1.0));
        assertThrows(UserInputException.class, () -> GroupSequentialDesign.of(SpendingFunction.POCOCK, 0.025, 0.5, 1.2));
    }
}
