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

        // the text shows floats to six significant digits; the JSON keeps the value the objective got
        CliTestSupport.Run text = run("tune", s.toString(), "--resume", "--trials", "20");
        assertEquals(0, text.code(), text.err());
        java.util.regex.Matcher shown = java.util.regex.Pattern.compile("\\{x=([^,}]+)").matcher(text.out());
        assertTrue(shown.find(), text.out());
        assertTrue(shown.group(1).replaceAll("[^0-9]", "").replaceFirst("^0+", "").length() <= 6, shown.group(1));
        assertEquals(Double.parseDouble(String.format(java.util.Locale.ROOT, "%.6g", x)), Double.parseDouble(shown.group(1)), 0);
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

    /**
     * An objective that prints its learning curve as lines {@code intermediate STEP VALUE}: loss
     * (x - 0.3)^2 + 1/step over 20 steps. The median pruner stops the bad configurations (killing the
     * program), the journal keeps them as pruned with their last step, and a resume continues.
     */
    @Test
    void prunesByIntermediateLinesAndWarmStartsFromAnotherStudy(@TempDir Path dir) throws Exception {
        Path s = dir.resolve("curve.yaml");
        Files.writeString(s, """
                name: curve
                objective:
                  command: [awk, 'BEGIN { for (t = 1; t <= 20; t++) { print "intermediate", t, ({x} - 0.3)^2 + 1/t; fflush() } print ({x} - 0.3)^2 + 1/20 }']
                parameter_space:
                  x: {type: float, range: [0, 1]}
                sampler: random
                trials: 16
                seed: 4
                pruner: {type: median, n_startup_trials: 3}
                """);
        CliTestSupport.Run r = run("tune", s.toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("median", j.path("pruner").asText());
        int pruned = 0;
        double bestComplete = Double.POSITIVE_INFINITY;
        double bestAny = Double.POSITIVE_INFINITY;
        for (JsonNode t : j.path("trials")) {
            double x = t.path("params").path("x").asDouble();
            bestAny = Math.min(bestAny, Math.pow(x - 0.3, 2));
            if (t.path("state").asText().equals("pruned")) {
                pruned++;
                int last = t.path("last_step").asInt();
                assertTrue(last >= 1 && last < 20, t.toString());
                assertEquals(last, t.path("steps").size());
                assertEquals(Math.pow(x - 0.3, 2) + 1.0 / last, t.path("values").get(0).asDouble(), 1e-5, "the value at the last step");
            } else {
                assertEquals("complete", t.path("state").asText(), t.toString());
                bestComplete = Math.min(bestComplete, Math.pow(x - 0.3, 2));
            }
        }
        assertTrue(pruned >= 5, "pruned " + pruned + " of 16");
        assertEquals(bestAny, bestComplete, 1e-12, "the best configuration was not pruned");

        CliTestSupport.Run more = run("tune", s.toString(), "--resume", "--trials", "20", "--format", "json");
        assertEquals(0, more.code(), more.err());
        JsonNode m = new ObjectMapper().readTree(more.out());
        assertEquals(20, m.path("trials").size());
        for (int i = 0; i < 16; i++) {
            assertEquals(j.path("trials").get(i).path("state"), m.path("trials").get(i).path("state"));
            assertEquals(j.path("trials").get(i).path("steps"), m.path("trials").get(i).path("steps"));
        }

        // a second study seeded by the first: its 20 trials are not re-run, the new journal holds only its own
        Path second = dir.resolve("second.yaml");
        Files.writeString(second, Files.readString(s).replace("name: curve", "name: second").replace("sampler: random", "sampler: tpe")
                .replace("trials: 16", "trials: 5"));
        CliTestSupport.Run w = run("tune", second.toString(), "--warm-start", s.toString(), "--format", "json");
        assertEquals(0, w.code(), w.err());
        assertEquals(5, new ObjectMapper().readTree(w.out()).path("trials").size());
        badInput(run("tune", second.toString(), "--resume", "--warm-start", dir.resolve("nope.jsonl").toString()), "--warm-start", "does not exist");
        badInput(run("tune", s.toString(), "--pruner", "asha"), "pruner 'asha' is unknown");
    }
}
