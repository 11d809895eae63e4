package io.cerebro.agents.family;

import io.cerebro.agents.PipelineFamily;
import io.cerebro.agents.power.PowerPipelineFamily;
import io.cerebro.core.spec.Alternative;
import io.cerebro.core.spec.PowerSpec;

import java.util.List;

/**
 * The power family passes the family contract with no data: sample size, power and MDE for
 * proportions and means, unequal allocation, one-sided tests and a group-sequential plan. The
 * engine's numbers are checked against statsmodels in cerebro-core's PowerCalculatorTest; here the
 * offline template must reproduce them on the design and on a perturbed design.
 */
class PowerFamilyContractTest extends FamilyContractTest {
    @Override
    protected PipelineFamily<?> family() {
        return PowerPipelineFamily.INSTANCE;
    }

    @Override
    protected List<FamilyCase> cases() {
        PowerSpec.Builder props = PowerSpec.builder(PowerSpec.Outcome.PROPORTIONS).baseline(0.1);
        PowerSpec.Builder means = PowerSpec.builder(PowerSpec.Outcome.MEANS).sd(5.0);
        return List.of(
                new FamilyCase("proportions: n for 10% -> 11%", props.mde(0.01).build(), null, null),
                new FamilyCase("proportions: power, ratio 2, greater", PowerSpec.builder(PowerSpec.Outcome.PROPORTIONS).baseline(0.2)
                        .mde(0.02).n(3000.0).ratio(2.0).alternative(Alternative.GREATER).build(), null, null),
                new FamilyCase("proportions: mde, less", PowerSpec.builder(PowerSpec.Outcome.PROPORTIONS).baseline(0.3).n(5000.0)
                        .alternative(Alternative.LESS).seed(7L).build(), null, null),
                new FamilyCase("means: n", means.mde(0.5).build(), null, null),
                new FamilyCase("means: power", PowerSpec.builder(PowerSpec.Outcome.MEANS).sd(5.0).mde(1.0).n(400.0).build(), null, null),
                new FamilyCase("means: mde, ratio 0.5", PowerSpec.builder(PowerSpec.Outcome.MEANS).sd(2.0).n(800.0).ratio(0.5)
                        .power(0.9).alpha(0.01).build(), null, null),
                new FamilyCase("means: n with 5 looks", PowerSpec.builder(PowerSpec.Outcome.MEANS).sd(5.0).mde(0.5).looks(5).build(),
                        null, null));
    }

    @Override
    protected List<String> badSpecs() {
        return List.of(
                "family: power\nbaseline: 0.1\nmde: 0.01\n",
                "family: power\noutcome: proportions\nbaseline: 1.5\nmde: 0.01\n",
                "family: power\noutcome: proportions\nbaseline: 0.1\n",
                "family: power\noutcome: means\nmde: 0.5\n",
                "family: power\noutcome: means\nsd: 5\nmde: 0.5\nn: 100\nlooks: 3\n",
                "family: power\noutcome: means\nsd: 5\nmde: 0.5\npowr: 0.9\n");
    }
}
