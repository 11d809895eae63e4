package io.cerebro.core.ab.sequential;

import io.cerebro.core.ab.ArmStats;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.spec.ABTestSpec;

/**
 * Sequential tests of one arm against control, as estimates the A/B engine adds to its result:
 * the mixture SPRT (always-valid p-value and confidence sequence) and a group-sequential decision
 * at the current look.
 */
public final class SequentialEstimates {
    private SequentialEstimates() {
    }

    /** The mixture SPRT of treatment minus control. */
    public static Estimate msprt(ArmStats control, ArmStats treatment, boolean binary, ABTestSpec spec) {
        throw new UserInputException("the mSPRT is not available in this build");
    }

    /** The group-sequential test at the spec's current look. */
    public static Estimate groupSequential(ArmStats control, ArmStats treatment, boolean binary, ABTestSpec spec) {
        throw new UserInputException("group-sequential tests are not available in this build");
    }
}
