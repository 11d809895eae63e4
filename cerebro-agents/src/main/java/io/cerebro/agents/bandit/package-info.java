/**
 * Pipelines for the bandit family: {@link io.cerebro.agents.bandit.BanditAgent} writes a standalone
 * program for {@code recommend} (UCB1, Thompson sampling with a Beta prior, ε-greedy) and
 * {@code evaluate} (IPS, SNIPS, doubly robust), and {@link io.cerebro.agents.bandit.BanditSyntheticData}
 * writes the validator's second dataset with known arm means and a known target-policy value.
 * Simulations read no data and have no pipeline.
 */
package io.cerebro.agents.bandit;
