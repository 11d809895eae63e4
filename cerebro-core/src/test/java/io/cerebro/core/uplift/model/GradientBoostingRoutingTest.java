package io.cerebro.core.uplift.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Training rows routed by their bin codes get exactly the predictions of their raw values. */
class GradientBoostingRoutingTest {
    @Test
    void codeRoutingMatchesValueRouting() {
        int n = 30_000;
        SplittableRandom r = new SplittableRandom(3);
        // a continuous column (quantile bins), a few distinct values (midpoint bins) and a 0/1 column
        double[][] x = new double[3][n];
        double[] y = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            x[0][i] = r.nextGaussian();
            x[1][i] = r.nextInt(7) * 0.3;
            x[2][i] = r.nextInt(2);
            y[i] = x[0][i] + x[1][i] * x[2][i] + r.nextGaussian();
            b[i] = r.nextDouble() < 1 / (1 + Math.exp(-x[0][i])) ? 1 : 0;
        }
        FeatureMatrix fm = new FeatureMatrix(List.of("a", "b", "c"), x);
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        Model squared = new GradientBoosting().forOutcomes().fit(fm, y, null, rows, Loss.SQUARED);
        Model logistic = new GradientBoosting().forPropensity().fit(fm, b, null, rows, Loss.LOGISTIC);
        for (Model m : new Model[] {squared, logistic}) {
            double[] byCode = m.predictRows(fm, rows);
            for (int i = 0; i < n; i++) {
                assertEquals(m.predict(x, i), byCode[i], 0.0, "row " + i);
            }
        }
    }
}
