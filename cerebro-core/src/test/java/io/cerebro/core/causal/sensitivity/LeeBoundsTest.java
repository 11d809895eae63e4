package io.cerebro.core.causal.sensitivity;

import com.fasterxml.jackson.databind.JsonNode;
import io.cerebro.core.causal.CausalFixtures;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lee (2009) bounds against an independent numpy implementation and a simulation with a known effect. */
class LeeBoundsTest {
    @Test
    void matchesTheNumpyOracle() {
        JsonNode o = CausalFixtures.json("causal_lee_oracles.json").get("lee_bounds_csv");
        try (Dataset d = Dataset.read(CausalFixtures.file("lee_bounds.csv"))) {
            LeeBounds b = LeeBounds.of(d.doubles("t"), d.doubles("s"), d.doubles("y"));
            assertEquals(o.get("p_observed_treated").asDouble(), b.observedTreated(), 1e-12);
            assertEquals(o.get("p_observed_control").asDouble(), b.observedControl(), 1e-12);
            assertEquals(o.get("trim_share").asDouble(), b.trimShare(), 1e-12);
            assertEquals(o.get("lower").asDouble(), b.lower(), 1e-9);
            assertEquals(o.get("upper").asDouble(), b.upper(), 1e-9);
            assertEquals(1, b.trimmedArm());
        }
    }

    /**
     * Treatment keeps more units observed; among the always-observed the effect is 1.5. The bounds
     * contain it, and swapping the arms (the control observed more often) mirrors them.
     */
    @Test
    void boundsContainAPlantedEffect() {
        Random rng = new Random(5);
        int n = 20_000;
        double[] t = new double[n];
        double[] s = new double[n];
        double[] y = new double[n];
        double[] flipped = new double[n];
        double[] yFlipped = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i % 2;
            double latent = rng.nextGaussian();
            s[i] = (t[i] == 1 ? latent > -0.8 : latent > -0.2) ? 1 : 0;
            y[i] = 10 + 2 * latent + 1.5 * t[i] + rng.nextGaussian();
            flipped[i] = 1 - t[i];
            yFlipped[i] = -y[i];
        }
        LeeBounds b = LeeBounds.of(t, s, y);
        assertTrue(b.lower() < 1.5 && 1.5 < b.upper(), b.toString());
        assertTrue(b.upper() - b.lower() > 0.5, "selection on the latent outcome must widen the bounds: " + b);
        // arms swapped and the outcome negated: the same effect, so the same bounds
        LeeBounds m = LeeBounds.of(flipped, s, yFlipped);
        assertEquals(0, m.trimmedArm());
        assertEquals(b.lower(), m.lower(), 1e-9);
        assertEquals(b.upper(), m.upper(), 1e-9);
    }

    @Test
    void noObservedOutcomesInAnArmIsOneLine() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> LeeBounds.of(new double[]{0, 0, 1, 1}, new double[]{0, 0, 1, 1}, new double[]{1, 2, 3, 4}));
        assertTrue(e.getMessage().contains("the control arm has none"), e.getMessage());
    }
}
