package io.cerebro.core.ab.frequentist;

import io.cerebro.core.ab.AbMethod;

import io.cerebro.core.ab.ArmStats;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.result.Statistic;

import java.util.List;

/** One-way analysis of variance across all arms from each arm's n, mean and variance. */
public final class OneWayAnova {
    private OneWayAnova() {
    }

    /**
     * The F test of equal means across arms ({@code ab.anova}), as scipy {@code f_oneway}: statistic
     * {@code F} with the between-groups df, {@code df_within} in extra.
     */
    public static Estimate test(List<ArmStats> arms) {
        double total = 0;
        double sum = 0;
        for (ArmStats a : arms) {
            total += a.n();
            sum += a.n() * a.mean();
        }
        double grand = sum / total;
        double between = 0;
        double within = 0;
        for (ArmStats a : arms) {
            between += a.n() * (a.mean() - grand) * (a.mean() - grand);
            within += (a.n() - 1) * a.variance();
        }
        int k = arms.size();
        double dfb = k - 1;
        double dfw = total - k;
        double f = (between / dfb) / (within / dfw);
        return Estimate.builder("all arms", AbMethod.ANOVA.id()).estimand("equality of the arm means")
                .pValue(Inference.fSf(f, dfb, dfw))
                .statistic(Statistic.of("F", f, dfb)).extra("df_within", dfw).build();
    }
}
