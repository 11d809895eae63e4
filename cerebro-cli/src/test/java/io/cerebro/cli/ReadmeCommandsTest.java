package io.cerebro.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's first command and the user errors around it, run as a new user would. */
class ReadmeCommandsTest {
    @TempDir
    Path dir;

    @Test
    void readmeCommandAnalysesTheBundledExample() throws Exception {
        String readme = Files.readString(CliTestSupport.repoFile("README.md"));
        String line = readme.lines().filter(l -> l.startsWith("./cerebro ")).findFirst().orElseThrow();
        String[] args = line.replaceAll("\\s+#.*$", "").substring("./cerebro ".length()).trim().split("\\s+");
        args[1] = CliTestSupport.repoFile(args[1]).toString();
        CliTestSupport.Run r = CliTestSupport.run(args);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("treatment vs control"), r.out());
        // oracle: statsmodels proportions_ztest on the same counts (shared ab_oracles.json): z = 1.0576, p = 0.2902
        assertTrue(r.out().contains("z = 1.0576") && r.out().contains("0.2902"), r.out());
    }

    @Test
    void specFileAndReportWork() throws Exception {
        Path report = dir.resolve("r.html");
        CliTestSupport.Run r = CliTestSupport.run("abtest", CliTestSupport.repoFile("examples/checkout_ab.csv").toString(),
                "--spec", CliTestSupport.repoFile("examples/checkout_ab.yaml").toString(), "--report", report.toString(),
                "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"schema\" : \"cerebro.result/1\""), r.out());
        assertTrue(Files.readString(report).contains("<svg"));
    }

    @Test
    void userErrorsAreOneLineWithExitCode2() throws Exception {
        String csv = CliTestSupport.repoFile("examples/checkout_ab.csv").toString();
        String[][] cases = {
                {"abtest", dir.resolve("missing.csv").toString(), "--treatment", "variant", "--outcome", "converted"},
                {"abtest", csv, "--treatment", "variant", "--outcome", "nope"},
                {"abtest", csv, "--treatment", "variant", "--outcome", "converted", "--control", "ctrl"},
                {"abtest", csv, "--treatment", "variant", "--outcome", "converted", "--alpha", "1.2"},
                {"abtest", csv, "--treatment", "variant"},
                {"abtest", csv, "--treatment", "variant", "--outcome", "converted", "--alternative", "sideways"},
                {"abtest", csv, "--treatment", "variant", "--outcome", "converted", "--where", "nosuch > 1"},
                {"abtest", csv, "--treatment", "variant", "--outcome", "converted", "--bogus"},
        };
        for (String[] c : cases) {
            CliTestSupport.Run r = CliTestSupport.run(c);
            assertEquals(2, r.code(), String.join(" ", c) + "\n" + r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
            assertTrue(r.err().startsWith("cerebro: "), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
    }

    @Test
    void badSpecFileNamesTheLine() throws Exception {
        Path spec = dir.resolve("bad.yaml");
        Files.writeString(spec, "treatment: variant\noutcome: converted\ntset: welch\n");
        String csv = CliTestSupport.repoFile("examples/checkout_ab.csv").toString();
        CliTestSupport.Run r = CliTestSupport.run("abtest", csv, "--spec", spec.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown field 'tset'") && r.err().contains("line 3"), r.err());
        assertEquals("treatment: variant\noutcome: converted\ntset: welch\n", Files.readString(spec), "input untouched");
    }
}
