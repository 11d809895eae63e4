package io.cerebro.core.ab.design;

import io.cerebro.core.ab.AbMethod;

import io.cerebro.core.ab.frequentist.Inference;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.result.Statistic;
import io.cerebro.core.spec.Alternative;

import java.util.List;

/**
 * Post-stratified difference in means: the within-stratum differences weighted by each stratum's
 * share of the two arms' rows, w_s = (n_arm,s + n_control,s) / (n_arm + n_control), with variance
 * sum w_s^2 (s_arm,s^2 / n_arm,s + s_control,s^2 / n_control,s) (conditional on the stratum sizes)
 * and normal-theory inference.
 */
public final class PostStratification {
    private PostStratification() {
    }

    /**
     * One stratum's statistics for an arm and control.
     *
     * @param stratum     stratum label
     * @param nArm        arm rows
     * @param meanArm     arm mean
     * @param varArm      arm sample variance
     * @param nControl    control rows
     * @param meanControl control mean
     * @param varControl  control sample variance
     */
    public record Stratum(String stratum, long nArm, double meanArm, double varArm, long nControl, double meanControl,
                          double varControl) {
    }

    /** @return the {@code ab.post_stratification} estimate for an arm against control. */
    public static Estimate estimate(String arm, String control, List<Stratum> strata, double alpha, Alternative alt) {
        double total = 0;
        for (Stratum s : strata) {
            total += s.nArm() + s.nControl();
        }
        double est = 0;
        double var = 0;
        for (Stratum s : strata) {
            double w = (s.nArm() + s.nControl()) / total;
            est += w * (s.meanArm() - s.meanControl());
            var += w * w * (s.varArm() / s.nArm() + s.varControl() / s.nControl());
        }
        double se = Math.sqrt(var);
        double z = est / se;
        return Estimate.builder(arm + " vs " + control, AbMethod.POST_STRATIFICATION.id())
                .estimand("stratum-weighted difference in means (" + arm + " - " + control + ")")
                .estimate(est).standardError(se)
                .interval(Inference.interval(est, se, Inference.normalCritical(alpha, alt), alt, alpha))
                .pValue(Inference.normalPValue(z, alt)).statistic(Statistic.of("z", z))
                .extra("strata", strata.size()).build();
    }
}
