package io.cerebro.agents.validate;

/**
 * The synthetic dataset of the second comparison: how it was drawn and what effect it carries, so a
 * reviewer can see that agreeing with the engine there meant finding a known effect.
 *
 * @param seed          the seed it was drawn with (the spec's seed + 1)
 * @param rows          its number of rows
 * @param plantedEffect the effect planted in it, in words with its size
 */
public record SecondDataset(long seed, long rows, String plantedEffect) {
}
