package io.cerebro.core.uplift.model;

import io.cerebro.core.spec.UpliftSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The random forest base learner recovers a planted regression function; {@code rf} parses as the base. */
class RandomForestLearnerTest {
    @Test
    void recoversAPlantedStepAndSlope() {
        int n = 3_000;
        SplittableRandom r = new SplittableRandom(5);
        double[][] x = new double[3][n];
        double[] y = new double[n];
        double[] truth = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                x[j][i] = r.nextDouble() * 2 - 1;
            }
            truth[i] = (x[0][i] > 0 ? 2 : 0) + x[1][i];
            y[i] = truth[i] + (r.nextDouble() - 0.5);
        }
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        Model m = new RandomForestLearner().fit(new FeatureMatrix(List.of("a", "b", "c"), x), y, null, rows, Loss.SQUARED);
        double s = 0;
        for (int i = 0; i < n; i++) {
            double d = m.predict(x, i) - truth[i];
            s += d * d;
        }
        // the planted function's sd is about 1.15, the noise's 0.29
        assertTrue(Math.sqrt(s / n) < 0.2, "rmse " + Math.sqrt(s / n));
        assertEquals(UpliftSpec.Base.RF, UpliftSpec.Base.parse("rf"));
        assertEquals("rf", UpliftSpec.Base.RF.toString());
    }
}
