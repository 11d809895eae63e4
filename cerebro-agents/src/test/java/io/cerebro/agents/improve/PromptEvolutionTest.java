package io.cerebro.agents.improve;

import io.cerebro.agents.bench.BenchEnvironment;
import io.cerebro.agents.bench.BenchSpec;
import io.cerebro.agents.bench.BenchSuite;
import io.cerebro.agents.bench.CaseResult;
import io.cerebro.agents.bench.GenerationBench;
import io.cerebro.agents.bench.ReplayEndpoint;
import io.cerebro.agents.llm.LlmConfig;
import io.cerebro.agents.validate.SandboxLimits;
import io.cerebro.agents.validate.Verdict;
import io.cerebro.core.spec.SpecReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prompt evolution on the replay endpoint. The scripted model gets the A/B cases right only when its
 * prompt carries the amendment about {@code estimate} (which the mismatch diagnostics of its wrong
 * answers produce, beside useless amendments about the other mismatched fields); it always gets the
 * power case right. Evolution must find the estimate amendment, keep it for ab as version 1 with pass
 * rate 1, drop the others with their (unchanged) scores, leave power at version 0, and a book reopened
 * from its file must give the same prompts. Deterministic: answers depend only on the prompt.
 */
class PromptEvolutionTest {
    static final String DIFF = "double diff = arm.mean() - control.mean();";

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void evolutionKeepsTheAmendmentThatRaisesThePassRateAndDropsTheUselessOnes() throws Exception {
        List<BenchSpec> cases = BenchSuite.all().stream()
                .filter(c -> Set.of("ab-welch", "ab-student", "power-means-n").contains(c.id())).toList();
        SandboxLimits limits = new SandboxLimits(Duration.ofSeconds(120), 384);
        String needed = Amendments.forField("estimate");
        try (GenerationBench offline = new GenerationBench(BenchEnvironment.offline(limits))) {
            Map<String, String> right = new HashMap<>();
            Set<String> abSpecs = new java.util.HashSet<>();
            List<CaseResult> programs = offline.run(cases, Strategy.OFFLINE, 2).cases();
            for (int i = 0; i < cases.size(); i++) {
                String yaml = SpecReader.toYaml(cases.get(i).spec()).strip() + "\n";
                right.put(yaml, programs.get(i).code());
                if (cases.get(i).family().equals("ab")) {
                    abSpecs.add(yaml);
                }
            }
            ReplayEndpoint.Responder model = ex -> {
                String code = right.get(ex.specYaml());
                boolean ab = abSpecs.contains(ex.specYaml());
                if (ab && !ex.system().contains(needed)) {
                    assertTrue(code.contains(DIFF));
                    return "```java\n" + code.replace(DIFF, "double diff = 1.5 * (arm.mean() - control.mean());") + "\n```";
                }
                return "```java\n" + code + "\n```";
            };
            try (ReplayEndpoint endpoint = new ReplayEndpoint(model)) {
                LlmConfig config = new LlmConfig("openai", endpoint.baseUrl(), "replay", null, Duration.ofSeconds(60));
                GenerationBench bench = offline.with(new BenchEnvironment(config.chatModel(), "replay", null, null, limits));
                Path file = dir.resolve("prompts.jsonl");
                PromptBook book = new PromptBook(file);
                List<PromptEvolution.Generation> gens = PromptEvolution.evolve(bench, cases,
                        Strategy.parse("llm/none/ranked/standard/a1"), book, 3, 4, 2);

                // generation 1: ab fails everywhere, power passes; the estimate amendment is among the candidates
                PromptEvolution.Generation first = gens.get(0);
                assertEquals(0.0, first.base().get("ab"));
                assertEquals(1.0, first.base().get("power"));
                assertTrue(first.candidates().containsKey(needed), first.candidates().keySet().toString());
                assertTrue(first.candidates().size() >= 2, "no useless candidate to drop: " + first.candidates().keySet());
                assertEquals(1.0, first.candidates().get(needed).get("ab"));
                assertEquals(Map.of("ab", needed), first.kept());
                // generation 2: nothing fails any more
                assertEquals(2, gens.size());
                assertEquals(1.0, gens.get(1).base().get("ab"));

                PromptVersion ab = book.current("ab");
                assertEquals(1, ab.version());
                assertEquals(0, ab.parent());
                assertEquals(List.of(needed), ab.amendments());
                assertEquals(1.0, ab.passRate());
                assertEquals(0, book.version("power"));
                assertEquals(List.of(), book.amendments("power"));
                List<PromptVersion> dropped = book.history().stream().filter(v -> !v.kept()).toList();
                assertFalse(dropped.isEmpty());
                for (PromptVersion v : dropped) {
                    assertFalse(v.candidate().equals(needed) && v.family().equals("ab"), "the needed amendment was dropped for ab");
                    if (v.family().equals("ab")) {
                        assertEquals(0.0, v.passRate(), v.candidate());
                    }
                }
                // the useless amendments came from the other mismatched fields
                assertTrue(first.candidates().keySet().stream().anyMatch(a -> a.contains("`interval`") || a.contains("`pValue`")
                        || a.contains("`statistic`")), first.candidates().keySet().toString());

                // without amendments the case still fails on estimate; with the book's prompts it validates
                CaseResult wrong = bench.runCase(cases.get(0), Strategy.parse("llm/none/ranked/standard/a1"));
                assertEquals(List.of(Verdict.MISMATCH), wrong.verdicts());
                assertTrue(wrong.diagnostics().stream().anyMatch(d -> d.startsWith("estimate")), wrong.diagnostics().toString());
                CaseResult fixed = bench.with(bench.environment().withAmendments(book::amendments))
                        .runCase(cases.get(0), Strategy.parse("llm/none/ranked/standard/a1"));
                assertEquals(List.of(Verdict.PASSED), fixed.verdicts());

                PromptBook reopened = new PromptBook(file);
                assertEquals(book.history().size(), reopened.history().size());
                assertEquals(List.of(needed), reopened.amendments("ab"));
                assertEquals(1, reopened.version("ab"));
            }
        }
    }
}
