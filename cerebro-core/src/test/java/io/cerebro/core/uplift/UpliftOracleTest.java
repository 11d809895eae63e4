package io.cerebro.core.uplift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.core.uplift.evaluation.UpliftCurves;
import io.cerebro.core.uplift.learner.Folds;
import io.cerebro.core.uplift.model.FeatureMatrix;
import io.cerebro.core.uplift.model.LinearLearner;
import io.cerebro.core.uplift.model.Loss;
import io.cerebro.core.uplift.model.Model;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Qini and uplift curves against a numpy implementation of scikit-uplift's definitions, and the
 * linear base learners against scikit-learn (fixtures: tools/fixtures/uplift_oracles.py).
 */
class UpliftOracleTest {
    static JsonNode load(String name) throws Exception {
        try (InputStream in = UpliftOracleTest.class.getResourceAsStream("/uplift/" + name)) {
            return new ObjectMapper().readTree(in);
        }
    }

    static double[] values(JsonNode n) {
        double[] v = new double[n.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = n.get(i).asDouble();
        }
        return v;
    }

    @Test
    void qiniAndUpliftCurvesMatchNumpy() throws Exception {
        JsonNode f = load("qini_oracle.json");
        UpliftCurves c = UpliftCurves.of(values(f.get("score")), values(f.get("y")), values(f.get("w")));
        assertArrayEquals(values(f.get("fraction")), c.fraction(), 1e-12);
        assertArrayEquals(values(f.get("qini_curve")), c.qini(), 1e-9);
        assertArrayEquals(values(f.get("uplift_curve")), c.uplift(), 1e-9);
        assertEquals(f.get("qini_coefficient").asDouble(), c.qiniCoefficient(), 1e-12);
        assertEquals(f.get("auuc").asDouble(), c.auuc(), 1e-12);
        assertEquals(f.get("auuc_above_random").asDouble(), c.auucAboveRandom(), 1e-12);
    }

    @Test
    void linearTLearnerAndLogisticPropensityMatchScikitLearn() throws Exception {
        JsonNode f = load("linear_oracle.json");
        double[][] x = new double[3][];
        for (int j = 0; j < 3; j++) {
            x[j] = values(f.get("x").get(j));
        }
        double[] w = values(f.get("w"));
        double[] y = values(f.get("y"));
        FeatureMatrix fm = new FeatureMatrix(List.of("a", "b", "c"), x);
        int[] all = new int[w.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        // a negligible penalty: least squares to the fixture's precision
        LinearLearner ols = new LinearLearner(1e-12);
        LinearLearner.Linear m0 = (LinearLearner.Linear) ols.fit(fm, y, null, Folds.arm(all, w, 0), Loss.SQUARED);
        LinearLearner.Linear m1 = (LinearLearner.Linear) ols.fit(fm, y, null, Folds.arm(all, w, 1), Loss.SQUARED);
        assertEquals(f.get("mu0_intercept").asDouble(), m0.intercept(), 1e-8);
        assertArrayEquals(values(f.get("mu0_coef")), m0.coef(), 1e-8);
        assertArrayEquals(values(f.get("mu1_coef")), m1.coef(), 1e-8);
        double[] cate = values(f.get("t_learner_cate"));
        for (int i = 0; i < cate.length; i++) {
            assertEquals(cate[i], m1.predict(x, i) - m0.predict(x, i), 1e-8);
        }
        Model lg = ols.fit(fm, w, null, all, Loss.LOGISTIC);
        double[] e = values(f.get("propensity"));
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], lg.predict(x, i), 1e-6);
        }
    }
}
