package io.cerebro.policy;

import io.cerebro.core.error.UserInputException;

import java.util.List;

/**
 * Whether a value may become a policy's value, and if not, why.
 *
 * @param policy   the policy's name
 * @param scope    its scope
 * @param current  its value now (null when it does not exist yet)
 * @param value    the value checked, in canonical text when its type was right
 * @param problems one line per broken rule (type, bounds, maximum step), each naming the fix; empty when valid
 */
public record Validation(String policy, String scope, String current, String value, List<String> problems) {
    public Validation {
        problems = List.copyOf(problems);
    }

    /** @return whether every rule holds. */
    public boolean ok() {
        return problems.isEmpty();
    }

    /**
     * @return this validation, when it is ok
     * @throws UserInputException with the first problem, and the note that nothing was changed
     */
    public Validation orThrow() {
        if (!ok()) {
            throw new UserInputException(problems.get(0) + " (nothing was changed)");
        }
        return this;
    }
}
