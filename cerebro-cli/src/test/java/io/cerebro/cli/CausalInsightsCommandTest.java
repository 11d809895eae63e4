package io.cerebro.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cerebro causal --insights [--subgroups COL]}: the insights[] array in JSON, the section in text, and bad use. */
class CausalInsightsCommandTest {
    @BeforeAll
    static void data() throws Exception {
        CausalCommandTest.data();
    }

    @Test
    void insightsInJsonAndText() throws Exception {
        String[] base = {"causal", CausalCommandTest.lalonde.toString(), "--treatment", "treat", "--outcome", "re78",
                "--confounders", "age,educ,black,hispan,married,nodegree,re74,re75", "--insights", "--subgroups", "married"};
        CausalCommandTest.Run json = CausalCommandTest.run(concat(base, "--format", "json"));
        assertEquals(0, json.code(), json.err());
        JsonNode in = new ObjectMapper().readTree(json.out()).get("insights");
        assertEquals(4, in.size(), in.toString()); // effect, sensitivity, subgroups, limits
        assertEquals("effect", in.get(0).get("topic").asText());
        assertTrue(in.get(0).get("statement").asText().startsWith("The estimated effect on re78 is +1548"));
        assertEquals("subgroups", in.get(2).get("topic").asText());
        assertTrue(in.get(2).get("statement").asText().contains("married"));
        CausalCommandTest.Run text = CausalCommandTest.run(base);
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("\ninsights\n  [moderate] The estimated effect on re78"), text.out());
    }

    @Test
    void subgroupsWithoutInsightsIsOneLine() {
        CausalCommandTest.Run r = CausalCommandTest.run("causal", CausalCommandTest.lalonde.toString(), "--treatment", "treat",
                "--outcome", "re78", "--confounders", "age,educ", "--subgroups", "married");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--subgroups only works with --insights"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        CausalCommandTest.Run many = CausalCommandTest.run("causal", CausalCommandTest.lalonde.toString(), "--treatment", "treat",
                "--outcome", "re78", "--confounders", "age,educ", "--insights", "--subgroups", "re78");
        assertEquals(2, many.code());
        assertTrue(many.err().contains("choose a column with 2 to 12 levels"), many.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
