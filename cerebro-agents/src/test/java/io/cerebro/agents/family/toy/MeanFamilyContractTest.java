package io.cerebro.agents.family.toy;

import io.cerebro.agents.PipelineFamilies;
import io.cerebro.agents.PipelineFamily;
import io.cerebro.agents.family.FamilyContractTest;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.result.AnalysisResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Adding a family touches only its own package plus one registration line: this toy family (the
 * mean of a column with a t interval) is written entirely in this package, registered in
 * {@link #register}, and passes the same contract as the built-in families.
 */
public class MeanFamilyContractTest extends FamilyContractTest {
    @BeforeAll
    static void register() {
        PipelineFamilies.register(MeanPipelineFamily.INSTANCE);
    }

    @AfterAll
    static void unregister() {
        PipelineFamilies.unregister(MeanFamily.NAME);
    }

    @Override
    protected PipelineFamily<?> family() {
        return MeanPipelineFamily.INSTANCE;
    }

    @Override
    protected List<FamilyCase> cases() {
        return List.of(new FamilyCase("one to ten", new MeanSpec("x", 5.0, null, null, null, null),
                resource("one_to_ten.csv", "toy"), "g = 'a'"));
    }

    @Override
    protected List<String> badSpecs() {
        return List.of("family: toy_mean\nalpha: 0.05\n", "family: toy_mean\ncolumn: x\nalpha: 7\n", "family: toy_mean\ncolum: x\n");
    }

    /**
     * Oracle: 1..10 has mean 5.5 and sd sqrt(55/6) = 3.0276503541; the t quantile t(0.975, 9) =
     * 2.2621571628 (any t table; scipy.stats.t.ppf(0.975, 9)); t = 0.5 / (sd / sqrt 10) = 0.5222329679,
     * two-sided p = 0.6141172548 (scipy 1.17 stats.ttest_1samp(range(1, 11), 5)).
     */
    @Test
    void engineMatchesTheTextbookInterval() {
        try (Dataset d = Dataset.read(resource("one_to_ten.csv", "toy"))) {
            AnalysisResult r = Engines.run(new MeanSpec("x", 5.0, null, null, null, null), d);
            double half = 2.262157162798205 * Math.sqrt(55.0 / 6) / Math.sqrt(10);
            assertEquals(5.5, r.estimate(), 1e-12);
            assertEquals(5.5 - half, r.interval().lower(), 1e-9);
            assertEquals(5.5 + half, r.interval().upper(), 1e-9);
            assertEquals(0.5222329678670935, r.estimates().get(0).statistic().value(), 1e-9);
            assertEquals(0.6141172548083939, r.pValue(), 1e-9);
        }
    }
}
