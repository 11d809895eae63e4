package io.cerebro.agents.family;

import io.cerebro.agents.PipelineFamily;
import io.cerebro.agents.ab.AbPipelineFamily;
import io.cerebro.core.spec.ABTestSpec;
import io.cerebro.core.spec.ABTestType;

import java.nio.file.Path;
import java.util.List;

/** The A/B family passes the family contract: binary and continuous outcomes, CUPED, strata, three arms, the Bayesian models. */
class AbFamilyContractTest extends FamilyContractTest {
    @Override
    protected PipelineFamily<?> family() {
        return AbPipelineFamily.INSTANCE;
    }

    @Override
    protected List<FamilyCase> cases() {
        Path checkout = resource("checkout_ab.csv", io.cerebro.core.testing.SharedFixtures.AB, "ab", "");
        Path pricing = resource("pricing_abc.csv", io.cerebro.core.testing.SharedFixtures.AB, "ab", "");
        return List.of(
                new FamilyCase("z-test", ABTestSpec.of("variant", "converted"), checkout, "country = 'US'"),
                new FamilyCase("welch with CUPED and strata", ABTestSpec.builder("variant", "revenue").covariate("pre_revenue")
                        .strata("country").seed(11L).build(), checkout, "pre_revenue > 20"),
                new FamilyCase("three arms, BH", ABTestSpec.builder("variant", "converted").correction(io.cerebro.core.spec.MultipleTesting.BH)
                        .build(), pricing, null),
                new FamilyCase("beta-binomial", ABTestSpec.builder("variant", "converted").test(ABTestType.BAYESIAN).build(), checkout, null),
                new FamilyCase("mann-whitney", ABTestSpec.builder("variant", "revenue").test(ABTestType.MANN_WHITNEY).build(), checkout, null));
    }

    @Override
    protected List<String> badSpecs() {
        return List.of(
                "family: ab\noutcome: converted\n",
                "family: ab\ntreatment: variant\noutcome: converted\nalpha: 1.5\n",
                "family: ab\ntreatment: variant\noutcome: converted\ntest: magic\n",
                "family: ab\ntreatment: variant\noutcom: converted\n",
                "family: ab\ntreatment: variant\noutcome: converted\nlooks: 0\n");
    }
}
