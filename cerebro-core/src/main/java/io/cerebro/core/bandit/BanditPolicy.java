package io.cerebro.core.bandit;

/**
 * A bandit algorithm: chooses one of {@link #arms()} arms for a context and learns from the reward.
 * Randomised policies draw from the generator they were built with, so a seeded policy replays the
 * same choices. Context-free policies ignore the context (pass {@code null}).
 */
public interface BanditPolicy {
    /** Number of arms, indexed 0..arms()-1. */
    int arms();

    /** The arm to pull next for this context. */
    int select(double[] context);

    /** Records the reward observed after pulling {@code arm} in {@code context}. */
    void update(int arm, double[] context, double reward);
}
