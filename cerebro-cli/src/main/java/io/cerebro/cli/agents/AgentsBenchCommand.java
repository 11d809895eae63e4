package io.cerebro.cli.agents;

import io.cerebro.agents.bench.BenchReport;
import io.cerebro.agents.bench.BenchSpec;
import io.cerebro.agents.bench.BenchSuite;
import io.cerebro.agents.bench.GenerationBench;
import io.cerebro.agents.improve.Strategy;
import io.cerebro.cli.CliSupport;
import io.cerebro.core.error.UserInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code cerebro agents bench}: the generation benchmark — every bundled case (a spec, its seeded
 * dataset with a planted effect) generated and validated, with per-family pass rate, mean attempts to
 * a valid pipeline, time and tokens.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the generation benchmark: per family pass rate, mean attempts, time and tokens.",
                "Example: cerebro agents bench --families ab,causal",
                "         cerebro agents bench --llm http://localhost:8000/v1 --model qwen2.5-coder --format json"})
public final class AgentsBenchCommand implements Callable<Integer> {
    @Mixin
    LlmOptions llm;

    @Option(names = "--strategy", paramLabel = "S",
            description = "Generation strategy GENERATOR/RETRIEVAL[-kK]/EXAMPLES/PROMPT/aATTEMPTS (default: offline/none/ranked/standard/a1, "
                    + "or llm/none/ranked/standard/a4 with --llm).")
    String strategy;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "text", description = "text or json (default ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() {
        if (!format.equals("text") && !format.equals("json")) {
            throw new UserInputException("--format must be text or json, got '" + format + "'");
        }
        List<BenchSpec> cases = BenchSuite.of(llm.families);
        Strategy s = strategy(strategy, llm.hasLlm());
        try (GenerationBench bench = new GenerationBench(llm.environment())) {
            BenchReport r = bench.run(cases, s, llm.threads);
            System.out.println(format.equals("json") ? r.toJson() : "strategy " + s.label() + "\n\n" + r.toText());
            // the offline generator is tested to validate every case: anything less is a failed check
            return s.generator().equals("offline") && r.passRate() < 1 ? CliSupport.FAILED : CliSupport.OK;
        }
    }

    /** Parses {@code --strategy}, defaulting to offline, or to the LLM with 4 attempts when one is named. */
    static Strategy strategy(String label, boolean hasLlm) {
        if (label == null) {
            return hasLlm ? new Strategy("llm", "none", 0, "ranked", "standard", 4) : Strategy.OFFLINE;
        }
        try {
            return Strategy.parse(label);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--strategy: " + e.getMessage());
        }
    }
}
