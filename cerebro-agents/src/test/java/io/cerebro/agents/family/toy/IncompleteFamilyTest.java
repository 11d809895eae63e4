package io.cerebro.agents.family.toy;

import io.cerebro.agents.AnalysisAgent;
import io.cerebro.agents.PipelineFamily;
import io.cerebro.agents.family.FamilyContractTest;
import io.cerebro.agents.validate.SyntheticDataFactory;
import io.cerebro.core.family.AnalysisFamily;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A family that forgets a part fails the contract with a message naming the part. */
class IncompleteFamilyTest {
    /** The toy family with one part left out. */
    private static PipelineFamily<MeanSpec> without(String part) {
        return new PipelineFamily<>() {
            @Override
            public AnalysisFamily<MeanSpec> analysis() {
                return MeanFamily.INSTANCE;
            }

            @Override
            public AnalysisAgent agent() {
                return part.equals("agent") ? null : MeanPipelineFamily.INSTANCE.agent();
            }

            @Override
            public SyntheticDataFactory syntheticData() {
                return part.equals("synthetic") ? null : MeanPipelineFamily.INSTANCE.syntheticData();
            }

            @Override
            public String plantedEffect(MeanSpec spec) {
                return MeanPipelineFamily.INSTANCE.plantedEffect(spec);
            }

            @Override
            public Set<String> corpusFamilies() {
                return part.equals("corpus") ? null : Set.of(MeanFamily.NAME);
            }
        };
    }

    @Test
    void eachMissingPartIsNamed() {
        io.cerebro.agents.PipelineFamilies.register(MeanPipelineFamily.INSTANCE);
        try {
            for (String[] c : new String[][]{{"agent", "agent"}, {"synthetic", "synthetic-data generator"}, {"corpus", "corpus tags"}}) {
                AssertionFailedError e = assertThrows(AssertionFailedError.class,
                        () -> FamilyContractTest.checkDescriptorOf(without(c[0])));
                assertTrue(e.getMessage().contains("has no " + c[1]), e.getMessage());
            }
        } finally {
            io.cerebro.agents.PipelineFamilies.unregister(MeanFamily.NAME);
        }
    }
}
