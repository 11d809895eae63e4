package io.cerebro.agents.generate;

import java.util.List;
import java.util.Locale;

/**
 * How the LLM prompt is worded beyond its fixed rules: a variant of the system message and the
 * amendments learnt from earlier validation failures ({@code io.cerebro.agents.improve.PromptEvolution}).
 *
 * @param variant    {@code standard}, or {@code checklist} (the system message ends with a list of the
 *                   checks validation applies, to go through before answering)
 * @param amendments extra rules appended to the system message, in order
 */
public record PromptOptions(String variant, List<String> amendments) {
    /** The variants there are. */
    public static final List<String> VARIANTS = List.of("standard", "checklist");

    /** The prompt as written in {@link PromptBuilder}, with no amendments. */
    public static final PromptOptions STANDARD = new PromptOptions("standard", List.of());

    public PromptOptions {
        variant = variant == null ? "standard" : variant.toLowerCase(Locale.ROOT);
        if (!VARIANTS.contains(variant)) {
            throw new IllegalArgumentException("prompt variant must be one of " + VARIANTS + ", got '" + variant + "'");
        }
        amendments = amendments == null ? List.of() : List.copyOf(amendments);
    }

    /** @return these options with {@code more} amendments appended. */
    public PromptOptions with(List<String> more) {
        List<String> all = new java.util.ArrayList<>(amendments);
        more.stream().filter(a -> !all.contains(a)).forEach(all::add);
        return new PromptOptions(variant, all);
    }
}
