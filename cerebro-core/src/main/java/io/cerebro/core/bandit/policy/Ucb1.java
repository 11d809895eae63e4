package io.cerebro.core.bandit.policy;

import io.cerebro.core.bandit.ArmStatistics;

/** UCB1 (Auer, Cesa-Bianchi and Fischer 2002): mean + sqrt(2 ln t / n), rewards in [0, 1]. */
public final class Ucb1 extends IndexPolicy {
    public Ucb1(ArmStatistics stats) { super(stats); }

    @Override public double index(int arm) {
        return stats.mean(arm) + Math.sqrt(2 * Math.log(stats.total()) / stats.count(arm));
    }
}
