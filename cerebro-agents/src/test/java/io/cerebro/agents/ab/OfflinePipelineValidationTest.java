package io.cerebro.agents.ab;

import io.cerebro.agents.Cerebro;
import io.cerebro.agents.Fixtures;
import io.cerebro.agents.GeneratedPipeline;
import io.cerebro.agents.validate.Verdict;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.spec.ABTestSpec;
import io.cerebro.core.spec.ABTestType;
import io.cerebro.core.spec.Alternative;
import io.cerebro.core.spec.MultipleTesting;
import io.cerebro.core.spec.SpendingFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole offline flow — plan, template, parse, policy, compile, sandboxed run, comparison with
 * the reference engine on the shared A/B datasets and on synthetic data — validates green for
 * every A/B test type and option. The engine is the oracle here (the templates themselves are
 * checked against scipy/statsmodels in {@link AbTemplateOracleTest}); tolerances are those of
 * {@link io.cerebro.agents.validate.ResultComparator}.
 */
class OfflinePipelineValidationTest {

    static GeneratedPipeline generate(ABTestSpec spec, String file) {
        try (Dataset d = Fixtures.open(file, spec.where())) {
            return Cerebro.builder().build().generate(spec, d);
        }
    }

    static void assertValidated(ABTestSpec spec, String file, String method) {
        GeneratedPipeline p = generate(spec, file);
        assertTrue(p.validated(), () -> p.validation().describe());
        assertEquals(Verdict.PASSED, p.validation().verdict());
        assertEquals(1, p.attempts().size());
        assertEquals("offline", p.generator());
        assertEquals(method, p.method());
        assertTrue(p.code().contains("public class Pipeline"));
    }

    static Stream<Arguments> computedByTodaysEngine() {
        return Stream.of(
                Arguments.of("welch, continuous outcome", ABTestSpec.builder("variant", "revenue").test(ABTestType.WELCH).build(),
                        "checkout_ab.csv", "ab.welch"),
                Arguments.of("auto on a 0/1 outcome", ABTestSpec.of("variant", "converted"), "checkout_ab.csv", "ab.z_proportions"),
                Arguments.of("three arms, Holm", ABTestSpec.of("variant", "converted"), "pricing_abc.csv", "ab.z_proportions"),
                Arguments.of("three arms, BH, continuous", ABTestSpec.builder("variant", "revenue").correction(MultipleTesting.BH).build(),
                        "pricing_abc.csv", "ab.welch"),
                Arguments.of("one-sided greater", ABTestSpec.builder("variant", "revenue").alternative(Alternative.GREATER).build(),
                        "checkout_ab.csv", "ab.welch"),
                Arguments.of("one-sided less, 0/1", ABTestSpec.builder("variant", "converted").alternative(Alternative.LESS).build(),
                        "checkout_ab.csv", "ab.z_proportions"),
                Arguments.of("alpha 0.1, explicit control", ABTestSpec.builder("variant", "revenue").alpha(0.1).control("treatment").build(),
                        "checkout_ab.csv", "ab.welch"),
                Arguments.of("drop missing", ABTestSpec.builder("variant", "revenue").dropMissing(true).build(),
                        "checkout_missing.csv", "ab.welch"),
                Arguments.of("where filter", ABTestSpec.builder("variant", "revenue").where("country = 'US'").build(),
                        "checkout_ab.csv", "ab.welch"),
                Arguments.of("CUPED covariate", ABTestSpec.builder("variant", "revenue").covariate("pre_revenue").build(),
                        "checkout_ab.csv", "ab.welch"),
                Arguments.of("true/false outcome", ABTestSpec.of("version", "retention_7"), "cookie_cats_3k.csv", "ab.z_proportions"),
                Arguments.of("integer outcome with many ties", ABTestSpec.of("version", "sum_gamerounds"), "cookie_cats_3k.csv",
                        "ab.welch"),
                Arguments.of("strata", ABTestSpec.builder("variant", "converted").strata("country").build(),
                        "checkout_ab.csv", "ab.z_proportions"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("computedByTodaysEngine")
    void validates(String name, ABTestSpec spec, String file, String method) {
        assertValidated(spec, file, method);
    }

    @Test
    void student() {
        assertValidated(ABTestSpec.builder("variant", "revenue").test(ABTestType.STUDENT).build(), "checkout_ab.csv", "ab.student");
    }

    @Test
    void mannWhitney() {
        assertValidated(ABTestSpec.builder("group", "score").test(ABTestType.MANN_WHITNEY).build(), "small_ties.csv", "ab.mann_whitney");
    }

    @Test
    void chiSquare() {
        assertValidated(ABTestSpec.builder("variant", "converted").test(ABTestType.CHI_SQUARE).build(), "checkout_ab.csv", "ab.chi_square");
    }

    @Test
    void fisher() {
        assertValidated(ABTestSpec.builder("variant", "converted").test(ABTestType.FISHER).build(), "checkout_ab.csv", "ab.fisher");
    }

    @Test
    void bayesianBetaBinomialThreeArms() {
        assertValidated(ABTestSpec.builder("variant", "converted").test(ABTestType.BAYESIAN).build(), "pricing_abc.csv",
                "ab.bayesian_beta_binomial");
    }

    @Test
    void bayesianNormal() {
        assertValidated(ABTestSpec.builder("variant", "revenue").test(ABTestType.BAYESIAN).build(), "checkout_ab.csv", "ab.bayesian_normal");
    }

    @Test
    void msprt() {
        assertValidated(ABTestSpec.builder("variant", "revenue").test(ABTestType.MSPRT).build(), "checkout_ab.csv", "ab.msprt");
    }

    @Test
    void groupSequential() {
        assertValidated(ABTestSpec.builder("variant", "converted").test(ABTestType.GROUP_SEQUENTIAL).looks(4).look(2)
                .spending(SpendingFunction.POCOCK).build(), "checkout_ab.csv", "ab.group_sequential");
    }
}
