package io.cerebro.core.ab.sequential;

import io.cerebro.core.ab.AbMethod;

import io.cerebro.core.ab.ArmStats;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.power.PowerCalculator;
import io.cerebro.core.power.PowerSettings;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.result.Interval;
import io.cerebro.core.result.Statistic;
import io.cerebro.core.spec.ABTestSpec;
import io.cerebro.core.spec.Alternative;

/**
 * Sequential tests of one arm against control, as estimates the A/B engine adds to its result:
 * the mixture SPRT (always-valid p-value and confidence sequence) and a group-sequential decision
 * at the current look.
 */
public final class SequentialEstimates {
    private SequentialEstimates() {
    }

    /**
     * The mixture SPRT of treatment minus control ({@code ab.msprt}); see {@link MixtureSprt}.
     *
     * <p>The mixing standard deviation tau is, in order: {@code spec.msprtTau()}; else
     * {@code spec.mde()} (the effect the experiment is meant to find); else
     * {@value MixtureSprt#DEFAULT_TAU_IN_SD} times the pooled standard deviation of the outcome
     * (effects of about a tenth of a standard deviation, typical of online experiments). It is
     * reported in {@code extra.tau}, the mixture likelihood ratio in {@code extra.likelihood_ratio}. The
     * interval is the confidence sequence at level 1 - alpha and the p-value is always valid; the
     * statistic is the plain z = difference / standard error, for reference.
     */
    public static Estimate msprt(ArmStats control, ArmStats treatment, boolean binary, ABTestSpec spec) {
        double diff = treatment.mean() - control.mean();
        double v = varianceOfDifference(control, treatment, binary);
        double tau = tau(control, treatment, spec);
        MixtureSprt.Result r = MixtureSprt.test(diff, v, tau, spec.alpha(), spec.alternative());
        String what = binary ? "difference in proportions" : "difference in means";
        return Estimate.builder(label(control, treatment), AbMethod.MSPRT.id())
                .estimand(what + " (" + treatment.arm() + " - " + control.arm() + "), always-valid")
                .estimate(diff).standardError(r.standardError())
                .interval(Interval.confidence(r.lower(), r.upper(), 1 - spec.alpha()))
                .pValue(r.pValue())
                .statistic(Statistic.of("z", diff / r.standardError()))
                .extra("tau", tau)
                .extra("likelihood_ratio", r.likelihoodRatio())
                .build();
    }

    /**
     * The group-sequential test at the spec's current look ({@code ab.group_sequential}).
     *
     * <p>The statistic is the z of treatment minus control (pooled standard error for a binary
     * outcome, as the two-proportion z-test; the Welch standard error for a continuous one). The
     * design spends {@code spec.alpha()} one-sided, or {@code spec.alpha() / 2} per side for a
     * two-sided alternative (symmetric boundaries, reject when {@code |z| >= b}), with
     * {@code spec.spending()} over {@code spec.looks()} looks; the current look is
     * {@code spec.look()}, by default the last.
     *
     * <p>Information fraction: when {@code spec.mde()} is given, the planned maximum sample size is
     * the fixed-sample size per arm for that MDE at {@code spec.alpha()} and {@code spec.power()}
     * (Cohen's h at the observed control rate, or Cohen's d with the pooled sd) times the design's
     * inflation factor, and the fraction at the current look is the observed information
     * {@code 1/(1/n_c + 1/n_t)} over the planned {@code n/2}, capped at 1; earlier looks are taken at
     * their planned fractions {@code j/looks}. Without an MDE the fraction is {@code look/looks}.
     * The last look always uses fraction 1, spending whatever alpha is left.
     *
     * <p>Reported: the difference, its standard error, the repeated confidence interval
     * {@code estimate +- b_k se} (Jennison and Turnbull), the stage-wise ordering p-value given that
     * the trial reached this look (at most alpha exactly when the boundary is crossed), and in
     * {@code extra}: {@code look}, {@code looks}, {@code boundary_z}, {@code information_fraction},
     * {@code alpha_spent} (cumulative, per side) and {@code reject} (1 reject H0 and stop, 0 continue).
     */
    public static Estimate groupSequential(ArmStats control, ArmStats treatment, boolean binary, ABTestSpec spec) {
        int looks = spec.looks();
        int look = spec.look() != null ? spec.look() : looks;
        boolean twoSided = spec.alternative() == Alternative.TWO_SIDED;
        double alphaSide = twoSided ? spec.alpha() / 2 : spec.alpha();
        if (alphaSide >= 0.5) {
            throw new UserInputException("alpha " + spec.alpha() + " is too large for a group-sequential design; use at most 0.5 one-sided");
        }
        double diff = treatment.mean() - control.mean();
        double seTest;
        double seInterval;
        if (binary) {
            double pooled = (control.sum() + treatment.sum()) / (control.n() + treatment.n());
            seTest = Math.sqrt(pooled * (1 - pooled) * (1.0 / control.n() + 1.0 / treatment.n()));
            seInterval = Math.sqrt(varianceOfDifference(control, treatment, true));
        } else {
            seTest = Math.sqrt(varianceOfDifference(control, treatment, false));
            seInterval = seTest;
        }
        if (!(seTest > 0)) {
            throw new UserInputException("the outcome is constant in both arms '" + control.arm() + "' and '"
                    + treatment.arm() + "'; a group-sequential test needs variation");
        }
        double z = diff / seTest;

        double[] fractions = new double[look];
        for (int j = 1; j < look; j++) {
            fractions[j - 1] = (double) j / looks;
        }
        double current = look == looks ? 1.0 : observedFraction(control, treatment, binary, spec, alphaSide, look, looks);
        fractions[look - 1] = current;
        GroupSequentialDesign design = GroupSequentialDesign.of(spec.spending(), alphaSide, fractions);
        double b = design.boundaries()[look - 1];

        double zDirected = switch (spec.alternative()) {
            case TWO_SIDED -> Math.abs(z);
            case GREATER -> z;
            case LESS -> -z;
        };
        double p = design.stagewisePValue(look, zDirected);
        if (twoSided) {
            p = Math.min(1.0, 2 * p);
        }
        boolean reject = zDirected >= b;
        double lower = spec.alternative() == Alternative.LESS ? Double.NEGATIVE_INFINITY : diff - b * seInterval;
        double upper = spec.alternative() == Alternative.GREATER ? Double.POSITIVE_INFINITY : diff + b * seInterval;
        String what = binary ? "difference in proportions" : "difference in means";
        return Estimate.builder(label(control, treatment), AbMethod.GROUP_SEQUENTIAL.id())
                .estimand(what + " (" + treatment.arm() + " - " + control.arm() + "), look " + look + " of " + looks
                        + ": " + (reject ? "reject H0, stop" : "continue"))
                .estimate(diff).standardError(seInterval)
                .interval(Interval.confidence(lower, upper, 1 - spec.alpha()))
                .pValue(p)
                .statistic(Statistic.of("z", z))
                .extra("look", look)
                .extra("looks", looks)
                .extra("boundary_z", b)
                .extra("information_fraction", current)
                .extra("alpha_spent", design.alphaSpent(look))
                .extra("reject", reject ? 1 : 0)
                .build();
    }

