/**
 * Multi-armed bandits: the {@link io.cerebro.core.bandit.BanditPolicy} interface every algorithm
 * implements (select an arm for a context, update with a reward), per-arm reward statistics that
 * are cumulative, discounted or windowed (so every index policy has a non-stationary variant),
 * batched updates, the Bernoulli regret simulator and the Lai-Robbins lower bound.
 * Algorithms live in {@code policy}, off-policy evaluation in {@code ope}, Q-learning in {@code rl}.
 */
package io.cerebro.core.bandit;
