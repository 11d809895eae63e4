package io.cerebro.policy.router;

import io.cerebro.core.error.UserInputException;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns an outcome, and optionally feedback, into a reward in [-1, 1]. Outcomes and feedback are
 * labels of the mapping (by default excellent +1.0, good +0.5, neutral 0, poor -0.5, failure -1.0)
 * or numbers in [-1, 1]. With feedback the reward is {@code (1 - w) * outcome + w * feedback}, w the
 * feedback weight (default 0.5).
 *
 * @param rewards        reward of each label
 * @param feedbackWeight weight of feedback against the outcome, in [0, 1]
 */
public record RewardFunction(Map<String, Double> rewards, double feedbackWeight) {
    /** The roadmap's mapping. */
    public static final Map<String, Double> DEFAULT_REWARDS = defaults();

    /** Feedback counts as much as the outcome unless configured otherwise. */
    public static final double DEFAULT_FEEDBACK_WEIGHT = 0.5;

    private static Map<String, Double> defaults() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("excellent", 1.0);
        m.put("good", 0.5);
        m.put("neutral", 0.0);
        m.put("poor", -0.5);
        m.put("failure", -1.0);
        return java.util.Collections.unmodifiableMap(m);
    }

    public RewardFunction {
        if (rewards == null || rewards.isEmpty()) {
            rewards = DEFAULT_REWARDS;
        }
        Map<String, Double> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : rewards.entrySet()) {
            String k = e.getKey().strip().toLowerCase(Locale.ROOT);
            Double v = e.getValue();
            if (k.isEmpty() || v == null || !(v >= -1 && v <= 1)) {
                throw new UserInputException("reward of outcome '" + e.getKey() + "' must be a number in [-1, 1], got " + v
                        + "; write e.g. --reward excellent=1.0");
            }
            copy.put(k, v);
        }
        rewards = java.util.Collections.unmodifiableMap(copy);
        if (!(feedbackWeight >= 0 && feedbackWeight <= 1)) {
            throw new UserInputException("feedback weight must be in [0, 1], got " + feedbackWeight);
        }
    }

    /** @return the default reward function. */
    public static RewardFunction standard() {
        return new RewardFunction(DEFAULT_REWARDS, DEFAULT_FEEDBACK_WEIGHT);
    }

    /**
     * @return the reward of an outcome label or number
     * @throws UserInputException when it is neither a label of the mapping nor a number in [-1, 1]
     */
    public double score(String what, String flag) {
        if (what == null || what.isBlank()) {
            throw new UserInputException(flag + " is empty; give one of " + String.join(", ", rewards.keySet()) + " or a number in [-1, 1]");
        }
        Double r = rewards.get(what.strip().toLowerCase(Locale.ROOT));
        if (r != null) {
            return r;
        }
        try {
            double v = Double.parseDouble(what.strip());
            if (v >= -1 && v <= 1) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // not a number: named below
        }
        throw new UserInputException(flag + " '" + what + "' is not known; give one of " + String.join(", ", rewards.keySet())
                + " or a number in [-1, 1]");
    }

    /** @return the reward of an outcome with optional feedback (null: none). */
    public double reward(String outcome, String feedback) {
        double o = score(outcome, "--outcome");
        if (feedback == null) {
            return o;
        }
        double f = score(feedback, "--feedback");
        return (1 - feedbackWeight) * o + feedbackWeight * f;
    }
}
