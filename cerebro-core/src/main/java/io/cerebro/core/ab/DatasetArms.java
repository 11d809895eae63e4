package io.cerebro.core.ab;

import io.cerebro.core.ab.frequentist.RankTests;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.ABTestSpec;

import java.util.List;
import java.util.Map;

/** The aggregates of a local dataset, computed inside DuckDB by {@link ArmProfile} and {@link ArmQueries}. */
final class DatasetArms implements ArmAggregates {
    private final ABTestSpec spec;
    private final Dataset data;

    DatasetArms(ABTestSpec spec, Dataset data) {
        this.spec = spec;
        this.data = data;
    }

    @Override
    public List<ArmProfile> profiles() {
        return ArmProfile.of(spec, data);
    }

    @Override
    public long rowCount() {
        return data.rowCount();
    }

    @Override
    public List<ArmMoments> cupedMoments() {
        return ArmQueries.cupedMoments(spec, data);
    }

    @Override
    public Map<String, Map<String, ArmStats>> strata() {
        return ArmQueries.strata(spec, data);
    }

    @Override
    public long missingStrata() {
        return data.missingCount(spec.strata());
    }

    @Override
    public RankTests.PairRanks pairRanks(String arm, String control) {
        return ArmQueries.pairRanks(spec, data, arm, control);
    }

    @Override
    public RankSums rankSums() {
        return ArmQueries.rankSums(spec, data);
    }

    @Override
    public double[] values(String arm) {
        return ArmQueries.values(spec, data, arm);
    }

    @Override
    public void provenance(AnalysisResult.Builder result) {
        result.provenance(spec, data, ABTestEngine.class, spec.seed());
    }
}
