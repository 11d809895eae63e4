package io.cerebro.core.ab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Diagnostic;
import io.cerebro.core.spec.ABTestSpec;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine's power check against statsmodels (tools/fixtures/ab_power_diagnostic.py). */
class PowerDiagnosticTest {
    private static JsonNode oracle() throws Exception {
        try (InputStream in = PowerDiagnosticTest.class.getResourceAsStream("/oracles/ab/ab_power_diagnostic.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static Diagnostic power(ABTestSpec spec) throws Exception {
        Path csv = Path.of(PowerDiagnosticTest.class.getResource("/oracles/ab/checkout_ab.csv").toURI());
        try (Dataset d = Dataset.read(csv)) {
            AnalysisResult r = Engines.run(spec, d);
            return r.diagnostics().stream().filter(x -> x.name().equals("power")).findFirst().orElseThrow();
        }
    }

    @Test
    void binaryMdeAndPowerMatchNormalIndPower() throws Exception {
        JsonNode o = oracle().get("converted");
        Diagnostic p = power(ABTestSpec.builder("variant", "converted").mde(0.01).build());
        assertEquals(o.get("mde").asDouble(), p.values().get("mde"), 1e-6 * o.get("mde").asDouble());
        assertEquals(o.get("power_at_mde_0.01").asDouble(), p.values().get("power_at_mde"), 1e-6);
        assertEquals("pass", p.status().toString());
    }

    @Test
    void continuousMdeAndPowerMatchTTestIndPower() throws Exception {
        JsonNode o = oracle().get("revenue");
        Diagnostic p = power(ABTestSpec.builder("variant", "revenue").mde(0.5).build());
        assertEquals(o.get("mde").asDouble(), p.values().get("mde"), 1e-6 * o.get("mde").asDouble());
        assertEquals(o.get("power_at_mde_0.5").asDouble(), p.values().get("power_at_mde"), 1e-6);
        assertEquals("warn", p.status().toString(), "0.774 < 0.8 target");
        assertTrue(p.message().contains("77.4%"), p.message());
    }
}
