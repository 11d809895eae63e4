package io.cerebro.core.mmm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.core.mmm.fit.NonNegativeRidge;
import org.junit.jupiter.api.Test;

import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The sign-constrained ridge against scipy's bounded least squares on the same penalised problem
 * ({@code tools/fixtures/mmm_nonneg_ridge.py}, provenance in the fixture): constrained columns that
 * the data push below zero end at 0, free columns may go negative, fit on the first rows only.
 */
class NonNegativeRidgeOracleTest {
    @Test
    void matchesScipyBoundedLeastSquares() throws Exception {
        JsonNode fixture;
        try (InputStream in = NonNegativeRidgeOracleTest.class.getResourceAsStream("/oracles/mmm/nonneg_ridge.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        for (JsonNode c : fixture.get("cases")) {
            int p = c.get("columns").size();
            double[][] columns = new double[p][];
            boolean[] nonNeg = new boolean[p];
            for (int j = 0; j < p; j++) {
                columns[j] = doubles(c.get("columns").get(j));
                nonNeg[j] = c.get("non_negative").get(j).asBoolean();
            }
            NonNegativeRidge.Solution s = NonNegativeRidge.fit(columns, doubles(c.get("y")), c.get("rows").asInt(), nonNeg,
                    c.get("lambda").asDouble());
            double b0 = c.get("intercept").asDouble();
            assertEquals(b0, s.intercept(), 1e-6 * Math.max(1, Math.abs(b0)), "intercept");
            for (int j = 0; j < p; j++) {
                double want = c.get("coefficients").get(j).asDouble();
                assertEquals(want, s.coefficients()[j], 1e-7 * Math.max(1, Math.abs(want)), "coefficient " + j);
            }
        }
    }

    static double[] doubles(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asDouble();
        }
        return v;
    }
}
