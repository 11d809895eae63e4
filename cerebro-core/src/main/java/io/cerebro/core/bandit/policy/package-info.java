/**
 * Bandit algorithms: ε-greedy (fixed or decaying ε), UCB1, UCB-V, KL-UCB, softmax, Thompson sampling
 * with Beta priors (0/1 rewards) or Normal priors (continuous rewards), and the contextual LinUCB
 * and linear Thompson sampling. Index policies decide from an
 * {@link io.cerebro.core.bandit.ArmStatistics}, so the same class runs stationary, discounted or
 * sliding-window. {@link io.cerebro.core.bandit.policy.BetaBestProbability} gives each arm's
 * posterior probability of being best by quadrature, not sampling.
 */
package io.cerebro.core.bandit.policy;
