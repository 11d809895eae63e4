package io.cerebro.agents.validate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A kernel cap on the tasks (threads and processes) of one sandboxed run: a {@code pids} cgroup
 * whose {@code pids.max} the child cannot raise. Created only where the machine lets Cerebro write
 * the cgroup tree (root on a host or a privileged container, cgroup v1 {@code pids} or v2 with the
 * {@code pids} controller); elsewhere {@link #create} returns null and the parent's
 * {@link ResourceWatchdog} is the guarantee.
 */
final class PidsCgroup implements AutoCloseable {
    private static final AtomicInteger COUNT = new AtomicInteger();
    private final Path dir;

    private PidsCgroup(Path dir) {
        this.dir = dir;
    }

    /** @return a new cgroup capped at {@code maxTasks}, or null when the machine does not allow one. */
    static PidsCgroup create(int maxTasks) {
        for (Path root : new Path[]{Path.of("/sys/fs/cgroup/pids"), Path.of("/sys/fs/cgroup")}) {
            if (!Files.isWritable(root) || !Files.exists(root.resolve("cgroup.procs"))) {
                continue;
            }
            if (root.getFileName().toString().equals("cgroup") && !hasPidsController(root)) {
                continue;
            }
            sweepStale(root);
            Path dir = root.resolve("cerebro-sandbox-" + ProcessHandle.current().pid() + "-" + COUNT.incrementAndGet());
            try {
                Files.createDirectory(dir);
                Files.writeString(dir.resolve("pids.max"), Integer.toString(maxTasks));
                return new PidsCgroup(dir);
            } catch (IOException | RuntimeException e) {
                try {
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // an empty cgroup left behind is harmless
                }
            }
        }
        return null;
    }

    /**
     * Removes the empty cgroups of Cerebro processes that are gone: a JVM killed with -9 cannot
     * remove its own, and without this sweep they would pile up under the cgroup root.
     */
    static void sweepStale(Path root) {
        try (var dirs = Files.newDirectoryStream(root, "cerebro-sandbox-*")) {
            for (Path dir : dirs) {
                String[] parts = dir.getFileName().toString().split("-");
                long owner;
                try {
                    owner = Long.parseLong(parts[2]);
                } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                    continue;
                }
                if (ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                try {
                    if (Files.readString(dir.resolve("cgroup.procs")).isBlank()) {
                        Files.deleteIfExists(dir);
                    }
                } catch (IOException ignored) {
                    // still in use or not ours to remove: leave it
                }
            }
        } catch (IOException ignored) {
            // the root cannot be listed: nothing to sweep
        }
    }

    private static boolean hasPidsController(Path root) {
        try {
            return Files.readString(root.resolve("cgroup.subtree_control")).contains("pids");
        } catch (IOException e) {
            return false;
        }
    }

    /** @return the file a process writes its pid to, to join this cgroup. */
    Path procs() {
        return dir.resolve("cgroup.procs");
    }

    /** Removes the cgroup; its tasks must have ended (the run waits for the process tree first). */
    @Override
    public void close() {
        for (int i = 0; i < 50; i++) {
            try {
                Files.deleteIfExists(dir);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
