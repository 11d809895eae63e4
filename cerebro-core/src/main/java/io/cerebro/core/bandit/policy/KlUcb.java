package io.cerebro.core.bandit.policy;

import io.cerebro.core.bandit.ArmStatistics;
import io.cerebro.core.bandit.LaiRobbins;

/**
 * KL-UCB for 0/1 rewards (Garivier and Cappé 2011): the largest q with n KL(mean, q) <= ln t
 * (c = 0 in their notation, the variant they recommend in practice), found by bisection to 1e-10.
 * Asymptotically matches the Lai-Robbins bound.
 */
public final class KlUcb extends IndexPolicy {
    public KlUcb(ArmStatistics stats) { super(stats); }

    @Override public double index(int arm) {
        double mean = Math.min(1, Math.max(0, stats.mean(arm)));
        double budget = Math.log(stats.total()) / stats.count(arm);
        double lo = mean;
        double hi = 1;
        while (hi - lo > 1e-10) {
            double mid = 0.5 * (lo + hi);
            if (LaiRobbins.bernoulliKl(mean, mid) <= budget) lo = mid; else hi = mid;
        }
        return lo;
    }
}
