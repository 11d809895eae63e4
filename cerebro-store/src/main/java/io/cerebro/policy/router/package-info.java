/**
 * The router: chooses an action for a state by combining, with configurable weights, the action's
 * Q-value learned for that state (tabular Q-learning, {@link io.cerebro.core.bandit.rl.QLearner}),
 * a bandit index of the action over all states ({@link io.cerebro.core.bandit.policy.Ucb1}), and a
 * policy's value as the baseline choice. Rewards come from outcomes and feedback through a
 * configurable {@link io.cerebro.policy.router.RewardFunction}. The Q-table and the arm statistics
 * are kept in the store. {@link io.cerebro.policy.router.Router} is the entry point.
 */
package io.cerebro.policy.router;
