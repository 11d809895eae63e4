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
