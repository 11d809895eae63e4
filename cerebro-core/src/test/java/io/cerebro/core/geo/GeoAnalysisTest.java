package io.cerebro.core.geo;

import com.fasterxml.jackson.databind.JsonNode;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.spec.GeoTestSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The analysis read through DuckDB from GeoLift_Test.csv, and the checks of the window and the treated locations. */
class GeoAnalysisTest {
    private static GeoTestSpec.Builder spec() {
        return GeoTestSpec.builder("location", "date", "Y").treated(List.of("chicago", "portland")).start("2021-04-01")
                .end("2021-04-15").permutations(99);
    }

    private static String message(Dataset d, GeoTestSpec s) {
        String m = assertThrows(UserInputException.class, () -> GeoAnalysis.run(s, d)).getMessage();
        assertFalse(m.contains("\n"), m);
        return m;
    }

    @Test
    void readsGeoLiftTestThroughTheDataReader() {
        JsonNode o = GeoFixtures.oracles().get("GeoLift_Test").get("fixed_effect_scm");
        try (Dataset d = Dataset.read(GeoFixtures.csv("GeoLift_Test.csv"))) {
            GeoAnalysis.Test t = GeoAnalysis.run(spec().build(), d);
            assertEquals(90, t.preEnd());
            assertEquals(38, t.donors().size());
            CellAnalysis.Cell c = t.cells().get(0);
            assertEquals("chicago+portland", c.label());
            assertEquals(o.get("att_per_location_period").asDouble(), c.att(), 1e-3 * 155.556);
            assertEquals(o.get("incremental").asDouble(), c.incremental(), 1e-3 * 4667);
            // the placebo in space ranks the post/pre fit ratio among the cell and its 38 donors: a multiple of 1/39
            double ranks = c.placeboP() * 39;
            assertEquals(Math.rint(ranks), ranks, 1e-9, "placebo p " + c.placeboP());
            assertTrue(c.placeboP() >= 1.0 / 39 && c.placeboP() <= 1);

            assertTrue(message(d, spec().start("2022-01-01").build()).contains("not a period"));
            assertTrue(message(d, spec().start("2021-01-05").build()).contains("at least 10 periods before the start"));
            assertTrue(message(d, spec().treated(List.of("chicago", "atlantis")).build()).contains("'atlantis' is not in column"));
            assertTrue(message(d, spec().end("2021-03-01").build()).contains("comes before start"));
        }
    }
}
