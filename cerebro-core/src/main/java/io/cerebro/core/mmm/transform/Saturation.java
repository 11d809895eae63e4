package io.cerebro.core.mmm.transform;

import java.util.List;

/**
 * Diminishing returns of adstocked spend. A saturation is fixed to its channel's scale once, from
 * the channel's series ({@link #scaleFor}), so the fitted curve and the response curve of the
 * allocator are the same function of spend.
 */
public interface Saturation {
    /** @return the parameter names, in the order {@link #apply} takes them. */
    List<String> parameterNames();

    /** @return the lower bounds of the parameters searched. */
    double[] lower();

    /** @return the upper bounds of the parameters searched. */
    double[] upper();

    /**
     * The channel's scale from its adstocked and raw series: Robyn's Hill takes the range of the
     * adstocked series, PyMC-Marketing's logistic the largest raw spend.
     *
     * @return {@code {a, b}}, the numbers {@link #apply} needs besides the parameters
     */
    double[] scaleFor(double[] adstocked, double[] raw, double[] params);

    /** @return the saturated value of one adstocked value. */
    double apply(double x, double[] params, double[] scale);

    /** @return the derivative of {@link #apply} at {@code x}. */
    double derivative(double x, double[] params, double[] scale);

    /** @return the saturated series. */
    default double[] apply(double[] x, double[] params, double[] scale) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = apply(x[i], params, scale);
        }
        return y;
    }
}
