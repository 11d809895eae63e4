package io.cerebro.core.causal.quasi;

import io.cerebro.core.causal.quasi.did.CallawaySantAnna;
import io.cerebro.core.causal.quasi.did.DifferenceInDifferences;
import io.cerebro.core.causal.quasi.did.EventStudy;
import io.cerebro.core.causal.quasi.iv.TwoStageLeastSquares;
import io.cerebro.core.causal.quasi.rdd.RegressionDiscontinuity;
import io.cerebro.core.causal.quasi.synth.SyntheticControl;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.ReferenceEngine;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.CausalSpec;

/**
 * Quasi-experimental designs: difference-in-differences ({@code causal.did}), event studies
 * ({@code causal.event_study}), staggered adoption ({@code causal.staggered_did}), regression
 * discontinuity ({@code causal.rdd}), instrumental variables ({@code causal.iv}) and synthetic
 * control ({@code causal.synth}). Each design reads its own block of the spec.
 */
public final class QuasiExperimentEngine implements ReferenceEngine<CausalSpec> {
    @Override
    public AnalysisResult run(CausalSpec spec, Dataset data) {
        try {
            return dispatch(spec, data);
        } catch (org.hipparchus.exception.MathIllegalArgumentException | org.hipparchus.exception.MathIllegalStateException e) {
            // a singular or degenerate local system is a property of the data the user chose, not a crash
            throw new UserInputException(spec.method().methodId() + " cannot be estimated on this data: "
                    + e.getMessage() + " (too few distinct values or too little variation in the columns used; "
                    + "check the running variable, cutoff, bandwidth or instruments)");
        }
    }

    private static AnalysisResult dispatch(CausalSpec spec, Dataset data) {
        return switch (spec.method()) {
            case DID -> DifferenceInDifferences.run(spec, data);
            case EVENT_STUDY -> EventStudy.run(spec, data);
            case STAGGERED_DID -> CallawaySantAnna.run(spec, data);
            case IV -> TwoStageLeastSquares.run(spec, data);
            case RDD -> RegressionDiscontinuity.run(spec, data);
            case SYNTH -> SyntheticControl.run(spec, data);
            default -> throw new UserInputException("causal method " + spec.method().methodId()
                    + " is not a quasi-experimental design; use the observational engine");
        };
    }
}