    private static double observedFraction(ArmStats c, ArmStats t, boolean binary, ABTestSpec spec, double alphaSide,
                                           int look, int looks) {
        if (spec.mde() == null) {
            return (double) look / looks;
        }
        PowerSettings fixed = new PowerSettings(spec.alpha(), spec.power(), 1,
                spec.alternative() == Alternative.TWO_SIDED ? Alternative.TWO_SIDED : Alternative.GREATER);
        double nFixed = binary ? PowerCalculator.proportionsSampleSize(c.mean(), spec.mde(), fixed).nControl()
                : PowerCalculator.meansSampleSize(pooledSd(c, t), spec.mde(), fixed).nControl();
        double inflation = GroupSequentialDesign.equallySpaced(spec.spending(), alphaSide, looks).inflationFactor(spec.power());
        double planned = nFixed * inflation / 2;
        double observed = 1 / (1.0 / c.n() + 1.0 / t.n());
        double fraction = Math.min(1.0, observed / planned);
        double previous = (look - 1.0) / looks;
        if (fraction <= previous) {
            throw new UserInputException(String.format(java.util.Locale.ROOT,
                    "at look %d the data holds information fraction %.3f of the %.0f users per arm planned for mde %s, "
                            + "not more than the %.3f planned for look %d; check --look, --looks or --mde",
                    look, fraction, nFixed * inflation, spec.mde(), previous, look - 1));
        }
        return fraction;
    }

    private static double varianceOfDifference(ArmStats c, ArmStats t, boolean binary) {
        if (binary) {
            double pc = c.sum() / c.n();
            double pt = t.sum() / t.n();
            return pc * (1 - pc) / c.n() + pt * (1 - pt) / t.n();
        }
        return c.variance() / c.n() + t.variance() / t.n();
    }

    private static double tau(ArmStats c, ArmStats t, ABTestSpec spec) {
        if (spec.msprtTau() != null) {
            return spec.msprtTau();
        }
        if (spec.mde() != null) {
            return spec.mde();
        }
        double sd = pooledSd(c, t);
        if (!(sd > 0)) {
            throw new UserInputException("the outcome is constant in arms '" + c.arm() + "' and '" + t.arm()
                    + "'; the mSPRT needs variation (or give --msprt-tau)");
        }
        return MixtureSprt.DEFAULT_TAU_IN_SD * sd;
    }

    private static double pooledSd(ArmStats c, ArmStats t) {
        return Math.sqrt(((c.n() - 1) * c.variance() + (t.n() - 1) * t.variance()) / (c.n() + t.n() - 2));
    }

    private static String label(ArmStats c, ArmStats t) {
        return t.arm() + " vs " + c.arm();
    }
}
