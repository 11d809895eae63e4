package io.cerebro.core.ab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.spec.ABTestSpec;
import io.cerebro.core.spec.ABTestType;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Mann-Whitney (asymptotic) and Kruskal-Wallis on an outcome whose values never repeat, against
 * scipy (tools/fixtures/ab_distinct_ranks.py). With tied values the rank sums come from a per-value
 * summary of the file (checkout_ab.csv and pricing_abc.csv in the other oracle tests); here the
 * values do not repeat, so the engine loads the rows and ranks them directly.
 */
class AbDistinctRanksOracleTest {
    private static final double CLOSED = 1e-9;

    @Test
    void rankTestsOnDistinctValuesMatchScipy() throws Exception {
        JsonNode o;
        try (InputStream in = getClass().getResourceAsStream("/oracles/ab/ab_distinct_ranks.json")) {
            o = new ObjectMapper().readTree(in);
        }
        Path csv = Path.of(getClass().getResource("/oracles/ab/distinct_ranks.csv").toURI());
        for (ABTestType test : new ABTestType[]{ABTestType.AUTO, ABTestType.MANN_WHITNEY}) {
            try (Dataset d = Dataset.read(csv)) {
                AnalysisResult r = Engines.run(ABTestSpec.builder("arm", "y").control("a").test(test).build(), d);
                for (String label : new String[]{"b vs a", "c vs a"}) {
                    JsonNode m = o.at("/mann_whitney/" + label);
                    Estimate mw = r.find(label, "ab.mann_whitney");
                    close(m.get("U").asDouble(), mw.statistic().value(), test + " " + label + " U");
                    close(m.get("pvalue").asDouble(), mw.pValue(), test + " " + label + " p");
                }
                if (test == ABTestType.AUTO) {
                    Estimate kw = r.find("all arms", "ab.kruskal_wallis");
                    close(o.at("/kruskal/H").asDouble(), kw.statistic().value(), "H");
                    close(o.at("/kruskal/pvalue").asDouble(), kw.pValue(), "H p");
                }
            }
        }
    }

    private static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, CLOSED * Math.abs(expected), what);
    }
}
