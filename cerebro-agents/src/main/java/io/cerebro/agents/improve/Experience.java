package io.cerebro.agents.improve;

import java.util.List;

/**
 * One validation outcome, as the experience store keeps it: which case of which family was generated
 * with which strategy (and prompt version), and how validation ended.
 *
 * @param time          when it was recorded (ISO-8601 instant)
 * @param family        the spec's family
 * @param caseId        the benchmark case (or a spec hash outside the benchmark)
 * @param strategy      the strategy label ({@link Strategy#label()})
 * @param promptVersion the family's prompt version in force, or 0 for the unamended prompt
 * @param validated     whether a pipeline validated within the strategy's repair budget
 * @param attempts      attempts made
 * @param verdicts      each attempt's verdict name
 * @param tokens        LLM tokens used
 * @param millis        generation and validation time
 * @param explored      whether the selector chose this strategy as exploration (not its best guess)
 */
public record Experience(String time, String family, String caseId, String strategy, int promptVersion, boolean validated,
                         int attempts, List<String> verdicts, long tokens, long millis, boolean explored) {
    public Experience {
        verdicts = verdicts == null ? List.of() : List.copyOf(verdicts);
    }
}
