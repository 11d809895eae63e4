package io.cerebro.cli.exp;

import io.cerebro.cli.CliTestSupport;
import io.cerebro.cli.CliTestSupport.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every {@code ./cerebro exp} and {@code ./cerebro policy} line of docs/experiments.md in order, as written (files the
 * doc writes go to a temporary folder): create, assign, record, analyse, stop, recommend, then the policy proposed from the
 * winner, applied and rolled back, and the router.
 */
class ExperimentsWalkthroughTest {
    @TempDir
    Path dir;

    /** Splits a shell line into words, honouring double quotes and single quotes (inside which everything is literal, as in sh). */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (char ch : line.toCharArray()) {
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else {
                    w.append(ch);
                }
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
                any = true;
            } else if (ch == ' ') {
                if (any) {
                    out.add(w.toString());
                }
                w.setLength(0);
                any = false;
            } else {
                w.append(ch);
                any = true;
            }
        }
        if (any) {
            out.add(w.toString());
        }
        return out;
    }

    @Test
    void theWalkthroughRunsAsWritten() throws Exception {
        List<String> lines = Files.readAllLines(CliTestSupport.repoFile("docs/experiments.md")).stream()
                .filter(l -> l.startsWith("./cerebro exp ") || l.startsWith("./cerebro policy ")).toList();
        assertTrue(lines.size() >= 25, "walkthrough lines: " + lines.size());
        String lastAnalyze = null;
        String recommend = null;
        List<String> policyValues = new ArrayList<>();
        String history = null;
        String route = null;
        for (String line : lines) {
            List<String> args = new ArrayList<>(words(line.substring("./cerebro ".length())));
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.startsWith("examples/")) {
                    args.set(i, CliTestSupport.repoFile(a).toString());
                } else if (a.endsWith(".duckdb") || (i > 0 && args.get(i - 1).equals("--output"))) {
                    args.set(i, dir.resolve(a).toString());
                }
            }
            Run r = CliTestSupport.run(args.toArray(String[]::new));
            assertEquals(0, r.code(), line + "\n" + r.out() + r.err());
            assertFalse(r.err().contains("Exception"), r.err());
            if (line.startsWith("./cerebro exp analyze checkout-v2 --store")) {
                lastAnalyze = r.out();
            }
            if (line.contains("exp recommend")) {
                recommend = r.out();
            }
            if (line.startsWith("./cerebro policy get checkout.flow") || line.startsWith("./cerebro policy rollback")) {
                policyValues.add(line.startsWith("./cerebro policy get") ? r.out().strip()
                        : CliTestSupport.run("policy", "get", "checkout.flow", "--scope", "web", "--store", dir.resolve("walkthrough.duckdb").toString()).out().strip());
            }
            if (line.startsWith("./cerebro policy history checkout.flow")) {
                history = r.out();
            }
            if (line.startsWith("./cerebro policy route") && line.contains("--format json")) {
                route = r.out();
            }
        }
        String doc = Files.readString(CliTestSupport.repoFile("docs/experiments.md"));
        String decision = lastAnalyze.substring(lastAnalyze.indexOf("experiment checkout-v2 (running, msprt)")).strip();
        assertTrue(doc.contains(decision), "the doc shows the decision the walkthrough prints:\n" + decision);
        assertTrue(recommend.startsWith("winner: treatment"), recommend);
        assertTrue(Files.readString(dir.resolve("checkout-v2.csv")).startsWith("unit,variant,country,converted,revenue"));
        assertEquals(List.of("treatment", "control"), policyValues, "the winner applied, then rolled back");
        List<String> steps = history.lines().toList();
        assertEquals(4, steps.size(), history);
        assertTrue(steps.get(1).contains("applied  control -> treatment") && steps.get(1).contains("experiment:checkout-v2, 3000 items"), steps.get(1));
        assertTrue(steps.get(2).contains("by release-bot"), steps.get(2));
        assertTrue(steps.get(3).contains("rolled_back  treatment -> control") && steps.get(3).endsWith("support tickets doubled"), steps.get(3));
        assertTrue(route.contains("\"action\" : \"thorough\""), route);
    }
}
