package io.cerebro.core.ab.design;

import io.cerebro.core.ab.AbMethod;

import io.cerebro.core.ab.ArmStats;
import io.cerebro.core.ab.frequentist.MeanTests;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.spec.Alternative;

/**
 * CUPED (Deng et al. 2013): the outcome adjusted by a pre-period covariate X,
 * Y_adj = Y - theta (X - mean X), theta = cov(Y, X) / var(X) pooled over all rows of the compared
 * arms (ddof 1), then Welch's test on Y_adj. The engine aggregates Y_adj per arm inside DuckDB.
 */
public final class Cuped {
    private Cuped() {
    }

    /**
     * @param adjControl control statistics of Y_adj
     * @param adjArm     arm statistics of Y_adj
     * @param rawControl control statistics of Y (for the variance reduction)
     * @param rawArm     arm statistics of Y
     * @param theta      the adjustment coefficient
     * @return the {@code ab.cuped} estimate with extras {@code theta} and {@code variance_reduction}
     *         (1 - Var(adjusted difference) / Var(raw difference))
     */
    public static Estimate estimate(ArmStats adjControl, ArmStats adjArm, ArmStats rawControl, ArmStats rawArm,
                                    double theta, double alpha, Alternative alt) {
        double vAdj = adjControl.variance() / adjControl.n() + adjArm.variance() / adjArm.n();
        double vRaw = rawControl.variance() / rawControl.n() + rawArm.variance() / rawArm.n();
        return MeanTests.tTestBuilder(adjControl, adjArm, alpha, alt, false, AbMethod.CUPED.id())
                .estimand("CUPED-adjusted difference in means (" + adjArm.arm() + " - " + adjControl.arm() + ")")
                .extra("theta", theta).extra("variance_reduction", 1 - vAdj / vRaw).build();
    }
}
