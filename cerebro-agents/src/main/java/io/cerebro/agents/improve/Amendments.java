package io.cerebro.agents.improve;

import io.cerebro.agents.bench.CaseResult;
import io.cerebro.agents.validate.Verdict;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns validation diagnostics into candidate prompt amendments: one rule per kind of failure, worded
 * without the failing case's numbers so that it can help the family's other cases too.
 *
 * <ul>
 *   <li>a compile error: compile against the listed libraries only, declaring everything used (with the
 *       compiler's message);</li>
 *   <li>a policy violation: the construct the policy rejected, not to be used;</li>
 *   <li>a runtime error: the exception the program stopped with, to guard against;</li>
 *   <li>no program, or no result JSON: one fenced program that prints one result object;</li>
 *   <li>numbers that differ from the engine: one rule per mismatched field ({@code estimate},
 *       {@code standardError}, {@code interval}, ...), to compute it exactly as the guidance defines it.</li>
 * </ul>
 */
public final class Amendments {
    private static final Pattern FIELD = Pattern.compile("^(?:on synthetic data: )?(?:estimates\\[[^\\]]*\\]\\.)?([A-Za-z_]+)[.\\[:]");
    private static final Pattern EXCEPTION = Pattern.compile("([a-zA-Z_$][\\w$]*\\.)*([A-Z]\\w*(?:Exception|Error))");

    private Amendments() {
    }

    /** @return the amendment for a field that differed from the engine. */
    public static String forField(String field) {
        return "Print `" + field + "` exactly as the guidance defines it, with the same formula as the reference engine: "
                + "an earlier program printed a different `" + field + "`.";
    }

    /**
     * @param failures failed cases (their last diagnostics are read)
     * @return candidate amendments, the most frequent first (ties in text order), each once
     */
    public static List<String> from(List<CaseResult> failures) {
        Map<String, Integer> count = new LinkedHashMap<>();
        for (CaseResult c : failures) {
            if (c.validated() || c.verdicts().isEmpty()) {
                continue;
            }
            Verdict last = c.verdicts().get(c.verdicts().size() - 1);
            for (String a : of(last, c.diagnostics())) {
                count.merge(a, 1, Integer::sum);
            }
        }
        List<String> out = new ArrayList<>(count.keySet());
        out.sort(Comparator.<String>comparingInt(a -> -count.get(a)).thenComparing(Comparator.naturalOrder()));
        return out;
    }

    /** @return the distinct amendments of one failed attempt. */
    static List<String> of(Verdict verdict, List<String> diagnostics) {
        List<String> out = new ArrayList<>();
        switch (verdict) {
            case COMPILE_ERROR -> diagnostics.stream().findFirst().ifPresent(d -> out.add(
                    "The program must compile with javac --release 21 against the listed libraries only, declaring every variable, "
                            + "method and import it uses: an earlier program failed with \"" + d.replaceFirst("^line \\d+: ", "") + "\"."));
            case POLICY_VIOLATION -> diagnostics.stream().findFirst().ifPresent(d -> out.add(
                    "The safety policy rejects this, so never do it: " + d.replaceFirst("^line \\d+: ", "")));
            case RUNTIME_ERROR -> {
                String e = diagnostics.stream().map(EXCEPTION::matcher).filter(Matcher::find).map(m -> m.group(2)).findFirst()
                        .orElse("an exception");
                out.add("Guard against " + e + ": an earlier program stopped with it; check inputs and matrix shapes before using them.");
            }
            case PARSE_ERROR, BAD_OUTPUT -> out.add("Always answer with the complete program in one ```java fenced block, and print exactly "
                    + "one result JSON object on standard output.");
            case MISMATCH, SYNTHETIC_MISMATCH -> {
                for (String d : diagnostics) {
                    Matcher m = FIELD.matcher(d);
                    if (m.find()) {
                        String a = forField(m.group(1));
                        if (!out.contains(a)) {
                            out.add(a);
                        }
                    }
                }
            }
            case TIMEOUT, RESOURCE_LIMIT, OUT_OF_MEMORY -> out.add("Keep the program within the sandbox: one thread, linear passes over "
                    + "the data, no quadratic memory; an earlier program was stopped (" + verdict.meaning() + ").");
            case PASSED -> {
            }
        }
        return out;
    }
}
