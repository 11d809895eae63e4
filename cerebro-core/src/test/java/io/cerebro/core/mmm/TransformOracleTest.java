package io.cerebro.core.mmm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.core.mmm.transform.Adstock;
import io.cerebro.core.mmm.transform.GeometricAdstock;
import io.cerebro.core.mmm.transform.HillSaturation;
import io.cerebro.core.mmm.transform.LogisticSaturation;
import io.cerebro.core.mmm.transform.WeibullAdstock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The transforms against numpy/scipy re-implementations of PyMC-Marketing's and Robyn's
 * definitions ({@code tools/fixtures/mmm_transforms.py}, fixture {@code oracles/mmm/transforms.json}),
 * and against closed forms.
 */
class TransformOracleTest {
    static JsonNode fixture;
    static double[] x;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = TransformOracleTest.class.getResourceAsStream("/oracles/mmm/transforms.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        x = values(fixture.get("x"));
    }

    static double[] values(JsonNode n) {
        double[] v = new double[n.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = n.get(i).asDouble();
        }
        return v;
    }

    @Test
    void geometricAdstockMatchesPymcMarketing() {
        for (JsonNode c : fixture.get("geometric")) {
            double[] got = new GeometricAdstock(c.get("l_max").asInt()).apply(x, new double[] {c.get("alpha").asDouble()});
            assertArrayEquals(values(c.get("y")), got, 1e-10);
        }
    }

    @Test
    void weibullAdstockMatchesRobyn() {
        for (String form : new String[] {"weibull_cdf", "weibull_pdf"}) {
            WeibullAdstock a = form.endsWith("pdf") ? WeibullAdstock.pdf() : WeibullAdstock.cdf();
            for (JsonNode c : fixture.get(form)) {
                double[] got = a.apply(x, new double[] {c.get("shape").asDouble(), c.get("scale").asDouble()});
                assertArrayEquals(values(c.get("y")), got, 1e-10, form + " " + c);
            }
        }
    }

    @Test
    void hillAndLogisticMatchTheirDefinitions() {
        HillSaturation h = new HillSaturation();
        for (JsonNode c : fixture.get("hill")) {
            double[] p = {c.get("alpha").asDouble(), c.get("gamma").asDouble()};
            assertArrayEquals(values(c.get("y")), h.apply(x, p, h.scaleFor(x, x, p)), 1e-12);
        }
        LogisticSaturation l = new LogisticSaturation();
        for (JsonNode c : fixture.get("logistic")) {
            double[] p = {c.get("lambda").asDouble()};
            assertArrayEquals(values(c.get("y")), l.apply(x, p, l.scaleFor(x, x, p)), 1e-12);
        }
    }

    @Test
    void closedFormsAndDerivatives() {
        // normalised geometric weights sum to 1: a constant spend keeps its level
        assertEquals(1.0, Adstock.total(GeometricAdstock.weights(0.6, 8)), 1e-15);
        assertEquals(1 / (1 + 0.5 + 0.25), GeometricAdstock.weights(0.5, 3)[0], 1e-15);
        // Hill is one half at the inflexion point
        assertEquals(0.5, HillSaturation.hill(3.0, 2.2, 3.0), 1e-15);
        // derivatives against central differences
        double[] hp = {1.8, 0.5};
        double[] hs = {4.0, 0};
        double[] lp = {3.0};
        double[] ls = {10.0, 0};
        HillSaturation h = new HillSaturation();
        LogisticSaturation l = new LogisticSaturation();
        for (double v : new double[] {0.5, 2, 4, 9}) {
            double e = 1e-6;
            assertEquals((h.apply(v + e, hp, hs) - h.apply(v - e, hp, hs)) / (2 * e), h.derivative(v, hp, hs), 1e-7);
            assertEquals((l.apply(v + e, lp, ls) - l.apply(v - e, lp, ls)) / (2 * e), l.derivative(v, lp, ls), 1e-7);
        }
    }
}
