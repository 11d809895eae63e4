package io.cerebro.agents.generate;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Proven (retained) examples come first; the retriever's order holds within each group. */
class RetrievedExamplesTest {
    private static Content example(String id) {
        return Content.from(TextSegment.from("code of " + id, new Metadata().put("id", id)));
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
