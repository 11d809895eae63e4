package io.cerebro.agents.family.toy;

import io.cerebro.core.error.UserInputException;
import io.cerebro.core.spec.ExtensionSpec;

import java.util.Set;

/**
 * The smallest real family, written the way docs/adding-a-family.md walks through: the mean of one
 * numeric column with a one-sample t interval and a t-test of {@code mean = mu}.
 *
 * @param column      the numeric column
 * @param mu          the mean under the null hypothesis, default 0
 * @param alpha       significance level, default 0.05
 * @param dropMissing drop rows with a missing value instead of refusing them
 * @param where       SQL row filter
 * @param seed        random seed (only the synthetic data uses it), default 42
 */
public record MeanSpec(String column, Double mu, Double alpha, Boolean dropMissing, String where, Long seed) implements ExtensionSpec {
    public MeanSpec {
        if (column == null || column.isBlank()) {
            throw new UserInputException("spec field 'column' is empty: name the numeric column whose mean you want");
        }
        mu = mu == null ? 0.0 : mu;
        alpha = alpha == null ? 0.05 : alpha;
        if (!(alpha > 0 && alpha < 1)) {
            throw new UserInputException("alpha must be between 0 and 1 (exclusive), got " + alpha + "; the usual value is 0.05");
        }
        dropMissing = dropMissing != null && dropMissing;
        seed = seed == null ? 42L : seed;
    }

    @Override
    public String family() {
        return MeanFamily.NAME;
    }

    @Override
    public Set<String> columns() {
        return Set.of(column);
    }

    @Override
    public MeanSpec withWhere(String w) {
        return new MeanSpec(column, mu, alpha, dropMissing, w, seed);
    }

    @Override
    public MeanSpec withSeed(long s) {
        return new MeanSpec(column, mu, alpha, dropMissing, where, s);
    }

    @Override
    public MeanSpec withDropMissing(boolean d) {
        return new MeanSpec(column, mu, alpha, d, where, seed);
    }
}
