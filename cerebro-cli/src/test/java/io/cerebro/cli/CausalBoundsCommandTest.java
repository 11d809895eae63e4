package io.cerebro.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.cli.CliTestSupport.Run;
import io.cerebro.core.testing.SharedFixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static io.cerebro.cli.CliTestSupport.badInput;
import static io.cerebro.cli.CliTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cerebro causal --method bounds} against the numpy closed forms (causal_bounds_oracles.json),
 * and {@code --sensitivity honest_did} on an event study, through the command line.
 */
class CausalBoundsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String bounds() {
        return SharedFixtures.path(SharedFixtures.CAUSAL + "bounds.csv").toString();
    }

    private static JsonNode runJson(String... args) throws IOException {
        Run r = run(args);
        assertEquals(0, r.code(), r.err());
        return JSON.readTree(r.out());
    }

    @Test
    void boundsHeadlineAndInsightFollowTheAssumption() throws IOException {
        JsonNode o;
        try (InputStream in = SharedFixtures.stream(SharedFixtures.CAUSAL + "causal_bounds_oracles.json")) {
            o = JSON.readTree(in).get("bounds_csv");
        }
        String sentence = null;
        for (String a : new String[]{"manski", "mtr+mts"}) {
            JsonNode j = runJson("causal", bounds(), "--treatment", "t", "--outcome", "y", "--method", "bounds", "--bounds", a,
                    "--outcome-range", "0,10", "--insights", "--format", "json");
            assertEquals("causal.partial_bounds", j.get("method").asText());
            assertEquals(o.at("/" + a + "/lower").asDouble(), j.at("/interval/lower").asDouble(), 1e-10);
            assertEquals(o.at("/" + a + "/upper").asDouble(), j.at("/interval/upper").asDouble(), 1e-10);
            assertEquals(o.at("/" + a + "/ci_upper").asDouble(), j.at("/estimates/0/extra/ci_upper").asDouble(), 1e-8);
            JsonNode insight = j.at("/insights/0");
            assertEquals("bounds", insight.get("topic").asText(), insight.toString());
            assertEquals(o.at("/" + a + "/upper").asDouble(), insight.at("/numbers/upper").asDouble(), 1e-10);
            assertNotEquals(sentence, insight.get("statement").asText(), "the statement must change with the bounds");
            sentence = insight.get("statement").asText();
        }
        assertTrue(sentence.contains("+2.49") && sentence.contains("MTR+MTS"), sentence);
    }

    @Test
    void honestDidOnAnEventStudy() throws IOException {
        String panel = SharedFixtures.path(SharedFixtures.QUASI + "twfe_panel.csv").toString();
        JsonNode j = runJson("causal", panel, "--method", "event_study", "--outcome", "y", "--unit", "unit", "--time", "year",
                "--first-treated", "first", "--sensitivity", "honest_did", "--mbar", "0.5", "--smoothness", "0.05", "--insights",
                "--format", "json");
        JsonNode rm = null;
        for (JsonNode e : j.get("estimates")) {
            if (e.get("method").asText().equals("causal.honest_did") && rm == null) {
                rm = e;
            }
        }
        assertTrue(rm != null, j.toString());
        assertEquals(0.5, rm.at("/extra/mbar").asDouble());
        boolean insight = false;
        for (JsonNode i : j.get("insights")) {
            insight |= i.get("topic").asText().equals("parallel_trends")
                    && i.at("/numbers/breakdown_mbar").asDouble() == rm.at("/extra/breakdown_mbar").asDouble();
        }
        assertTrue(insight, j.get("insights").toString());
    }

    @Test
    void badFlagsAreOneLine() {
        badInput(run("causal", bounds(), "--treatment", "t", "--outcome", "y", "--method", "bounds", "--bounds", "monotone"),
                "--bounds must be one of");
        badInput(run("causal", bounds(), "--treatment", "t", "--outcome", "y", "--method", "bounds", "--outcome-range", "0,5"),
                "outside the outcome range", "--outcome-range");
        badInput(run("causal", bounds(), "--treatment", "t", "--outcome", "y", "--method", "event_study", "--mbar", "1"),
                "--sensitivity honest_did");
        badInput(run("causal", bounds(), "--treatment", "t", "--outcome", "y", "--sensitivity", "evalue"), "honest_did");
    }
}
