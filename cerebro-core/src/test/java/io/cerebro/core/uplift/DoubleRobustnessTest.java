package io.cerebro.core.uplift;

import io.cerebro.core.mmm.fit.ProgressListener;
import io.cerebro.core.spec.UpliftSpec;
import io.cerebro.core.uplift.learner.UpliftData;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The R- and DR-learners stay consistent when one nuisance model is wrong. Confounded design
 * (e(x) = logistic(0.5 x2)), tau(x) = x1, linear base learners, 20000 and 6000 rows. The DR score keeps the outcome model's error in its variance, so its bound is looser than the R-learner's.
 */
class DoubleRobustnessTest {
    static Map<String, Double> rmse(UpliftData d, double[] tau) {
        UpliftSpec spec = UpliftSpec.builder("w", "y").features(List.of("x1", "x2", "x3")).learner(UpliftSpec.Learner.AUTO)
                .base(UpliftSpec.Base.LINEAR).trees(20).seed(9L).build();
        UpliftEngine.Fitted f = UpliftEngine.fit(spec, d, ProgressListener.NONE);
        Map<String, Double> out = new LinkedHashMap<>();
        for (UpliftEngine.Scored s : f.scored()) {
            out.put(s.fit().learner(), UpliftSimulation.rmse(s.fit().oof(), tau));
        }
        return out;
    }

    @Test
    void wrongOutcomeModelWithTheTruePropensity() {
        UpliftSimulation sim = UpliftSimulation.draw(20000, 3, 21, true, false);
        UpliftData d = sim.data();
        double[] y = d.y().clone();
        double[] e = new double[y.length];
        double[] x2 = d.x().columns()[1];
        for (int i = 0; i < y.length; i++) {
            // a confounder effect no linear outcome model captures
            y[i] += 2 * x2[i] * x2[i];
            e[i] = 1 / (1 + Math.exp(-0.5 * x2[i]));
        }
        Map<String, Double> r = rmse(new UpliftData(d.x(), y, d.w(), false, e), sim.tau());
        System.out.println("wrong outcome model, true propensity: CATE RMSE " + r);
        assertTrue(r.get("dr") < 0.3 && r.get("r") < 0.2, r.toString());
        assertTrue(r.get("t") > r.get("dr") + 0.1, "the T-learner is the one that should suffer: " + r);
    }

    @Test
    void wrongPropensityWithTheRightOutcomeModel() {
        UpliftSimulation sim = UpliftSimulation.draw(6000, 3, 22, true, false);
        UpliftData d = sim.data();
        double[] half = new double[d.rows()];
        java.util.Arrays.fill(half, 0.5);
        // the treatment is confounded by x2, but the engine is told it was randomised at 0.5
        Map<String, Double> r = rmse(new UpliftData(d.x(), d.y(), d.w(), false, half), sim.tau());
        System.out.println("wrong propensity, right outcome model: CATE RMSE " + r);
        assertTrue(r.get("dr") < 0.15, r.toString());
    }
}
