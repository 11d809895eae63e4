package io.cerebro.core.causal;

import io.cerebro.core.causal.observational.ObservationalEngine;
import io.cerebro.core.causal.quasi.QuasiExperimentEngine;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.ReferenceEngine;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.CausalSpec;

/** Runs causal specs: observational estimators and quasi-experimental designs. */
public final class CausalEngine implements ReferenceEngine<CausalSpec> {
    @Override
    public AnalysisResult run(CausalSpec spec, Dataset data) {
        return switch (spec.method()) {
            case REGRESSION, PSM, MAHALANOBIS, IPW, AIPW, FRONTDOOR -> new ObservationalEngine().run(spec, data);
            case DID, EVENT_STUDY, STAGGERED_DID, RDD, IV, SYNTH, ASYNTH, SDID -> new QuasiExperimentEngine().run(spec, data);
            case MEDIATION -> io.cerebro.core.causal.mediation.MediationAnalysis.run(spec, data);
            case BOUNDS -> io.cerebro.core.causal.bounds.BoundsAnalysis.run(spec, data);
        };
    }
}
