/**
 * Tabular Q-learning for decisions with a state: a {@link io.cerebro.core.bandit.rl.QTable} learned
 * by {@link io.cerebro.core.bandit.rl.QLearner} with ε-greedy exploration, saved to and loaded from
 * JSON so a learned router can be reused.
 */
package io.cerebro.core.bandit.rl;
