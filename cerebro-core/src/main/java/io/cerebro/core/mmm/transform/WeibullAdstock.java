package io.cerebro.core.mmm.transform;

import java.util.List;

/**
 * Weibull adstock as Robyn's {@code adstock_weibull(x, shape, scale, windlen = length(x), type)}
 * defines it. The window is the whole series; the Weibull scale is a quantile of the lags,
 * {@code scaleTrans = round(quantile(1:windlen, scale))} (R's type-7 quantile
 * {@code 1 + scale (windlen - 1)}, rounded half to even as R's {@code round} does).
 * <ul>
 *   <li>CDF: {@code theta = (1, 1 - F(1), ..., 1 - F(windlen - 1))}, weights {@code cumprod(theta)},
 *       so lag 0 keeps the full spend and later lags decay;</li>
 *   <li>PDF: weights {@code f(1..windlen)} min-max normalised to [0, 1], so the peak lag has weight
 *       1 and the effect may be delayed.</li>
 * </ul>
 * A shape or scale of 0 leaves the spend as it is (Robyn's special case).
 *
 * @param pdfForm  whether the PDF form is used
 * @param maxShape the largest shape searched (Robyn's defaults: 2 for CDF, 10 for PDF)
 * @param maxScale the largest scale searched (Robyn's default 0.1)
 */
public record WeibullAdstock(boolean pdfForm, double maxShape, double maxScale) implements Adstock {
    /** Weights below this are dropped from the tail, which changes no sum by more than 1e-12 relative. */
    private static final double TAIL = 1e-14;

    /** The CDF form with Robyn's default search ranges (shape 0.0001..2, scale 0..0.1). */
    public static WeibullAdstock cdf() {
        return new WeibullAdstock(false, 2, 0.1);
    }

    /** The PDF form with Robyn's default search ranges (shape 0.0001..10, scale 0..0.1). */
    public static WeibullAdstock pdf() {
        return new WeibullAdstock(true, 10, 0.1);
    }

    @Override
    public List<String> parameterNames() {
        return List.of("shape", "scale");
    }

    @Override
    public double[] lower() {
        return new double[] {0.0001, 0};
    }

    @Override
    public double[] upper() {
        return new double[] {maxShape, maxScale};
    }

    @Override
    public double[] weights(double[] params, int weeks) {
        return weights(params[0], params[1], weeks, pdfForm);
    }

    /** @return Robyn's Weibull lag weights over a window of {@code windlen} weeks, tail below 1e-14 trimmed. */
    public static double[] weights(double shape, double scale, int windlen, boolean pdf) {
        if (shape == 0 || scale == 0) {
            return new double[] {1};
        }
        double scaleTrans = Math.rint(1 + scale * (windlen - 1));
        double[] w = new double[windlen];
        if (!pdf) {
            double cum = 1;
            w[0] = 1;
            for (int l = 1; l < windlen; l++) {
                cum *= Math.exp(-Math.pow(l / scaleTrans, shape));
                w[l] = cum;
            }
        } else {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int l = 0; l < windlen; l++) {
                double x = l + 1;
                double z = x / scaleTrans;
                w[l] = shape / scaleTrans * Math.pow(z, shape - 1) * Math.exp(-Math.pow(z, shape));
                min = Math.min(min, w[l]);
                max = Math.max(max, w[l]);
            }
            if (max - min == 0) {
                w = new double[windlen];
                w[0] = 1;
            } else {
                for (int l = 0; l < windlen; l++) {
                    w[l] = (w[l] - min) / (max - min);
                }
            }
        }
        int last = windlen - 1;
        while (last > 0 && w[last] < TAIL) {
            last--;
        }
        return java.util.Arrays.copyOf(w, last + 1);
    }
}
