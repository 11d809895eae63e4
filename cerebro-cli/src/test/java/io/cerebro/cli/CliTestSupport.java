package io.cerebro.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the command line in-process and captures what it prints. */
public final class CliTestSupport {
    /** Exit code, stdout and stderr of one run. */
    public record Run(int code, String out, String err) {
    }

    private CliTestSupport() {
    }

    /** Runs {@code cerebro args...}. */
    public static synchronized Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = CerebroCommand.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** Asserts exit code 2 and exactly one stderr line, without a stack trace, that contains every fragment. */
    public static void badInput(Run r, String... fragments) {
        org.junit.jupiter.api.Assertions.assertEquals(2, r.code(), "exit code; stderr: " + r.err());
        String[] lines = r.err().strip().split("\n");
        org.junit.jupiter.api.Assertions.assertEquals(1, lines.length, "one line expected: " + r.err());
        org.junit.jupiter.api.Assertions.assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r.err());
        for (String f : fragments) {
            org.junit.jupiter.api.Assertions.assertTrue(lines[0].contains(f), "'" + f + "' missing from: " + lines[0]);
        }
    }

    /** @return a file of the repository (found by walking up from the working directory). */
    public static Path repoFile(String rel) {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve(rel))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("not in the repository: " + rel);
        }
        return p.resolve(rel);
    }
}
