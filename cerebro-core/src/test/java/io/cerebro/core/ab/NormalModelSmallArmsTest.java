package io.cerebro.core.ab;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.ABTestSpec;
import io.cerebro.core.spec.ABTestType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Normal model needs a posterior variance, so at least four rows per arm. */
class NormalModelSmallArmsTest {
    private static Dataset threeRowArm() {
        return Dataset.builder().text("arm", new String[]{"a", "a", "a", "a", "a", "b", "b", "b"})
                .numeric("y", new double[]{1.0, 2.5, 0.3, 1.7, 2.2, 3.1, 2.4, 4.0}).build();
    }

    @Test
    void autoLeavesTheNormalModelOutBelowFourRowsPerArm() {
        try (Dataset d = threeRowArm()) {
            AnalysisResult r = new ABTestEngine().run(ABTestSpec.of("arm", "y"), d);
            assertTrue(r.estimates().stream().anyMatch(e -> e.method().equals("ab.welch")));
            assertFalse(r.estimates().stream().anyMatch(e -> e.method().equals("ab.bayesian_normal")));
        }
    }

    @Test
    void anExplicitBayesianTestOnATinyArmIsAUserError() {
        try (Dataset d = threeRowArm()) {
            UserInputException e = assertThrows(UserInputException.class,
                    () -> new ABTestEngine().run(ABTestSpec.builder("arm", "y").test(ABTestType.BAYESIAN).build(), d));
            assertTrue(e.getMessage().contains("arm 'b' has 3 row(s)") && e.getMessage().contains("--test mann_whitney"), e.getMessage());
        }
    }

    @Test
    void aConstantArmIsLeftOutOfAutoAndRefusedByAnExplicitBayesianTest() throws Exception {
        java.nio.file.Path csv = java.nio.file.Files.createTempFile("const", ".csv");
        java.nio.file.Files.writeString(csv, "arm,y\na,5.0\na,5.0\na,5.0\na,5.0\na,5.0\nb,5.3\nb,4.1\nb,6.2\nb,5.9\nb,4.4\n");
        try (Dataset d = Dataset.read(csv)) {
            AnalysisResult r = new ABTestEngine().run(ABTestSpec.of("arm", "y"), d);
            assertTrue(r.estimates().stream().anyMatch(e -> e.method().equals("ab.welch")));
            assertFalse(r.estimates().stream().anyMatch(e -> e.method().equals("ab.bayesian_normal")));
            UserInputException e = assertThrows(UserInputException.class,
                    () -> new ABTestEngine().run(ABTestSpec.builder("arm", "y").test(ABTestType.BAYESIAN).build(), d));
            assertTrue(e.getMessage().contains("does not vary within arm 'a'"), e.getMessage());
        } finally {
            java.nio.file.Files.deleteIfExists(csv);
        }
    }

    @Test
    void twoConstantArmsReadFromAFileStillDoNotVary() throws Exception {
        // 3 x 0.1 pools to a mean one ulp away from 0.1: the variance must still be exactly 0
        java.nio.file.Path csv = java.nio.file.Files.createTempFile("const2", ".csv");
        java.nio.file.Files.writeString(csv, "arm,y\na,0.1\na,0.1\na,0.1\nb,0.7\nb,0.7\nb,0.7\nb,0.7\n");
        try (Dataset d = Dataset.read(csv)) {
            UserInputException e = assertThrows(UserInputException.class, () -> new ABTestEngine().run(ABTestSpec.of("arm", "y"), d));
            assertTrue(e.getMessage().contains("does not vary"), e.getMessage());
        } finally {
            java.nio.file.Files.deleteIfExists(csv);
        }
    }
}
