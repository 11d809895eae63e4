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

/** Runs every {@code ./cerebro exp} line of docs/experiments.md in order, as written (files the doc writes go to a temporary folder). */
class ExperimentsWalkthroughTest {
    @TempDir
    Path dir;

    /** Splits a shell line into words, honouring double quotes. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char ch : line.toCharArray()) {
            if (ch == '"') {
                quoted = !quoted;
                any = true;
            } else if (ch == ' ' && !quoted) {
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
                .filter(l -> l.startsWith("./cerebro exp ")).toList();
        assertTrue(lines.size() >= 12, "walkthrough lines: " + lines.size());
        String lastAnalyze = null;
        String recommend = null;
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
        }
        String doc = Files.readString(CliTestSupport.repoFile("docs/experiments.md"));
        String decision = lastAnalyze.substring(lastAnalyze.indexOf("experiment checkout-v2 (running, msprt)")).strip();
        assertTrue(doc.contains(decision), "the doc shows the decision the walkthrough prints:\n" + decision);
        assertTrue(recommend.startsWith("winner: treatment"), recommend);
        assertTrue(Files.readString(dir.resolve("checkout-v2.csv")).startsWith("unit,variant,country,converted,revenue"));
    }
}
