package io.cerebro.agents.generate;

import io.cerebro.agents.Cerebro;
import io.cerebro.agents.Fixtures;
import io.cerebro.agents.GeneratedPipeline;
import io.cerebro.agents.ab.AbPipelinePlan;
import io.cerebro.agents.ab.AbPipelineWriter;
import io.cerebro.agents.llm.LlmConfig;
import io.cerebro.agents.validate.Verdict;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.spec.ABTestSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The LLM path end to end through the real LangChain4j OpenAI client, against a scripted
 * OpenAI-compatible server on loopback: broken answers are repaired from the exact diagnostics,
 * and an answer that never gets right ends in a clear failed verdict.
 */
class LlmRepairLoopTest {
    static final ABTestSpec SPEC = ABTestSpec.of("group", "score");
    static final String DIFF = "double diff = arm.mean() - control.mean();";

    static String correct(Dataset d) {
        return AbPipelineWriter.write(AbPipelinePlan.of(SPEC, d));
    }

    static String fenced(String code) {
        return "Here is the pipeline.\n\n```java\n" + code + "```\n\nIt reads args[0] and prints the result.";
    }

    static Cerebro cerebro(ScriptedOpenAiServer server, int attempts) {
        LlmConfig config = new LlmConfig("openai", server.baseUrl(), "scripted", "test-key", Duration.ofSeconds(30));
        return Cerebro.builder().llm(config).maxAttempts(attempts).timeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void brokenAnswersAreRepairedWithinTheAttemptLimit() throws Exception {
        try (Dataset d = Fixtures.open("small_ties.csv")) {
            String good = correct(d);
            assertTrue(good.contains(DIFF));
            List<String> script = List.of(
                    fenced(good.replace(DIFF, "double diff = arm.mean() - control.mean() + undefinedOffset;")),
                    fenced(good.replace("Map<String, Arm> arms = readArms(Path.of(args[0]));",
                            "String home = System.getenv(\"HOME\");\n        Map<String, Arm> arms = readArms(Path.of(args[0]));")),
                    fenced(good.replace(DIFF, "double diff = arm.mean() - control.mean() + 0.25;")),
                    fenced(good));
            try (ScriptedOpenAiServer server = new ScriptedOpenAiServer(script::get)) {
                GeneratedPipeline p = cerebro(server, 5).generate(SPEC, d);
                assertTrue(p.validated(), p.validation()::describe);
                assertEquals(List.of(Verdict.COMPILE_ERROR, Verdict.POLICY_VIOLATION, Verdict.MISMATCH, Verdict.PASSED),
                        p.attempts().stream().map(Attempt::verdict).toList());
                assertEquals("llm", p.generator());
                assertEquals("scripted", p.model());
                assertTrue(p.promptHash().matches("[0-9a-f]{64}"));
                List<String> requests = server.requests();
                assertEquals(4, requests.size());
                // the prompt holds the schema and per-column summaries, never raw rows
                assertTrue(requests.get(0).contains("rows: 25"), requests.get(0));
                assertTrue(requests.get(0).contains("score (BIGINT)"), requests.get(0));
                assertFalse(requests.get(0).contains("ctrl,6,0"), "raw rows must not reach the LLM");
                // each repair request carries the exact diagnostics of the previous attempt
                assertTrue(requests.get(1).contains("COMPILE_ERROR") && requests.get(1).contains("undefinedOffset"), requests.get(1));
                assertTrue(requests.get(2).contains("POLICY_VIOLATION") && requests.get(2).contains("getenv"), requests.get(2));
                assertTrue(requests.get(3).contains("MISMATCH") && requests.get(3).contains("estimate"), requests.get(3));
                assertEquals(good.strip(), p.code().strip());
            }
        }
    }

    @Test
    void anAnswerThatNeverGetsRightEndsInAFailedVerdict() throws Exception {
        try (Dataset d = Fixtures.open("small_ties.csv")) {
            String wrong = fenced(correct(d).replace(DIFF, "double diff = 2 * (arm.mean() - control.mean());"));
            try (ScriptedOpenAiServer server = new ScriptedOpenAiServer(i -> wrong)) {
                GeneratedPipeline p = cerebro(server, 3).generate(SPEC, d);
                assertFalse(p.validated());
                assertEquals(Verdict.MISMATCH, p.validation().verdict());
                assertEquals(3, p.attempts().size());
                assertEquals(3, server.requests().size());
                assertTrue(p.validation().describe().contains("differs from the reference engine"));
            }
        }
    }

    @Test
    void anUnreachableServerIsAClearUserError() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        LlmConfig config = new LlmConfig("openai", "http://127.0.0.1:" + port + "/v1", "absent", null, Duration.ofSeconds(5));
        try (Dataset d = Fixtures.open("small_ties.csv")) {
            io.cerebro.core.error.UserInputException e = org.junit.jupiter.api.Assertions.assertThrows(
                    io.cerebro.core.error.UserInputException.class,
                    () -> Cerebro.builder().llm(config).maxAttempts(1).build().generate(SPEC, d));
            assertTrue(e.getMessage().contains("did not answer") && e.getMessage().contains("--offline"), e.getMessage());
        }
    }

    @Test
    void retrievedExamplesReachThePrompt() throws Exception {
        dev.langchain4j.rag.content.retriever.ContentRetriever retriever = q -> List.of(
                dev.langchain4j.rag.content.Content.from(dev.langchain4j.data.segment.TextSegment.from(
                        "public class WelchExample { /* reads revenue and prints Welch's t */ }",
                        dev.langchain4j.data.document.Metadata.from(java.util.Map.of("id", "ab-welch-revenue",
                                "title", "Welch's t-test on revenue per user", "family", "ab", "methods", "ab.welch",
                                "language", "java", "path", "rag-corpus/java/ab/WelchExample.java")))));
        try (Dataset d = Fixtures.open("small_ties.csv")) {
            String good = fenced(correct(d));
            try (ScriptedOpenAiServer server = new ScriptedOpenAiServer(i -> good)) {
                LlmConfig config = new LlmConfig("openai", server.baseUrl(), "scripted", null, Duration.ofSeconds(30));
                GeneratedPipeline p = Cerebro.builder().llm(config).retriever(retriever).build().generate(SPEC, d);
                assertTrue(p.validated(), p.validation()::describe);
                assertEquals(List.of("ab-welch-revenue"), p.retrievedExampleIds());
                String prompt = server.requests().get(0);
                assertTrue(prompt.contains("ab-welch-revenue") && prompt.contains("WelchExample"), prompt);
                assertTrue(prompt.contains("no network") || prompt.contains("Do NOT use the network"), prompt);
            }
        }
    }
}
