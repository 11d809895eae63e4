package io.cerebro.agents.bench;

import io.cerebro.agents.improve.Strategy;
import io.cerebro.agents.validate.SandboxLimits;
import io.cerebro.core.spec.CausalSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole offline benchmark: at least 40 cases over every family, each dataset's planted effect
 * recovered by the engine within its stated tolerance, and the offline generator validating 100%.
 * A second round validates nothing again (the bench remembers each case's validated programs).
 */
class OfflineBenchTest {
    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void theOfflineGeneratorValidatesEveryCase() {
        List<BenchSpec> cases = BenchSuite.all();
        assertTrue(cases.size() >= 40, "only " + cases.size() + " cases");
        assertEquals(Set.of("ab", "power", "causal", "geo", "mmm", "bandit", "uplift"), BenchSuite.families(cases));
        Set<String> causal = cases.stream().filter(c -> c.spec() instanceof CausalSpec).map(BenchSpec::id)
                .collect(Collectors.toSet());
        for (String m : List.of("did", "rdd", "iv", "synth", "ipw", "aipw", "psm", "event-study", "staggered")) {
            assertTrue(causal.stream().anyMatch(id -> id.contains(m)), "no causal case for " + m);
        }
        assertTrue(cases.stream().filter(c -> c.family().equals("ab")).count() >= 10, "A/B needs several tests");
        SandboxLimits limits = new SandboxLimits(Duration.ofSeconds(120), 384);
        try (GenerationBench bench = new GenerationBench(BenchEnvironment.offline(limits))) {
            BenchReport r = bench.run(cases, Strategy.OFFLINE, 2);
            System.out.println(r.toText());
            assertEquals(1.0, r.passRate(), r::toText);
            for (CaseResult c : r.cases()) {
                assertTrue(c.plantedOk(), c.id() + ": the engine gave " + c.recovered() + " where " + c.planted() + " was planted");
                assertEquals(1, c.attempts(), c.id());
                assertEquals(0, c.tokens(), c.id());
                assertEquals("offline/none/ranked/standard/a1", c.strategy());
            }
            for (BenchReport.FamilyFigures f : r.families()) {
                assertEquals(f.cases(), f.validated(), f.family());
                assertEquals(1.0, f.meanAttempts(), f.family());
            }
            int validated = bench.validatedPrograms();
            assertEquals(cases.size(), validated);
            BenchReport again = bench.run(cases, Strategy.OFFLINE, 2);
            assertEquals(1.0, again.passRate());
            assertEquals(validated, bench.validatedPrograms(), "a second round validated programs again");
            String text = r.toText();
            assertTrue(text.contains("all") && text.contains("100.0%"), text);
            assertTrue(r.toJson().contains("\"passRate\" : 1.0"), r.toJson());
        }
    }

    @Test
    void generatorsAreDeterministic() throws Exception {
        Path dir = Files.createTempDirectory("bench-data");
        for (BenchSpec c : BenchSuite.all()) {
            Path a = dir.resolve(c.id() + "-a.csv");
            Path b = dir.resolve(c.id() + "-b.csv");
            boolean wrote = BenchData.write(c.generator(), c.params(), c.seed(), a);
            BenchData.write(c.generator(), c.params(), c.seed(), b);
            if (wrote) {
                assertEquals(Files.readString(a), Files.readString(b), c.id());
                Files.delete(a);
                Files.delete(b);
            }
        }
        Files.delete(dir);
    }
}
