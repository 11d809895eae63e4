package io.cerebro.policy;

import io.cerebro.core.error.UserInputException;
import io.cerebro.experiment.Lifecycle;
import io.cerebro.policy.router.Router;
import io.cerebro.policy.router.RouterConfig;
import io.cerebro.store.ExperimentStore;
import io.cerebro.store.MetricDefinition;
import io.cerebro.store.MetricKind;
import io.cerebro.store.Policy;
import io.cerebro.store.PolicyAdjustment;
import io.cerebro.store.PolicyChange;
import io.cerebro.store.PolicySnapshot;
import io.cerebro.store.PolicyWrite;
import io.cerebro.store.QValue;
import io.cerebro.store.SequentialTest;
import io.cerebro.store.Stores;
import io.cerebro.store.Variant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The policy service's contract, run on DuckDB and on a real PostgreSQL server: validation refuses
 * with one line and changes nothing; apply and rollback round-trip exact values and rules; the
 * history holds every step with who, what, why, when, feedback count and confidence; stale or
 * concurrent changes are refused whole; a proposal from an experiment carries its winner; two
 * learners at once lose no Q-table update.
 */
public abstract class PolicyServiceContract {
    private String location;
    protected ExperimentStore store;
    protected PolicyService policies;

    /** @return the location of a new, empty store. */
    protected abstract String freshLocation() throws Exception;

