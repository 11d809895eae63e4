package io.cerebro.core.ab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.spec.ABTestSpec;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The k x 2 chi-square over all arms against scipy (tools/fixtures/ab_omnibus_chi_square.py). */
class OmnibusChiSquareTest {
    @Test
    void threeArmBinaryOutcomeGetsAnOmnibusChiSquare() throws Exception {
        JsonNode o;
        try (InputStream in = getClass().getResourceAsStream("/oracles/ab/ab_omnibus_chi_square.json")) {
            o = new ObjectMapper().readTree(in);
        }
        Path csv = Path.of(getClass().getResource("/oracles/ab/pricing_abc.csv").toURI());
        try (Dataset d = Dataset.read(csv)) {
            AnalysisResult r = Engines.run(ABTestSpec.of("variant", "converted"), d);
            Estimate e = r.find("all arms", "ab.chi_square");
            assertEquals(o.get("chi2").asDouble(), e.statistic().value(), 1e-9 * o.get("chi2").asDouble());
            assertEquals(o.get("dof").asDouble(), e.statistic().df());
            assertEquals(o.get("pvalue").asDouble(), e.pValue(), 1e-9 * o.get("pvalue").asDouble());
            assertNull(e.adjustedPValue(), "the omnibus test is not part of the per-arm adjustment");
        }
    }
}
