package io.cerebro.cli.agents;

import io.cerebro.agents.bench.BenchSpec;
import io.cerebro.agents.bench.BenchSuite;
import io.cerebro.agents.bench.GenerationBench;
import io.cerebro.agents.improve.PromptBook;
import io.cerebro.agents.improve.PromptEvolution;
import io.cerebro.agents.improve.PromptVersion;
import io.cerebro.agents.improve.Strategy;
import io.cerebro.cli.CliSupport;
import io.cerebro.core.error.UserInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code cerebro agents evolve}: prompt evolution on the benchmark — failure diagnostics become
 * prompt amendments, kept per family when they raise its pass rate, every version recorded with its
 * score in the prompt book.
 */
@Command(name = "evolve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evolve the LLM prompt per family from validation failures on the benchmark.",
                "Example: cerebro agents evolve --llm http://localhost:8000/v1 --model qwen2.5-coder --prompts prompts.jsonl"})
public final class AgentsEvolveCommand implements Callable<Integer> {
    @Mixin
    LlmOptions llm;

    @Option(names = "--prompts", paramLabel = "FILE", required = true,
            description = "The prompt book (JSON lines): read for the current prompts, appended with every evaluated version.")
    Path prompts;

    @Option(names = "--generations", paramLabel = "N", defaultValue = "3", description = "Generations at most (default ${DEFAULT-VALUE}).")
    int generations;

    @Option(names = "--candidates", paramLabel = "N", defaultValue = "4",
            description = "Candidate amendments evaluated per generation at most (default ${DEFAULT-VALUE}).")
    int candidates;

    @Option(names = "--strategy", paramLabel = "S", defaultValue = "llm/none/ranked/standard/a1",
            description = "The LLM strategy of every evaluation (default ${DEFAULT-VALUE}: first answers only).")
    String strategy;

    @Override
    public Integer call() {
        if (!llm.hasLlm()) {
            throw new UserInputException("prompt evolution needs an LLM: pass --llm URL --model M");
        }
        if (generations < 1 || generations > 50 || candidates < 1 || candidates > 50) {
            throw new UserInputException("--generations and --candidates must be 1 to 50");
        }
        Strategy s = AgentsBenchCommand.strategy(strategy, true);
        if (!s.generator().equals("llm")) {
            throw new UserInputException("--strategy must be an LLM strategy (llm/...), got " + s.label());
        }
        List<BenchSpec> cases = BenchSuite.of(llm.families);
        PromptBook book = new PromptBook(prompts);
        try (GenerationBench bench = new GenerationBench(llm.environment())) {
            List<PromptEvolution.Generation> gens = PromptEvolution.evolve(bench, cases, s, book, generations, candidates, llm.threads);
            StringBuilder b = new StringBuilder();
            for (int g = 0; g < gens.size(); g++) {
                PromptEvolution.Generation gen = gens.get(g);
                b.append("generation ").append(g + 1).append(": pass rate ").append(rates(gen.base())).append('\n');
                for (Map.Entry<String, Map<String, Double>> c : gen.candidates().entrySet()) {
                    boolean kept = gen.kept().containsValue(c.getKey());
                    b.append("  ").append(kept ? "kept    " : "dropped ").append(rates(c.getValue())).append("  ")
                            .append(abbreviate(c.getKey())).append('\n');
                }
            }
            b.append("\ncurrent prompts:\n");
            for (PromptVersion v : book.currentVersions()) {
                b.append(String.format(Locale.ROOT, "  %-8s version %d, pass rate %.1f%% on %d cases, %d amendment(s)%n", v.family(), v.version(),
                        100 * v.passRate(), v.cases(), v.amendments().size()));
            }
            System.out.print(b);
            return CliSupport.OK;
        }
    }

    private static String rates(Map<String, Double> m) {
        StringBuilder b = new StringBuilder();
        m.forEach((f, r) -> b.append(b.isEmpty() ? "" : ", ").append(f).append(' ').append(String.format(Locale.ROOT, "%.1f%%", 100 * r)));
        return b.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 100 ? s : s.substring(0, 97) + "...";
    }
}
