package io.cerebro.agents.causal;

import io.cerebro.core.data.ColumnInfo;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.SpecReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The synthetic second dataset keeps the schema and carries the planted effect: regression on it
 * recovers 0.4 sd of the outcome (the planted value, within 4 standard errors), while the naive
 * difference in means is confounded away from it (treatment depends on the confounders): more than
 * 2 standard errors off, and more than twice as far off as the adjusted estimate (fixed seed).
 */
class CausalSyntheticDataTest {
    @Test
    void sameSchemaAndThePlantedEffect(@TempDir Path dir) throws Exception {
        CausalSpec spec = (CausalSpec) SpecReader.parse("family: causal\ntreatment: treat\noutcome: re78\nmethod: regression\n"
                + "confounders: [age, educ, race, married, re74, re75]\n", false, "test");
        Path file = dir.resolve("synthetic.csv");
        double sdY;
        List<String> names;
        List<String> kinds;
        try (Dataset d = Dataset.read(CausalPipelineTest.resource("lalonde_nsw_psid_observational.csv"))) {
            CausalSyntheticData.write(spec, d, file, 11);
            sdY = d.query("SELECT stddev_samp(re78) FROM data", rs -> {
                rs.next();
                return rs.getDouble(1);
            });
            names = d.columnNames();
            kinds = d.columns().stream().map(c -> c.type().name()).toList();
        }
        try (Dataset s = Dataset.read(file)) {
            assertEquals(names, s.columnNames());
            assertEquals(kinds, s.columns().stream().map(ColumnInfo::type).map(Enum::name).toList());
            assertEquals(614, s.rowCount()); // as many rows as the data (below the 5,000 cap)
            assertTrue(s.levels("race").keySet().containsAll(List.of("black", "hispan", "white")), s.levels("race")::toString);
            AnalysisResult r = Engines.run(spec, s);
            double planted = 0.4 * sdY;
            double est = r.estimates().get(0).estimate();
            double se = r.estimates().get(0).standardError();
            assertTrue(Math.abs(est - planted) < 4 * se, () -> "estimate " + est + " vs planted " + planted + " (se " + se + ")");
            double naive = ((Number) r.details().get("naive_difference")).doubleValue();
            assertTrue(Math.abs(naive - planted) > 2 * se && Math.abs(naive - planted) > 2 * Math.abs(est - planted),
                    () -> "naive " + naive + " should be confounded away from " + planted + " (adjusted " + est + ", se " + se + ")");
        }
    }

    /**
     * Front-door data: the front-door estimate recovers the planted 0.6 x 0.5 = 0.3 outcome sd
     * (within 4 standard errors; the mediator's sd is the data's, so a = 0.6 sd(M) and b = 0.5 sd(Y) / sd(M)),
     * while the naive difference is confounded by the unobserved U by more than 2 standard errors.
     */
    @Test
    void frontDoorDataCarryTheEffectThroughTheMediator(@TempDir Path dir) throws Exception {
        CausalSpec spec = (CausalSpec) SpecReader.parse("family: causal\ntreatment: treat\noutcome: re78\nmethod: frontdoor\n"
                + "graph: \"treat -> re75 -> re78; treat <-> re78\"\n", false, "test");
        Path file = dir.resolve("synthetic.csv");
        double sdY;
        try (Dataset d = Dataset.read(CausalPipelineTest.resource("lalonde_nsw_psid_observational.csv"))) {
            CausalSyntheticData.write(spec, d, file, 11);
            sdY = d.query("SELECT stddev_samp(re78) FROM data", rs -> {
                rs.next();
                return rs.getDouble(1);
            });
        }
        try (Dataset s = Dataset.read(file)) {
            AnalysisResult r = Engines.run(spec, s);
            double planted = 0.3 * sdY;
            double est = r.estimates().get(0).estimate();
            double se = r.estimates().get(0).standardError();
            assertTrue(Math.abs(est - planted) < 4 * se, () -> "estimate " + est + " vs planted " + planted + " (se " + se + ")");
            double naive = ((Number) r.details().get("naive_difference")).doubleValue();
            assertTrue(Math.abs(naive - planted) > 2 * se, () -> "naive " + naive + " should be confounded away from " + planted);
        }
    }
}
