package io.cerebro.agents.generate;

import dev.langchain4j.rag.content.Content;

import java.util.Comparator;
import java.util.List;

/**
 * Orders retrieved worked examples for a prompt: a proven example — a pipeline Cerebro itself
 * validated and retained into the index (id {@code retained-...}) — comes before the other
 * examples naming the same method, in the retriever's order otherwise.
 */
public final class RetrievedExamples {
    /** Id prefix of retained pipelines ({@code io.cerebro.rag.retain.RetainedCorpus}). */
    public static final String RETAINED_PREFIX = "retained-";

    private RetrievedExamples() {
    }

    /** @return whether the example is a retained, validated pipeline. */
    public static boolean proven(Content c) {
        String id = c.textSegment().metadata().getString("id");
        return id != null && id.startsWith(RETAINED_PREFIX);
    }

    /** Moves the proven examples of {@code examples} to its front, keeping the order within each group (stable). */
    public static void provenFirst(List<Content> examples) {
        examples.sort(Comparator.comparing(c -> !proven(c)));
    }
}
