package io.cerebro.core.family;

/**
 * One entry of a family's method catalogue: the id written to JSON ({@code ab.welch},
 * {@code causal.aipw}), how a person calls it, what it estimates, and how a generated pipeline's
 * number for it is compared with the engine's. Each family's catalogue is an enum implementing this
 * interface, so code names methods by constant and the JSON keeps today's strings.
 */
public interface CatalogMethod {
    /**
     * The words of a catalogue entry.
     *
     * @param id       the method id as written to result JSON, {@code family.method}
     * @param label    the name a statistician uses, e.g. "Welch's t-test"
     * @param estimand what the method estimates, in words
     */
    record Description(String id, String label, String estimand) {
    }

    /** @return the entry's id, label and estimand. */
    Description description();

    /** @return the method id as written to result JSON, {@code family.method}. */
    default String id() {
        return description().id();
    }

    /** @return the name a statistician uses, e.g. "Welch's t-test". */
    default String label() {
        return description().label();
    }

    /** @return what the method estimates, in words. */
    default String estimand() {
        return description().estimand();
    }

    /**
     * @return the entry of {@code entries} with this id
     * @throws io.cerebro.core.error.UserInputException naming the known ids when there is none
     */
    static <M extends CatalogMethod> M byId(M[] entries, String id) {
        for (M m : entries) {
            if (m.id().equals(id)) {
                return m;
            }
        }
        throw new io.cerebro.core.error.UserInputException("unknown method '" + id + "'; known: "
                + java.util.Arrays.stream(entries).map(CatalogMethod::id).collect(java.util.stream.Collectors.joining(", ")));
    }

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
