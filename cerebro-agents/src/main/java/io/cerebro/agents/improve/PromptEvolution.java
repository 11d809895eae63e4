package io.cerebro.agents.improve;

import io.cerebro.agents.bench.BenchReport;
import io.cerebro.agents.bench.BenchSpec;
import io.cerebro.agents.bench.BenchSuite;
import io.cerebro.agents.bench.CaseResult;
import io.cerebro.agents.bench.GenerationBench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prompt evolution from failures. Each generation: run the benchmark with every family's current
 * prompt; turn the failed cases' diagnostics into candidate amendments ({@link Amendments}); run the
 * benchmark once per candidate with the candidate added to every family's prompt; for each family keep
 * the candidate that raised its pass rate most (the earliest on ties) as a new prompt version, and
 * record every other candidate as dropped. Stops when no family failed, no candidate raised any
 * family, or after {@code generations}. Every version, kept or dropped, is recorded in the
 * {@link PromptBook} with its score.
 *
 * <p>Deterministic for a deterministic model: candidates are ordered by frequency then text, and the
 * benchmark runs each case once per evaluation with a fixed strategy (best with a repair budget of 1,
 * so the score measures the prompt, not the repairs).
 */
public final class PromptEvolution {
    private PromptEvolution() {
    }

    /**
     * One generation's evaluations.
     *
     * @param base       each family's pass rate with its current prompt
     * @param candidates each evaluated candidate with its pass rate per family
     * @param kept       the candidate kept per family (families with none are absent)
     */
    public record Generation(Map<String, Double> base, Map<String, Map<String, Double>> candidates, Map<String, String> kept) {
    }

    /**
     * @param bench         a bench whose environment has the LLM (its amendments are replaced per evaluation)
     * @param cases         the benchmark cases
     * @param strategy      the strategy every evaluation uses (an LLM strategy)
     * @param book          the prompt book to evolve
     * @param generations   generations at most
     * @param maxCandidates candidates evaluated per generation at most
     * @param threads       cases run at once
     * @return each generation's evaluations
     */
    public static List<Generation> evolve(GenerationBench bench, List<BenchSpec> cases, Strategy strategy, PromptBook book,
                                          int generations, int maxCandidates, int threads) {
        if (!strategy.generator().equals("llm")) {
            throw new IllegalArgumentException("prompt evolution needs an LLM strategy, got " + strategy.label());
        }
        Set<String> families = BenchSuite.families(cases);
        List<Generation> out = new ArrayList<>();
        for (int g = 0; g < generations; g++) {
            BenchReport base = evaluate(bench, cases, strategy, book, null, threads);
            Map<String, Double> baseRate = rates(base, families);
            for (String f : families) {
                if (book.current(f) == null) {
                    book.record(new PromptVersion(f, 0, -1, List.of(), null, baseRate.get(f), base.family(f).cases(), true, now()));
                }
            }
            List<CaseResult> failures = base.cases().stream().filter(c -> !c.validated()).toList();
            if (failures.isEmpty()) {
                out.add(new Generation(baseRate, Map.of(), Map.of()));
                break;
            }
            List<String> candidates = Amendments.from(failures).stream()
                    .filter(a -> families.stream().noneMatch(f -> book.amendments(f).contains(a)))
                    .limit(maxCandidates).toList();
            Map<String, Map<String, Double>> scores = new LinkedHashMap<>();
            for (String a : candidates) {
                scores.put(a, rates(evaluate(bench, cases, strategy, book, a, threads), families));
            }
            Map<String, String> kept = new HashMap<>();
            for (String f : families) {
                String best = null;
                double bestRate = baseRate.get(f);
                for (String a : candidates) {
                    double r = scores.get(a).get(f);
                    if (r > bestRate) {
                        bestRate = r;
                        best = a;
                    }
                }
                PromptVersion parent = book.current(f);
                int next = book.history().stream().filter(v -> v.family().equals(f)).mapToInt(PromptVersion::version).max().orElse(0) + 1;
                int cs = base.family(f).cases();
                for (String a : candidates) {
                    List<String> amended = new ArrayList<>(parent.amendments());
                    amended.add(a);
                    boolean keep = a.equals(best);
                    book.record(new PromptVersion(f, next, parent.version(), amended, a, scores.get(a).get(f), cs, keep, now()));
                }
                if (best != null) {
                    kept.put(f, best);
                }
            }
            out.add(new Generation(baseRate, scores, kept));
            if (kept.isEmpty()) {
                break;
            }
        }
        return out;
    }

    /** Runs the benchmark with every family's current amendments, plus {@code extra} when not null. */
    private static BenchReport evaluate(GenerationBench bench, List<BenchSpec> cases, Strategy strategy, PromptBook book, String extra,
                                        int threads) {
        GenerationBench b = bench.with(bench.environment().withAmendments(f -> {
            List<String> a = new ArrayList<>(book.amendments(f));
            if (extra != null && !a.contains(extra)) {
                a.add(extra);
            }
            return a;
        }));
        return b.run(cases, strategy, threads);
    }

    private static Map<String, Double> rates(BenchReport r, Set<String> families) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String f : families) {
            m.put(f, r.family(f).passRate());
        }
        return m;
    }

    private static String now() {
        return Instant.now().toString();
    }
}
