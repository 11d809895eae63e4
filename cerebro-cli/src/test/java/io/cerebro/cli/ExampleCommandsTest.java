package io.cerebro.cli;

import io.cerebro.cli.CliTestSupport.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every {@code ./cerebro causal} command of {@code examples/README.md} runs as printed (reports go to a
 * temporary folder) and prints the published number its data is known for: Card & Krueger's DiD with
 * their clustered SE, the rdrobust Senate example, Card's 2SLS return to schooling (Wooldridge 15.4),
 * ADH's Prop 99 donor weights, and the statsmodels/numpy Callaway-Sant'Anna oracle for the simulated panel.
 */
class ExampleCommandsTest {
    /** Data file -> text the output must contain, with where the number comes from. */
    private static final Map<String, List<String>> PUBLISHED = Map.of(
            "card_krueger_long.csv", List.of("2.7536", "1.3065"),               // causal_quasi_oracles.json (R lm + vcovCL)
            "rdrobust_senate.csv", List.of("7.4141", "[4.0937, 10.92]"),         // rdrobust's published senate output
            "wooldridge_card1995.csv", List.of("0.1315", "0.05496"),             // Wooldridge Example 15.4 / AER ivreg
            "smoking_prop99.csv", List.of("Utah 0."),                            // both fits weight Utah most (checked below)
            "lalonde_nsw_psid_observational.csv", List.of("ATT"),
            "twfe_panel.csv", List.of());

    @TempDir
    Path dir;

    @Test
    void causalExamplesRunAsPrintedAndReproduceThePublishedNumbers() throws Exception {
        List<String[]> commands = commands(Files.readString(CliTestSupport.repoFile("examples/README.md")));
        assertTrue(commands.size() >= 7, "commands found: " + commands.size());
        for (String[] args : commands) {
            String data = Path.of(args[1]).getFileName().toString();
            for (int i = 0; i < args.length; i++) {
                if (args[i].startsWith("examples/")) {
                    args[i] = CliTestSupport.repoFile(args[i]).toString();
                }
            }
            for (int i = 0; i + 1 < args.length; i++) {
                if (args[i].equals("--report")) {
                    args[i + 1] = dir.resolve(args[i + 1]).toString();
                }
            }
            Run r = CliTestSupport.run(args);
            assertEquals(0, r.code(), String.join(" ", args) + "\n" + r.err());
            for (String expected : PUBLISHED.getOrDefault(data, List.of())) {
                assertTrue(r.out().contains(expected), data + ": '" + expected + "' missing from\n" + r.out());
            }
            if (data.equals("smoking_prop99.csv") && !String.join(" ", args).contains("prop99_adh.yaml")) {
                // outcome-only fit: causal_quasi_oracles.json synthetic_control_prop99 (Utah .394, Montana .232)
                assertTrue(r.out().contains("Utah 0.3939") && r.out().contains("Montana 0.2318"), r.out());
            }
            if (String.join(" ", args).contains("prop99_adh.yaml")) {
                // ADH 2010: California's RMSPE ratio is the largest of 39 states, p = 1/39; Utah .334
                assertTrue(r.out().contains("0.0256") && r.out().contains("Utah 0.3357"), r.out());
            }
            if (data.equals("twfe_panel.csv") && args[2].equals("--method") && args[3].equals("staggered_did")) {
                // twfe_statsmodels.json callaway_santanna/simple/att = 1.5685064547
                assertTrue(r.out().contains("1.5685"), r.out());
            }
        }
    }

    /** The {@code ./cerebro causal ...} lines of a README, with backslash continuations joined. */
    static List<String[]> commands(String readme) {
        List<String[]> out = new ArrayList<>();
        String[] lines = readme.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].startsWith("./cerebro causal ")) {
                continue;
            }
            StringBuilder cmd = new StringBuilder(lines[i]);
            while (cmd.toString().endsWith("\\") && i + 1 < lines.length) {
                cmd.setLength(cmd.length() - 1);
                cmd.append(' ').append(lines[++i].strip());
            }
            out.add(cmd.substring("./cerebro ".length()).trim().split("\\s+"));
        }
        return out;
    }
}
