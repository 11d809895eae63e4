package io.cerebro.core.ab.sequential;

import io.cerebro.core.ab.ArmStats;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.spec.ABTestSpec;
import io.cerebro.core.spec.Alternative;
import io.cerebro.core.spec.SpendingFunction;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Oracles: with one look a group-sequential test is the fixed-sample two-proportion z-test, so on
 * checkout_ab.csv it must reproduce statsmodels' proportions_ztest p-value and the Wald 95% CI
 * (shared/oracles/ab_oracles.json, copied counts below; relative 1e-9). The mSPRT is checked
 * against its defining properties here and by simulation in {@link SequentialSimulationTest}.
 */
class SequentialEstimatesTest {
    // checkout_ab.csv, outcome "converted": n and conversions per arm (ab_oracles.json "counts")
    private static final ArmStats CONTROL = binary("control", 19934, 1700);
    private static final ArmStats TREATMENT = binary("treatment", 20066, 1771);
    private static final double Z_ORACLE = 1.0576368327989896;
    private static final double P_ORACLE = 0.2902210435363135;
    private static final double[] WALD_CI = {-0.0025397505911016827, 0.008494385437075154};

    static ArmStats binary(String arm, long n, long conversions) {
        double p = (double) conversions / n;
        return new ArmStats(arm, n, p, p * (1 - p) * n / (n - 1), conversions);
    }

    private static void assertRel(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-9 * Math.abs(expected), what);
    }

    @Test
    void oneLookIsTheFixedSampleZTest() {
        ABTestSpec spec = ABTestSpec.builder("variant", "converted").looks(1).build();
        Estimate e = SequentialEstimates.groupSequential(CONTROL, TREATMENT, true, spec);
        assertEquals("treatment vs control", e.label());
        assertEquals("ab.group_sequential", e.method());
        assertRel(Z_ORACLE, e.statistic().value(), "z");
        assertEquals(P_ORACLE, e.pValue(), 1e-9, "p");
        assertEquals(WALD_CI[0], e.interval().lower(), 1e-9, "lower");
        assertEquals(WALD_CI[1], e.interval().upper(), 1e-9, "upper");
        assertEquals(0.0, e.extra("reject"));
        assertEquals(1.0, e.extra("information_fraction"));
    }

    @Test
    void lookOfFiveUsesThePublishedBoundary() {
        // K=5 equally spaced, two-sided 0.05 = 0.025 per side: OBF boundary at look 2 is 3.357 (ab_oracles.json)
        ABTestSpec spec = ABTestSpec.builder("variant", "converted").looks(5).look(2).build();
        Estimate e = SequentialEstimates.groupSequential(CONTROL, TREATMENT, true, spec);
        assertEquals(3.357, e.extra("boundary_z"), 1e-3);
        assertEquals(0.4, e.extra("information_fraction"), 1e-12);
        assertEquals(2.0, e.extra("look"));
        assertEquals(0.0, e.extra("reject"));
        assertTrue(e.pValue() > P_ORACLE, "a look before the end is more conservative than the fixed test");
        ABTestSpec pocock = spec.toBuilder().spending(SpendingFunction.POCOCK).look(5).build();
        assertEquals(2.386, SequentialEstimates.groupSequential(CONTROL, TREATMENT, true, pocock).extra("boundary_z"), 1e-3);
    }

    @Test
    void rejectsAStrongEffectAndReportsIt() {
        ArmStats t = binary("B", 20000, 2100);
        ABTestSpec spec = ABTestSpec.builder("variant", "converted").looks(3).look(2).alternative(Alternative.GREATER).build();
        Estimate e = SequentialEstimates.groupSequential(CONTROL, t, true, spec);
        assertEquals(1.0, e.extra("reject"));
        assertTrue(e.pValue() <= e.extra("alpha_spent"));
        assertEquals(Double.POSITIVE_INFINITY, e.interval().upper());
        assertTrue(e.interval().lower() > 0);
    }

    @Test
    void informationFractionFromThePlannedSampleSize() {
        // mde 0.01 at a 8.5% baseline needs about 12.2k per arm (fixed); with ~20k per arm the data
        // exceed the plan, so the fraction is capped at 1 and all alpha is spent at this look.
        ABTestSpec spec = ABTestSpec.builder("variant", "converted").looks(5).look(3).mde(0.01).build();
        Estimate e = SequentialEstimates.groupSequential(CONTROL, TREATMENT, true, spec);
        assertEquals(1.0, e.extra("information_fraction"));
        ABTestSpec small = spec.toBuilder().mde(0.0055).build();
        Estimate s = SequentialEstimates.groupSequential(CONTROL, TREATMENT, true, small);
        assertTrue(s.extra("information_fraction") > 0.4 && s.extra("information_fraction") < 1);
        ABTestSpec tooEarly = spec.toBuilder().mde(0.003).build();
        assertThrows(UserInputException.class, () -> SequentialEstimates.groupSequential(CONTROL, TREATMENT, true, tooEarly));
    }

    @Test
    void msprtIsMoreConservativeThanTheFixedTestAndHonoursTau() {
        ABTestSpec spec = ABTestSpec.builder("variant", "converted").msprtTau(0.01).build();
        Estimate e = SequentialEstimates.msprt(CONTROL, TREATMENT, true, spec);
        assertEquals("ab.msprt", e.method());
        assertEquals(0.01, e.extra("tau"));
        assertTrue(e.pValue() >= P_ORACLE);
        assertTrue(e.interval().lower() < WALD_CI[0] && e.interval().upper() > WALD_CI[1]);
        assertEquals(Math.min(1, 1 / e.extra("likelihood_ratio")), e.pValue(), 1e-12);
        double defaultTau = SequentialEstimates.msprt(CONTROL, TREATMENT, true, ABTestSpec.of("variant", "converted")).extra("tau");
        double pooledVar = ((CONTROL.n() - 1) * CONTROL.variance() + (TREATMENT.n() - 1) * TREATMENT.variance())
                / (CONTROL.n() + TREATMENT.n() - 2);
        assertEquals(0.1 * Math.sqrt(pooledVar), defaultTau, 1e-12);
        assertEquals(0.02, SequentialEstimates.msprt(CONTROL, TREATMENT, true,
                ABTestSpec.builder("variant", "converted").mde(0.02).build()).extra("tau"));
    }

    @Test
    void msprtOneSidedInTheWrongDirectionNeverRejects() {
        ArmStats t = binary("B", 20000, 1400);
        ABTestSpec spec = ABTestSpec.builder("variant", "converted").alternative(Alternative.GREATER).build();
        Estimate e = SequentialEstimates.msprt(CONTROL, t, true, spec);
        assertEquals(1.0, e.pValue());
        assertEquals(Double.POSITIVE_INFINITY, e.interval().upper());
        Estimate less = SequentialEstimates.msprt(CONTROL, t, true, spec.toBuilder().alternative(Alternative.LESS).build());
        assertTrue(less.pValue() < 1e-6);
    }

    @Test
    void constantOutcomeIsAUserError() {
        ArmStats c = new ArmStats("A", 100, 0, 0, 0);
        ArmStats t = new ArmStats("B", 100, 0, 0, 0);
        ABTestSpec spec = ABTestSpec.of("variant", "converted");
        assertThrows(UserInputException.class, () -> SequentialEstimates.msprt(c, t, true, spec));
        assertThrows(UserInputException.class, () -> SequentialEstimates.groupSequential(c, t, true, spec));
    }
}
