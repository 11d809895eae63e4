package io.cerebro.core.pushdown;

/** Reads the numbers JDBC drivers and Spark return (Long, Integer, BigDecimal, Double...) without caring which. */
final class Values {
    private Values() {
    }

    /** @return the value as a double; null becomes NaN. */
    static double d(Object o) {
        return o == null ? Double.NaN : ((Number) o).doubleValue();
    }

    /** @return the value as a long; null becomes 0 (a count over no rows). */
    static long l(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    /** @return the value as text, or null. */
    static String s(Object o) {
        return o == null ? null : o.toString();
    }
}
