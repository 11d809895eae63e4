package io.cerebro.agents.bench;

import io.cerebro.core.spec.SpecReader;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Shared pieces of the replay-endpoint tests: a small case subset, recorded wrong answers, fences. */
final class BenchCases {
    private BenchCases() {
    }

    /** One case per family, each with cheap validation. */
    static List<BenchSpec> onePerFamily() {
        Set<String> ids = Set.of("ab-welch", "power-means-n", "causal-regression", "geo-scm", "mmm-two-channels", "bandit-ucb1-aggregates",
                "uplift-t-learner");
        return BenchSuite.all().stream().filter(c -> ids.contains(c.id())).toList();
    }

    /** @return the spec YAML exactly as the prompt shows it. */
    static String promptYaml(BenchSpec c) {
        return SpecReader.toYaml(c.spec()).strip() + "\n";
    }

    static String fenced(String code) {
        return "Here is the pipeline.\n\n```java\n" + code + "\n```\n";
    }

    private static final Pattern MAIN = Pattern.compile("public static void main\\(String\\[\\] args\\)[^{]*\\{");

    /**
     * A wrong answer of one of three kinds, by {@code kind % 3}: an undefined symbol (compile error), a
     * forbidden call (policy violation), or prose without a program (parse error).
     */
    static String wrong(String code, int kind) {
        Matcher m = MAIN.matcher(code);
        if (!m.find()) {
            throw new IllegalStateException("no main method in the template program");
        }
        return switch (kind % 3) {
            case 0 -> fenced(code.substring(0, m.end()) + "\n        double offset = undefinedOffset;" + code.substring(m.end()));
            case 1 -> fenced(code.substring(0, m.end()) + "\n        String home = System.getenv(\"HOME\");" + code.substring(m.end()));
            default -> "I would need to see the raw rows before I can write this analysis.";
        };
    }

    /** @return recorded answers per prompt spec YAML: a wrong answer, then the correct program. */
    static Map<String, List<String>> wrongThenRight(List<CaseResult> offline, List<BenchSpec> cases) {
        Map<String, List<String>> out = new java.util.HashMap<>();
        for (int i = 0; i < cases.size(); i++) {
            String code = offline.get(i).code();
            out.put(promptYaml(cases.get(i)), new ArrayList<>(List.of(wrong(code, i), fenced(code))));
        }
        return out;
    }
}
