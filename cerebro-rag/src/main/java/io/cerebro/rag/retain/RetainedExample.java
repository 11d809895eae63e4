package io.cerebro.rag.retain;

import java.util.List;
import java.util.Map;

/**
 * A validated pipeline to add to the corpus.
 *
 * @param family     its family ({@code ab}, {@code causal}, ...)
 * @param methods    its method ids, headline first ({@code ab.welch})
 * @param purpose    one line on what it analyses, in the words a user would search with
 *                   (e.g. "A/B test: Welch's t-test on revenue per user, arms control and treatment")
 * @param code       the program's source (Java)
 * @param specJson   the analysis spec it implements, as JSON
 * @param schema     the data it validated on: column name to type, in column order
 * @param rows       rows of that data
 * @param verdict    the validation verdict ({@code PASSED})
 * @param checks     what the validation compared (field names or diagnostics), for the record
 * @param generator  who wrote it ({@code offline templates}, {@code llm gpt-4o}, ...)
 */
public record RetainedExample(String family, List<String> methods, String purpose, String code, String specJson,
                              Map<String, String> schema, long rows, String verdict, List<String> checks,
                              String generator) {
    public RetainedExample {
        methods = List.copyOf(methods);
        schema = Map.copyOf(schema);
        checks = List.copyOf(checks);
    }
}
