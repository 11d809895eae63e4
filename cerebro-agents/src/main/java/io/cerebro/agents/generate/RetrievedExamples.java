package io.cerebro.agents.generate;

import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Chooses the worked examples an agent hands its generator: asks the retriever, keeps the examples
 * of the family's corpus labels (unlabelled ones too), puts those naming the spec's method first and
 * among them a proven example — a pipeline Cerebro itself validated and retained into the index
 * (id {@code retained-...}) — before the others, in the retriever's order otherwise.
 *
 * <p>Every agent uses this one selection so that a family's examples are chosen by the same rules;
 * only the query words differ (the words a worked example of the method uses).
 */
public final class RetrievedExamples {
    /** Id prefix of retained pipelines ({@code io.cerebro.rag.retain.RetainedCorpus}). */
    public static final String RETAINED_PREFIX = "retained-";

    /** Examples handed to a generator at most. */
    public static final int MAX_EXAMPLES = 3;

    /** Languages an example may be written in when {@link ExampleQuery#javaOnly()} holds. */
    private static final Set<String> JAVA_OR_PROSE = Set.of("java", "markdown");

    private RetrievedExamples() {
    }

    /**
     * What to ask the retriever for and which answers fit.
     *
     * @param text     the query words
     * @param families the corpus family labels that fit; an example with another label is dropped
     * @param method   the spec's headline method id; examples listing it in {@code methods} come first
     * @param javaOnly whether examples in other programming languages (R, Python) are dropped
     */
    public record ExampleQuery(String text, Set<String> families, String method, boolean javaOnly) {
        public ExampleQuery {
            families = Set.copyOf(families);
        }
    }

    /**
     * @param retriever the corpus retriever; null means no examples
     * @return at most {@link #MAX_EXAMPLES} examples, best first
     */
    public static List<Content> select(ContentRetriever retriever, ExampleQuery query) {
        if (retriever == null) {
            return List.of();
        }
        List<Content> exact = new ArrayList<>();
        List<Content> rest = new ArrayList<>();
        for (Content c : retriever.retrieve(Query.from(query.text()))) {
            String family = c.textSegment().metadata().getString("family");
            if (family != null && !family.isBlank() && !query.families().contains(family)) {
                continue;
            }
            String language = c.textSegment().metadata().getString("language");
            if (query.javaOnly() && language != null && !language.isBlank()
                    && !JAVA_OR_PROSE.contains(language.toLowerCase(Locale.ROOT))) {
                continue;
            }
            (namesMethod(c, query.method()) ? exact : rest).add(c);
        }
        provenFirst(exact);
        exact.addAll(rest);
        return List.copyOf(exact.size() > MAX_EXAMPLES ? exact.subList(0, MAX_EXAMPLES) : exact);
    }

    /** @return whether the example's {@code methods} label lists the method */
    static boolean namesMethod(Content c, String method) {
        String methods = c.textSegment().metadata().getString("methods");
        return methods != null && method != null && List.of(methods.split("\\s*,\\s*")).contains(method);
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
