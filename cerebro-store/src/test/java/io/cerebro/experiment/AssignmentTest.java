package io.cerebro.experiment;

import io.cerebro.store.ExperimentStore;
import io.cerebro.store.Stores;
import io.cerebro.store.Variant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deterministic, sticky and stratum-balanced assignment. */
class AssignmentTest {
    @TempDir
    Path dir;
    ExperimentStore store;
    Lifecycle life;

    @BeforeEach
    void open() {
        store = Stores.open(dir.resolve("s.duckdb").toString(), Map.of());
        life = new Lifecycle(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theHashPositionIsSha256OfSaltAndUnitAsPythonComputesIt() {
        // oracle: Python 3 hashlib, int.from_bytes(sha256(salt + b'\0' + unit)[:8], 'big') >> 11, times 2**-53
        assertEquals(0.2786540999755881, UnitHash.position("checkout-v2-salt", "user42"), 0);
        assertEquals(0.8945424024343909, UnitHash.position("s", "u1"), 0);
    }

    @Test
    void sharesFollowTheAllocation() {
        List<Variant> v = List.of(new Variant("a", 0.2), new Variant("b", 0.3), new Variant("c", 0.5));
        int[] counts = new int[3];
        int n = 60_000;
        for (int i = 0; i < n; i++) {
            String pick = UnitHash.pick(v, UnitHash.position("salt", "user-" + i)).name();
            counts[pick.charAt(0) - 'a']++;
        }
        // chi-square goodness of fit, 2 df: the 0.999 quantile is 13.8
        double chi2 = 0;
        for (int k = 0; k < 3; k++) {
            double expected = n * v.get(k).weight();
            chi2 += Math.pow(counts[k] - expected, 2) / expected;
        }
        assertTrue(chi2 < 13.8, "chi2 " + chi2 + " counts " + java.util.Arrays.toString(counts));
    }

    @Test
    void aUnitGetsTheSameVariantOnEveryCallAndKeepsItWhenTheAllocationChanges() {
        life.create(Stores4Tests.design("e", Stores4Tests.even(), null));
        life.start("e", null);
        Map<String, String> first = new HashMap<>();
        for (int i = 0; i < 400; i++) {
            first.put("u" + i, life.assign("e", "u" + i, null).variant());
        }
        for (int i = 0; i < 400; i += 7) {
            assertEquals(first.get("u" + i), life.assign("e", "u" + i, null).variant());
            // a fresh store with the same salt puts an unstored unit in the same place: same on every machine
            assertEquals(first.get("u" + i), Assigner.single(life.require("e"), "u" + i).name());
        }
        life.reallocate("e", List.of(new Variant("control", 0.05), new Variant("treatment", 0.95)));
        int treatmentNew = 0;
        for (int i = 0; i < 400; i++) {
            assertEquals(first.get("u" + i), life.assign("e", "u" + i, null).variant(), "sticky");
            if (life.assign("e", "new" + i, null).variant().equals("treatment")) {
                treatmentNew++;
            }
        }
        assertTrue(treatmentNew > 360, "new units follow the new allocation: " + treatmentNew + " of 400");
    }

    @Test
    void batchAssignmentBalancesEveryStratumToWithinOne() {
        life.create(Stores4Tests.design("eq", List.of(new Variant("a", 1 / 3.0), new Variant("b", 1 / 3.0), new Variant("c", 1 / 3.0)), "country"));
        life.create(Stores4Tests.design("uneq", List.of(new Variant("control", 0.3), new Variant("treatment", 0.7)), "country"));
        life.start("eq", null);
        life.start("uneq", null);
        Random rnd = new Random(7);
        String[] countries = {"US", "FR", "BR", "DE", "JP"};
        List<Assigner.Unit> units = new ArrayList<>();
        for (int i = 0; i < 1237; i++) {
            units.add(new Assigner.Unit("user" + i, countries[(int) Math.floor(Math.pow(rnd.nextDouble(), 2) * countries.length)]));
        }
        for (String name : List.of("eq", "uneq")) {
            List<Lifecycle.Assigned> out = life.assignBatch(name, units);
            Map<String, Map<String, Integer>> byStratum = new HashMap<>();
            Map<String, Integer> sizes = new HashMap<>();
            for (int i = 0; i < units.size(); i++) {
                byStratum.computeIfAbsent(units.get(i).stratum(), k -> new HashMap<>()).merge(out.get(i).variant(), 1, Integer::sum);
                sizes.merge(units.get(i).stratum(), 1, Integer::sum);
            }
            for (Variant v : life.require(name).variants()) {
                for (String s : sizes.keySet()) {
                    double target = v.weight() * sizes.get(s);
                    int got = byStratum.get(s).getOrDefault(v.name(), 0);
                    assertTrue(Math.abs(got - target) <= 1, name + " " + s + " " + v.name() + ": " + got + " vs " + target);
                }
            }
            // sticky: the same batch again changes nothing
            assertEquals(out, life.assignBatch(name, units));
            assertEquals(units.get(0).stratum(), store.assignment(name, "user0").orElseThrow().stratum());
        }
    }

    /** Each stratum's counts per variant are within one of its share of the stratum's stored units. */
    private void assertBalanced(String name, String what) {
        Map<String, Map<String, Integer>> byStratum = new HashMap<>();
        List<io.cerebro.store.UnitOutcome> all = store.unitOutcomes(name, life.require(name).metrics().get(0));
        Map<String, Integer> sizes = new HashMap<>();
        for (io.cerebro.store.UnitOutcome u : all) {
            byStratum.computeIfAbsent(u.stratum(), k -> new HashMap<>()).merge(u.variant(), 1, Integer::sum);
            sizes.merge(u.stratum(), 1, Integer::sum);
        }
        for (Variant v : life.require(name).variants()) {
            for (String s : sizes.keySet()) {
                double target = v.weight() * sizes.get(s);
                int got = byStratum.get(s).getOrDefault(v.name(), 0);
                assertTrue(Math.abs(got - target) < 1 + 1e-9, what + ": " + name + " " + s + " " + v.name() + ": " + got + " vs " + target);
            }
        }
    }

    @Test
    void singleAssignmentsSmallBatchesAndRecordedUnitsBalanceEveryStratumOverAllItsUnits() {
        life.create(Stores4Tests.design("one", Stores4Tests.even(), "country"));
        life.create(Stores4Tests.design("few", List.of(new Variant("a", 0.2), new Variant("b", 0.3), new Variant("c", 0.5)), "country"));
        life.create(Stores4Tests.design("rec", Stores4Tests.even(), "country"));
        for (String n : List.of("one", "few", "rec")) {
            life.start(n, null);
        }
        String[] countries = {"US", "FR", "BR"};
        Random rnd = new Random(11);
        List<String> firstUs = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            String c = countries[rnd.nextInt(3)];
            Lifecycle.Assigned a = life.assign("one", "u" + i, c);
            if (c.equals("US") && firstUs.size() < 20) {
                firstUs.add(a.variant());
            }
            life.record("rec", List.of(new Lifecycle.Observation("u" + i, "converted", 1, c)), n -> { });
        }
        assertBalanced("one", "one unit at a time");
        assertBalanced("rec", "units assigned by their first event");
        // ties go by the unit's hash, not always to the first variant: the order is not control, treatment, control, ...
        List<String> alternating = new ArrayList<>();
        for (int i = 0; i < firstUs.size(); i++) {
            alternating.add(i % 2 == 0 ? "control" : "treatment");
        }
        assertFalse(firstUs.equals(alternating), firstUs.toString());
        for (int from = 0; from < 280; from += 7) {
            List<Assigner.Unit> batch = new ArrayList<>();
            for (int i = from; i < from + 7; i++) {
                batch.add(new Assigner.Unit("u" + i, countries[Math.floorMod(i * 31, 3)]));
            }
            life.assignBatch("few", batch);
            assertBalanced("few", "after the batch from " + from);
        }
    }

    @Test
    void unitsOfADraftPausedOrStoppedExperimentGetTheControlAndAreNotStored() {
        life.create(Stores4Tests.design("e", Stores4Tests.even(), null));
        Lifecycle.Assigned draft = life.assign("e", "u1", null);
        assertEquals("control", draft.variant());
        assertTrue(draft.note().contains("draft") && draft.note().contains("cerebro exp start e"), draft.note());
        life.start("e", null);
        String treated = null;
        for (int i = 0; treated == null; i++) {
            Lifecycle.Assigned a = life.assign("e", "t" + i, null);
            if (a.variant().equals("treatment")) {
                treated = a.unit();
            }
        }
        life.pause("e", "incident");
        Lifecycle.Assigned paused = life.assign("e", treated, null);
        assertEquals("control", paused.variant());
        assertFalse(paused.stored());
        assertTrue(paused.note().contains("paused"), paused.note());
        life.stop("e", "done");
        assertTrue(life.assign("e", "brand-new", null).note().contains("stopped"));
        assertTrue(store.assignment("e", "brand-new").isEmpty());
        assertEquals("treatment", store.assignment("e", treated).orElseThrow().variant(), "the stored assignment is kept");
        io.cerebro.core.error.UserInputException restart = org.junit.jupiter.api.Assertions.assertThrows(
                io.cerebro.core.error.UserInputException.class, () -> life.start("e", null));
        assertTrue(restart.getMessage().contains("cannot be restarted"), restart.getMessage());
    }
}
