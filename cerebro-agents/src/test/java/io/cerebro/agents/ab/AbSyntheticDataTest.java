package io.cerebro.agents.ab;

import io.cerebro.agents.Fixtures;
import io.cerebro.core.data.ColumnInfo;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.ABTestSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The synthetic dataset keeps the schema and arm labels and carries the planted effect, which the engine recovers. */
class AbSyntheticDataTest {
    @Test
    void sameSchemaAndPlantedContinuousEffect(@TempDir Path dir) throws Exception {
        ABTestSpec spec = ABTestSpec.builder("variant", "revenue").covariate("pre_revenue").strata("country").build();
        try (Dataset original = Fixtures.open("checkout_ab.csv")) {
            Path f = dir.resolve("syn.csv");
            AbSyntheticData.write(spec, original, f, 7);
            try (Dataset syn = Dataset.read(f)) {
                assertEquals(original.columns().stream().map(ColumnInfo::type).toList(), syn.columns().stream().map(ColumnInfo::type).toList());
                assertEquals(original.columnNames(), syn.columnNames());
                assertEquals(original.levels("variant").keySet(), syn.levels("variant").keySet());
                assertEquals(original.levels("country").keySet(), syn.levels("country").keySet());
                double sd = Math.sqrt(original.query("SELECT var_samp(revenue) FROM data", rs -> {
                    rs.next();
                    return rs.getDouble(1);
                }));
                AnalysisResult r = Engines.run(spec.toBuilder().covariate(null).strata(null).build(), syn);
                // planted: +0.2 sd per arm step; the estimate is within 5 standard errors of it
                assertEquals(0.2 * sd, r.estimate(), 5 * r.standardError(), "planted difference");
            }
        }
    }

    @Test
    void plantedConversionLiftAndBooleanColumnsStayBoolean(@TempDir Path dir) throws Exception {
        ABTestSpec spec = ABTestSpec.of("version", "retention_7");
        try (Dataset original = Fixtures.open("cookie_cats_3k.csv")) {
            Path f = dir.resolve("syn.csv");
            AbSyntheticData.write(spec, original, f, 11);
            try (Dataset syn = Dataset.read(f)) {
                assertEquals(original.columns().stream().map(ColumnInfo::type).toList(), syn.columns().stream().map(ColumnInfo::type).toList());
                AnalysisResult r = Engines.run(spec, syn);
                assertEquals("ab.z_proportions", r.method());
                assertEquals(0.03, r.estimate(), 5 * r.standardError(), "planted +3 points");
                assertTrue(r.estimate() > 0);
            }
        }
    }
}
