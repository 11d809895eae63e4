package io.cerebro.agents.validate;

import io.cerebro.core.family.Tolerance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.ArmSummary;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.result.Interval;
import io.cerebro.core.result.ResultJson;
import io.cerebro.core.result.Statistic;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultComparatorTest {
    static AnalysisResult engine() {
        return AnalysisResult.builder("ab", "ab.welch")
                .arm(new ArmSummary("control", 100, 1.0, 2.0, Interval.confidence(0.6, 1.4, 0.95)))
                .arm(new ArmSummary("treatment", 110, 1.5, 2.1, Interval.confidence(1.1, 1.9, 0.95)))
                .estimate(Estimate.builder("treatment vs control", "ab.welch").estimate(0.5).standardError(0.28)
                        .interval(Interval.confidence(-0.05, Double.POSITIVE_INFINITY, 0.95)).pValue(0.04)
                        .statistic(Statistic.of("t", 1.78, 207.5)).extra("relative_lift", 0.5).build())
                .estimate(Estimate.builder("treatment vs control", "ab.mann_whitney").estimate(0.55).pValue(0.2).build())
                .build();
    }

    static ObjectNode printed() {
        return (ObjectNode) ResultJson.mapper().valueToTree(engine());
    }

    @Test
    void identicalResultsAgreeAndInfinityStringsMatch() {
        ObjectNode p = printed();
        assertEquals("Infinity", p.at("/estimates/0/interval/upper").asText());
        ResultComparator.Comparison c = ResultComparator.compare(engine(), p);
        assertTrue(c.agrees(), c.mismatches()::toString);
    }

    @Test
    void smallRelativeDifferencesPassAndLargerOnesFail() {
        ObjectNode p = printed();
        ((ObjectNode) p.at("/estimates/0")).put("pValue", 0.04 * (1 + 1e-8));
        assertTrue(ResultComparator.compare(engine(), p).agrees());
        ((ObjectNode) p.at("/estimates/0")).put("pValue", 0.0401);
        ResultComparator.Comparison c = ResultComparator.compare(engine(), p);
        assertEquals(1, c.mismatches().size());
        assertTrue(c.mismatches().get(0).contains("pValue: printed 0.0401, engine 0.04"), c.mismatches().get(0));
    }

    @Test
    void missingHeadlineEstimateArmAndFieldAreMismatches() {
        ObjectNode p = printed();
        ((ObjectNode) p.at("/estimates/0")).remove("standardError");
        ((ObjectNode) p.at("/arms/1")).put("n", 111);
        ResultComparator.Comparison c = ResultComparator.compare(engine(), p);
        assertTrue(c.mismatches().stream().anyMatch(m -> m.contains("standardError: missing")), c.mismatches()::toString);
        assertTrue(c.mismatches().stream().anyMatch(m -> m.contains("arms[treatment].n")), c.mismatches()::toString);
        p = printed();
        p.withArray("/estimates").remove(0);
        c = ResultComparator.compare(engine(), p);
        assertTrue(c.mismatches().stream().anyMatch(m -> m.contains("missing from the printed result")));
    }

    @Test
    void estimatesTheSpecAsksForAreRequired() throws Exception {
        java.nio.file.Path csv = io.cerebro.agents.Fixtures.ab("checkout_ab.csv");
        try (io.cerebro.core.data.Dataset d = io.cerebro.core.data.Dataset.read(csv)) {
            AnalysisResult r = io.cerebro.core.engine.Engines.run(io.cerebro.core.spec.ABTestSpec.builder("variant", "revenue")
                    .test(io.cerebro.core.spec.ABTestType.WELCH).covariate("pre_revenue").build(), d);
            ObjectNode p = (ObjectNode) ResultJson.mapper().valueToTree(r);
            assertTrue(ResultComparator.compare(r, p).agrees());
            com.fasterxml.jackson.databind.node.ArrayNode es = p.withArray("/estimates");
            for (int i = es.size() - 1; i >= 0; i--) {
                if (es.get(i).path("method").asText().equals("ab.cuped")) {
                    es.remove(i);
                }
            }
            ResultComparator.Comparison c = ResultComparator.compare(r, p);
            assertTrue(c.mismatches().stream().anyMatch(m -> m.contains("ab.cuped") && m.contains("the spec asks for it")),
                    c.mismatches()::toString);
        }
    }

    @Test
    void companionEstimatesAndExtrasAreOptional() {
        ObjectNode p = printed();
        p.withArray("/estimates").remove(1);
        ((ObjectNode) p.at("/estimates/0")).remove("extra");
        ResultComparator.Comparison c = ResultComparator.compare(engine(), p);
        assertTrue(c.agrees(), c.mismatches()::toString);
        assertTrue(c.notes().stream().anyMatch(n -> n.contains("ab.mann_whitney")));
        assertTrue(c.notes().stream().anyMatch(n -> n.contains("relative_lift")));
    }

    @Test
    void monteCarloFieldsGetLooserTolerance() {
        assertEquals(Tolerance.MONTE_CARLO, ResultComparator.tolerance("ab.bayesian_beta_binomial", "expected_loss"));
        assertEquals(Tolerance.P_VALUE, ResultComparator.tolerance("ab.welch", "pValue"));
        assertEquals(Tolerance.CLOSED_FORM, ResultComparator.tolerance("ab.welch", "estimate"));
        assertTrue(Tolerance.MONTE_CARLO.accepts(0.0102, 0.0100));
        assertTrue(!Tolerance.CLOSED_FORM.accepts(0.0102, 0.0100));
        JsonNode n = ResultJson.mapper().getNodeFactory().textNode("-Infinity");
        assertEquals(Double.NEGATIVE_INFINITY, ResultComparator.value(n));
    }
}
