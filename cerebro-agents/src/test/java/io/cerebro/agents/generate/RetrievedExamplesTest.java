package io.cerebro.agents.generate;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Proven (retained) examples come first; the retriever's order holds within each group. */
class RetrievedExamplesTest {
    private static Content example(String id) {
        return Content.from(TextSegment.from("code of " + id, new Metadata().put("id", id)));
    }

    private static Content labelled(String id, String family, String methods, String language) {
        return Content.from(TextSegment.from("code of " + id, new Metadata().put("id", id).put("family", family)
                .put("methods", methods).put("language", language)));
    }

    @Test
    void selectionKeepsTheFamilyPutsTheMethodAndProvenExamplesFirstAndStopsAtThree() {
        List<Content> answer = List.of(labelled("causal-ipw", "causal", "causal.ipw", "java"),
                labelled("ab-guide", "ab", "", "markdown"), labelled("ab-welch-r", "ab", "ab.welch", "r"),
                labelled("ab-welch", "ab", "ab.welch,ab.cuped", "java"), labelled("unlabelled", "", "", ""),
                labelled("retained-ab-welch-1", "ab", "ab.welch", "java"), labelled("ab-z", "ab", "ab.z_proportions", "java"));
        List<String> queries = new ArrayList<>();
        ContentRetriever retriever = q -> {
            queries.add(q.text());
            return answer;
        };
        List<Content> javaOnly = RetrievedExamples.select(retriever,
                new RetrievedExamples.ExampleQuery("welch", java.util.Set.of("ab"), "ab.welch", true));
        assertEquals(List.of("welch"), queries);
        assertEquals(List.of("retained-ab-welch-1", "ab-welch", "ab-guide"), ids(javaOnly));
        List<Content> any = RetrievedExamples.select(retriever,
                new RetrievedExamples.ExampleQuery("welch", java.util.Set.of("ab"), "ab.welch", false));
        assertEquals(List.of("retained-ab-welch-1", "ab-welch-r", "ab-welch"), ids(any));
        assertEquals(List.of(), RetrievedExamples.select(null,
                new RetrievedExamples.ExampleQuery("welch", java.util.Set.of("ab"), "ab.welch", true)));
    }

    private static List<String> ids(List<Content> examples) {
        return examples.stream().map(c -> c.textSegment().metadata().getString("id")).toList();
    }

    @Test
    void provenExamplesMoveToTheFrontStably() {
        List<Content> found = new ArrayList<>(List.of(example("ab-welch-revenue"), example("ab-guide"),
                example("retained-ab-welch-1"), example("ab-cuped"), example("retained-ab-welch-2")));
        RetrievedExamples.provenFirst(found);
        assertEquals(List.of("retained-ab-welch-1", "retained-ab-welch-2", "ab-welch-revenue", "ab-guide", "ab-cuped"),
                found.stream().map(c -> c.textSegment().metadata().getString("id")).toList());
    }
}
