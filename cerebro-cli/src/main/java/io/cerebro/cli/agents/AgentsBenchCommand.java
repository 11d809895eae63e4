package io.cerebro.cli.agents;

import io.cerebro.agents.bench.BenchReport;
import io.cerebro.agents.bench.BenchSpec;
import io.cerebro.agents.bench.BenchSuite;
import io.cerebro.agents.bench.GenerationBench;
import io.cerebro.agents.improve.Experience;
import io.cerebro.agents.improve.ExperienceStore;
import io.cerebro.agents.improve.Strategy;
import io.cerebro.agents.improve.StrategyLearning;
import io.cerebro.agents.improve.StrategySelector;
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

    @Option(names = "--cases", paramLabel = "LIST", split = ",",
            description = "Run only these case ids, e.g. ab-welch,power-means-n (default: every case of --families).")
    List<String> caseIds = new java.util.ArrayList<>();

    @Option(names = "--select", description = "Choose each case's strategy with the per-family bandit over --strategies, "
            + "learning from --experience (cases then run one at a time).")
    boolean select;

    @Option(names = "--strategies", paramLabel = "LIST", split = ",",
            description = "The arms of --select (default: offline and five LLM strategies; see docs/agents.md).")
    List<String> strategies = new java.util.ArrayList<>();

    @Option(names = "--experience", paramLabel = "FILE",
            description = "Append every outcome to this experience store (JSON lines), and with --select learn from it.")
    java.nio.file.Path experience;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "1", description = "Rounds over the cases (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--max-explore", paramLabel = "SHARE", defaultValue = "0.2",
            description = "Largest share of a family's choices that --select may spend exploring (default ${DEFAULT-VALUE}).")
    double maxExplore;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the strategy bandit (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--prompts", paramLabel = "FILE",
            description = "Generate with the current prompts of this prompt book ('cerebro agents evolve' writes it).")
    java.nio.file.Path prompts;

    @Option(names = "--index", paramLabel = "DIR",
            description = "The benchmark's corpus index: retrieval strategies search it and validated pipelines are retained "
                    + "into it (default: bench-index in the cache folder; built from the bundled corpus on first use).")
    java.nio.file.Path index;

    @Option(names = "--retain", negatable = true, fallbackValue = "true",
            description = "Retain every validated pipeline into --index after each round, with its spec, data schema and "
                    + "validation record (default: on offline, off with --llm; --no-retain turns it off).")
    Boolean retain;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "text", description = "text or json (default ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() {
        if (!format.equals("text") && !format.equals("json")) {
            throw new UserInputException("--format must be text or json, got '" + format + "'");
        }
        if (rounds < 1 || rounds > 1000) {
            throw new UserInputException("--rounds must be 1 to 1000, got " + rounds);
        }
        if (!(maxExplore >= 0 && maxExplore <= 1)) {
            throw new UserInputException("--max-explore must be between 0 and 1, got " + maxExplore);
        }
        if (select && strategy != null) {
            throw new UserInputException("--strategy fixes the strategy and --select chooses it: use one of them");
        }
        if (!select && !strategies.isEmpty()) {
            throw new UserInputException("--strategies are the arms of --select: add --select or use --strategy");
        }
        List<BenchSpec> cases = only(BenchSuite.of(llm.families), caseIds);
        ExperienceStore store = experience == null ? null : new ExperienceStore(experience);
        if (prompts != null && !java.nio.file.Files.isRegularFile(prompts)) {
            throw new UserInputException("prompt book " + prompts + " not found; 'cerebro agents evolve --prompts FILE' writes one");
        }
        io.cerebro.agents.improve.PromptBook book = new io.cerebro.agents.improve.PromptBook(prompts);
        boolean retaining = retain == null ? !llm.hasLlm() : retain;
        try (BenchIndex corpus = new BenchIndex(index == null ? BenchIndex.defaultDir() : index);
             GenerationBench bench = new GenerationBench(llm.environment(corpus.retrievers()).withAmendments(book::amendments))) {
            BenchReport r;
            String header;
            if (select) {
                List<Strategy> arms = arms(strategies, llm.hasLlm());
                StrategySelector selector = new StrategySelector(arms, store == null ? List.of() : store.records(), maxExplore,
                        arms.size(), seed);
                List<StrategyLearning.Turn> turns = StrategyLearning.run(bench, cases, rounds, selector, store, book::version);
                r = new BenchReport(turns.stream().map(StrategyLearning.Turn::result).toList());
                if (retaining) {
                    report(corpus.retain(r.cases(), bench), corpus);
                }
                StringBuilder b = new StringBuilder("strategy selection over " + arms.size() + " strategies; best per family:\n");
                for (String f : BenchSuite.families(cases)) {
                    b.append("  ").append(f).append(": ").append(selector.best(f).label()).append('\n');
                }
                header = b.toString();
            } else {
                Strategy s = strategy(strategy, llm.hasLlm());
                java.util.List<io.cerebro.agents.bench.CaseResult> all = new java.util.ArrayList<>();
                for (int i = 0; i < rounds; i++) {
                    List<io.cerebro.agents.bench.CaseResult> round = bench.run(cases, s, llm.threads).cases();
                    all.addAll(round);
                    if (retaining) {
                        report(corpus.retain(round, bench), corpus);
                    }
                }
                r = new BenchReport(all);
                if (store != null) {
                    for (io.cerebro.agents.bench.CaseResult c : all) {
                        store.append(new Experience(java.time.Instant.now().toString(), c.family(), c.id(), c.strategy(), book.version(c.family()), c.validated(),
                                c.attempts(), c.verdicts().stream().map(Enum::name).toList(), c.tokens(), c.millis(), false));
                    }
                }
                header = "strategy " + s.label() + "\n";
            }
            System.out.println(format.equals("json") ? r.toJson() : header + "\n" + r.toText());
            // the offline generator is tested to validate every case: anything less is a failed check
            boolean offlineOnly = r.cases().stream().allMatch(c -> c.strategy().startsWith("offline/"));
            return offlineOnly && r.passRate() < 1 ? CliSupport.FAILED : CliSupport.OK;
        }
    }

    /** One line on stderr per retained pipeline: its id and what the incremental rebuild embedded. */
    private static void report(List<io.cerebro.rag.retain.RetainedCorpus.Retained> added, BenchIndex corpus) {
        for (io.cerebro.rag.retain.RetainedCorpus.Retained a : added) {
            System.err.println("retained " + a.id() + " into " + corpus.dir() + " (embedded " + a.rebuild().embedded()
                    + " chunks; " + a.rebuild().reusedFiles() + " of " + a.rebuild().files() + " files reused)");
        }
    }

    /** The cases named by {@code --cases} (all when none is named), in the suite's order. */
    static List<BenchSpec> only(List<BenchSpec> cases, List<String> ids) {
        if (ids.isEmpty()) {
            return cases;
        }
        java.util.Set<String> known = new java.util.LinkedHashSet<>(cases.stream().map(BenchSpec::id).toList());
        for (String id : ids) {
            if (!known.contains(id)) {
                throw new UserInputException("--cases: '" + id + "' is not a case of the selected families; "
                        + "'cerebro agents bench --format json' lists the case ids");
            }
        }
        return cases.stream().filter(c -> ids.contains(c.id())).toList();
    }

    /** The arms of {@code --select}: the named ones, or the defaults (offline only without an LLM). */
    static List<Strategy> arms(List<String> labels, boolean hasLlm) {
        if (labels.isEmpty()) {
            return hasLlm ? Strategy.defaults() : List.of(Strategy.OFFLINE);
        }
        List<Strategy> out = new java.util.ArrayList<>();
        for (String l : labels) {
            Strategy s = strategy(l, hasLlm);
            if (out.contains(s)) {
                throw new UserInputException("--strategies names " + l + " twice");
            }
            out.add(s);
        }
        return out;
    }

    /** Parses {@code --strategy}, defaulting to offline, or to the LLM with 4 attempts when one is named. */
    static Strategy strategy(String label, boolean hasLlm) {
        if (label == null) {
            return hasLlm ? new Strategy("llm", "none", 0, "ranked", "standard", 4) : Strategy.OFFLINE;
        }
        try {
            return Strategy.parse(label);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--strategy " + label + ": " + e.getMessage());
        }
    }
}
