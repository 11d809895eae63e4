package io.cerebro.core.tune;

import io.cerebro.core.error.UserInputException;
import io.cerebro.core.tune.objective.CommandObjective;
import io.cerebro.core.tune.objective.Outcome;
import io.cerebro.core.tune.journal.Trial;
import io.cerebro.core.tune.space.Parameter;
import io.cerebro.core.tune.sampler.GridSampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Study files: values read, bad specs refused in one line; the objective runner's argv, parsing, failures and timeouts. */
class StudySpecReaderTest {
    static final String GOOD = """
            name: cache-tuning
            objective:
              command: "python3 objective.py {cache_size} {default_ttl} {strategy}"
              direction: minimize
              repeats: 3
              timeout: 60s
            parameter_space:
              cache_size:  { type: int, range: [10, 1000], log: true }
              default_ttl: { type: float, range: [0.5, 60.0] }
              strategy:    { type: categorical, choices: [LRU, FIFO, LFU] }
              lfu_decay:   { type: float, range: [0.1, 0.9], when: {strategy: LFU} }
            sampler: tpe
            trials: 100
            seed: 7
            """;

    static StudySpec parse(String yaml) {
        return StudySpecReader.parse(yaml, "study.yaml", Path.of("."), Path.of("j.jsonl"));
    }

    @Test
    void readsTheIssueExample() {
        StudySpec s = parse(GOOD);
        assertEquals(List.of("python3", "objective.py", "{cache_size}", "{default_ttl}", "{strategy}"), s.command());
        assertEquals(3, s.repeats());
        assertEquals(Duration.ofSeconds(60), s.timeout());
        assertEquals(Parameter.Type.INT, s.space().find("cache_size").type());
        assertTrue(s.space().find("cache_size").log());
        assertEquals(Map.of("strategy", "LFU"), s.space().find("lfu_decay").condition());
        assertEquals(Map.of("cache_size", 10L, "default_ttl", 0.5, "strategy", "LRU"), s.space().configuration(new double[]{0, 0, 0, 0}));
        assertEquals(1000L, s.space().configuration(new double[]{1, 1, 1, 1}).get("cache_size"));
        assertEquals(0.9, s.space().configuration(new double[]{1, 1, 1, 1}).get("lfu_decay"));
        // log warping: the unit midpoint is the geometric mean
        assertEquals(100L, s.space().find("cache_size").fromUnit(0.5));
    }

    @Test
    void badSpecsGetOneLineNamingTheKey() {
        String[][] cases = {
                {GOOD.replace("sampler: tpe", "sampler: bayes"), "sampler 'bayes' is unknown"},
                {GOOD.replace("repeats: 3", "repeets: 3"), "unknown key 'objective.repeets'"},
                {GOOD.replace("range: [10, 1000], log: true", "range: [0, 1000], log: true"), "log: true needs a positive lower bound"},
                {GOOD.replace("{strategy}\"", "{strategy} {missing}\""), "{missing}, which is not a parameter"},
                {GOOD.replace("timeout: 60s", "timeout: soon"), "timeout 'soon' is not a duration"},
                {GOOD.replace("type: categorical, choices: [LRU, FIFO, LFU]", "type: categorical"), "needs choices"},
                {GOOD.replace("when: {strategy: LFU}", "when: {strategee: LFU}"), "names 'strategee'"},
                {GOOD.replace("direction: minimize", "direction: up"), "direction 'up' is unknown"},
                {"name: [unclosed", "not valid YAML"},
        };
        for (String[] c : cases) {
            UserInputException e = assertThrows(UserInputException.class, () -> parse(c[0]), c[1]);
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }

    @Test
    void argvKeepsEveryValueInOneWordSoNothingReachesAShell(@TempDir Path dir) {
        CommandObjective o = new CommandObjective(List.of("echo", "--name={s}", "{x}"), dir, Duration.ofSeconds(5), 1, 1);
        assertEquals(List.of("echo", "--name=a; rm -rf /", "0.25"), o.argv(Map.of("s", "a; rm -rf /", "x", 0.25), 0, 0));
        assertEquals("0.0001", CommandObjective.format(1e-4));
        assertEquals("3", CommandObjective.format(3L));
    }

    @Test
    void objectiveRunsRepeatsAndRecordsFailuresAndTimeouts(@TempDir Path dir) {
        // awk prints the value for the repeat: 1, 2, 3 → mean 2, sd 1
        CommandObjective three = new CommandObjective(List.of("awk", "BEGIN { print \"noise\"; print {repeat} + 1 }"), dir, Duration.ofSeconds(10), 3, 1);
        Outcome o = three.evaluate(Map.of(), 0);
        assertEquals(Trial.State.COMPLETE, o.state());
        assertEquals(2.0, o.value(), 1e-12);
        assertEquals(1.0, o.spread(), 1e-12);
        assertEquals(List.of(1.0, 2.0, 3.0), o.runs());
        Outcome json = new CommandObjective(List.of("echo", "{\"value\": {x}}"), dir, Duration.ofSeconds(10), 1, 1).evaluate(Map.of("x", 1.5), 0);
        assertEquals(1.5, json.value());
        Outcome bad = new CommandObjective(List.of("echo", "hello"), dir, Duration.ofSeconds(10), 1, 1).evaluate(Map.of(), 0);
        assertEquals(Trial.State.FAILED, bad.state());
        assertTrue(bad.error().contains("'hello'"), bad.error());
        Outcome exit = new CommandObjective(List.of("sh", "-c", "echo oops >&2; exit 3"), dir, Duration.ofSeconds(10), 1, 1).evaluate(Map.of(), 0);
        assertTrue(exit.error().contains("code 3: oops"), exit.error());
        Outcome slow = new CommandObjective(List.of("sleep", "30"), dir, Duration.ofMillis(300), 1, 1).evaluate(Map.of(), 0);
        assertEquals(Trial.State.TIMEOUT, slow.state());
        Outcome missing = new CommandObjective(List.of("/no/such/program"), dir, Duration.ofSeconds(1), 1, 1).evaluate(Map.of(), 0);
        assertEquals(Trial.State.FAILED, missing.state());
    }

    @Test
    void gridCoversEveryCellThenRefinesAroundTheBest() {
        StudySpec s = parse("""
                name: g
                objective: {command: "true"}
                parameter_space:
                  x: {type: float, range: [0, 1], grid_points: 5}
                  c: {type: categorical, choices: [a, b]}
                sampler: grid
                """);
        GridSampler g = new GridSampler(s.space(), s.directions());
        assertEquals(10, g.size());
        java.util.Set<Map<String, Object>> seen = new java.util.HashSet<>();
        java.util.List<Trial> done = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Map<String, Object> p = g.suggest(i, done);
            seen.add(p);
            double x = (Double) p.get("x");
            done.add(new Trial(i, p, Trial.State.COMPLETE, List.of(Math.abs(x - 0.6) + ("b".equals(p.get("c")) ? 0 : 1)), 0, List.of(), null, 0, "t"));
        }
        assertEquals(10, seen.size());
        // best cell: x = 0.5, c = b; round 1 tries 0.5 ± 0.125 with c = b
        assertEquals(Map.of("x", 0.375, "c", "b"), g.suggest(10, done));
        assertEquals(Map.of("x", 0.625, "c", "b"), g.suggest(11, done));
    }
}
