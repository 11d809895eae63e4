package io.cerebro.agents.family;

import io.cerebro.agents.PipelineFamily;
import io.cerebro.agents.mmm.MmmPipelineFamily;
import io.cerebro.core.spec.SpecReader;

import java.util.List;

/**
 * The marketing mix family passes the family contract on PyMC-Marketing's example data (a
 * reduced search and bootstrap keep it quick; the pipeline's tolerances are in
 * {@link io.cerebro.core.mmm.MmmMethod}).
 */
class MmmFamilyContractTest extends FamilyContractTest {
    @Override
    protected PipelineFamily<?> family() {
        return MmmPipelineFamily.INSTANCE;
    }

    @Override
    protected List<FamilyCase> cases() {
        String yaml = "family: mmm\ndate: date_week\noutcome: y\nchannels: [x1, x2]\ncontrols: [event_1, event_2]\ntrend: true\n"
                + "seasonality: yearly\ncandidates: 300\nbootstrap: 100\nseed: 7\n";
        return List.of(new FamilyCase("pymc example", SpecReader.parse(yaml, false, "mmm"),
                resource("mmm_example.csv", "mmm"), "t >= 10"));
    }

    @Override
    protected List<String> badSpecs() {
        return List.of(
                "family: mmm\ndate: w\noutcome: y\n",
                "family: mmm\ndate: w\noutcome: y\nchannels: [tv]\nadstock: sideways\n",
                "family: mmm\ndate: w\noutcome: y\nchannels: [tv]\nbootstrap: 3\n",
                "family: mmm\ndate: w\noutcome: y\nchannels: [tv]\nchanels: [a]\n");
    }
}
