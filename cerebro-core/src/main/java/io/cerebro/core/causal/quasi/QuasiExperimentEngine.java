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
 * control ({@code causal.synth}, augmented {@code causal.asynth}) and synthetic difference-in-differences
 * ({@code causal.sdid}). Each design reads its own block of the spec.
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
            case SYNTH -> withBaseline(SyntheticControl.run(spec, data), spec, data);
            case ASYNTH -> withBaseline(augmented(spec, data), spec, data);
            case SDID -> io.cerebro.core.causal.quasi.sdid.SyntheticDid.run(spec, data);
            default -> throw new UserInputException("causal method " + spec.method().methodId()
                    + " is not a quasi-experimental design; use the observational engine");
        };
    }

    /**
     * The ridge-augmented synthetic control: the synthetic-control engine with {@code augmented} set
     * (the implementation the geo family uses), its result and estimates relabelled {@code causal.asynth}.
     */
    private static AnalysisResult augmented(CausalSpec spec, Dataset data) {
        io.cerebro.core.spec.SynthDesign sd = spec.synth();
        if (sd == null) {
            throw new UserInputException("method asynth needs --unit, --time, --treated-unit and --treatment-start");
        }
        CausalSpec aug = spec.toBuilder().method(io.cerebro.core.spec.CausalMethod.SYNTH)
                .synth(new io.cerebro.core.spec.SynthDesign(sd.unit(), sd.time(), sd.treatedUnit(), sd.treatmentStart(),
                        sd.predictors(), sd.vMatrix(), true, sd.donors(), sd.outcomeLags(), sd.predictorFrom()))
                .build();
        AnalysisResult r = SyntheticControl.run(aug, data);
        String id = io.cerebro.core.spec.CausalMethod.ASYNTH.methodId();
        java.util.List<io.cerebro.core.result.Estimate> estimates = r.estimates().stream()
                .map(e -> new io.cerebro.core.result.Estimate(e.label(), id, e.estimand(), e.estimate(), e.standardError(),
                        e.interval(), e.pValue(), e.adjustedPValue(), e.statistic(), e.posteriorProbability(), e.extra()))
                .toList();
        io.cerebro.core.result.Provenance p = r.provenance();
        // the provenance names the spec the user gave (method asynth), so re-running it reproduces this result
        io.cerebro.core.result.Provenance prov = new io.cerebro.core.result.Provenance(p.cerebroVersion(),
                SyntheticControl.class.getName(), io.cerebro.core.spec.SpecReader.toTree(spec),
                p.dataSource(), p.dataSha256(), p.dataRows(), p.seed(), p.javaVersion(), p.createdAt());
        return new AnalysisResult(r.schema(), r.family(), id, r.estimand(), r.estimate(), r.standardError(), r.interval(),
                r.pValue(), r.posteriorProbability(), r.sampleSizes(), r.arms(), estimates, r.diagnostics(), r.warnings(),
                r.details(), r.charts(), prov);
    }

    /**
     * Adds {@code baseline_mean} to a synthetic-control result: the treated unit's post-period mean
     * less the effect, what it would have averaged untreated (the base of the relative change the
     * insights quote).
     */
    private static AnalysisResult withBaseline(AnalysisResult r, CausalSpec spec, Dataset data) {
        io.cerebro.core.spec.SynthDesign sd = spec.synth();
        String[] units = data.strings(sd.unit());
        double[] times = data.doubles(sd.time());
        double[] y = data.doubles(spec.outcome());
        double sum = 0;
        int n = 0;
        for (int i = 0; i < y.length; i++) {
            if (sd.treatedUnit().equals(units[i]) && times[i] >= sd.treatmentStart() && !Double.isNaN(y[i])) {
                sum += y[i];
                n++;
            }
        }
        return n == 0 ? r : r.withDetail("baseline_mean", sum / n - r.estimate());
    }
}
