package io.cerebro.core.ab.frequentist;

import io.cerebro.core.ab.AbMethod;

import io.cerebro.core.ab.ArmStats;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.result.Statistic;
import io.cerebro.core.spec.Alternative;
import org.hipparchus.distribution.continuous.TDistribution;

/**
 * Two-sample t-tests of a difference in means, arm minus control, from each arm's n, mean and
 * sample variance. Welch's test does not assume equal variances (Welch-Satterthwaite df);
 * Student's pools them (df n1 + n2 - 2). Both report the interval of the difference and the
 * relative lift with its delta-method interval, using the test's own t critical value.
 */
public final class MeanTests {
    private MeanTests() {
    }

    /** Welch's unequal-variance t-test ({@code ab.welch}); matches scipy {@code ttest_ind(equal_var=False)}. */
    public static Estimate welch(ArmStats control, ArmStats arm, double alpha, Alternative alt) {
        return tTest(control, arm, alpha, alt, false, AbMethod.WELCH.id());
    }

    /** Student's pooled-variance t-test ({@code ab.student}); matches scipy {@code ttest_ind(equal_var=True)}. */
    public static Estimate student(ArmStats control, ArmStats arm, double alpha, Alternative alt) {
        return tTest(control, arm, alpha, alt, true, AbMethod.STUDENT.id());
    }

    /**
     * A t-test reported under {@code method}; CUPED reuses the Welch form on adjusted outcomes.
     *
     * @param pooled whether to pool the variances (Student) or not (Welch)
     */
    public static Estimate tTest(ArmStats c, ArmStats t, double alpha, Alternative alt, boolean pooled, String method) {
        return tTestBuilder(c, t, alpha, alt, pooled, method).build();
    }

    /** Like {@link #tTest} but returns the builder, for callers that add their own extras. */
    public static Estimate.Builder tTestBuilder(ArmStats c, ArmStats t, double alpha, Alternative alt, boolean pooled,
                                                String method) {
        double vc = c.variance() / c.n();
        double vt = t.variance() / t.n();
        double se;
        double df;
        if (pooled) {
            df = c.n() + t.n() - 2.0;
            double sp2 = ((c.n() - 1) * c.variance() + (t.n() - 1) * t.variance()) / df;
            se = Math.sqrt(sp2 * (1.0 / c.n() + 1.0 / t.n()));
        } else {
            se = Math.sqrt(vc + vt);
            df = (vc + vt) * (vc + vt) / (vc * vc / (c.n() - 1) + vt * vt / (t.n() - 1));
        }
        double diff = t.mean() - c.mean();
        double stat = diff / se;
        TDistribution dist = new TDistribution(df, 1e-14);
        double p = Inference.pValue(stat, alt, dist::cumulativeProbability);
        double q = Inference.critical(alpha, alt, dist::inverseCumulativeProbability);
        Estimate.Builder b = Estimate.builder(t.arm() + " vs " + c.arm(), method)
                .estimand("difference in means (" + t.arm() + " - " + c.arm() + ")")
                .estimate(diff).standardError(se)
                .interval(Inference.interval(diff, se, q, alt, alpha))
                .pValue(p).statistic(Statistic.of("t", stat, df));
        Inference.putRelativeLift(b, t.mean(), c.mean(), vt, vc, q, alt);
        return b;
    }
}
