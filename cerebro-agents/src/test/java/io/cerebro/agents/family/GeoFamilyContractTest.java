package io.cerebro.agents.family;

import io.cerebro.agents.PipelineFamily;
import io.cerebro.agents.geo.GeoPipelineFamily;
import io.cerebro.core.spec.SpecReader;

import java.util.List;

/**
 * The geo family passes the family contract on GeoLift's walkthrough file (chicago and portland
 * treated from 2021-04-01 to 2021-04-15) with 199 permutations to keep it quick; the filter keeps
 * every location from mid-January on, a shorter pre-period.
 */
class GeoFamilyContractTest extends FamilyContractTest {
    @Override
    protected PipelineFamily<?> family() {
        return GeoPipelineFamily.INSTANCE;
    }

    @Override
    protected List<FamilyCase> cases() {
        String yaml = "family: geo\nlocation: location\ntime: date\noutcome: Y\ntreated: [chicago, portland]\nstart: '2021-04-01'\n"
                + "end: '2021-04-15'\npermutations: 199\nspend: 50000\nseed: 7\n";
        return List.of(new FamilyCase("geolift walkthrough", SpecReader.parse(yaml, false, "geo"),
                resource("GeoLift_Test.csv", "geo"), "date >= DATE '2021-01-15'"));
    }

    @Override
    protected List<String> badSpecs() {
        return List.of(
                "family: geo\nlocation: location\ntime: date\noutcome: Y\nstart: '2021-04-01'\n",
                "family: geo\nlocation: location\ntime: date\noutcome: Y\ntreated: [a]\nstart: '2021-04-01'\nmodel: lasso\n",
                "family: geo\nlocation: location\ntime: date\noutcome: Y\ntreated: [a]\nstart: '2021-04-01'\npermutations: 5\n",
                "family: geo\nlocation: location\ntime: date\noutcome: Y\ntreated: [a]\nstart: '2021-04-01'\ntreatd: [b]\n");
    }
}
