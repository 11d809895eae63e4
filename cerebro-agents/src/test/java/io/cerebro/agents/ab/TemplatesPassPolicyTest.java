package io.cerebro.agents.ab;

import io.cerebro.agents.validate.InMemoryCompiler;
import io.cerebro.agents.validate.ParsedProgram;
import io.cerebro.agents.validate.SafetyPolicy;
import io.cerebro.core.spec.ABTestSpec;
import io.cerebro.core.spec.ABTestType;
import io.cerebro.core.spec.Alternative;
import io.cerebro.core.spec.MultipleTesting;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every template variant is a distinct, readable program that passes the safety policy and compiles. */
class TemplatesPassPolicyTest {
    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of(ABTestSpec.builder("variant", "revenue").test(ABTestType.WELCH).build(), "checkout_ab.csv", "welch("),
                Arguments.of(ABTestSpec.builder("variant", "revenue").test(ABTestType.STUDENT).build(), "checkout_ab.csv", "student("),
                Arguments.of(ABTestSpec.builder("group", "score").test(ABTestType.MANN_WHITNEY).build(), "small_ties.csv", "mannWhitney("),
                Arguments.of(ABTestSpec.builder("variant", "converted").build(), "checkout_ab.csv", "zProportions("),
                Arguments.of(ABTestSpec.builder("variant", "converted").test(ABTestType.CHI_SQUARE).build(), "checkout_ab.csv", "chiSquare("),
                Arguments.of(ABTestSpec.builder("variant", "converted").test(ABTestType.FISHER).build(), "checkout_ab.csv", "fisher("),
                Arguments.of(ABTestSpec.builder("variant", "converted").test(ABTestType.BAYESIAN).build(), "pricing_abc.csv", "probabilityBest("),
                Arguments.of(ABTestSpec.builder("variant", "revenue").test(ABTestType.BAYESIAN).build(), "pricing_abc.csv", "bayesNormal("),
                Arguments.of(ABTestSpec.builder("variant", "revenue").test(ABTestType.MSPRT).build(), "checkout_ab.csv", "msprt("),
                Arguments.of(ABTestSpec.builder("variant", "converted").test(ABTestType.GROUP_SEQUENTIAL).build(), "checkout_ab.csv",
                        "boundaries("),
                Arguments.of(ABTestSpec.builder("variant", "revenue").covariate("pre_revenue").build(), "pricing_abc.csv", "cuped("),
                Arguments.of(ABTestSpec.builder("variant", "revenue").strata("country").build(), "pricing_abc.csv", "postStratified("),
                Arguments.of(ABTestSpec.builder("variant", "revenue").correction(MultipleTesting.BH).build(), "pricing_abc.csv", "adjust("),
                Arguments.of(ABTestSpec.builder("variant", "revenue").alternative(Alternative.LESS).dropMissing(true).build(),
                        "checkout_missing.csv", "DROP_MISSING = true"),
                Arguments.of(ABTestSpec.builder("variant", "revenue").where("country = 'US'").build(), "checkout_ab.csv",
                        "keeps only rows where country = 'US'"),
                // a filter that tries to close the header comment and smuggle a Unicode newline stays inert
                Arguments.of(ABTestSpec.builder("variant", "revenue").where("country <> '*/ \\u000a System.exit(1); /*'").build(),
                        "checkout_ab.csv", "keeps only rows where country <> '* / \\ u000a"));
    }

    @ParameterizedTest
    @MethodSource("variants")
    void passesPolicyAndCompiles(ABTestSpec spec, String file, String marker) throws Exception {
        String code = TemplateRun.code(spec, file);
        assertTrue(code.contains(marker), () -> "expected " + marker + " in\n" + code);
        ParsedProgram p = ParsedProgram.parse(code);
        assertEquals("Pipeline", p.className());
        assertEquals(List.of(), SafetyPolicy.check(p.unit()));
        InMemoryCompiler.Compilation c = InMemoryCompiler.compile("Pipeline", code);
        assertTrue(c.ok(), c.errors()::toString);
    }
}
