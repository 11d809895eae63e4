package io.cerebro.core.mmm.transform;

import java.util.List;

/**
 * Carry-over of media spend into later weeks: {@code adstocked[t] = sum_l w[l] * x[t - l]}, with
 * spend before the first week taken as zero. Every form is described by its lag weights, so the
 * steady state of a constant weekly spend {@code s} is {@code s * sum(w)}.
 */
public interface Adstock {
    /** @return the parameter names, in the order {@link #weights} takes them. */
    List<String> parameterNames();

    /** @return the lower bounds of the parameters searched. */
    double[] lower();

    /** @return the upper bounds of the parameters searched. */
    double[] upper();

    /**
     * @param params the parameters, in {@link #parameterNames()} order
     * @param weeks  the number of weeks of the series (Robyn's Weibull window is the whole series)
     * @return the lag weights {@code w[0..L-1]}
     */
    double[] weights(double[] params, int weeks);

    /** @return the adstocked series. */
    default double[] apply(double[] x, double[] params) {
        return convolve(x, weights(params, x.length));
    }

    /** @return {@code y[t] = sum_{l <= t} w[l] x[t - l]}. */
    static double[] convolve(double[] x, double[] w) {
        double[] y = new double[x.length];
        for (int t = 0; t < x.length; t++) {
            double s = 0;
            int lags = Math.min(w.length - 1, t);
            for (int l = 0; l <= lags; l++) {
                s += w[l] * x[t - l];
            }
            y[t] = s;
        }
        return y;
    }

    /** @return {@code sum(w)}: the steady-state multiplier of a constant weekly spend. */
    static double total(double[] w) {
        double s = 0;
        for (double v : w) {
            s += v;
        }
        return s;
    }
}
