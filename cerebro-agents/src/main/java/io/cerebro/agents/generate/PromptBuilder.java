package io.cerebro.agents.generate;

import dev.langchain4j.rag.content.Content;
import io.cerebro.agents.validate.PipelineClasspath;
import io.cerebro.agents.validate.ValidationReport;
import io.cerebro.core.spec.SpecReader;

/**
 * The prompt of the LLM generator: a system message with the role and the rules (allowed
 * libraries, the result JSON schema, no network, no file writes, no environment), and a user
 * message with the spec, the dataset profile, the family's guidance and the retrieved examples.
 */
public final class PromptBuilder {
    private static final int MAX_EXAMPLE_CHARS = 6000;

    private PromptBuilder() {
    }

    /** @return the system message. */
    public static String system() {
        return """
                You are a careful statistician and Java programmer. You write ONE self-contained Java 21 source file
                that analyses an experiment and prints the result as JSON. Cerebro compiles and runs your program in a
                sandbox and compares every number with its reference engine, so correctness matters more than brevity.

                Rules:
                - Default package; a public class named Pipeline with public static void main(String[] args).
                - args[0] is the path of a CSV file with a header row. Read it with Apache Commons CSV
                  (CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()).
                - Use only the JDK and these libraries: %s
                  (org.apache.commons.math3 for distributions and statistics, org.apache.commons.csv,
                  com.fasterxml.jackson.databind for JSON).
                - Do NOT use the network, start processes, use reflection or class loaders, native code, System.exit,
                  System.getenv or System.getProperties, and do NOT write, move or delete files. Print to System.out only.
                - Print exactly one JSON object to standard output, in the schema cerebro.result/1:
                  {"schema": "cerebro.result/1", "family": ..., "method": <headline method id>, "estimand": ...,
                   "estimate": ..., "standardError": ..., "interval": {...}, "pValue": ...,
                   "sampleSizes": {"<arm>": n, ..., "total": n},
                   "arms": [{"arm": ..., "n": ..., "mean": ..., "sd": ...}, ... control first],
                   "estimates": [{"label": "<arm> vs <control>", "method": ..., "estimand": ..., "estimate": ...,
                     "standardError": ..., "interval": {"lower": ..., "upper": ..., "level": 1 - alpha, "kind": "confidence"},
                     "pValue": ..., "adjustedPValue": ..., "statistic": {"name": ..., "value": ..., "df": ...},
                     "posteriorProbability": ..., "extra": {...}}, ...]}
                  Infinite interval bounds are written as the strings "Infinity" / "-Infinity". Omit fields that do not apply.
                - Differences are always arm minus control. sd is the sample standard deviation (n - 1).
                - Answer with the complete program in one ```java fenced block and nothing else.
                """.formatted(String.join(", ", PipelineClasspath.COORDINATES));
    }

    /**
     * @return the system message worded by {@code options}: the checklist variant appends the checks
     * validation applies, and each amendment is appended as a rule learnt from earlier failures
     */
    public static String system(PromptOptions options) {
        StringBuilder b = new StringBuilder(system());
        if (options.variant().equals("checklist")) {
            b.append("""

                    Before answering, check your program against what Cerebro will do with it:
                    1. parse it (one class Pipeline, a main method); 2. check the rules above; 3. compile it with javac
                    against the listed libraries only; 4. run it on the data and on a second synthetic dataset with a
                    planted effect; 5. compare every number you print with the reference engine's, field by field.
                    """);
        }
        if (!options.amendments().isEmpty()) {
            b.append("\nLessons from earlier validation failures (follow them):\n");
            for (String a : options.amendments()) {
                b.append("- ").append(a.strip()).append('\n');
            }
        }
        return b.toString();
    }

    /** @return the first user message. */
    public static String user(GenerationRequest r, String datasetProfile) {
        StringBuilder b = new StringBuilder();
        b.append("Write the pipeline for this analysis.\n\n");
        b.append("Spec (YAML):\n```yaml\n").append(SpecReader.toYaml(r.spec()).strip()).append("\n```\n\n");
        b.append("Headline method: ").append(r.method()).append("\n\n");
        b.append("What to compute and print:\n").append(r.guidance().strip()).append("\n\n");
        b.append("Dataset schema and per-column summaries (the program receives the full file as args[0]):\n")
                .append(datasetProfile).append('\n');
        if (!r.examples().isEmpty()) {
            b.append("Worked examples from the corpus (adapt, do not copy blindly):\n");
            for (Content c : r.examples()) {
                String id = c.textSegment().metadata().getString("id");
                String title = c.textSegment().metadata().getString("title");
                String text = c.textSegment().text();
                if (text.length() > MAX_EXAMPLE_CHARS) {
                    text = text.substring(0, MAX_EXAMPLE_CHARS) + "\n// ... (truncated)";
                }
                b.append("\n### ").append(id == null ? "example" : id).append(title == null ? "" : " — " + title)
                        .append("\n```java\n").append(text.strip()).append("\n```\n");
            }
        }
        return b.toString();
    }

    /** @return the repair message: the previous attempt's exact diagnostics. */
    public static String repair(ValidationReport report) {
        return "Cerebro validated your program and it failed.\n" + report.describe()
                + "\n\nFix every problem above and answer with the complete corrected program in one ```java block.";
    }
}
