package io.cerebro.core.result;

/**
 * One data series of a chart. {@code lower}/{@code upper} are optional interval bounds per point.
 *
 * @param name  legend label
 * @param x     x values (positions for categorical charts)
 * @param y     y values
 * @param lower lower bounds (optional)
 * @param upper upper bounds (optional)
 */
public record Series(String name, double[] x, double[] y, double[] lower, double[] upper) {
    public static Series of(String name, double[] x, double[] y) {
        return new Series(name, x, y, null, null);
    }
}
