package io.cerebro.agents.validate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Programs that slipped past the policy (compiled directly here, bypassing it on purpose) cannot
 * starve the machine: thread and executor loops, a process-spawning loop, a file-descriptor loop and
 * a busy loop on many threads are each killed for the cap they broke, long before the 30 s time
 * limit, and while a thread loop runs the machine's thread count never rises much above the cap.
 * The caps are read from {@code /proc}: Linux only.
 */
class SandboxResourceCapsTest {
    /** The time limit of these runs: a TIMEOUT verdict would mean the caps did not hold. */
    private static final SandboxLimits LIMITS = new SandboxLimits(Duration.ofSeconds(30), 128, 64, 256, 6);

    @BeforeAll
    static void linuxOnly() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "the sandbox's resource caps read /proc (Linux)");
    }

    private static SandboxRunner.Run run(String name, String body) throws IOException {
        String code = "import java.util.*;\nimport java.util.concurrent.*;\npublic class " + name
                + " {\n    public static void main(String[] args) throws Exception {\n" + body + "\n    }\n}\n";
        InMemoryCompiler.Compilation c = InMemoryCompiler.compile(name, code);
        assertTrue(c.ok(), c.errors()::toString);
        return SandboxRunner.run(c.classes(), name, List.of(), Files.createTempDirectory("sandbox-caps-"), LIMITS);
    }

    /** Sums the threads of every process on the machine. */
    private static int machineThreads() {
        int total = 0;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path p : procs) {
                try {
                    for (String line : Files.readAllLines(p.resolve("status"))) {
                        if (line.startsWith("Threads:")) {
                            total += Integer.parseInt(line.substring(8).strip());
                            break;
                        }
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we read
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return total;
    }

    /** Runs {@code body} while sampling the machine's thread count; returns the run and the rise above the baseline. */
    private static Object[] sampled(String name, String body) throws Exception {
        int baseline = machineThreads();
        AtomicInteger peak = new AtomicInteger(baseline);
        AtomicBoolean done = new AtomicBoolean();
        Thread sampler = new Thread(() -> {
            while (!done.get()) {
                peak.accumulateAndGet(machineThreads(), Math::max);
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        SandboxRunner.Run r;
        try {
            r = run(name, body);
        } finally {
            done.set(true);
            sampler.join(5000);
        }
        return new Object[]{r, peak.get() - baseline};
    }

    private static void assertKilledFor(SandboxRunner.Run r, String cause) {
        assertNotNull(r.killedFor(), () -> "not killed for a cap; exit " + r.exitCode() + ", timed out " + r.timedOut() + ": " + r.stderr());
        assertTrue(r.killedFor().contains(cause), r.killedFor());
        assertFalse(r.timedOut(), "stopped by the time limit, not by the cap");
        System.out.println("sandbox: " + r.killedFor() + " after " + r.millis() + " ms (peak " + r.peakThreads() + " threads)");
    }

    @Test
    void aThreadLoopIsKilledAtTheCap() throws Exception {
        Object[] s = sampled("ThreadLoop", "while (true) { Thread t = new Thread(() -> { try { Thread.sleep(600_000); } "
                + "catch (InterruptedException e) { } }); t.setDaemon(true); t.start(); }");
        SandboxRunner.Run r = (SandboxRunner.Run) s[0];
        assertKilledFor(r, "more than 64 threads");
        int rise = (Integer) s[1];
        // the cap, plus what the watchdog's poll interval lets through where no kernel cap applies, plus other processes' noise
        assertTrue(rise <= 64 + 200, "the machine's thread count rose by " + rise);
        System.out.println("sandbox: machine threads rose by at most " + rise + " during the thread loop");
    }

    @Test
    void anExecutorLoopIsKilledAtTheCap() throws Exception {
        Object[] s = sampled("ExecutorLoop", "ExecutorService pool = Executors.newCachedThreadPool();\n"
                + "while (true) { pool.submit(() -> { try { Thread.sleep(600_000); } catch (InterruptedException e) { } }); }");
        assertKilledFor((SandboxRunner.Run) s[0], "more than 64 threads");
        assertTrue((Integer) s[1] <= 64 + 200, "the machine's thread count rose by " + s[1]);
    }

    @Test
    void aProcessLoopIsKilledAtTheFirstChild() throws Exception {
        SandboxRunner.Run r = run("ForkLoop", "List<Process> ps = new ArrayList<>();\n"
                + "while (true) { ps.add(new ProcessBuilder(\"/bin/sleep\", \"600\").start()); }");
        assertKilledFor(r, "child process");
        Thread.sleep(200);
        assertEquals(0, ProcessHandle.allProcesses().filter(p -> p.info().command().orElse("").endsWith("sleep")
                && p.info().arguments().map(a -> a.length == 1 && a[0].equals("600")).orElse(false)).count(),
                "a spawned sleep 600 survived");
    }

    @Test
    void aFileDescriptorLoopIsKilledAtTheCap() throws Exception {
        SandboxRunner.Run r = run("FdLoop", "List<java.io.InputStream> in = new ArrayList<>();\n"
                + "while (true) { in.add(java.nio.file.Files.newInputStream(java.nio.file.Path.of(\"/proc/self/status\"))); }");
        assertKilledFor(r, "more than 256 open files");
    }

    @Test
    void aBusyLoopOnEveryCoreIsKilledForItsCpuTime() throws Exception {
        SandboxRunner.Run r = run("BusyLoop", "for (int i = 0; i < 8; i++) { Thread t = new Thread(() -> { long x = 0; "
                + "while (true) { x++; } }); t.start(); }\nThread.sleep(600_000);");
        assertKilledFor(r, "s of CPU time");
    }

    @Test
    void anHonestProgramRunsUnderTheCaps() throws Exception {
        SandboxRunner.Run r = run("Honest", "double s = 0; for (int i = 1; i <= 1_000_000; i++) { s += Math.log(i); }\n"
                + "System.out.println(s);");
        assertNull(r.killedFor(), r.killedFor());
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.peakThreads() < 64, "the JVM alone holds " + r.peakThreads() + " threads");
    }
}
