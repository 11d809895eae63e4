package io.cerebro.agents.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.agents.improve.Strategy;
import io.cerebro.agents.llm.LlmConfig;
import io.cerebro.agents.validate.SandboxLimits;
import io.cerebro.agents.validate.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An LLM benchmark through LangChain4j's OpenAI client against the replay endpoint on loopback: every
 * case's recorded first answer is wrong (a compile error, a policy violation or no program at all),
 * the second is right, so each case is repaired once and the report counts it: pass rate 100%, two
 * attempts per case, tokens as the endpoint reported them.
 */
class ReplayBenchTest {
    static final SandboxLimits LIMITS = new SandboxLimits(Duration.ofSeconds(120), 384);
    static final Strategy LLM = new Strategy("llm", "none", 0, "ranked", "standard", 3);

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void wrongFirstAnswersAreRepairedAndCounted() throws Exception {
        List<BenchSpec> cases = BenchCases.onePerFamily();
        assertEquals(7, cases.size());
        try (GenerationBench offline = new GenerationBench(BenchEnvironment.offline(LIMITS))) {
            List<CaseResult> programs = offline.run(cases, Strategy.OFFLINE, 2).cases();
            Map<String, List<String>> answers = BenchCases.wrongThenRight(programs, cases);
            Path recordings = Files.createTempFile("recordings", ".jsonl");
            ObjectMapper json = new ObjectMapper();
            List<String> lines = new ArrayList<>();
            for (Map.Entry<String, List<String>> e : answers.entrySet()) {
                lines.add(json.writeValueAsString(Map.of("spec", e.getKey(), "answers", e.getValue())));
            }
            Files.write(recordings, lines);
            try (ReplayEndpoint endpoint = new ReplayEndpoint(ReplayEndpoint.recordings(recordings))) {
                LlmConfig config = new LlmConfig("openai", endpoint.baseUrl(), "replay", null, Duration.ofSeconds(60));
                BenchEnvironment env = new BenchEnvironment(config.chatModel(), "replay", null, null, LIMITS);
                try (GenerationBench bench = offline.with(env)) {
                    BenchReport r = bench.run(cases, LLM, 2);
                    assertEquals(1.0, r.passRate(), r::toText);
                    for (int i = 0; i < cases.size(); i++) {
                        CaseResult c = r.cases().get(i);
                        assertEquals(2, c.attempts(), c.id());
                        Verdict expected = List.of(Verdict.COMPILE_ERROR, Verdict.POLICY_VIOLATION, Verdict.PARSE_ERROR).get(i % 3);
                        assertEquals(List.of(expected, Verdict.PASSED), c.verdicts(), c.id());
                        assertTrue(c.tokens() > 0, c.id());
                    }
                    BenchReport.FamilyFigures all = r.family("all");
                    assertEquals(7, all.repaired());
                    assertEquals(2.0, all.meanAttempts());
                    assertEquals(r.cases().stream().mapToLong(CaseResult::tokens).sum(), all.tokens());
                    List<String> requests = endpoint.requests();
                    assertEquals(14, requests.size());
                    // the repair requests carry the diagnostics of the wrong answers
                    assertTrue(requests.stream().anyMatch(q -> q.contains("COMPILE_ERROR") && q.contains("undefinedOffset")));
                    assertTrue(requests.stream().anyMatch(q -> q.contains("POLICY_VIOLATION") && q.contains("getenv")));
                    String text = r.toText();
                    assertTrue(text.contains("2.00") && text.contains("100.0%"), text);
                    System.out.println(text);
                    // the right answers are the template programs: validated once, in the offline round
                    assertEquals(7 + 7, bench.validatedPrograms());
                }
            }
            Files.delete(recordings);
        }
    }
}
