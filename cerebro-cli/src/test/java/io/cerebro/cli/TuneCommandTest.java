package io.cerebro.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.cerebro.cli.CliTestSupport.badInput;
import static io.cerebro.cli.CliTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cerebro tune}: flags onto the study, text/JSON output, report, resume, bad input. */
class TuneCommandTest {
    static Path study(Path dir) throws Exception {
        Path s = dir.resolve("quad.yaml");
        // awk as the objective: (x - 0.3)^2 + 0.1 for method b; runs on any Unix
        Files.writeString(s, """
                name: quad
                objective:
                  command: [awk, 'BEGIN { print ({x} - 0.3)^2 + ("{m}" == "b" ? 0.1 : 0) }']
                  direction: minimize
                parameter_space:
                  x: {type: float, range: [0, 1]}
                  m: {type: categorical, choices: [a, b]}
                sampler: random
                trials: 12
                seed: 1
                """);
        return s;
    }

    @Test
    void runsTheStudyPrintsTheBestAndResumesWithMoreTrials(@TempDir Path dir) throws Exception {
        Path s = study(dir);
        Path report = dir.resolve("tune.html");
        CliTestSupport.Run r = run("tune", s.toString(), "--sampler", "tpe", "--report", report.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Optimal parameters for quad found after 12 trials: {x="), r.out());
        assertTrue(r.out().contains("12 complete; sampler tpe"), r.out());
        String html = Files.readString(report);
        assertTrue(html.contains("Optimisation history") && html.contains("<svg") && html.contains("Objective against x"), "report sections");

        badInput(run("tune", s.toString()), "--resume");
        CliTestSupport.Run more = run("tune", s.toString(), "--resume", "--trials", "20", "--format", "json");
        assertEquals(0, more.code(), more.err());
        JsonNode j = new ObjectMapper().readTree(more.out());
        assertEquals(20, j.path("trials").size());
        double best = j.path("best").path("values").get(0).asDouble();
        double x = j.path("best").path("params").path("x").asDouble();
        String m = j.path("best").path("params").path("m").asText();
        // the value printed is the objective's: recompute it from the best configuration
        assertEquals(Math.pow(x - 0.3, 2) + ("b".equals(m) ? 0.1 : 0), best, 1e-5);
    }

    @Test
    void badStudiesAndFlagsExitTwoWithOneLine(@TempDir Path dir) throws Exception {
        Path s = study(dir);
        badInput(run("tune", dir.resolve("missing.yaml").toString()), "does not exist");
        badInput(run("tune", s.toString(), "--sampler", "annealing"), "sampler 'annealing' is unknown");
        badInput(run("tune", s.toString(), "--format", "xml"), "--format xml is unknown");
        Files.writeString(dir.resolve("typo.yaml"), Files.readString(s).replace("trials: 12", "trails: 12"));
        badInput(run("tune", dir.resolve("typo.yaml").toString()), "unknown key 'trails'");
    }
}
