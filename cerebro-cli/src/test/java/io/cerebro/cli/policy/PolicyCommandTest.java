package io.cerebro.cli.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.cli.CliTestSupport;
import io.cerebro.cli.CliTestSupport.Run;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cerebro policy} as a user runs it, in-process: a whole round, and bad input that stores nothing. */
class PolicyCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    String store;

    @BeforeEach
    void paths() {
        store = dir.resolve("cerebro.duckdb").toString();
    }

    private Run policy(String... args) {
        String[] full = new String[args.length + 3];
        full[0] = "policy";
        System.arraycopy(args, 0, full, 1, args.length);
        full[args.length + 1] = "--store";
        full[args.length + 2] = store;
        return CliTestSupport.run(full);
    }

    private Run ok(String... args) {
        Run r = policy(args);
        assertEquals(0, r.code(), String.join(" ", args) + "\n" + r.out() + r.err());
        return r;
    }

    private JsonNode json(String... args) throws Exception {
        return JSON.readTree(ok(args).out());
    }

    /** Everything stored about policies: values, snapshots, the history of each. */
    private String everything() throws Exception {
        StringBuilder s = new StringBuilder(ok("list", "--format", "json").out()).append(ok("snapshots", "--format", "json").out());
        for (JsonNode p : json("list", "--format", "json")) {
            s.append(ok("history", p.get("name").asText(), "--scope", p.get("scope").asText(), "--format", "json").out());
        }
        return s.toString();
    }

    @Test
    void setProposeApplyRollbackAndHistoryAsAUserRunsThem() throws Exception {
        Run set = ok("set", "routing.threshold", "0.70", "--scope", "repo-a", "--min", "0", "--max", "1", "--max-step", "0.1", "--actor", "alice");
        assertTrue(set.out().startsWith("policy routing.threshold (scope repo-a) = 0.7 (number in [0, 1], max step 0.1); snapshot snap-"), set.out());
        assertEquals("0.7\n", ok("get", "routing.threshold", "--scope", "repo-a").out());
        JsonNode proposal = json("propose", "routing.threshold", "--scope", "repo-a", "--delta", "0.05", "--feedback-count", "40",
                "--confidence", "0.9", "--reason", "fewer escalations", "--actor", "bob", "--format", "json");
        assertEquals("0.75", proposal.get("new_value").asText());
        assertEquals("proposed", proposal.get("status").asText());
        assertEquals(0, policy("validate", "routing.threshold", "0.8", "--scope", "repo-a").code());
        Run invalid = policy("validate", "routing.threshold", "1.5", "--scope", "repo-a");
        assertEquals(1, invalid.code(), "a value that breaks a rule is a failed check");
        assertTrue(invalid.out().contains("1.5 is above the maximum 1"), invalid.out());

        JsonNode applied = json("apply", proposal.get("id").asText(), "--actor", "carol", "--format", "json");
        String snapshot = applied.get("snapshot").asText();
        assertEquals("0.75\n", ok("get", "routing.threshold", "--scope", "repo-a").out());
        JsonNode snaps = json("snapshots", "--format", "json");
        assertEquals(snapshot, snaps.get(snaps.size() - 1).get("id").asText());
        assertEquals("0.7", snaps.get(snaps.size() - 1).get("policies").get(0).get("value").asText());

        Run back = ok("rollback", "--to", snapshot, "--reason", "escalations up", "--actor", "dave");
        assertTrue(back.out().contains("routing.threshold (scope repo-a) 0.75 -> 0.7"), back.out());
        assertEquals("0.7\n", ok("get", "routing.threshold", "--scope", "repo-a").out());
        JsonNode h = json("history", "routing.threshold", "--scope", "repo-a", "--format", "json");
        assertEquals(4, h.size(), h.toString());
        assertEquals("alice bob carol dave", h.get(0).get("actor").asText() + " " + h.get(1).get("actor").asText() + " "
                + h.get(2).get("actor").asText() + " " + h.get(3).get("actor").asText());
        assertEquals(40, h.get(2).get("feedback_count").asLong());
        assertEquals(0.9, h.get(2).get("confidence").asDouble());
        assertEquals("rolled_back", h.get(3).get("status").asText());
        Run list = ok("list");
        assertTrue(list.out().contains("routing.threshold") && list.out().contains("repo-a"), list.out());
    }

    @Test
    void routeAndLearnPrintTheActionWithItsComponents() throws Exception {
        ok("set", "routing.model", "careful", "--type", "string");
        Run created = ok("router", "--actions", "fast,careful,thorough", "--weights", "q=1,bandit=0,policy=0.1", "--baseline", "routing.model");
        assertTrue(created.out().contains("score = 1·Q + 0·UCB1 + 0.1·baseline (routing.model)"), created.out());
        String state = "{\"task\":\"refactor\",\"size\":\"large\"}";
        assertEquals("careful", ok("route", "--state", state).out().lines().findFirst().orElseThrow(), "nothing learned: the baseline");
        for (int i = 0; i < 3; i++) {
            ok("learn", "--state", state, "--action", "thorough", "--outcome", "excellent");
            ok("learn", "--state", state, "--action", "careful", "--outcome", "neutral", "--feedback", "poor");
        }
        JsonNode l = json("learn", "--state", "{\"size\":\"large\",\"task\":\"refactor\"}", "--action", "fast", "--outcome", "failure", "--format", "json");
        assertEquals(-1.0, l.get("reward").asDouble());
        JsonNode r = json("route", "--state", "{ \"size\": \"large\", \"task\": \"refactor\" }", "--format", "json");
        assertEquals("thorough", r.get("action").asText());
        assertEquals("{\"size\":\"large\",\"task\":\"refactor\"}", r.get("state").asText());
        JsonNode careful = r.get("components").get(1);
        assertEquals(-0.25, careful.get("q").asDouble(), 1e-12, "neutral with poor feedback: 0.5 * 0 + 0.5 * -0.5");
        assertEquals(1.0, careful.get("baseline").asDouble());
        assertEquals(-0.25 + 0.1, careful.get("score").asDouble(), 1e-12);
        assertEquals(1.0, r.get("components").get(2).get("score").asDouble(), 1e-12);
        assertEquals(3, r.get("components").get(2).get("visits").asLong());
        // another state has learned nothing: the baseline again
        assertEquals("careful", json("route", "--state", "{\"task\":\"docs\"}", "--format", "json").get("action").asText());
    }

    @Test
    void badInputIsOneLineExitTwoAndChangesNothing() throws Exception {
        ok("set", "routing.threshold", "0.7", "--min", "0", "--max", "1", "--max-step", "0.1");
        ok("router", "--actions", "fast,careful");
        String before = everything();
        String q = ok("route", "--state", "{\"a\":1}", "--format", "json").out();

        CliTestSupport.badInput(policy("get", "no.such"), "no policy named 'no.such'", "cerebro policy list");
        CliTestSupport.badInput(policy("history", "no.such"), "no policy named 'no.such'");
        CliTestSupport.badInput(policy("propose", "no.such", "--value", "1"), "no policy named 'no.such'");
        CliTestSupport.badInput(policy("apply", "adj-nope"), "no proposed adjustment 'adj-nope'");
        CliTestSupport.badInput(policy("rollback", "--to", "snap-nope"), "no policy snapshot 'snap-nope'", "cerebro policy snapshots");
        CliTestSupport.badInput(policy("set", "routing.threshold", "0.95"), "a step of 0.25 from 0.7 to 0.95", "nothing was changed");
        CliTestSupport.badInput(policy("set", "routing.threshold", "1.05", "--max-step", "1"), "above the maximum 1");
        CliTestSupport.badInput(policy("set", "routing.threshold", "high"), "'high' is not a number");
        CliTestSupport.badInput(policy("set", "flag", "maybe", "--type", "bool"), "'maybe' is not a boolean");
        CliTestSupport.badInput(policy("set", "flag", "yes", "--type", "colour"), "policy type 'colour' is not known");
        CliTestSupport.badInput(policy("route", "--state", "{task: refactor}"), "--state is not valid JSON", "give an object");
        CliTestSupport.badInput(policy("route", "--state", "[1, 2]"), "--state must be a JSON object");
        CliTestSupport.badInput(policy("learn", "--state", "{oops", "--action", "fast", "--outcome", "good"), "--state is not valid JSON");
        CliTestSupport.badInput(policy("learn", "--state", "{}", "--action", "slow", "--outcome", "good"), "--action 'slow' is not one of router default's actions");
        CliTestSupport.badInput(policy("learn", "--state", "{}", "--action", "fast", "--outcome", "superb"), "--outcome 'superb' is not known");
        CliTestSupport.badInput(policy("route", "--state", "{}", "--router", "other"), "no router named 'other'", "cerebro policy router other --actions");
        CliTestSupport.badInput(policy("list", "--format", "yaml"), "--format yaml is not known");
        CliTestSupport.badInput(policy("router", "other", "--actions", "a,b", "--baseline", "routing.threshold"),
                "baseline policy routing.threshold holds a number");
        CliTestSupport.badInput(policy("router", "other", "--weights", "q=1"), "router other is new: give its actions");
        CliTestSupport.badInput(policy("router", "--weights", "q=1,speed=2"), "the weights are q, bandit and policy");
        CliTestSupport.badInput(policy("rollback"), "give either --to SNAPSHOT or --last");
        CliTestSupport.badInput(policy("apply", "routing.threshold"), "has no pending proposal");

        assertEquals(before, everything(), "nothing stored changed");
        assertEquals(q, ok("route", "--state", "{\"a\":1}", "--format", "json").out(), "the Q-table did not change");

        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String url = "postgresql://cerebro:secret@127.0.0.1:" + closedPort + "/nowhere";
        Run r = CliTestSupport.run("policy", "list", "--store", url);
        CliTestSupport.badInput(r, "cannot connect to the PostgreSQL store");
        assertTrue(!r.err().contains("secret"), r.err());
        CliTestSupport.badInput(CliTestSupport.run("policy", "set", "a", "1", "--store", url), "cannot connect to the PostgreSQL store");
    }
}
