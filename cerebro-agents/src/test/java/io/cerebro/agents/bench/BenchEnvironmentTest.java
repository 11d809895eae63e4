package io.cerebro.agents.bench;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import io.cerebro.agents.AgentContext;
import io.cerebro.agents.generate.LlmGenerator;
import io.cerebro.agents.improve.Strategy;
import io.cerebro.agents.validate.SandboxLimits;
import io.cerebro.core.error.UserInputException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A strategy becomes the agent context it describes: generator, retriever and example selection, budget, prompt. */
class BenchEnvironmentTest {
    static Content example(String id, String family) {
        return Content.from(TextSegment.from("class " + id + " {}", Metadata.from(Map.of("id", id, "family", family))));
    }

    @Test
    void strategiesMapOntoTheContext() {
        List<String> asked = new ArrayList<>();
        BenchEnvironment.Retrievers retrievers = (mode, k) -> {
            asked.add(mode + "-" + k);
            return q -> List.of(example("a", "causal"), example("b", "ab"), example("c", "ab"), example("d", "ab"));
        };
        dev.langchain4j.model.chat.ChatModel model = new io.cerebro.agents.llm.LlmConfig("openai", "http://127.0.0.1:9/v1", "m", null,
                Duration.ofSeconds(1)).chatModel();
        BenchEnvironment env = new BenchEnvironment(model, "m", retrievers, f -> List.of("rule for " + f),
                new SandboxLimits(Duration.ofSeconds(30), 256));
        AgentContext family = env.context("ab", Strategy.parse("llm/bm25-k2/family/checklist/a3"), null);
        assertEquals(List.of("bm25-2"), asked);
        ContentRetriever r = family.retriever();
        assertEquals(List.of("b", "c"), r.retrieve(Query.from("q")).stream().map(c -> c.textSegment().metadata().getString("id")).toList());
        assertEquals(3, family.maxAttempts());
        LlmGenerator g = assertInstanceOf(LlmGenerator.class, family.generator());
        assertEquals("checklist", g.prompt().variant());
        assertEquals(List.of("rule for ab"), g.prompt().amendments());
        AgentContext ranked = env.context("ab", Strategy.parse("llm/hybrid-k4/ranked/standard/a1"), null);
        assertEquals(4, ranked.retriever().retrieve(Query.from("q")).size());
        AgentContext offline = env.context("ab", Strategy.OFFLINE, null);
        assertNull(offline.retriever());
        assertEquals("offline", offline.generator().name());
        assertTrue(io.cerebro.agents.generate.PromptBuilder.system(g.prompt()).contains("- rule for ab"));
    }

    @Test
    void missingPartsAreUserErrors() {
        BenchEnvironment offline = BenchEnvironment.offline(new SandboxLimits(Duration.ofSeconds(30), 256));
        assertTrue(assertThrows(UserInputException.class, () -> offline.context("ab", Strategy.parse("llm/none/ranked/standard/a2"), null))
                .getMessage().contains("--llm"));
        assertThrows(IllegalArgumentException.class, () -> Strategy.parse("llm/none/ranked/standard"));
        assertThrows(IllegalArgumentException.class, () -> Strategy.parse("llm/bm25/ranked/standard/a2"));
        assertThrows(IllegalArgumentException.class, () -> new Strategy("llm", "none", 3, "ranked", "standard", 1));
    }
}
