package io.cerebro.core.mmm.fit;

/**
 * How well fitted values track the outcome over a stretch of weeks.
 *
 * @param weeks the weeks compared
 * @param r2    {@code 1 - SSE / SST} around the stretch's own mean
 * @param nrmse Robyn's NRMSE: {@code sqrt(mean((y - fit)^2)) / (max(y) - min(y))}
 * @param mape  mean of {@code |y - fit| / |y|} over weeks with {@code y != 0}
 */
public record FitMetrics(int weeks, double r2, double nrmse, double mape) {
    /** @return the metrics over rows {@code from..to-1}; null when the stretch is empty. */
    public static FitMetrics of(double[] y, double[] fit, int from, int to) {
        int n = to - from;
        if (n <= 0) {
            return null;
        }
        double mean = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int t = from; t < to; t++) {
            mean += y[t];
            min = Math.min(min, y[t]);
            max = Math.max(max, y[t]);
        }
        mean /= n;
        double sse = 0;
        double sst = 0;
        double ape = 0;
        int nonZero = 0;
        for (int t = from; t < to; t++) {
            double e = y[t] - fit[t];
            sse += e * e;
            sst += (y[t] - mean) * (y[t] - mean);
            if (y[t] != 0) {
                ape += Math.abs(e / y[t]);
                nonZero++;
            }
        }
        double range = max - min;
        return new FitMetrics(n, sst == 0 ? Double.NaN : 1 - sse / sst,
                range == 0 ? Double.NaN : Math.sqrt(sse / n) / range, nonZero == 0 ? Double.NaN : ape / nonZero);
    }
}
