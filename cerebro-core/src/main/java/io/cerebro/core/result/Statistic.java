package io.cerebro.core.result;

/**
 * A test statistic.
 *
 * @param name  its conventional symbol: {@code t}, {@code z}, {@code U}, {@code chi2}, {@code F}, {@code H}
 * @param value its value
 * @param df    degrees of freedom where the reference distribution has them, else null
 */
public record Statistic(String name, double value, Double df) {
    public static Statistic of(String name, double value) {
        return new Statistic(name, value, null);
    }

    public static Statistic of(String name, double value, double df) {
        return new Statistic(name, value, df);
    }
}
