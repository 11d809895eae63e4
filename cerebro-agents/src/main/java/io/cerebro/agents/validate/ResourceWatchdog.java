package io.cerebro.agents.validate;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Watches a sandboxed child from the parent and destroys its process tree the moment it holds more
 * threads, child processes or open files, or has used more CPU time, than its {@link SandboxLimits}
 * allow. It reads {@code /proc/<pid>} every few milliseconds, so it needs nothing from the child and
 * holds whatever the child's code does; on a system without {@code /proc} it does nothing (the
 * time limit still holds).
 */
final class ResourceWatchdog implements AutoCloseable {
    /** Poll interval: thread bombs create about a hundred threads in this time. */
    private static final long POLL_MILLIS = 3;
    /** Clock ticks per second of /proc/<pid>/stat's CPU times (USER_HZ, 100 on Linux). */
    private static final double TICKS = 100.0;
    private static final AtomicInteger COUNT = new AtomicInteger();

    private final Process process;
    private final SandboxLimits limits;
    private final Thread thread;
    private volatile String killedFor;
    private volatile boolean stopped;
    private volatile int peakThreads;

    private ResourceWatchdog(Process process, SandboxLimits limits) {
        this.process = process;
        this.limits = limits;
        this.thread = new Thread(this::watch, "cerebro-sandbox-watchdog-" + COUNT.incrementAndGet());
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
    }

    /** Starts watching {@code process}; close the watchdog when the process has ended. */
    static ResourceWatchdog start(Process process, SandboxLimits limits) {
        ResourceWatchdog w = new ResourceWatchdog(process, limits);
        w.thread.start();
        return w;
    }

    /** @return why the process was killed ("killed for starting more than 64 threads"), or null. */
    String killedFor() {
        return killedFor;
    }

    /** @return the most threads seen at once. */
    int peakThreads() {
        return peakThreads;
    }

    private void watch() {
        Path proc = Path.of("/proc", Long.toString(process.pid()));
        if (!Files.isDirectory(proc)) {
            return;
        }
        long polls = 0;
        while (!stopped && process.isAlive()) {
            String reason = check(proc, polls++ % 8 == 0);
            if (reason != null) {
                killedFor = reason;
                SandboxRunner.killTree(process);
                return;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** @return the limit the child broke, in words, or null; open files and CPU are read every few polls. */
    private String check(Path proc, boolean full) {
        try {
            if (process.descendants().findAny().isPresent()) {
                return "killed for starting a child process (the sandbox allows none)";
            }
            int threads = threads(proc);
            peakThreads = Math.max(peakThreads, threads);
            if (threads > limits.maxThreads()) {
                return "killed for starting more than " + limits.maxThreads() + " threads";
            }
            if (full) {
                int fds = openFiles(proc);
                if (fds > limits.maxOpenFiles()) {
                    return "killed for holding more than " + limits.maxOpenFiles() + " open files";
                }
                double cpu = cpuSeconds(proc);
                if (cpu > limits.cpuSeconds()) {
                    return "killed for using more than " + limits.cpuSeconds() + " s of CPU time";
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended between two reads
        }
        return null;
    }

    private static int threads(Path proc) throws IOException {
        for (String line : Files.readAllLines(proc.resolve("status"))) {
            if (line.startsWith("Threads:")) {
                return Integer.parseInt(line.substring("Threads:".length()).strip());
            }
        }
        return 0;
    }

    private static int openFiles(Path proc) throws IOException {
        int n = 0;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(proc.resolve("fd"))) {
            for (Path ignored : s) {
                n++;
            }
        }
        return n;
    }

    /** utime + stime of /proc/<pid>/stat (fields 14 and 15, counted after the command name's closing parenthesis). */
    private static double cpuSeconds(Path proc) throws IOException {
        String stat = Files.readString(proc.resolve("stat"));
        List<String> f = List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
        return (Long.parseLong(f.get(11)) + Long.parseLong(f.get(12))) / TICKS;
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
