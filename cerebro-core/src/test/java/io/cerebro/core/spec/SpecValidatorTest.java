package io.cerebro.core.spec;

import io.cerebro.core.data.Dataset;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpecValidatorTest {
    @Test
    void reportsEveryViolationAtOnce() {
        try (Dataset d = Dataset.builder().text("arm", new String[]{"a", "a", "b", "b"})
                .numeric("y", new double[]{1, Double.NaN, 0, 1}).build()) {
            ABTestSpec s = ABTestSpec.builder("arm", "y").control("c").covariate("pre").allocation(List.of(1.0, 1.0, 1.0)).build();
            List<SpecViolation> v = SpecValidator.validate(s, d);
            List<String> fields = v.stream().map(SpecViolation::field).toList();
            assertTrue(fields.contains("control"), v.toString());
            assertTrue(fields.contains("covariate"), v.toString());
            assertTrue(fields.contains("allocation"), v.toString());
            assertTrue(fields.contains("outcome"), v.toString());
            assertTrue(v.stream().anyMatch(x -> x.problem().contains("1 of 4 rows")), v.toString());
        }
    }

    @Test
    void singleArmIsRejected() {
        try (Dataset d = Dataset.builder().text("arm", new String[]{"a", "a", "a"}).numeric("y", new double[]{1, 2, 3}).build()) {
            List<SpecViolation> v = SpecValidator.validate(ABTestSpec.of("arm", "y"), d);
            assertEquals(1, v.size(), v.toString());
            assertTrue(v.get(0).problem().contains("1 arm (a)"), v.toString());
        }
    }

    @Test
    void constantOutcomeIsRejected() {
        try (Dataset d = Dataset.builder().text("arm", new String[]{"a", "a", "b", "b"}).numeric("y", new double[]{1, 1, 1, 1}).build()) {
            List<SpecViolation> v = SpecValidator.validate(ABTestSpec.of("arm", "y"), d);
            assertTrue(v.stream().anyMatch(x -> x.problem().contains("same outcome")), v.toString());
        }
    }

    @Test
    void textOutcomeCountsNonNumbers() {
        try (Dataset d = Dataset.builder().text("arm", new String[]{"a", "a", "b", "b"}).text("y", new String[]{"1", "x", "0", "?"}).build()) {
            List<SpecViolation> v = SpecValidator.validate(ABTestSpec.of("arm", "y"), d);
            assertTrue(v.stream().anyMatch(x -> x.problem().contains("2 of 4 rows hold values that are not numbers")), v.toString());
        }
    }

    @Test
    void aMistypedColumnGetsTheClosestName() {
        java.util.List<String> cols = java.util.List.of("store", "nj", "post", "fte", "converted");
        assertEquals("did you mean 'nj'? Names are case-sensitive; ", SpecValidator.closest("NJ", cols));
        assertEquals("did you mean 'converted'? ", SpecValidator.closest("convertd", cols));
        assertEquals("", SpecValidator.closest("revenue", cols));
    }

    @Test
    void aPanelTreatmentColumnIsCheckedForZeroOneAndMissingValuesAtOnce() {
        try (Dataset d = Dataset.builder().text("unit", new String[]{"a", "a", "b", "b"})
                .numeric("year", new double[]{1, 2, 1, 2}).numeric("d", new double[]{0, 3, Double.NaN, 0})
                .numeric("y", new double[]{1, 2, 3, 4}).build()) {
            CausalSpec s = (CausalSpec) SpecReader.parse("family: causal\nmethod: event_study\noutcome: y\ntreatment: d\n"
                    + "panel: {unit: unit, time: year}\n", false, "test");
            List<String> v = SpecValidator.validate(s, d).stream().map(SpecViolation::toString).toList();
            assertEquals(2, v.size(), v.toString());
            assertTrue(v.get(0).startsWith("treatment=d: 1 of 4 rows hold values other than 0 and 1 (e.g. '3.0')"), v.toString());
            assertTrue(v.get(1).startsWith("treatment=d: 1 of 4 rows have a missing treatment value"), v.toString());
            // a first-treated column beside it: the conflict alone
            CausalSpec both = (CausalSpec) SpecReader.parse("family: causal\nmethod: staggered_did\noutcome: y\ntreatment: d\n"
                    + "panel: {unit: unit, time: year, first_treated: year}\n", false, "test");
            List<SpecViolation> c = SpecValidator.validate(both, d);
            assertEquals(1, c.size(), c.toString());
            assertTrue(c.get(0).problem().contains("are both given"), c.toString());
        }
    }
}