    @BeforeEach
    void open() throws Exception {
        location = freshLocation();
        store = Stores.open(location, Map.of());
        policies = new PolicyService(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void reopen() {
        store.close();
        store = Stores.open(location, Map.of());
        policies = new PolicyService(store);
    }

    private static PolicyService.SetRequest set(String name, String scope, String value, PolicyType type, Double min, Double max, Double step) {
        return new PolicyService.SetRequest(name, scope, value, type, min, max, step, "alice", null);
    }

    private void fourPolicies() {
        policies.set(set("routing.threshold", "repo-a", "0.70", null, 0.0, 1.0, 0.1));
        policies.set(set("retries", "repo-a", "3", PolicyType.INT, 0.0, 10.0, 2.0));
        policies.set(set("checkout.flow", null, "control", PolicyType.STRING, null, null, null));
        policies.set(set("search.rerank", null, "false", PolicyType.BOOL, null, null, null));
    }

    /** What must not change when a change is refused. */
    private record State(List<Policy> policies, int snapshots, List<PolicyAdjustment> history) {
    }

    private State state() {
        List<PolicyAdjustment> h = new ArrayList<>();
        for (Policy p : store.policies()) {
            h.addAll(store.adjustments(p.name(), p.scope()));
        }
        return new State(store.policies(), store.snapshots().size(), h);
    }

    private String refused(Executable what) {
        UserInputException e = assertThrows(UserInputException.class, what::run);
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @FunctionalInterface
    interface Executable {
        void run() throws Throwable;
    }

    @Test
    void validationRefusesOutOfBoundsTooLargeStepsAndWrongTypesWithOneLineAndChangesNothing() {
        fourPolicies();
        assertEquals("0.7", policies.require("routing.threshold", "repo-a").value(), "numbers are kept in canonical text");
        State before = state();

        Validation above = policies.validate("routing.threshold", "repo-a", "1.2");
        assertFalse(above.ok());
        assertEquals(2, above.problems().size(), above.problems().toString());
        assertTrue(above.problems().get(0).contains("1.2 is above the maximum 1; give a value in [0, 1]"), above.problems().get(0));
        assertTrue(above.problems().get(1).contains("a step of 0.5 from 0.7 to 1.2 is larger than its maximum step 0.1"), above.problems().get(1));
        // 0.8 - 0.7 is 0.1 exactly in decimal (not 0.10000000000000009 as in binary): allowed
        assertTrue(policies.validate("routing.threshold", "repo-a", "0.8").ok());
        assertTrue(policies.validate("routing.threshold", "repo-a", "0.6").ok());
        assertFalse(policies.validate("routing.threshold", "repo-a", "0.80001").ok());

        assertTrue(refused(() -> policies.set(set("routing.threshold", "repo-a", "-0.1", null, null, null, null)))
                .contains("-0.1 is below the minimum 0"));
        assertTrue(refused(() -> policies.propose(new PolicyService.FeedbackProposal("routing.threshold", "repo-a", null, 0.25, 12, 0.8, "bob", null)))
                .contains("a step of 0.25 from 0.7 to 0.95 is larger than its maximum step 0.1"));
        assertTrue(refused(() -> policies.propose(new PolicyService.FeedbackProposal("routing.threshold", "repo-a", "high", null, 12, 0.8, "bob", null)))
                .contains("'high' is not a number; policy routing.threshold holds a number"));
        assertTrue(refused(() -> policies.set(set("retries", "repo-a", "3.5", null, null, null, null))).contains("'3.5' is not an integer"));
        assertTrue(refused(() -> policies.set(set("retries", "repo-a", "6", null, null, null, null))).contains("a step of 3 from 3 to 6"));
        assertTrue(refused(() -> policies.set(set("search.rerank", null, "maybe", null, null, null, null))).contains("'maybe' is not a boolean"));
        assertTrue(refused(() -> policies.set(set("retries", "repo-a", "4", PolicyType.STRING, null, null, null))).contains("type is fixed"));
        assertTrue(refused(() -> policies.set(set("checkout.flow", null, "x", null, 0.0, null, null))).contains("apply to number and int policies only"));
        assertTrue(refused(() -> policies.set(set("new.one", null, "0.5", null, 1.0, 0.0, null))).contains("is above --max"));
        assertTrue(refused(() -> policies.propose(new PolicyService.FeedbackProposal("routing.threshold", "repo-a", "0.75", null, 3, 1.5, "bob", null)))
                .contains("--confidence must be in [0, 1]"));
        assertTrue(refused(() -> policies.validate("routing.threshold", "repo-b", "0.7")).contains("it exists in scope repo-a (give --scope)"));
        assertTrue(refused(() -> policies.validate("no.such", null, "1")).contains("no policy named 'no.such'"));

        assertEquals(before, state(), "a refused change changes nothing: values, snapshots, history");
    }

    @Test
    void applyThenRollbackRestoresExactValuesAndRulesAndARollbackCanBeRolledBack() {
        fourPolicies();
        List<Policy> original = store.policies();
        PolicyAdjustment p = policies.propose(new PolicyService.FeedbackProposal("routing.threshold", "repo-a", null, 0.05, 40, 0.9, "bob",
                "users want fewer escalations"));
        assertEquals("0.75", p.newValue());
        assertEquals("0.7", policies.require("routing.threshold", "repo-a").value(), "a proposal changes nothing");
        PolicyService.Change applied = policies.apply(p.id(), "carol");
        assertEquals(original, applied.snapshot().policies(), "the snapshot holds every policy as it was just before the apply");
        assertEquals("0.75", policies.require("routing.threshold", "repo-a").value());
        policies.set(set("retries", "repo-a", "5", null, null, null, 3.0));
        policies.set(set("brand.new", "repo-a", "1", null, null, null, null));

        reopen(); // what is committed is what a new process sees
        List<Policy> changed = store.policies();
        PolicyService.Change back = policies.rollback(applied.snapshot().id(), "dave", "escalations went up");
        assertEquals(content(original), content(store.policies()), "values and rules exactly as before the apply; the policy created since is removed");
        assertEquals(3, back.audit().size(), "one audit entry per policy the rollback changed");
        assertTrue(back.audit().stream().allMatch(a -> a.status().equals(PolicyService.ROLLED_BACK) && a.actor().equals("dave")));
        assertTrue(back.audit().stream().anyMatch(a -> a.policy().equals("brand.new") && a.newValue() == null));

        policies.rollback(back.snapshot().id(), "dave", "undo the rollback");
        assertEquals(content(changed), content(store.policies()), "rolling back to the snapshot the rollback took undoes it");
        assertNull(policies.rollback(back.snapshot().id(), "dave", null).snapshot(), "already there: nothing is written");
        assertTrue(refused(() -> policies.rollback("snap-nope", "dave", null)).contains("no policy snapshot 'snap-nope'"));
    }

    private static List<List<Object>> content(List<Policy> ps) {
        return ps.stream().map(p -> List.<Object>of(p.name(), p.scope(), p.value(), p.valueType(), String.valueOf(p.minValue()),
                String.valueOf(p.maxValue()), String.valueOf(p.maxStep()))).toList();
    }

    @Test
    void historyHoldsEveryStepWithWhoWhatWhyWhenFeedbackAndConfidence() {
        Instant start = Instant.now().minusSeconds(1);
        policies.set(new PolicyService.SetRequest("routing.threshold", "repo-a", "0.7", null, 0.0, 1.0, 0.1, "alice", "initial threshold"));
        PolicyAdjustment p = policies.propose(new PolicyService.FeedbackProposal("routing.threshold", "repo-a", "0.75", null, 40, 0.9, "bob",
                "40 reviews asked for fewer escalations"));
        PolicyService.Change applied = policies.apply(p.id(), "carol");
        policies.set(new PolicyService.SetRequest("routing.threshold", "repo-a", "0.8", null, null, null, null, "alice", "hotfix"));
        policies.rollback(applied.snapshot().id(), "dave", "precision dropped");

        List<PolicyAdjustment> h = policies.history("routing.threshold", "repo-a");
        assertEquals(List.of("alice", "bob", "carol", "alice", "dave"), h.stream().map(PolicyAdjustment::actor).toList());
        assertEquals(List.of("applied", "applied", "applied", "applied", "rolled_back"), h.stream().map(PolicyAdjustment::status).toList(),
                "the proposal's status became applied when it was");
        assertEquals(List.of("manual", "feedback", "feedback", "manual", "rollback"), h.stream().map(PolicyAdjustment::source).toList());
        assertEquals(java.util.Arrays.asList(null, "0.7", "0.7", "0.75", "0.8"), h.stream().map(PolicyAdjustment::oldValue).toList());
        assertEquals(List.of("0.7", "0.75", "0.75", "0.8", "0.7"), h.stream().map(PolicyAdjustment::newValue).toList());
        assertEquals(List.of(0L, 40L, 40L, 0L, 0L), h.stream().map(PolicyAdjustment::feedbackCount).toList());
        assertEquals(0.9, h.get(1).confidence());
        assertEquals(0.9, h.get(2).confidence());
        assertEquals("initial threshold", h.get(0).reason());
        assertEquals("applied " + p.id() + ": 40 reviews asked for fewer escalations", h.get(2).reason());
        assertTrue(h.get(4).reason().startsWith("rollback to " + applied.snapshot().id()) && h.get(4).reason().endsWith(": precision dropped"),
                h.get(4).reason());
        for (int i = 0; i < h.size(); i++) {
            assertFalse(h.get(i).createdAt().isBefore(start));
            assertTrue(i == 0 || !h.get(i).createdAt().isBefore(h.get(i - 1).createdAt()), "oldest first");
        }
        assertEquals(4, policies.snapshots().size(), "a snapshot before each of the four changes, none for the proposal");
    }

    @Test
    void aStaleProposalAndAConcurrentChangeAreRefusedWhole() {
        fourPolicies();
        PolicyAdjustment up = policies.propose(new PolicyService.FeedbackProposal("routing.threshold", "repo-a", "0.75", null, 5, null, "bob", null));
        PolicyAdjustment down = policies.propose(new PolicyService.FeedbackProposal("routing.threshold", "repo-a", "0.65", null, 5, null, "eve", null));
        policies.apply(up.id(), "carol");
        State before = state();
        assertTrue(refused(() -> policies.apply(down.id(), "carol")).contains("is 0.75 now, not 0.7 as when " + down.id() + " was proposed"));
        assertTrue(refused(() -> policies.apply(up.id(), "carol")).contains("is applied, not a pending proposal"));
        assertTrue(refused(() -> policies.apply("adj-nope", "carol")).contains("no proposed adjustment 'adj-nope'"));
        // another process changed the policy between reading and writing: the store refuses the whole change, snapshot included
        Policy now = store.policy("retries", "repo-a").orElseThrow();
        Policy next = new Policy("retries", "repo-a", "4", "int", now.minValue(), now.maxValue(), now.maxStep(), Instant.now());
        PolicyAdjustment audit = new PolicyAdjustment("adj-x", "retries", "repo-a", "2", "4", "mallory", null, "manual", 0, null, "applied", Instant.now());
        assertTrue(refused(() -> store.changePolicies(new PolicyChange("snap-x", "test", List.of(
                new PolicyWrite("checkout.flow", "global", "control", store.policy("checkout.flow", "global").orElseThrow()),
                new PolicyWrite("retries", "repo-a", "2", next)), List.of(audit), List.of()))).contains("changed meanwhile"));
        assertEquals(before, state(), "nothing of a refused change is stored");
        assertTrue(store.snapshot("snap-x").isEmpty());
    }

    @Test
    void aProposalFromAnExperimentCarriesItsWinnerUnitsAndConfidence() {
        policies.set(set("checkout.flow", "web", "control", PolicyType.STRING, null, null, null));
        policies.set(set("checkout.steps", "web", "3", PolicyType.INT, 1.0, 5.0, 2.0));
        Lifecycle life = new Lifecycle(store);
        List<MetricDefinition> metrics = List.of(new MetricDefinition("converted", MetricKind.BINARY));
        List<Variant> even = List.of(new Variant("control", 0.5), new Variant("treatment", 0.5));
        life.create(new Lifecycle.Design("onepage", even, metrics, 200, null, null, null, SequentialTest.MSPRT, 0.05, 0.8, 0.1, null, 0.2, "s"));
        life.create(new Lifecycle.Design("flat", even, metrics, 200, null, null, null, SequentialTest.MSPRT, 0.05, 0.8, 0.1, null, 0.2, "t"));
        life.start("onepage", null);
        life.start("flat", null);
        // planted: 10% conversion in control, 30% in treatment (a difference the mSPRT finds at 600 per arm); none in "flat"
        Random rnd = new Random(16);
        for (String exp : List.of("onepage", "flat")) {
            List<Lifecycle.Observation> obs = new ArrayList<>();
            for (int i = 0; i < 1200; i++) {
                obs.add(new Lifecycle.Observation("u" + i, "converted", 0, null));
            }
            life.record(exp, obs, n -> { });
            List<Lifecycle.Observation> conv = new ArrayList<>();
            for (int i = 0; i < 1200; i++) {
                String v = store.assignment(exp, "u" + i).orElseThrow().variant();
                double p = exp.equals("onepage") && v.equals("treatment") ? 0.30 : 0.10;
                if (rnd.nextDouble() < p) {
                    conv.add(new Lifecycle.Observation("u" + i, "converted", 1, null));
                }
            }
            life.record(exp, conv, n -> { });
        }
        life.stop("onepage", "done");
        PolicyAdjustment a = policies.proposeFromExperiment(new PolicyService.ExperimentProposal("checkout.flow", "web", "onepage", Map.of(), "alice", null));
        assertEquals("treatment", a.newValue());
        assertEquals("control", a.oldValue());
        assertEquals("experiment:onepage", a.source());
        assertEquals(1200, a.feedbackCount(), "every unit of the experiment");
        assertTrue(a.confidence() > 0.99 && a.confidence() <= 1, "1 - the winner's p-value: " + a.confidence());
        assertTrue(a.reason().startsWith("winner: treatment"), a.reason());
        PolicyAdjustment steps = policies.proposeFromExperiment(new PolicyService.ExperimentProposal("checkout.steps", "web", "onepage",
                Map.of("treatment", "1", "control", "3"), "alice", "one page"));
        assertEquals("1", steps.newValue(), "a variant stands for the value --variant-value gives it");
        policies.apply(a.id(), "bob");
        assertEquals("treatment", policies.require("checkout.flow", "web").value());

        State before = state();
        assertTrue(refused(() -> policies.proposeFromExperiment(new PolicyService.ExperimentProposal("checkout.flow", "web", "flat", Map.of(), "alice", null)))
                .contains("experiment 'flat' has no winner to propose"));
        assertTrue(refused(() -> policies.proposeFromExperiment(new PolicyService.ExperimentProposal("checkout.flow", "web", "nope", Map.of(), "alice", null)))
                .contains("no experiment named 'nope'"));
        assertEquals(before, state());
    }

    @Test
    void concurrentLearnersLoseNoUpdateAndTheQValueIsTheMeanReward() throws Exception {
        Router router = new Router(store);
        router.define(RouterConfig.of("r", List.of("fast", "careful")));
        int threads = 4;
        int each = 15;
        String[] outcomes = {"excellent", "good", "poor", "failure"};
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String outcome = outcomes[t];
            done.add(pool.submit(() -> {
                for (int i = 0; i < each; i++) {
                    router.learn("r", "{\"task\":\"refactor\"}", "careful", outcome, null, null);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        List<QValue> q = store.qTable("r");
        QValue cell = q.stream().filter(x -> x.state().equals("{\"task\":\"refactor\"}") && x.action().equals("careful")).findFirst().orElseThrow();
        assertEquals(threads * each, cell.visits(), "no lost update");
        // with the default rate 1/n the one-step Q-value is the mean reward: (1 + 0.5 - 0.5 - 1) / 4 = 0
        assertEquals(0.0, cell.value(), 1e-9);
        QValue arm = q.stream().filter(x -> x.state().equals("#arms") && x.action().equals("careful")).findFirst().orElseThrow();
        assertEquals(threads * each, arm.visits());
        assertEquals(0.0, arm.value(), 1e-9);
    }
}
