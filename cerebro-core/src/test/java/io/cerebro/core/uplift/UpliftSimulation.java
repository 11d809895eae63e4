package io.cerebro.core.uplift;

import io.cerebro.core.uplift.learner.UpliftData;
import io.cerebro.core.uplift.model.FeatureMatrix;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Simulated data with planted individual effects: {@code p} standard normal features, treatment
 * Bernoulli(e(x)), {@code Y = x2 + 0.5 x3 + W·tau(x) + N(0, 1)}.
 *
 * @param data the rows
 * @param tau  each row's true effect
 */
record UpliftSimulation(UpliftData data, double[] tau) {
    /** {@code tau(x) = x1}, known propensity 0.5 (a randomised trial). */
    static UpliftSimulation linear(int n, int p, long seed) {
        return draw(n, p, seed, false, false);
    }

    /**
     * @param confounded  propensity logistic(0.5 x2) instead of 0.5, and not given to the engine
     * @param step        tau(x) = 1 + 1/(1 + exp(-10 x1)) (Athey and Wager's smooth step) instead of x1
     */
    static UpliftSimulation draw(int n, int p, long seed, boolean confounded, boolean step) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[p][n];
        double[] y = new double[n];
        double[] w = new double[n];
        double[] e = new double[n];
        double[] tau = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x[j][i] = gaussian(r);
            }
            e[i] = confounded ? 1 / (1 + Math.exp(-0.5 * x[1][i])) : 0.5;
            w[i] = r.nextDouble() < e[i] ? 1 : 0;
            tau[i] = step ? 1 + 1 / (1 + Math.exp(-10 * x[0][i])) : x[0][i];
            y[i] = x[1][i] + 0.5 * x[2][i] + w[i] * tau[i] + gaussian(r);
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            names.add("x" + (j + 1));
        }
        return new UpliftSimulation(new UpliftData(new FeatureMatrix(names, x), y, w, false, confounded ? null : e), tau);
    }

    static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    static double rmse(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s / a.length);
    }
}
