package io.cerebro.agents.improve;

import io.cerebro.agents.generate.PromptOptions;

import java.util.List;
import java.util.Locale;

/**
 * How a pipeline is generated: one arm of the strategy bandit.
 *
 * @param generator {@code offline} (the family's template) or {@code llm}
 * @param retrieval {@code none}, {@code bm25}, {@code vector} or {@code hybrid}: how worked examples are retrieved
 * @param k         examples retrieved at most (0 with {@code none})
 * @param examples  example selection: {@code ranked} (as the retriever ranks them) or {@code family} (only
 *                  examples labelled with the spec's family)
 * @param prompt    prompt variant ({@link PromptOptions#VARIANTS})
 * @param attempts  the repair budget: generate-validate rounds at most (1 = no repair)
 */
public record Strategy(String generator, String retrieval, int k, String examples, String prompt, int attempts) {
    /** Retrieval modes. */
    public static final List<String> RETRIEVAL = List.of("none", "bm25", "vector", "hybrid");
    /** Example selections. */
    public static final List<String> EXAMPLES = List.of("ranked", "family");

    /** The offline template generator: no retrieval, no LLM, one attempt. */
    public static final Strategy OFFLINE = new Strategy("offline", "none", 0, "ranked", "standard", 1);

    /**
     * @return the default arms of strategy selection: the offline generator, and the LLM with and without
     * retrieval (hybrid k = 3 ranked, bm25 k = 3 same-family), the two prompt variants, and repair budgets
     * of 1 and 4
     */
    public static List<Strategy> defaults() {
        return List.of(OFFLINE,
                new Strategy("llm", "none", 0, "ranked", "standard", 1),
                new Strategy("llm", "none", 0, "ranked", "standard", 4),
                new Strategy("llm", "none", 0, "ranked", "checklist", 4),
                new Strategy("llm", "hybrid", 3, "ranked", "standard", 4),
                new Strategy("llm", "bm25", 3, "family", "checklist", 4));
    }

    public Strategy {
        generator = generator.toLowerCase(Locale.ROOT);
        retrieval = retrieval.toLowerCase(Locale.ROOT);
        examples = examples.toLowerCase(Locale.ROOT);
        prompt = prompt.toLowerCase(Locale.ROOT);
        if (!generator.equals("offline") && !generator.equals("llm")) {
            throw new IllegalArgumentException("strategy generator must be offline or llm, got '" + generator + "'");
        }
        if (!RETRIEVAL.contains(retrieval)) {
            throw new IllegalArgumentException("strategy retrieval must be one of " + RETRIEVAL + ", got '" + retrieval + "'");
        }
        if (!EXAMPLES.contains(examples)) {
            throw new IllegalArgumentException("strategy example selection must be one of " + EXAMPLES + ", got '" + examples + "'");
        }
        if (!PromptOptions.VARIANTS.contains(prompt)) {
            throw new IllegalArgumentException("strategy prompt must be one of " + PromptOptions.VARIANTS + ", got '" + prompt + "'");
        }
        if (k < 0 || k > 20 || (retrieval.equals("none") != (k == 0))) {
            throw new IllegalArgumentException("strategy k must be 1 to 20 with retrieval and 0 without, got " + k + " with " + retrieval);
        }
        if (attempts < 1 || attempts > 20) {
            throw new IllegalArgumentException("strategy attempts must be 1 to 20, got " + attempts);
        }
    }

    /** @return the label the experience store and reports use, e.g. {@code llm/hybrid-k3/ranked/standard/a3}. */
    public String label() {
        return generator + "/" + (retrieval.equals("none") ? "none" : retrieval + "-k" + k) + "/" + examples + "/" + prompt + "/a" + attempts;
    }

    /** Parses a {@link #label()}. */
    public static Strategy parse(String label) {
        String[] p = label.strip().split("/");
        if (p.length != 5 || !p[4].startsWith("a")) {
            throw new IllegalArgumentException("a strategy is GENERATOR/RETRIEVAL[-kK]/EXAMPLES/PROMPT/aATTEMPTS, e.g. "
                    + "llm/hybrid-k3/ranked/standard/a3; got '" + label + "'");
        }
        String retrieval = p[1];
        int k = 0;
        if (!retrieval.equals("none")) {
            int dash = retrieval.lastIndexOf("-k");
            if (dash < 0) {
                throw new IllegalArgumentException("strategy retrieval must be none or MODE-kK, e.g. bm25-k3; got '" + retrieval + "'");
            }
            k = Integer.parseInt(retrieval.substring(dash + 2));
            retrieval = retrieval.substring(0, dash);
        }
        return new Strategy(p[0], retrieval, k, p[2], p[3], Integer.parseInt(p[4].substring(1)));
    }

    @Override
    public String toString() {
        return label();
    }
}
