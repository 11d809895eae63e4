package io.cerebro.core.spec;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link SpecValidator} on A/B specs: each problem named with its fix, all of them at once. */
class SpecValidatorAbTest {
    private static Dataset data() {
        return Dataset.builder()
                .text("arm", new String[]{"a", "a", "a", "b", "b", "b"})
                .numeric("y", new double[]{1, Double.NaN, 3, 2, 5, 4})
                .numeric("x", new double[]{1, 2, Double.NaN, 2, 3, 1})
                .text("label", new String[]{"1", "oops", "3", "2", "n/a", "4"})
                .build();
    }

    private static String joined(List<SpecViolation> v) {
        return v.stream().map(SpecViolation::toString).reduce("", (a, b) -> a + " | " + b);
    }

    @Test
    void reportsEveryViolationAtOnce() {
        try (Dataset d = data()) {
            ABTestSpec spec = ABTestSpec.builder("arm", "y").control("zz").covariate("x").strata("nope")
                    .allocation(List.of(1.0, 1.0, 1.0)).build();
            List<SpecViolation> v = SpecValidator.validate(spec, d);
            String all = joined(v);
            assertTrue(all.contains("1 of 6 rows have a missing (empty or NaN) outcome") && all.contains("--drop-missing"), all);
            assertTrue(all.contains("covariate=x: 1 rows have a missing covariate"), all);
            assertTrue(all.contains("strata=nope: no such column"), all);
            assertTrue(all.contains("control=zz: no arm has this label; arms are [a, b]"), all);
            assertTrue(all.contains("allocation=[1.0, 1.0, 1.0]: gives 3 shares for 2 arms"), all);
            assertEquals(5, v.size(), all);
            UserInputException e = assertThrows(UserInputException.class, () -> SpecValidator.requireValid(spec, d));
            assertTrue(e.getMessage().startsWith("the spec does not fit the data (5 problems)"), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"));
        }
    }

    @Test
    void dropMissingAcceptsMissingAndNonNumericOutcomes() {
        try (Dataset d = data()) {
            assertEquals(List.of(), SpecValidator.validate(ABTestSpec.builder("arm", "y").dropMissing(true).build(), d));
            String bad = joined(SpecValidator.validate(ABTestSpec.of("arm", "label"), d));
            assertTrue(bad.contains("2 of 6 rows hold values that are not numbers") && bad.contains("--drop-missing to analyse the 4 numeric rows"), bad);
            assertEquals(List.of(), SpecValidator.validate(ABTestSpec.builder("arm", "label").dropMissing(true).build(), d));
        }
    }

    @Test
    void oneArmConstantOutcomeAndBinaryTestsOnNumbers() {
        try (Dataset one = Dataset.builder().text("arm", new String[]{"a", "a"}).numeric("y", new double[]{1, 2}).build();
             Dataset flat = Dataset.builder().text("arm", new String[]{"a", "a", "b", "b"}).numeric("y", new double[]{1, 1, 1, 1}).build();
             Dataset cont = Dataset.builder().text("arm", new String[]{"a", "a", "b", "b"}).numeric("y", new double[]{1.5, 1, 3, 1}).build()) {
            assertTrue(joined(SpecValidator.validate(ABTestSpec.of("arm", "y"), one)).contains("column has 1 arm (a); a test needs at least two"));
            assertTrue(joined(SpecValidator.validate(ABTestSpec.of("arm", "y"), flat)).contains("every row has the same outcome value"));
            assertTrue(joined(SpecValidator.validate(ABTestSpec.builder("arm", "y").test(ABTestType.Z_PROPORTIONS).build(), cont))
                    .contains("test=z_proportions: needs a 0/1 outcome"));
        }
    }

    @Test
    void alphaOutsideTheUnitIntervalIsRejectedWithTheUsualValue() {
        UserInputException e = assertThrows(UserInputException.class, () -> ABTestSpec.builder("arm", "y").alpha(1.2).build());
        assertTrue(e.getMessage().contains("alpha must be between 0 and 1") && e.getMessage().contains("0.05"), e.getMessage());
    }
}
