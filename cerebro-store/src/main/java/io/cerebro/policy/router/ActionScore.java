package io.cerebro.policy.router;

/**
 * One action's part in a routing decision (see {@link RouterConfig} for how the score is made).
 *
 * @param action   the action
 * @param q        its learned Q-value in the state (0 before any learning there)
 * @param visits   how often it was learned in the state
 * @param bandit   its UCB1 index over all states, on rewards rescaled to [0, 1] (+infinity before its first reward)
 * @param pulls    how many rewards it has over all states
 * @param mean     its mean reward over all states, in [-1, 1] (NaN before its first reward)
 * @param baseline 1 when the baseline policy names it, else 0
 * @param score    qWeight·q + banditWeight·bandit + policyWeight·baseline (a zero weight contributes 0)
 */
public record ActionScore(String action, double q, long visits, double bandit, long pulls, double mean, double baseline, double score) {
}
