package io.cerebro.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.cli.CliTestSupport.Run;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.cerebro.cli.CliTestSupport.badInput;
import static io.cerebro.cli.CliTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cerebro mmm} on PyMC-Marketing's example data: shares, ROAS, allocation, report, progress, refusals. */
class MmmCommandTest {
    static final String DATA = CliTestSupport.repoFile("examples/mmm/mmm_example.csv").toString();

    @Test
    void sharesRoasAndAllocationAsJsonWithAReport() throws Exception {
        Path report = Files.createTempFile("mmm", ".html");
        Run r = run("mmm", DATA, "--date", "date_week", "--outcome", "y", "--channels", "x1,x2", "--controls", "event_1,event_2",
                "--trend", "--seasonality", "yearly", "--candidates", "300", "--bootstrap", "40", "--seed", "7",
                "--allocate", "--budget", "0.6", "--bounds", "x1=0.5:2,x2=0.7:1.5", "--format", "json", "--report", report.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("mmm.contribution_share", j.get("method").asText());
        // the true shares are 29.05% and 6.97% (PyMC-Marketing's documented simulation)
        assertEquals(0.2905, share(j, "x1", "mmm.contribution_share"), 0.03);
        assertEquals(0.0697, share(j, "x2", "mmm.contribution_share"), 0.03);
        assertTrue(share(j, "x1", "mmm.roas") > 0);
        JsonNode a = j.get("details").get("allocation");
        assertEquals(0.6, a.get("budget").asDouble(), 1e-12);
        JsonNode x2 = a.get("channels").get("x2");
        assertTrue(x2.get("recommended_spend").asDouble() <= x2.get("upper_bound").asDouble() + 1e-9);
        assertTrue(a.get("gain").asDouble() >= 0);
        assertTrue(r.err().contains("search") && r.err().contains("100%"), r.err());
        String html = Files.readString(report);
        assertTrue(html.contains("Decomposition of y") && html.contains("Steady-state response curves"));
    }

    @Test
    void badInputIsOneLineWithExitTwo() {
        badInput(run("mmm", DATA, "--date", "date_week", "--outcome", "y", "--channels", "x1,x9"), "x9");
        badInput(run("mmm", DATA, "--date", "date_week", "--outcome", "y", "--channels", "x1,x2", "--saturation", "flat"), "--saturation");
        badInput(run("mmm", DATA, "--date", "date_week", "--outcome", "y", "--channels", "x1,x2", "--bounds", "x1=2"), "CHANNEL=LOW:HIGH");
        badInput(run("mmm", DATA, "--date", "date_week", "--outcome", "y", "--channels", "x1,x2", "--candidates", "20", "--bootstrap", "0",
                "--budget", "100"), "outside what the bounds allow");
    }

    static double share(JsonNode j, String label, String method) {
        for (JsonNode e : j.get("estimates")) {
            if (e.get("label").asText().equals(label) && e.get("method").asText().equals(method)) {
                return e.get("estimate").asDouble();
            }
        }
        throw new AssertionError(label + " " + method);
    }
}
