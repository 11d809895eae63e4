package io.cerebro.core.mmm;

import io.cerebro.core.data.Dataset;

import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Weekly data with known effects: three channels with geometric adstock (normalised, l_max 8) and
 * logistic saturation on spend divided by its largest value, plus an intercept, a linear trend and
 * yearly seasonality, with normal noise. The transforms are written out here from their
 * definitions rather than taken from the engine, so the simulation does not check the engine
 * against itself.
 */
final class MmmSimulation {
    static final String[] CHANNELS = {"tv", "search", "social"};
    static final double[] ALPHA = {0.6, 0.1, 0.35};
    static final double[] LAMBDA = {1.5, 4.0, 2.5};
    static final double[] BETA = {400, 250, 150};
    static final int L_MAX = 8;

    final double[][] spend;
    final double[][] contribution;
    final double[] y;
    final double[] max;
    final String[] dates;

    MmmSimulation(int weeks, double noiseSd, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int k = CHANNELS.length;
        spend = new double[k][weeks];
        contribution = new double[k][weeks];
        max = new double[k];
        y = new double[weeks];
        dates = new String[weeks];
        double[] level = {100, 60, 40};
        for (int c = 0; c < k; c++) {
            for (int t = 0; t < weeks; t++) {
                // bursts: a channel is off in about a quarter of the weeks
                spend[c][t] = r.nextDouble() < 0.25 ? 0 : level[c] * (0.3 + 1.4 * r.nextDouble());
                max[c] = Math.max(max[c], spend[c][t]);
            }
            double[] ad = geometricAdstock(spend[c], ALPHA[c]);
            for (int t = 0; t < weeks; t++) {
                contribution[c][t] = BETA[c] * logistic(ad[t] / max[c], LAMBDA[c]);
            }
        }
        LocalDate start = LocalDate.of(2021, 1, 4);
        for (int t = 0; t < weeks; t++) {
            dates[t] = start.plusWeeks(t).toString();
            double season = 60 * Math.sin(2 * Math.PI * t * 7 / 365.25);
            y[t] = 1000 + 0.5 * t + season + r.nextGaussian() * noiseSd;
            for (int c = 0; c < k; c++) {
                y[t] += contribution[c][t];
            }
        }
    }

    /** @return the true steady-state weekly response of channel c to weekly spend s. */
    double trueResponse(int c, double s) {
        // normalised weights sum to 1, so a constant spend s adstocks to s
        return BETA[c] * logistic(s / max[c], LAMBDA[c]);
    }

    /** PyMC-Marketing's normalised geometric adstock: sum over l < L_MAX of alpha^l x[t-l], divided by sum of alpha^l. */
    static double[] geometricAdstock(double[] x, double alpha) {
        double norm = 0;
        for (int l = 0; l < L_MAX; l++) {
            norm += Math.pow(alpha, l);
        }
        double[] out = new double[x.length];
        for (int t = 0; t < x.length; t++) {
            for (int l = 0; l < L_MAX && l <= t; l++) {
                out[t] += Math.pow(alpha, l) * x[t - l] / norm;
            }
        }
        return out;
    }

    /** PyMC-Marketing's logistic saturation {@code (1 - e^(-lam x)) / (1 + e^(-lam x))}. */
    static double logistic(double x, double lam) {
        double e = Math.exp(-lam * x);
        return (1 - e) / (1 + e);
    }

    double trueShare(int c) {
        return sum(contribution[c]) / sum(y);
    }

    Dataset dataset() {
        Dataset.Builder b = Dataset.builder().text("week", dates).numeric("sales", y);
        for (int c = 0; c < CHANNELS.length; c++) {
            b.numeric(CHANNELS[c], spend[c]);
        }
        return b.build();
    }

    static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }
}
