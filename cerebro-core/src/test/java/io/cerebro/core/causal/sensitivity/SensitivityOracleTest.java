package io.cerebro.core.causal.sensitivity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** E-values, Rosenbaum bounds, the robustness value and Manski bounds against R and published values. */
class SensitivityOracleTest {
    static JsonNode read(String name) throws Exception {
        try (InputStream in = SensitivityOracleTest.class.getResourceAsStream("/causal/" + name)) {
            return new ObjectMapper().readTree(in);
        }
    }

    /** VanderWeele and Ding (2017): the oracle file's closed-form values (RR 3.9 -> 7.26, CI limit 1.8 -> 3, RR 0.8 -> 1.81). */
    @Test
    void eValues() throws Exception {
        JsonNode o = read("causal_lalonde_oracles.json").get("evalue");
        assertEquals(o.get("rr_3.9").asDouble(), EValue.ofRiskRatio(3.9), 1e-12);
        assertEquals(o.get("rr_ci_lower_1.8").asDouble(), EValue.ofInterval(1.8, 8.0), 1e-12);
        assertEquals(o.get("rr_0.8").asDouble(), EValue.ofRiskRatio(0.8), 1e-12);
        assertEquals(1.0, EValue.ofInterval(0.9, 1.3), 0);
    }

    /**
     * Rosenbaum bounds: the normal approximation against R's formula (1e-9) and the exact bounding
     * distribution computed by convolution in R (within 0.01, the approximation's error at n = 40).
     */
    @Test
    void rosenbaumBounds() throws Exception {
        JsonNode o = read("causal_extra_oracles.json").get("rosenbaum");
        double[] diffs = new double[o.get("diffs").size()];
        for (int i = 0; i < diffs.length; i++) {
            diffs[i] = o.get("diffs").get(i).asDouble();
        }
        RosenbaumBounds rb = new RosenbaumBounds(diffs);
        for (JsonNode b : o.get("bounds")) {
            double g = b.get("gamma").asDouble();
            assertEquals(b.get("t").asDouble(), rb.statistic(), 0);
            assertEquals(b.get("p_normal").asDouble(), rb.upperPValue(g), 1e-9);
            assertEquals(b.get("p_exact").asDouble(), rb.upperPValue(g), 0.01);
        }
        double gc = rb.criticalGamma(0.05);
        assertEquals(0.05, rb.upperPValue(gc), 1e-9);
        assertTrue(gc > 1);
    }

    /**
     * Cinelli and Hazlett (2020), Darfur example (sensemakr): t = 4.18 for 'directly harmed' with
     * 783 residual degrees of freedom; published RV_q=1 = 13.9%, RV_q=1,alpha=0.05 = 7.6%,
     * partial R^2 = 2.2% (to the published 3 digits).
     */
    @Test
    void robustnessValueDarfur() {
        double t = 4.18;
        double df = 783;
        assertEquals(0.139, RobustnessValue.rv(t, df, 1), 5e-4);
        assertEquals(0.076, RobustnessValue.rv(t, df, 1, 0.05), 5e-4);
        assertEquals(0.022, RobustnessValue.partialR2(t, df), 5e-4);
        assertEquals(0, RobustnessValue.rv(1.0, df, 1, 0.05), 0);
    }

    /** Manski bounds for employment in 1978 (re78 > 0) on NSW-PSID, against R's closed form. */
    @Test
    void manskiBounds() throws Exception {
        JsonNode o = read("causal_extra_oracles.json").get("manski");
        io.cerebro.core.data.Dataset d = io.cerebro.core.data.Dataset.read(
                io.cerebro.core.causal.CausalFixtures.file("lalonde_nsw_psid_observational.csv"));
        double[] t = d.doubles("treat");
        double[] y = d.doubles("re78");
        for (int i = 0; i < y.length; i++) {
            y[i] = y[i] > 0 ? 1 : 0;
        }
        ManskiBounds b = ManskiBounds.ate(t, y, 0, 1);
        assertEquals(o.get("lower").asDouble(), b.lower(), 1e-12);
        assertEquals(o.get("upper").asDouble(), b.upper(), 1e-12);
        assertEquals(1.0, b.upper() - b.lower(), 1e-12);
        d.close();
    }
}
