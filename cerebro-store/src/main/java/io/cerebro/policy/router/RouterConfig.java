package io.cerebro.policy.router;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.core.error.UserInputException;

import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * How a router chooses and learns. The score of action a in state s is
 * {@code qWeight * Q(s, a) + banditWeight * B(a) + policyWeight * P(a)}, where Q is the learned
 * action value in that state, B the UCB1 index of the action over all states (rewards rescaled from
 * [-1, 1] to [0, 1]; +infinity for an action never tried, so each is tried once while the bandit
 * weight is above 0), and P is 1 for the action the baseline policy names and 0 for the others. The
 * highest score wins; ties go to the action listed first.
 *
 * @param name           the router's name
 * @param actions        the actions it chooses among, in order
 * @param qWeight        weight of the Q-value (default 1)
 * @param banditWeight   weight of the bandit index (default 0.2)
 * @param policyWeight   weight of the baseline policy (default 0.1)
 * @param rewards        outcome and feedback rewards
 * @param discount       Q-learning discount γ in [0, 1) for a learn step with a next state (default 0.9)
 * @param learningRate   a fixed learning rate in (0, 1], or null for 1 / n(s, a)^rateExponent
 * @param rateExponent   exponent ω in (0.5, 1] of the decaying rate (default 1: a one-step Q-value is then the mean reward)
 * @param baselinePolicy name of the string policy whose value names the baseline action, or null for none
 * @param baselineScope  its scope (null: global)
 */
public record RouterConfig(String name, List<String> actions, double qWeight, double banditWeight, double policyWeight,
                           RewardFunction rewards, double discount, Double learningRate, double rateExponent,
                           String baselinePolicy, String baselineScope) {
    public static final double DEFAULT_Q_WEIGHT = 1.0;
    public static final double DEFAULT_BANDIT_WEIGHT = 0.2;
    public static final double DEFAULT_POLICY_WEIGHT = 0.1;
    public static final double DEFAULT_DISCOUNT = 0.9;
    public static final double DEFAULT_RATE_EXPONENT = 1.0;

    private static final ObjectMapper JSON = new ObjectMapper();

    public RouterConfig {
        if (name == null || name.isBlank() || name.startsWith("#")) {
            throw new UserInputException("router name '" + name + "' must be non-empty and not start with '#'");
        }
        if (actions == null || actions.isEmpty()) {
            throw new UserInputException("router " + name + " needs actions; give --actions a,b,c");
        }
        actions = actions.stream().map(String::strip).toList();
        if (actions.stream().anyMatch(String::isEmpty) || new HashSet<>(actions).size() != actions.size()) {
            throw new UserInputException("router " + name + ": actions must be distinct and non-empty, got " + String.join(",", actions));
        }
        for (double w : new double[]{qWeight, banditWeight, policyWeight}) {
            if (!(w >= 0) || !Double.isFinite(w)) {
                throw new UserInputException("router " + name + ": weights must be finite numbers of at least 0, got " + w
                        + "; write e.g. --weights q=1,bandit=0.2,policy=0.1");
            }
        }
        if (rewards == null) {
            rewards = RewardFunction.standard();
        }
        if (!(discount >= 0 && discount < 1)) {
            throw new UserInputException("router " + name + ": --discount must be in [0, 1), got " + discount);
        }
        if (learningRate != null && !(learningRate > 0 && learningRate <= 1)) {
            throw new UserInputException("router " + name + ": --learning-rate must be in (0, 1], got " + learningRate);
        }
        if (!(rateExponent > 0.5 && rateExponent <= 1)) {
            throw new UserInputException("router " + name + ": --rate-exponent must be in (0.5, 1], got " + rateExponent);
        }
        if (baselinePolicy != null && baselinePolicy.isBlank()) {
            baselinePolicy = null;
        }
    }

    /** @return a router with the default weights, rewards and learning rate. */
    public static RouterConfig of(String name, List<String> actions) {
        return new RouterConfig(name, actions, DEFAULT_Q_WEIGHT, DEFAULT_BANDIT_WEIGHT, DEFAULT_POLICY_WEIGHT, RewardFunction.standard(),
                DEFAULT_DISCOUNT, null, DEFAULT_RATE_EXPONENT, null, null);
    }

    /** The configuration as JSON holds it. */
    private record Stored(List<String> actions, Map<String, Double> weights, Map<String, Double> rewards, double feedbackWeight,
                          double discount, Double learningRate, double rateExponent, String baselinePolicy, String baselineScope) {
    }

    /** @return the configuration as the store keeps it. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(new Stored(actions, Map.of("q", qWeight, "bandit", banditWeight, "policy", policyWeight),
                    rewards.rewards(), rewards.feedbackWeight(), discount, learningRate, rateExponent, baselinePolicy, baselineScope));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write router " + name, e);
        }
    }

    /** @return the configuration {@link #toJson} wrote. */
    public static RouterConfig fromJson(String name, String json) {
        try {
            Stored s = JSON.readValue(json, Stored.class);
            return new RouterConfig(name, s.actions(), s.weights().get("q"), s.weights().get("bandit"), s.weights().get("policy"),
                    new RewardFunction(s.rewards(), s.feedbackWeight()), s.discount(), s.learningRate(), s.rateExponent(),
                    s.baselinePolicy(), s.baselineScope());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("router " + name + " has a configuration Cerebro cannot read: " + e.getOriginalMessage(), e);
        }
    }

    /** @return the position of the action, or -1. */
    public int indexOf(String action) {
        return actions.indexOf(action == null ? null : action.strip());
    }
}
