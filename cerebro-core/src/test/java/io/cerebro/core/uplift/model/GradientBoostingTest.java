package io.cerebro.core.uplift.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The boosting recovers a planted regression function, also when it stops early on a held-out tenth. */
class GradientBoostingTest {
    private static double truth(double a, double b) {
        return 2 * a + b * b;
    }

    @Test
    void earlyStoppedOutcomeModelsRecoverAPlantedFunction() {
        int n = 20_000;
        int p = 5;
        SplittableRandom r = new SplittableRandom(1);
        double[][] x = new double[p][n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x[j][i] = r.nextDouble() * 2 - 1;
            }
            y[i] = truth(x[0][i], x[1][i]) + r.nextDouble() - 0.5;
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            names.add("x" + j);
        }
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        // above 10,000 rows the outcome boosting stops early: it must still keep the rounds that helped
        GradientBoosting.Ensemble m = (GradientBoosting.Ensemble) new GradientBoosting().forOutcomes()
                .fit(new FeatureMatrix(names, x), y, null, rows, Loss.SQUARED);
        double s = 0;
        for (int i = 0; i < n; i++) {
            double d = m.predict(x, i) - truth(x[0][i], x[1][i]);
            s += d * d;
        }
        double rmse = Math.sqrt(s / n);
        // sd of the planted function is about 1.2; a constant model would have that error
        assertTrue(m.trees().length >= 50, "rounds kept " + m.trees().length);
        assertTrue(rmse < 0.15, "rmse " + rmse);
    }

    @Test
    void earlyStoppedPropensityLearnsAPlantedAssignment() {
        int n = 5_000;
        SplittableRandom r = new SplittableRandom(2);
        double[][] x = new double[2][n];
        double[] w = new double[n];
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            x[0][i] = r.nextDouble() * 4 - 2;
            x[1][i] = r.nextDouble();
            e[i] = 1 / (1 + Math.exp(-x[0][i]));
            w[i] = r.nextDouble() < e[i] ? 1 : 0;
        }
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        Model m = new GradientBoosting().forPropensity().fit(new FeatureMatrix(List.of("a", "b"), x), w, null, rows, Loss.LOGISTIC);
        double s = 0;
        for (int i = 0; i < n; i++) {
            double d = m.predict(x, i) - e[i];
            s += d * d;
        }
        // the planted propensity spans 0.12 to 0.88 (sd about 0.2); a constant fit would miss it by that much
        assertTrue(Math.sqrt(s / n) < 0.06, "propensity rmse " + Math.sqrt(s / n));
    }
}
