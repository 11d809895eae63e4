package io.cerebro.agents.causal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.spec.CausalSpec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The offline {@code causal.event_study} pipeline on {@code twfe_panel.csv}: every event-time
 * coefficient, its unit-clustered CR1 error, the average of the lags with its error and the joint
 * pre-trend chi-square (and p-value) against R ({@code lm} with relative-time and unit/year dummies,
 * sandwich {@code vcovCL}; rel 1e-6), for all leads and lags and for leads 2 / lags 2 with binned end
 * points; and the agent flow against the engine (all / binned / no never-treated units / a coarser
 * cluster column) on the data and on the synthetic panel.
 */
class CausalEventStudyPipelineTest {
    static JsonNode find(JsonNode estimates, String label) {
        for (JsonNode e : estimates) {
            if (label.equals(e.path("label").asText())) {
                return e;
            }
        }
        return null;
    }

    static void matchesR(String panel, String oracleKey) throws IOException {
        JsonNode o = CausalTwfePipelineTest.oracle(oracleKey);
        JsonNode out = CausalTwfePipelineTest.run(CausalTwfePipelineTest.spec("event_study", panel),
                CausalPipelineTest.resource("twfe_panel.csv"));
        JsonNode est = out.path("estimates");
        int count = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = o.path("coef").fields(); it.hasNext(); count++) {
            Map.Entry<String, JsonNode> c = it.next();
            JsonNode e = find(est, "event time " + c.getKey());
            assertNotNull(e, "event time " + c.getKey());
            CausalPipelineTest.close(c.getValue().asDouble(), e.path("estimate").asDouble(), 1e-6, "coefficient " + c.getKey());
            CausalPipelineTest.close(o.path("se").path(c.getKey()).asDouble(), e.path("standardError").asDouble(), 1e-6,
                    "clustered SE " + c.getKey());
            assertEquals(o.path("df").asDouble(), e.path("statistic").path("df").asDouble());
        }
        assertEquals(count + 2, est.size(), "event times, the average and the pre-trend test");
        JsonNode avg = find(est, "average post-treatment effect");
        CausalPipelineTest.close(o.path("average_post").asDouble(), avg.path("estimate").asDouble(), 1e-6, "average of the lags");
        CausalPipelineTest.close(o.path("average_post_se").asDouble(), avg.path("standardError").asDouble(), 1e-6, "its SE");
        JsonNode pre = find(est, "pre-trend test");
        CausalPipelineTest.close(o.path("pretrend_chi2").asDouble(), pre.path("statistic").path("value").asDouble(), 1e-6, "chi2");
        assertEquals(o.path("pretrend_df").asDouble(), pre.path("statistic").path("df").asDouble());
        CausalPipelineTest.close(o.path("pretrend_p").asDouble(), pre.path("pValue").asDouble(), 1e-6, "pre-trend p-value");
    }

    @Test
    void allLeadsAndLagsMatchR() throws IOException {
        matchesR("unit: unit, time: year, first_treated: first", "event_study");
    }

    @Test
    void binnedWindowMatchesR() throws IOException {
        matchesR("unit: unit, time: year, first_treated: first, leads: 2, lags: 2", "event_study_binned");
    }

    @Test
    void offlinePipelinesValidateAgainstTheEngine() throws IOException {
        Path data = CausalPipelineTest.resource("twfe_panel.csv");
        CausalTwfePipelineTest.assertValidates(CausalTwfePipelineTest.spec("event_study",
                "unit: unit, time: year, first_treated: first"), data);
        CausalTwfePipelineTest.assertValidates(CausalTwfePipelineTest.spec("event_study",
                "unit: unit, time: year, first_treated: first, leads: 2, lags: 3"), data);
        Path gp = CausalTwfePipelineTest.groupPostPanel();
        Path treatedOnly = Files.createTempFile("cerebro-es-", ".csv");
        try {
            // regions of ten units as clusters
            CausalTwfePipelineTest.assertValidates(CausalTwfePipelineTest.spec("event_study",
                    "unit: unit, time: year, first_treated: first, leads: 2, lags: 2, cluster: region"), gp);
            // only the two cohorts: the earliest lead becomes a second reference period
            List<String> lines = Files.readAllLines(gp);
            Files.write(treatedOnly, lines.stream().filter(l -> !l.split(",")[2].equals("0")).toList());
            CausalTwfePipelineTest.assertValidates(CausalTwfePipelineTest.spec("event_study",
                    "unit: unit, time: year, first_treated: first, lags: 2"), treatedOnly);
        } finally {
            Files.deleteIfExists(treatedOnly);
            Files.deleteIfExists(gp);
        }
    }

    @Test
    void missingColumnsAndNegativeWindowsAreOneLine() {
        CausalSpec noFirst = CausalTwfePipelineTest.spec("event_study", "unit: unit, time: year");
        assertEquals("an event study needs --unit, --time and --first-treated (or --treatment, a 0/1 column"
                + " that is 1 from each unit's first treated period on)",
                assertThrows(UserInputException.class, () -> CausalPipelineWriter.write(noFirst)).getMessage());
        CausalSpec negative = CausalTwfePipelineTest.spec("event_study", "unit: unit, time: year, first_treated: first, leads: -1");
        assertEquals("--leads and --lags must be zero or positive",
                assertThrows(UserInputException.class, () -> CausalPipelineWriter.write(negative)).getMessage());
    }
}
