package io.cerebro.cli;

import io.cerebro.cli.CliTestSupport.Run;
import com.fasterxml.jackson.databind.JsonNode;
import io.cerebro.core.result.ResultJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.cerebro.cli.CliTestSupport.run;
import static io.cerebro.cli.CliTestSupport.badInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cerebro abtest} end to end through {@link CerebroCommand#execute}: bad input ends in exit
 * code 2 and one line on stderr that names the problem and the fix, with no stack trace; good input
 * prints a result whose headline follows the A/B conventions.
 */
class AbtestCommandTest {
    @TempDir
    Path dir;


    Path csv(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    /** Exit 2, exactly one non-empty stderr line, no stack trace, containing every fragment. */
    private static String rows(String... r) {
        return String.join("\n", r) + "\n";
    }

    @Test
    void oneArm() throws IOException {
        Path p = csv("one.csv", rows("arm,y", "a,1", "a,2", "a,3"));
        badInput(run("abtest", p.toString(), "--treatment", "arm", "--outcome", "y"), "1 arm", "at least two");
    }

    @Test
    void unknownControl() throws IOException {
        Path p = csv("ctl.csv", rows("arm,y", "a,1", "a,2", "b,3", "b,5"));
        badInput(run("abtest", p.toString(), "--treatment", "arm", "--outcome", "y", "--control", "zz"),
                "zz", "[a, b]", "--control");
    }

    @Test
    void emptyArm() throws IOException {
        Path p = csv("empty.csv", rows("arm,y", "a,1", "a,2", "b,", "b,", "c,4", "c,7"));
        badInput(run("abtest", p.toString(), "--treatment", "arm", "--outcome", "y", "--drop-missing"),
                "'b'", "no rows with an outcome");
    }

    @Test
    void constantOutcome() throws IOException {
        Path p = csv("const.csv", rows("arm,y", "a,1", "a,1", "b,1", "b,1"));
        badInput(run("abtest", p.toString(), "--treatment", "arm", "--outcome", "y"), "same outcome value");
    }

    @Test
    void nanOutcomesAreCountedAndDropMissingIsNamed() throws IOException {
        Path p = csv("nan.csv", rows("arm,y", "a,1.5", "a,NaN", "a,2.5", "b,3.0", "b,", "b,4.5", "b,2.0"));
        badInput(run("abtest", p.toString(), "--treatment", "arm", "--outcome", "y"), "2 of 7 rows", "--drop-missing");
        Run ok = run("abtest", p.toString(), "--treatment", "arm", "--outcome", "y", "--drop-missing", "--format", "json");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("2 of 7 rows were left out"), ok.out());
    }

    @Test
    void nonNumericOutcome() throws IOException {
        Path p = csv("text.csv", rows("arm,y", "a,1", "a,oops", "a,3", "b,2", "b,5", "b,n/a", "b,6"));
        badInput(run("abtest", p.toString(), "--treatment", "arm", "--outcome", "y"), "2 of 7 rows", "not numbers", "--drop-missing");
        Run ok = run("abtest", p.toString(), "--treatment", "arm", "--outcome", "y", "--drop-missing", "--format", "json");
        assertEquals(0, ok.code(), ok.err());
    }

    @Test
    void covariateWithMissingValues() throws IOException {
        Path p = csv("cov.csv", rows("arm,y,x", "a,1,2", "a,2,", "a,3,1", "b,2,2", "b,5,3", "b,4,2"));
        badInput(run("abtest", p.toString(), "--treatment", "arm", "--outcome", "y", "--covariate", "x"),
                "covariate", "1 rows", "--drop-missing");
    }

    @Test
    void missingColumnListsTheColumns() throws IOException {
        Path p = csv("cols.csv", rows("arm,y", "a,1", "b,2"));
        badInput(run("abtest", p.toString(), "--treatment", "arm", "--outcome", "revenue"), "revenue", "arm, y");
    }

    @Test
    void alphaOutsideTheUnitInterval() throws IOException {
        Path p = csv("alpha.csv", rows("arm,y", "a,1", "a,2", "b,3", "b,5"));
        badInput(run("abtest", p.toString(), "--treatment", "arm", "--outcome", "y", "--alpha", "1.5"), "alpha", "1.5", "0.05");
        badInput(run("abtest", p.toString(), "--treatment", "arm", "--outcome", "y", "--alpha", "0"), "alpha");
    }

    @Test
    void proportionTestOnAContinuousOutcome() throws IOException {
        Path p = csv("cont.csv", rows("arm,y", "a,1.5", "a,2", "b,3", "b,5"));
        badInput(run("abtest", p.toString(), "--treatment", "arm", "--outcome", "y", "--test", "fisher"), "0/1", "--test welch");
    }

    @Test
    void srmFailureIsAFailDiagnosticAndAWarning() throws IOException {
        StringBuilder sb = new StringBuilder("arm,y\n");
        for (int i = 0; i < 600; i++) {
            sb.append(i < 400 ? "a" : "b").append(',').append(i % 7).append('\n');
        }
        Path p = csv("srm.csv", sb.toString());
        Run r = run("abtest", p.toString(), "--treatment", "arm", "--outcome", "y", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = json(r.out());
        assertEquals("fail", j.at("/diagnostics/0/status").asText());
        assertEquals("srm", j.at("/diagnostics/0/name").asText());
        assertTrue(j.at("/warnings").toString().contains("SAMPLE RATIO MISMATCH"));
    }

    @Test
    void specificTestIsTheHeadline() throws IOException {
        Path p = csv("ok.csv", rows("arm,y", "a,1", "a,2", "a,4", "b,3", "b,5", "b,9"));
        Run r = run("abtest", p.toString(), "--treatment", "arm", "--outcome", "y", "--test", "student", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = json(r.out());
        assertEquals("ab.student", j.at("/estimates/0/method").asText());
        assertEquals("b vs a", j.at("/estimates/0/label").asText());
        Run auto = run("abtest", p.toString(), "--treatment", "arm", "--outcome", "y", "--format", "json");
        assertEquals("ab.welch", json(auto.out()).at("/estimates/0/method").asText());
    }

    @Test
    void noVariationInsideTheArms() throws IOException {
        Path p = csv("novar.csv", rows("arm,y", "a,1.5", "a,1.5", "b,2.5", "b,2.5"));
        badInput(run("abtest", p.toString(), "--treatment", "arm", "--outcome", "y"), "does not vary within arm 'a'");
    }

    @Test
    void thinStratumAndConstantCovariate() throws IOException {
        Path p = csv("strata.csv", rows("arm,y,s,x", "a,1,u,1", "a,2,u,1", "a,3,v,1", "b,2,u,1", "b,5,u,1", "b,4,v,1", "b,6,v,1"));
        badInput(run("abtest", p.toString(), "--treatment", "arm", "--outcome", "y", "--strata", "s"),
                "stratum 'v'", "1 row(s) in arm 'a'", "merge small strata");
        badInput(run("abtest", p.toString(), "--treatment", "arm", "--outcome", "y", "--covariate", "x"),
                "covariate 'x' takes a single value");
    }

    @Test
    void bayesianReportHasThePosteriorDensities() throws IOException {
        StringBuilder sb = new StringBuilder("arm,y\n");
        for (int i = 0; i < 300; i++) {
            sb.append(new String[]{"A", "B", "C"}[i % 3]).append(',').append(i % 7 == 0 || i % 11 == 0 ? 1 : 0).append('\n');
        }
        Path p = csv("bayes.csv", sb.toString());
        Path html = dir.resolve("report.html");
        Run r = run("abtest", p.toString(), "--treatment", "arm", "--outcome", "y", "--test", "bayesian",
                "--prior", "2,8", "--report", html.toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = json(r.out());
        assertEquals("ab.bayesian_beta_binomial", j.at("/estimates/0/method").asText());
        assertTrue(j.at("/details/prob_best/A").isNumber());
        assertTrue(j.at("/estimates/0/extra/expected_loss").isNumber());
        String page = Files.readString(html);
        assertTrue(page.contains("posterior density"), "posterior chart missing from the report");
        assertEquals(3, page.split("<svg", -1).length - 1, "arms, differences from control and posterior charts");
        assertTrue(page.contains("difference from control"), "effects chart missing from the report");
    }

    private static JsonNode json(String s) {
        try {
            return ResultJson.mapper().readTree(s);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }

    /** 40,000 integer outcomes, then decimals: DuckDB's sample sees integers only. */
    private Path integersThenDecimals() throws IOException {
        StringBuilder sb = new StringBuilder("arm,y\n");
        for (int i = 0; i < 40_000; i++) {
            sb.append(i % 2 == 0 ? "B" : "A").append(',').append(i % 7).append('\n');
        }
        for (int i = 0; i < 1_000; i++) {
            sb.append(i % 2 == 0 ? "B" : "A").append(',').append(i % 7).append(".55\n");
        }
        return csv("mix.csv", sb.toString());
    }

    @Test
    void decimalsAfterSampledIntegersAreNotRounded() throws IOException {
        Path p = integersThenDecimals();
        // exact means by hand, in BigDecimal, from the text of the file
        java.util.Map<String, java.math.BigDecimal> sum = new java.util.HashMap<>();
        java.util.Map<String, Integer> n = new java.util.HashMap<>();
        for (String line : Files.readAllLines(p).subList(1, 41_001)) {
            String[] f = line.split(",");
            sum.merge(f[0], new java.math.BigDecimal(f[1]), java.math.BigDecimal::add);
            n.merge(f[0], 1, Integer::sum);
        }
        Run r = run("abtest", p.toString(), "--treatment", "arm", "--outcome", "y", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode arms = ResultJson.mapper().readTree(r.out()).get("arms");
        for (JsonNode a : arms) {
            String arm = a.get("arm").asText();
            double exact = sum.get(arm).divide(java.math.BigDecimal.valueOf(n.get(arm)), java.math.MathContext.DECIMAL128).doubleValue();
            assertEquals(exact, a.get("mean").asDouble(), 1e-12, "mean of arm " + arm);
        }
    }

    @Test
    void textLateInTheOutcomeNamesTheRowAndTheValue() throws IOException {
        StringBuilder sb = new StringBuilder("arm,y\n");
        for (int i = 0; i < 40_000; i++) {
            sb.append(i % 2 == 0 ? "B" : "A").append(',').append(i % 7).append('\n');
        }
        sb.append("A,12 kg\n");
        Path p = csv("late.csv", sb.toString());
        badInput(run("abtest", p.toString(), "--treatment", "arm", "--outcome", "y"), "outcome=y", "row 40001", "'12 kg'", "--drop-missing");
    }

    @Test
    void semicolonFileWithDecimalCommas() throws IOException {
        Path p = csv("eu.csv", rows("gruppe;umsatz", "A;1.234,50", "A;3,5", "A;10", "B;2,25", "B;4", "B;1.000,75"));
        Run r = run("abtest", p.toString(), "--treatment", "gruppe", "--outcome", "umsatz", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode arms = ResultJson.mapper().readTree(r.out()).get("arms");
        // by hand: A = (1234.5 + 3.5 + 10) / 3 = 416, B = (2.25 + 4 + 1000.75) / 3 = 335.6666...
        assertEquals(416.0, arms.get(0).get("mean").asDouble(), 1e-12);
        assertEquals(1007.0 / 3, arms.get(1).get("mean").asDouble(), 1e-12);
        Run given = run("abtest", p.toString(), "--treatment", "gruppe", "--outcome", "umsatz", "--delimiter", ";", "--decimal", ",",
                "--format", "json");
        assertEquals(0, given.code(), given.err());
        assertEquals(arms.toString(), ResultJson.mapper().readTree(given.out()).get("arms").toString());
        badInput(run("abtest", p.toString(), "--treatment", "gruppe", "--outcome", "umsatz", "--decimal", ";"), "--decimal", "','");
    }

    @Test
    void droppedRowsAreCountedOnStderr() throws IOException {
        Path p = csv("na.csv", rows("arm,y", "a,1.5", "a,NA", "a,2.5", "b,3.0", "b,", "b,4.5", "b,NaN", "b,2.0"));
        Run ok = run("abtest", p.toString(), "--treatment", "arm", "--outcome", "y", "--drop-missing", "--format", "json");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.err().contains("3 of 8 rows were left out"), ok.err());
    }
}
