package io.cerebro.core.geo;

import com.fasterxml.jackson.databind.JsonNode;
import io.cerebro.core.spec.GeoTestSpec;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GeoLift's published walkthrough on GeoLift_Test.csv (chicago and portland treated on days
 * 91-105): the fixed-effect synthetic control's ATT, incremental outcome, lift, L2 and scaled L2
 * imbalance and donor weights (oracle file in src/test/resources/geo, see {@link GeoFixtures}).
 */
class GeoLiftOracleTest {
    private static final JsonNode ORACLE = GeoFixtures.oracles().get("GeoLift_Test");

    static GeoTestSpec spec(GeoTestSpec.Model model) {
        return GeoTestSpec.builder("location", "date", "Y").treated(List.of("chicago", "portland")).start("2021-04-01")
                .end("2021-04-15").model(model).permutations(200).build();
    }

    @Test
    void fixedEffectSyntheticControlMatchesGeoLift() {
        GeoPanel panel = GeoFixtures.panel("GeoLift_Test.csv");
        JsonNode o = ORACLE.get("fixed_effect_scm");
        int start = panel.period("2021-04-01");
        assertEquals(90, start, "day 91 is 2021-04-01");
        GeoTestSpec spec = spec(GeoTestSpec.Model.SCM);
        CellAnalysis.Cell c = CellAnalysis.analyse(panel, spec.treated(), CellAnalysis.donorsOf(panel, spec.testCells()), start, spec);
        assertEquals(o.get("att_per_location_period").asDouble(), c.att(), 1e-3 * 155.556, "ATT");
        assertEquals(o.get("att_per_location_period_recomputed").asDouble(), c.att(), 1e-6 * 155.556, "ATT (recomputed)");
        assertEquals(o.get("incremental").asDouble(), c.incremental(), 1e-3 * 4667, "incremental");
        assertEquals(o.get("percent_lift").asDouble(), 100 * c.lift(), 0.05, "lift in percent, as published to one decimal");
        assertEquals(o.get("lift_recomputed").asDouble(), c.lift(), 1e-5, "lift");
        assertEquals(o.get("l2_imbalance").asDouble(), c.l2(), 1e-3 * 909.489, "L2 imbalance");
        assertEquals(o.get("scaled_l2_imbalance").asDouble(), c.scaledL2(), 1e-3 * 0.1636, "scaled L2 imbalance");
        Map<String, Double> w = new java.util.HashMap<>();
        for (int j = 0; j < c.donors().size(); j++) {
            w.put(c.donors().get(j), c.chosen().fit().weights()[j]);
        }
        Iterator<Map.Entry<String, JsonNode>> it = o.get("weights").fields();
        double sum = 0;
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            // published to four decimals
            assertEquals(e.getValue().asDouble(), w.get(e.getKey()), 5e-5 + 1e-3 * e.getValue().asDouble(), "weight of " + e.getKey());
            sum += w.get(e.getKey());
        }
        assertEquals(1.0, sum, 1e-3, "the published donors carry all the weight");
        // GeoLift publishes p = 0.01 from 1000 iid permutations (it varies with the draw); 200 here resolve 0.005
        assertTrue(c.pValue() <= 0.03, "sharp-null conformal p " + c.pValue());
        assertTrue(c.attInterval()[0] < c.att() && c.att() < c.attInterval()[1], "the ATT lies inside its conformal interval");
    }

    @Test
    void ridgeAugmentedIsNearGeoLift() {
        GeoPanel panel = GeoFixtures.panel("GeoLift_Test.csv");
        JsonNode o = ORACLE.get("best_model_ridge_augmented");
        GeoTestSpec spec = spec(GeoTestSpec.Model.BEST);
        CellAnalysis.Cell c = CellAnalysis.analyse(panel, spec.treated(), CellAnalysis.donorsOf(panel, spec.testCells()), 90, spec);
        assertEquals(GeoTestSpec.Model.AUGSYNTH, c.chosen().model(), c.chosen().reason());
        assertEquals(o.get("att_per_location_period").asDouble(), c.att(), 1e-3 * 156.805, "ATT");
        assertEquals(o.get("incremental").asDouble(), c.incremental(), 1e-3 * 4704, "incremental");
        assertEquals(o.get("percent_lift").asDouble(), 100 * c.lift(), 0.05, "lift in percent, as published to one decimal");
    }
}
