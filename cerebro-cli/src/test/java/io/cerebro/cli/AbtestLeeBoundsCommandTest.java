package io.cerebro.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.cli.CliTestSupport.Run;
import io.cerebro.core.testing.SharedFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.cerebro.cli.CliTestSupport.badInput;
import static io.cerebro.cli.CliTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cerebro abtest --lee-bounds --observed COL} on the attrition fixture, against the numpy
 * oracle of tools/fixtures/causal_lee_bounds.py (causal_lee_oracles.json), in every output format.
 */
class AbtestLeeBoundsCommandTest {
    @TempDir
    Path dir;

    private static JsonNode oracle() throws IOException {
        try (InputStream in = SharedFixtures.stream(SharedFixtures.CAUSAL + "causal_lee_oracles.json")) {
            return new ObjectMapper().readTree(in).get("lee_bounds_csv");
        }
    }

    private static String data() {
        return SharedFixtures.path(SharedFixtures.CAUSAL + "lee_bounds.csv").toString();
    }

    @Test
    void jsonCarriesTheOracleBoundsAndTheTestOfTheObservedRows() throws IOException {
        JsonNode o = oracle();
        Run r = run("abtest", data(), "--treatment", "t", "--outcome", "y", "--lee-bounds", "--observed", "s", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        // the headline compares the observed rows: the naive difference of the oracle
        assertEquals(o.get("naive_difference").asDouble(), j.get("estimate").asDouble(), 1e-9);
        JsonNode lee = null;
        for (JsonNode e : j.get("estimates")) {
            if (e.get("method").asText().equals("ab.lee_bounds")) {
                lee = e;
            }
        }
        assertTrue(lee != null, r.out());
        assertEquals(o.get("lower").asDouble(), lee.at("/interval/lower").asDouble(), 1e-9);
        assertEquals(o.get("upper").asDouble(), lee.at("/interval/upper").asDouble(), 1e-9);
        assertEquals("bounds", lee.at("/interval/kind").asText());
        assertEquals(o.get("trim_share").asDouble(), lee.at("/extra/trim_share").asDouble(), 1e-12);
        assertEquals(o.get("p_observed_treated").asDouble(), lee.at("/extra/observed_share_treated").asDouble(), 1e-12);
        assertEquals(o.get("p_observed_control").asDouble(), lee.at("/extra/observed_share_control").asDouble(), 1e-12);
        assertEquals("1", j.at("/details/lee_bounds/trimmed_arm").asText());
    }

    @Test
    void textMarkdownAndHtmlShowTheBounds() throws IOException {
        Path md = dir.resolve("r.md");
        Path html = dir.resolve("r.html");
        Run text = run("abtest", data(), "--treatment", "t", "--outcome", "y", "--lee-bounds", "--observed", "s", "--report", html.toString());
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("ab.lee_bounds") && text.out().contains("[0.08778, 1.725]"), text.out());
        assertTrue(text.out().contains("outcomes are observed for 75.5% of 1 and 53.5% of 0"), text.out());
        Run m = run("abtest", data(), "--treatment", "t", "--outcome", "y", "--lee-bounds", "--observed", "s", "--format", "markdown",
                "--report", md.toString());
        assertEquals(0, m.code(), m.err());
        assertTrue(m.out().contains("ab.lee_bounds"), m.out());
        assertTrue(Files.readString(md).contains("ab.lee_bounds"));
        String h = Files.readString(html);
        assertTrue(h.contains("ab.lee_bounds") && h.contains("0.08778"), "html report lacks the bounds");
    }

    @Test
    void insightsStateTheBoundsAndTheirSign() throws IOException {
        JsonNode o = oracle();
        Run r = run("abtest", data(), "--treatment", "t", "--outcome", "y", "--lee-bounds", "--observed", "s", "--insights", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode ins = new ObjectMapper().readTree(r.out()).get("insights");
        assertEquals("effect", ins.get(0).get("topic").asText());
        JsonNode att = ins.get(1);
        assertEquals("attrition", att.get("topic").asText());
        assertEquals(o.get("lower").asDouble(), att.at("/numbers/lower").asDouble(), 1e-9);
        assertTrue(att.get("statement").asText().contains("[+0.0878, +1.73] (Lee bounds), so its sign survives"), att.toString());
    }

    @Test
    void badFlagsAreOneLine() throws IOException {
        badInput(run("abtest", data(), "--treatment", "t", "--outcome", "y", "--lee-bounds"), "--lee-bounds needs --observed");
        badInput(run("abtest", data(), "--treatment", "t", "--outcome", "y", "--observed", "s"), "add --lee-bounds");
        badInput(run("abtest", data(), "--treatment", "t", "--outcome", "y", "--lee-bounds", "--observed", "nope"), "'nope'", "columns are");
        Path p = dir.resolve("bad.csv");
        Files.writeString(p, "t,s,y\n0,1,1\n0,1,2\n0,0,\n1,1,3\n1,0,5\n1,1,4\n");
        badInput(run("abtest", p.toString(), "--treatment", "t", "--outcome", "y", "--lee-bounds", "--observed", "s"),
                "row 5", "s = 0 but a y value");
    }
}
