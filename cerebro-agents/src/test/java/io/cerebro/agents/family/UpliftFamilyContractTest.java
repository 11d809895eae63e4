package io.cerebro.agents.family;

import io.cerebro.agents.PipelineFamily;
import io.cerebro.agents.uplift.UpliftPipelineFamily;
import io.cerebro.core.spec.SpecReader;

import java.util.List;

/**
 * The uplift family passes the family contract on the bundled email-offer example (a T-learner
 * over linear models keeps it quick; the pipeline's tolerance is in {@link io.cerebro.core.uplift.UpliftMethod}).
 */
class UpliftFamilyContractTest extends FamilyContractTest {
    @Override
    protected PipelineFamily<?> family() {
        return UpliftPipelineFamily.INSTANCE;
    }

    @Override
    protected List<FamilyCase> cases() {
        String yaml = "family: uplift\ntreatment: offer\noutcome: spend\nfeatures: [age, visits, tenure, loyal, region_score]\n"
                + "learner: t\nbase: linear\npropensity: propensity\nseed: 7\n";
        // a text feature read as a category: the program and the synthetic twin must one-hot it as the engine does
        String regions = "family: uplift\ntreatment: w\noutcome: y\nfeatures: [age, region]\ncategorical: [region]\n"
                + "learner: t\nbase: linear\nseed: 7\n";
        return List.of(new FamilyCase("email offer", SpecReader.parse(yaml, false, "uplift"),
                        resource("uplift_example.csv", "uplift"), "age >= 25"),
                new FamilyCase("regions (categorical)", SpecReader.parse(regions, false, "uplift"),
                        resource("categorical.csv", "uplift"), "age >= 40"));
    }

    @Override
    protected List<String> badSpecs() {
        return List.of(
                "family: uplift\ntreatment: offer\noutcome: spend\n",
                "family: uplift\ntreatment: offer\noutcome: spend\nfeatures: [age]\nlearner: magic\n",
                "family: uplift\ntreatment: offer\noutcome: spend\nfeatures: [age]\ntrees: 3\n",
                "family: uplift\ntreatment: offer\noutcome: spend\nfeatures: [age]\nfolds: 1\n",
                "family: uplift\ntreatment: offer\noutcome: spend\nfeaturs: [age]\n");
    }
}
