package io.cerebro.agents;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import io.cerebro.agents.ab.ABTestingAgent;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.ABTestSpec;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.SpecReader;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoutingAndRetrievalTest {
    static Content example(String id, String family, String methods) {
        return Content.from(TextSegment.from("public class Example {}", Metadata.from(Map.of("id", id, "title", id,
                "family", family, "methods", methods, "language", "java", "path", "rag-corpus/java/" + family + "/" + id + ".java"))));
    }

    @Test
    void abSpecsGoToTheAbAgentAndCausalSpecsToTheCausalAgent() {
        assertInstanceOf(ABTestingAgent.class, SpecRouter.route(ABTestSpec.of("variant", "revenue")));
        CausalSpec causal = (CausalSpec) SpecReader.parse("family: causal\ntreatment: treat\noutcome: re78\nmethod: ipw\n"
                + "confounders: [age, educ]\n", false, "test");
        assertInstanceOf(io.cerebro.agents.causal.CausalInferenceAgent.class, SpecRouter.route(causal));
    }

    @Test
    void retrievedExamplesAreFilteredByFamilyAndRecorded() {
        List<String> queries = new ArrayList<>();
        ContentRetriever retriever = q -> {
            queries.add(q.text());
            return List.of(example("causal-ipw", "causal", "causal.ipw"), example("ab-z-test", "ab", "ab.z_proportions"),
                    example("ab-welch-revenue", "ab", "ab.welch"), example("ab-cuped", "ab", "ab.cuped,ab.welch"));
        };
        try (Dataset d = Fixtures.open("small_ties.csv")) {
            GeneratedPipeline p = Cerebro.builder().retriever(retriever).build().generate(ABTestSpec.of("group", "score"), d);
            assertTrue(p.validated(), p.validation()::describe);
            assertEquals(List.of("ab-welch-revenue", "ab-cuped", "ab-z-test"), p.retrievedExampleIds());
            assertTrue(queries.get(0).contains("ab.welch"), queries.get(0));
        }
    }

    @Test
    void analyzeRunsTheEngine() {
        try (Dataset d = Fixtures.open("small_ties.csv")) {
            AnalysisResult r = Cerebro.builder().build().analyze(ABTestSpec.of("group", "score"), d);
            assertEquals("ab.welch", r.method());
        }
    }
}
