package io.cerebro.agents.bench;

import io.cerebro.agents.validate.Verdict;

import java.util.List;

/**
 * The outcome of one benchmark case.
 *
 * @param id            the case id
 * @param family        its family
 * @param strategy      the strategy label it was generated with
 * @param planted       the planted value
 * @param recovered     the engine's value of the planted field on the case's data
 * @param plantedOk     whether the engine recovered the planted effect within the stated tolerance
 * @param validated     whether a pipeline passed validation within the repair budget
 * @param attempts      attempts made (the attempt that validated when {@code validated})
 * @param verdicts      each attempt's verdict
 * @param diagnostics   the last failed attempt's diagnostics (empty when the first attempt passed)
 * @param millis        generation and validation time of the case
 * @param tokens        LLM tokens used (0 offline)
 * @param code          the last attempt's program
 * @param examples      ids of the corpus examples retrieved for the case (empty without retrieval)
 */
public record CaseResult(String id, String family, String strategy, double planted, double recovered, boolean plantedOk,
                         boolean validated, int attempts, List<Verdict> verdicts, List<String> diagnostics, long millis, long tokens,
                         String code, List<String> examples) {
    public CaseResult {
        verdicts = List.copyOf(verdicts);
        examples = List.copyOf(examples);
        diagnostics = List.copyOf(diagnostics);
    }
}
