package io.cerebro.experiment;

import io.cerebro.core.result.ArmSummary;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.result.Interval;
import io.cerebro.core.result.Statistic;
import io.cerebro.store.Experiment;
import io.cerebro.store.StoppingDecision;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Conditional power against an independent implementation, and the rule's decision at planted looks. */
class StoppingRuleTest {
    @Test
    void conditionalPowerMatchesPythonsNormalDistribution() {
        // oracle: Python 3.11 statistics.NormalDist(), t = (1/(1/nc+1/nt)) / (N/2),
        // 1 - N.cdf((N.inv_cdf(1 - a/2) - z/sqrt(t)) / sqrt(1 - t))
        assertEquals(0.6943118369425537, StoppingRule.conditionalPower(1.2, 500, 500, 2000, 0.05), 1e-9);
        assertEquals(0.03582849290909529, StoppingRule.conditionalPower(0.2, 1000, 1000, 4000, 0.05), 1e-9);
    }

    private static Experiment planned(long plannedPerArm, Double minEffect) {
        Experiment e = SequentialPeekingSimulationTest.design();
        return new Experiment(e.name(), e.salt(), e.status(), e.variants(), e.metrics(), null, null, e.sequential(), 0.05, 0.8,
                100, plannedPerArm, null, minEffect, 0.2, e.createdAt(), e.updatedAt());
    }

    private static StoppingDecision look(Experiment e, long n, double diff, double se, double p) {
        ArmSummary c = new ArmSummary("control", n, 0.10, 0.3, null);
        ArmSummary t = new ArmSummary("treatment", n, 0.10 + diff, 0.3, null);
        Estimate est = Estimate.builder("treatment vs control", "ab.msprt").estimate(diff).standardError(se).pValue(p)
                .interval(Interval.confidence(diff - 2.5 * se, diff + 2.5 * se, 0.95)).statistic(Statistic.of("z", diff / se)).build();
        return StoppingRule.decideArm(e, e.metrics().get(0), c, t, est, Instant.EPOCH);
    }

    @Test
    void eachDecisionAtAPlantedLook() {
        Experiment e = planned(4000, null);
        assertEquals("continue", look(e, 50, 0.05, 0.01, 0.001).decision(), "below min-samples nothing is decided");
        assertEquals("success", look(e, 1000, 0.03, 0.01, 0.01).decision());
        assertEquals("failure", look(e, 1000, -0.03, 0.01, 0.01).decision());
        StoppingDecision futile = look(e, 1000, 0.002, 0.0134, 1.0);
        assertEquals("futility", futile.decision());
        assertTrue(futile.conditionalPower() < 0.2 && futile.reason().contains("conditional power"), futile.reason());
        assertEquals("continue", look(e, 1000, 0.02, 0.0134, 0.4).decision());
        assertEquals("futility", look(e, 4000, 0.01, 0.0067, 0.3).decision(), "planned size reached");
        StoppingDecision small = look(planned(4000, 0.05), 1000, 0.02, 0.005, 0.001);
        assertEquals("futility", small.decision(), "significant but the interval lies below the minimum effect: " + small.reason());
    }
}
