package io.cerebro.cli.policy;

import io.cerebro.cli.CliTestSupport;
import io.cerebro.store.ExperimentStore;
import io.cerebro.store.Policy;
import io.cerebro.store.PolicyAdjustment;
import io.cerebro.store.PolicySnapshot;
import io.cerebro.store.Stores;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * State survives {@code kill -9} during {@code cerebro policy apply}: a child JVM proposes and
 * applies policy changes in a loop and is SIGKILLed at random points, several times over the same
 * DuckDB store. Afterwards every apply has its snapshot, its audit row and its proposal marked
 * applied, or none of them; the audit rows chain (each starts from the value the previous one left);
 * and the policy's value is the one the last complete apply wrote.
 */
@Tag("slow")
class PolicyKillTest {
    static final int KILLS = 10;

    @TempDir
    Path dir;

    @Test
    void everyApplyIsWholeOrAbsentAfterKillMinusNine() throws Exception {
        String store = dir.resolve("policies.duckdb").toString();
        assertEquals(0, CliTestSupport.run("policy", "set", "price", "0", "--store", store).code());
        Random random = new Random(20261207);
        for (int k = 0; k < KILLS; k++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), PolicyApplyLoopMain.class.getName(), store)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            BufferedReader err = new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8));
            StringBuilder said = new StringBuilder();
            for (String line = err.readLine(); line != null; line = err.readLine()) {
                said.append(line).append('\n');
                if (line.equals("ready")) {
                    break;
                }
            }
            assertTrue(child.isAlive(), "the child stopped before it was killed: " + said);
            Thread.sleep(random.nextInt(400));
            assertTrue(child.isAlive(), "the child stopped on its own: " + said);
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no close
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, child.exitValue(), "killed by SIGKILL, not failed: " + said);
            Thread.ofPlatform().daemon().start(() -> err.lines().count()); // drain what is left
        }
        int applies = check(store);
        System.out.println("PolicyKillTest: " + KILLS + " kills, " + applies + " complete applies, "
                + pendingProposals(store) + " proposals left pending by a kill");
        assertTrue(applies >= KILLS, "each child applied at least once before it was killed, got " + applies);
        // the store takes the next apply as usual
        assertEquals(0, CliTestSupport.run("policy", "propose", "price", "--delta", "1", "--store", store).code());
        assertEquals(0, CliTestSupport.run("policy", "apply", "price", "--store", store).code());
        assertEquals(applies + 1, check(store));
    }

    private static long pendingProposals(String store) {
        try (ExperimentStore s = Stores.open(store)) {
            return s.adjustments("price", "global").stream().filter(a -> a.status().equals("proposed")).count();
        }
    }

    /** Checks the store's consistency; @return the number of complete applies. */
    private static int check(String store) {
        try (ExperimentStore s = Stores.open(store)) {
            Policy price = s.policy("price", "global").orElseThrow();
            List<PolicyAdjustment> rows = new ArrayList<>(s.adjustments("price", "global"));
            Map<String, PolicyAdjustment> byId = new HashMap<>();
            rows.forEach(r -> byId.put(r.id(), r));
            Map<String, PolicySnapshot> snapshotOfApply = new HashMap<>();
            for (PolicySnapshot snap : s.snapshots()) {
                if (snap.reason().startsWith("before applying ")) {
                    String id = snap.reason().substring("before applying ".length()).split(" ")[0];
                    assertTrue(snapshotOfApply.put(id, snap) == null, "one snapshot per apply of " + id);
                }
            }
            List<PolicyAdjustment> applied = new ArrayList<>();
            for (PolicyAdjustment r : rows) {
                if (r.reason() != null && r.reason().startsWith("applied adj-")) {
                    applied.add(r);
                }
            }
            Map<String, PolicyAdjustment> auditOfProposal = new HashMap<>();
            for (PolicyAdjustment a : applied) {
                String proposal = a.reason().substring("applied ".length()).split(":")[0];
                assertTrue(auditOfProposal.put(proposal, a) == null, "one audit row per apply of " + proposal);
                PolicyAdjustment p = byId.get(proposal);
                assertNotNull(p, "the proposal " + proposal + " of an audit row is stored");
                assertEquals("applied", p.status(), "an audited apply marks its proposal applied");
                PolicySnapshot snap = snapshotOfApply.get(proposal);
                assertNotNull(snap, "an audited apply of " + proposal + " has its snapshot");
                assertEquals(a.oldValue(), snap.policies().stream().filter(x -> x.name().equals("price")).findFirst().orElseThrow().value(),
                        "the snapshot holds the value before the apply");
            }
            for (PolicyAdjustment r : rows) {
                if ("applied".equals(r.status()) && r.reason() != null && !r.reason().startsWith("applied ") && !"manual".equals(r.source())) {
                    assertNotNull(auditOfProposal.get(r.id()), "a proposal marked applied has its audit row: " + r.id());
                }
            }
            assertEquals(auditOfProposal.keySet(), snapshotOfApply.keySet(), "snapshots and audited applies match one to one");
            applied.sort(Comparator.comparing(PolicyAdjustment::createdAt).thenComparing(a -> Long.parseLong(a.newValue())));
            String value = "0";
            for (PolicyAdjustment a : applied) {
                assertEquals(value, a.oldValue(), "each apply starts from the value the previous one wrote");
                value = a.newValue();
            }
            assertEquals(value, price.value(), "the value is the last complete apply's");
            assertEquals(Integer.toString(applied.size()), price.value(), "each complete apply added 1");
            return applied.size();
        }
    }
}
