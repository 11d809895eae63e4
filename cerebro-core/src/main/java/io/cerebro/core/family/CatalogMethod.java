package io.cerebro.core.family;

/**
 * One entry of a family's method catalogue: the id written to JSON ({@code ab.welch},
 * {@code causal.aipw}), how a person calls it, what it estimates, and how a generated pipeline's
 * number for it is compared with the engine's. Each family's catalogue is an enum implementing this
 * interface, so code names methods by constant and the JSON keeps today's strings.
 */
public interface CatalogMethod {
    /** @return the method id as written to result JSON, {@code family.method}. */
    String id();

    /** @return the name a statistician uses, e.g. "Welch's t-test". */
    String label();

    /** @return what the method estimates, in words. */
    String estimand();

    /**
     * @return whether a generated pipeline must reproduce this method's estimates when it is the
     * headline (companions are compared when printed, and required only when the spec asks for them)
     */
    default boolean reproducedByPipelines() {
        return true;
    }

    /**
     * The tolerance applied when a pipeline's value of {@code field} is compared with the engine's.
     * The default: p-values (and {@code p_*} extras) at {@link Tolerance#P_VALUE}, everything else
     * {@link Tolerance#CLOSED_FORM}; methods with simulated or numerically integrated quantities
     * override it.
     *
     * @param field an estimate field ({@code estimate}, {@code standardError}, {@code interval.lower},
     *              {@code pValue}, {@code statistic.value}...) or an {@code extra} key
     */
    default Tolerance tolerance(String field) {
        return Tolerance.standard(field);
    }
}
