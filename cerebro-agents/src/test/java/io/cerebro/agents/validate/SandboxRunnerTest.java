package io.cerebro.agents.validate;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sandbox is the second line of defence: even a program that slipped past the policy runs
 * with an empty environment, in the scratch folder, without stdin, and its child processes die
 * with it (the sandbox kills a program at its first child process). (Compiled directly here, bypassing the policy on purpose.)
 */
class SandboxRunnerTest {
    @Test
    void environmentIsEmptyAndWorkingDirectoryIsScratch() throws Exception {
        String code = """
                public class Probe {
                    public static void main(String[] args) throws Exception {
                        System.out.println(System.getenv().size());
                        System.out.println(java.nio.file.Path.of("").toAbsolutePath());
                        System.out.println(System.in.read());
                    }
                }
                """;
        InMemoryCompiler.Compilation c = InMemoryCompiler.compile("Probe", code);
        assertTrue(c.ok(), c.errors()::toString);
        Path scratch = Files.createTempDirectory("sandbox-test-");
        SandboxRunner.Run r = SandboxRunner.run(c.classes(), "Probe", List.of(), scratch, SandboxLimits.DEFAULT);
        List<String> lines = r.stdout().lines().toList();
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("0", lines.get(0), "no inherited environment variables");
        assertEquals(scratch.resolve("work").toRealPath().toString(), Path.of(lines.get(1)).toRealPath().toString());
        assertEquals("-1", lines.get(2), "stdin is closed");
    }

    @Test
    void aChildProcessIsKilledWithItsParent() throws Exception {
        String code = """
                public class Spawner {
                    public static void main(String[] args) throws Exception {
                        Process child = new ProcessBuilder("sleep", "600").start();
                        System.out.println(child.pid());
                        System.out.flush();
                        Thread.sleep(600_000);
                    }
                }
                """;
        InMemoryCompiler.Compilation c = InMemoryCompiler.compile("Spawner", code);
        Path scratch = Files.createTempDirectory("sandbox-test-");
        SandboxRunner.Run r = SandboxRunner.run(c.classes(), "Spawner", List.of(), scratch,
                new SandboxLimits(Duration.ofSeconds(3), 64));
        assertTrue(r.killedFor() != null && r.killedFor().contains("child process"), () -> "killed for " + r.killedFor());
        String pid = r.stdout().strip();
        if (!pid.isEmpty()) {
            // the grandchild must be gone too
            var h = ProcessHandle.of(Long.parseLong(pid));
            for (int i = 0; i < 50 && h.isPresent() && h.get().isAlive(); i++) {
                Thread.sleep(100);
            }
            assertFalse(h.isPresent() && h.get().isAlive(), "grandchild process " + pid + " survived");
        }
    }
}
