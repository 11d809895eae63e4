package io.cerebro.core.bandit.rl;

import java.util.SplittableRandom;

/**
 * Watkins' Q-learning: after taking action a in state s, seeing reward r and next state s',
 * Q(s,a) += α (r + γ max Q(s',·) - Q(s,a)), with the target's max term dropped when s' is terminal.
 * Actions are ε-greedy on the current table. The learning rate is fixed, or 1 / n(s,a)^ω
 * (ω in (0.5, 1]) which satisfies the Robbins-Monro conditions for convergence.
 */
public final class QLearner {
    private final QTable table;
    private final double fixedRate;
    private final double rateExponent;
    private final double discount;
    private final double epsilon;
    private final SplittableRandom rng;
    private final long[][] visits;

    private QLearner(QTable table, double fixedRate, double rateExponent, double discount, double epsilon, SplittableRandom rng) {
        if (!(discount >= 0 && discount < 1)) throw new IllegalArgumentException("discount must be in [0, 1), got " + discount);
        if (!(epsilon >= 0 && epsilon <= 1)) throw new IllegalArgumentException("epsilon must be in [0, 1], got " + epsilon);
        this.table = table;
        this.fixedRate = fixedRate;
        this.rateExponent = rateExponent;
        this.discount = discount;
        this.epsilon = epsilon;
        this.rng = rng;
        this.visits = new long[table.states()][table.actions()];
    }

    /** Learning rate α in (0, 1]. */
    public static QLearner withFixedRate(QTable table, double rate, double discount, double epsilon, SplittableRandom rng) {
        if (!(rate > 0 && rate <= 1)) throw new IllegalArgumentException("learning rate must be in (0, 1], got " + rate);
        return new QLearner(table, rate, Double.NaN, discount, epsilon, rng);
    }

    /** Learning rate 1 / n(s,a)^ω. */
    public static QLearner withDecayingRate(QTable table, double omega, double discount, double epsilon, SplittableRandom rng) {
        if (!(omega > 0.5 && omega <= 1)) throw new IllegalArgumentException("rate exponent must be in (0.5, 1], got " + omega);
        return new QLearner(table, Double.NaN, omega, discount, epsilon, rng);
    }

    public QTable table() { return table; }

    /** ε-greedy action in the state. */
    public int act(int state) {
        if (rng.nextDouble() < epsilon) return rng.nextInt(table.actions());
        return table.greedyAction(state);
    }

    /**
     * Sets how often a pair was updated before, so that a learner rebuilt from a saved table (for
     * example one kept in a store) continues the decaying learning rate where it left off.
     */
    public void restoreVisits(int state, int action, long updates) {
        if (updates < 0) throw new IllegalArgumentException("visits must be at least 0, got " + updates);
        visits[state][action] = updates;
    }

    /** @return how often the pair was updated (restored visits included). */
    public long visits(int state, int action) { return visits[state][action]; }

    /** One Q-learning update. */
    public void update(int state, int action, double reward, int nextState, boolean terminal) {
        long n = ++visits[state][action];
        double rate = Double.isNaN(fixedRate) ? Math.pow(n, -rateExponent) : fixedRate;
        double target = reward + (terminal ? 0 : discount * table.stateValue(nextState));
        double q = table.get(state, action);
        table.set(state, action, q + rate * (target - q));
    }
}
