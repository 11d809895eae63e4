package io.cerebro.core.causal.bounds;

import com.fasterxml.jackson.databind.JsonNode;
import io.cerebro.core.causal.CausalFixtures;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.spec.BoundsOptions;
import io.cerebro.core.spec.CausalMethod;
import io.cerebro.core.spec.CausalSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Manski, MTR, MTS and MTR+MTS bounds against the numpy/scipy closed forms and a simulation with a known effect. */
class TreatmentEffectBoundsTest {
    private static CausalSpec spec(String assumption, List<Double> range) {
        return CausalSpec.builder(CausalMethod.BOUNDS, "y").treatment("t").bounds(new BoundsOptions(assumption, range)).build();
    }

    @Test
    void everyAssumptionMatchesTheNumpyOracle() {
        JsonNode o = CausalFixtures.json("causal_bounds_oracles.json").get("bounds_csv");
        try (Dataset d = Dataset.read(CausalFixtures.file("bounds.csv"))) {
            AnalysisResult r = Engines.run(spec("mts", List.of(0.0, 10.0)), d);
            assertEquals("ATE bounds (mts)", r.estimates().get(0).label(), "the chosen assumption is the headline");
            assertEquals(4, r.estimates().size());
            for (String a : BoundsOptions.ASSUMPTIONS) {
                Estimate e = r.find("ATE bounds (" + a + ")", CausalMethod.BOUNDS.methodId());
                JsonNode x = o.get(a);
                assertEquals(x.get("lower").asDouble(), e.interval().lower(), 1e-10, a);
                assertEquals(x.get("upper").asDouble(), e.interval().upper(), 1e-10, a);
                assertEquals(x.get("se_lower").asDouble(), e.extra("se_lower"), 1e-10, a);
                assertEquals(x.get("se_upper").asDouble(), e.extra("se_upper"), 1e-10, a);
                assertEquals(x.get("ci_lower").asDouble(), e.extra("ci_lower"), 1e-8, a);
                assertEquals(x.get("ci_upper").asDouble(), e.extra("ci_upper"), 1e-8, a);
            }
        }
    }

    /** At zero width the Imbens-Manski value is the two-sided normal one, 1.959964 (alpha 0.05); wide, the one-sided 1.644854. */
    @Test
    void imbensManskiCriticalValueRunsFromTwoSidedToOneSided() {
        assertEquals(1.959963985, TreatmentEffectBounds.imbensManskiCritical(0, 1, 0.05), 1e-8);
        assertEquals(1.644853627, TreatmentEffectBounds.imbensManskiCritical(100, 1, 0.05), 1e-8);
    }

    /**
     * Y(1) = Y(0) + effect with effect >= 0 (MTR) and units of high ability both select into treatment
     * and have higher potential outcomes (MTS); the true ATE lies inside every bound, the naive
     * difference overstates it, and the MTR+MTS interval covers it.
     */
    @Test
    void theTrueEffectLiesInsideEveryBound() {
        Random rng = new Random(3);
        int n = 20_000;
        double[] t = new double[n];
        double[] y = new double[n];
        double ate = 0;
        for (int i = 0; i < n; i++) {
            double ability = rng.nextGaussian();
            double y0 = Math.min(10, Math.max(0, 4 + 1.5 * ability + rng.nextGaussian()));
            double effect = Math.min(10 - y0, 0.5 + 0.5 * rng.nextDouble());
            ate += effect / n;
            t[i] = ability + rng.nextGaussian() > 0 ? 1 : 0;
            y[i] = t[i] == 1 ? y0 + effect : y0;
        }
        for (String a : BoundsOptions.ASSUMPTIONS) {
            TreatmentEffectBounds b = TreatmentEffectBounds.of(a, t, y, 0, 10, 0.05);
            assertTrue(b.lower() <= ate && ate <= b.upper(), a + ": " + b + " vs " + ate);
            assertTrue(b.ciLower() <= b.lower() && b.upper() <= b.ciUpper(), a);
        }
        TreatmentEffectBounds both = TreatmentEffectBounds.of("mtr+mts", t, y, 0, 10, 0.05);
        assertTrue(both.upper() - both.lower() < TreatmentEffectBounds.of("manski", t, y, 0, 10, 0.05).upper() / 2,
                "the assumptions must narrow the bounds");
    }

    /** The spec blocks read from YAML as the docs write them. */
    @Test
    void specFileFields() {
        CausalSpec s = (CausalSpec) io.cerebro.core.spec.SpecReader.parse("family: causal\nmethod: bounds\ntreatment: t\noutcome: y\n"
                + "bounds: {assumption: mtr+mts, outcome_range: [0, 10]}\nhonest_did: {mbar: 0.5}\n", false, "test.yaml");
        assertEquals("mtr+mts", s.bounds().assumption());
        assertEquals(List.of(0.0, 10.0), s.bounds().outcomeRange());
        assertEquals(0.5, s.honestDid().mbar());
        assertEquals(0.0, s.honestDid().smoothness());
    }

    @Test
    void badInputIsOneLine() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> TreatmentEffectBounds.of("manski", new double[]{0, 0, 1, 1}, new double[]{1, 2, 3, 40}, 0, 10, 0.05));
        assertTrue(e.getMessage().contains("outside the outcome range") && e.getMessage().contains("--outcome-range"), e.getMessage());
        assertThrows(UserInputException.class, () -> new BoundsOptions("monotone", null));
        assertThrows(UserInputException.class, () -> new BoundsOptions("mtr", List.of(5.0, 1.0)));
    }
}
