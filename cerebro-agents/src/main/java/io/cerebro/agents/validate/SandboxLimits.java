package io.cerebro.agents.validate;

import java.time.Duration;

/**
 * Limits of one sandboxed run. Each is enforced from outside the child JVM, so it holds whatever
 * the program does: the time limit and the watchdog by the parent; threads and processes also by a
 * {@code pids} cgroup where the machine lets Cerebro create one; open files and CPU time also by
 * {@code prlimit} where it is installed. See {@code docs/agents.md}.
 *
 * @param timeout    wall-clock limit per run; the process tree is killed when it is reached (default 60 s)
 * @param heapMb     maximum heap of the child JVM in MiB (default 512)
 * @param maxThreads threads the child JVM may hold, its own (about 15 with the sandbox's flags) included (default 64)
 * @param maxOpenFiles file descriptors the child may hold open (default 256)
 * @param cpuSeconds CPU time (all threads together) the child may use (default: the wall-clock timeout plus
 *                   5 s for the JVM's start, so one busy thread meets the time limit first while a busy
 *                   loop on every core is stopped after a fraction of it)
 */
public record SandboxLimits(Duration timeout, int heapMb, int maxThreads, int maxOpenFiles, long cpuSeconds) {
    /** Threads the child JVM may hold unless configured otherwise. */
    public static final int DEFAULT_THREADS = 64;
    /** Open files the child may hold unless configured otherwise. */
    public static final int DEFAULT_OPEN_FILES = 256;

    /** The defaults: 60 seconds, 512 MiB, 64 threads, 256 open files, 65 CPU-seconds. */
    public static final SandboxLimits DEFAULT = new SandboxLimits(Duration.ofSeconds(60), 512);

    public SandboxLimits {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the sandbox timeout must be positive, got " + timeout);
        }
        if (heapMb < 32) {
            throw new IllegalArgumentException("the sandbox heap cap must be at least 32 MiB, got " + heapMb);
        }
        if (maxThreads < 24) {
            throw new IllegalArgumentException("the sandbox thread cap must be at least 24 (the JVM's own threads), got " + maxThreads);
        }
        if (maxOpenFiles < 64) {
            throw new IllegalArgumentException("the sandbox open-file cap must be at least 64 (the JVM's own jars), got " + maxOpenFiles);
        }
        if (cpuSeconds < 1) {
            throw new IllegalArgumentException("the sandbox CPU-time limit must be at least 1 second, got " + cpuSeconds);
        }
    }

    /** A time limit and heap cap with the default thread and file caps and CPU time of the time limit plus 5 s. */
    public SandboxLimits(Duration timeout, int heapMb) {
        this(timeout, heapMb, DEFAULT_THREADS, DEFAULT_OPEN_FILES, timeout.toSeconds() + 5);
    }
}
