package io.cerebro.core.bandit.ope;

import io.cerebro.core.error.UserInputException;

/**
 * A log of bandit decisions: for each row the arm the logging policy took (0..arms-1), the reward
 * seen, the probability the logging policy gave that arm, and optionally context values.
 * The constructor rejects what no estimator can use, naming the row.
 */
public record LoggedFeedback(int[] actions, double[] rewards, double[] propensities, double[][] contexts, int arms) {
    public LoggedFeedback {
        int n = actions.length;
        if (n == 0) throw new UserInputException("the log has no rows; give a log with at least one decision");
        if (rewards.length != n || propensities.length != n || (contexts != null && contexts.length != n)) {
            throw new IllegalArgumentException("actions, rewards, propensities and contexts must have one entry per row");
        }
        for (int i = 0; i < n; i++) {
            double p = propensities[i];
            if (Double.isNaN(p)) throw new UserInputException("propensity missing on row " + (i + 1) + "; every logged row needs the probability its arm was chosen with");
            if (p <= 0) throw new UserInputException("propensity " + p + " on row " + (i + 1) + " is not positive; a logged arm's probability must be in (0, 1]");
            if (p > 1) throw new UserInputException("propensity " + p + " on row " + (i + 1) + " is above 1; give probabilities in (0, 1], not percentages");
            if (!Double.isFinite(rewards[i])) throw new UserInputException("reward missing or not finite on row " + (i + 1) + "; drop the row or fill the reward");
            if (actions[i] < 0 || actions[i] >= arms) throw new IllegalArgumentException("action out of range on row " + (i + 1));
        }
    }

    public int size() { return actions.length; }

    /** Number of context values per row (0 without context). */
    public int contextDimension() { return contexts == null ? 0 : contexts[0].length; }
}
