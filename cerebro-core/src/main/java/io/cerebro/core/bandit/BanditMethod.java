package io.cerebro.core.bandit;

import io.cerebro.core.family.CatalogMethod;
import io.cerebro.core.family.Tolerance;

/**
 * The bandit family's method catalogue. Method ids start with the family name, as the family
 * contract requires, so the off-policy estimators the issue calls {@code ope.ips}, {@code ope.snips}
 * and {@code ope.dr} are {@code bandit.ope.ips}, {@code bandit.ope.snips} and {@code bandit.ope.dr}.
 * Simulated regret is Monte Carlo; P(best) is quadrature.
 */
public enum BanditMethod implements CatalogMethod {
    UCB1("bandit.ucb1", "UCB1", "upper confidence index mean + sqrt(2 ln t / n) of each arm"),
    UCB_V("bandit.ucb_v", "UCB-V", "variance-aware upper confidence index of each arm"),
    KL_UCB("bandit.kl_ucb", "KL-UCB", "largest success rate q with n KL(mean, q) <= ln t, per arm"),
    THOMPSON("bandit.thompson", "Thompson sampling (Beta prior)",
            "posterior probability that the arm has the highest success rate, by quadrature") {
        @Override public Tolerance tolerance(String field) { return Tolerance.NUMERICAL; }
    },
    EPSILON_GREEDY("bandit.epsilon_greedy", "ε-greedy", "probability that ε-greedy pulls the arm next"),
    SOFTMAX("bandit.softmax", "Softmax exploration", "probability that softmax pulls the arm next"),
    OPE_IPS("bandit.ope.ips", "Inverse propensity scoring", "value of the target policy: mean of w r with w = 1[target = logged arm] / propensity"),
    OPE_SNIPS("bandit.ope.snips", "Self-normalised IPS", "value of the target policy: sum of w r / sum of w"),
    OPE_DR("bandit.ope.dr", "Doubly robust", "value of the target policy: reward model plus importance-weighted residual");

    private final Description description;

    BanditMethod(String id, String label, String estimand) {
        this.description = new Description(id, label, estimand);
    }

    @Override public Description description() { return description; }

    /** The algorithm named on the command line ({@code ucb1}, {@code thompson}, ...), for the policies only. */
    public static BanditMethod algorithm(String name) {
        for (BanditMethod m : values()) {
            if (!m.id().startsWith("bandit.ope.") && m.id().equals("bandit." + name)) return m;
        }
        throw new io.cerebro.core.error.UserInputException("unknown bandit algorithm '" + name
                + "'; use ucb1, ucb_v, kl_ucb, thompson, epsilon_greedy or softmax");
    }

    /** The short name used on the command line. */
    public String shortName() { return id().substring(id().lastIndexOf('.') + 1); }

    @Override public String toString() { return id(); }
}
