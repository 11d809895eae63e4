package io.cerebro.agents.validate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep removes the cgroups a killed JVM left behind, and only those. */
class PidsCgroupSweepTest {

    /** A pid that belonged to a process which has ended. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long pid = p.pid();
        assumeTrue(ProcessHandle.of(pid).isEmpty(), "pid reused at once");
        return pid;
    }

    @Test
    void removesTheEmptyCgroupOfAProcessThatIsGone() throws Exception {
        Path root = Path.of("/sys/fs/cgroup/pids");
        assumeTrue(Files.isWritable(root) && Files.exists(root.resolve("cgroup.procs")),
                "needs a writable cgroup v1 pids tree (root on this machine)");
        Path stale = root.resolve("cerebro-sandbox-" + deadPid() + "-1");
        Files.createDirectory(stale);
        Path mine = root.resolve("cerebro-sandbox-" + ProcessHandle.current().pid() + "-999999");
        Files.createDirectory(mine);
        try {
            PidsCgroup.sweepStale(root);
            assertFalse(Files.exists(stale), "a dead owner's empty cgroup is removed");
            assertTrue(Files.exists(mine), "a live owner's cgroup is kept");
        } finally {
            Files.deleteIfExists(stale);
            Files.deleteIfExists(mine);
        }
    }

    @Test
    void leavesWhatIsNotAnEmptyCerebroCgroup(@TempDir Path root) throws Exception {
        Path other = Files.createDirectory(root.resolve("someone-else-1"));
        Path unparsable = Files.createDirectory(root.resolve("cerebro-sandbox-x-1"));
        Path busy = Files.createDirectory(root.resolve("cerebro-sandbox-" + deadPid() + "-2"));
        Files.writeString(busy.resolve("cgroup.procs"), "4242\n");
        PidsCgroup.sweepStale(root);
        assertTrue(Files.exists(other));
        assertTrue(Files.exists(unparsable));
        assertTrue(Files.exists(busy), "a cgroup that still lists tasks is kept");
    }
}
