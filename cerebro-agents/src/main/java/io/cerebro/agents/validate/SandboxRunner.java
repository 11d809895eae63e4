package io.cerebro.agents.validate;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs compiled pipeline classes in a child JVM: the {@code java} of the current runtime, an
 * EMPTY environment (no inherited secrets), the scratch folder as working directory and
 * {@code java.io.tmpdir}, no stdin, a heap cap ({@code -Xmx}, exiting on the first
 * {@code OutOfMemoryError}) and a wall-clock limit after which the whole process tree is killed.
 *
 * <p>Threads, child processes, open files and CPU time are bounded from outside the child as well
 * ({@link SandboxLimits}): a {@link ResourceWatchdog} in this process destroys the tree the moment
 * the child breaks a cap, a {@code pids} cgroup ({@link PidsCgroup}) caps its tasks in the kernel
 * where the machine allows one, {@code prlimit} sets its open-file and CPU-time limits where it is
 * installed, and {@code nice -n 19} gives it the lowest scheduling priority.
 */
public final class SandboxRunner {
    private static final int MAX_CAPTURE = 1 << 20;
    /** Output beyond this many bytes on either stream stops the run. */
    static final long MAX_OUTPUT = 64L << 20;

    private SandboxRunner() {
    }

    /**
     * The outcome of one run.
     *
     * @param exitCode  the process exit code (-1 when killed)
     * @param stdout    standard output (first MiB)
     * @param stderr    standard error (first MiB)
     * @param timedOut  whether the time limit was reached and the process tree killed
     * @param outOfMemory whether the JVM stopped on its heap cap
     * @param flooded   whether the program was killed for printing more than 64 MiB
     * @param millis    wall-clock duration
     * @param killedFor why the sandbox killed the program for breaking a resource cap
     *                  ("killed for starting more than 64 threads"), or null
     * @param peakThreads the most threads the child held at once, as the watchdog saw it (0 when unknown)
     */
    public record Run(int exitCode, String stdout, String stderr, boolean timedOut, boolean outOfMemory, boolean flooded,
                      long millis, String killedFor, int peakThreads) {
    }

    private static final Path SH = Path.of("/bin/sh");
    private static final Path PRLIMIT = firstExisting("/usr/bin/prlimit", "/bin/prlimit");
    private static final Path NICE = firstExisting("/usr/bin/nice", "/bin/nice");
    private static final Path ENV = firstExisting("/usr/bin/env", "/bin/env");

    private static Path firstExisting(String... paths) {
        for (String p : paths) {
            if (Files.isExecutable(Path.of(p))) {
                return Path.of(p);
            }
        }
        return null;
    }

    /** The launch wrapper: kernel limits on open files and CPU time, lowest priority. */
    private static List<String> limitsPrefix(SandboxLimits limits) {
        List<String> c = new ArrayList<>();
        if (PRLIMIT != null) {
            // a few descriptors above the watchdog's cap, so the watchdog names the cause before open() fails
            int files = limits.maxOpenFiles() + 16;
            c.addAll(List.of(PRLIMIT.toString(), "--nofile=" + files + ":" + files,
                    "--cpu=" + limits.cpuSeconds() + ":" + (limits.cpuSeconds() + 1), "--"));
        }
        if (NICE != null) {
            c.addAll(List.of(NICE.toString(), "-n", "19"));
        }
        return c;
    }

    /**
     * Writes {@code classes} under {@code scratch/classes} and runs {@code mainClass} with {@code args}.
     *
     * @param scratch an empty folder owned by this run
     */
    public static Run run(Map<String, byte[]> classes, String mainClass, List<String> args, Path scratch, SandboxLimits limits)
            throws IOException {
        Path classDir = scratch.resolve("classes");
        Files.createDirectories(classDir);
        for (Map.Entry<String, byte[]> e : classes.entrySet()) {
            Path f = classDir.resolve(e.getKey().replace('.', '/') + ".class");
            Files.createDirectories(f.getParent());
            Files.write(f, e.getValue());
        }
        Path work = scratch.resolve("work");
        Files.createDirectories(work);
        Path out = scratch.resolve("stdout.txt");
        Path err = scratch.resolve("stderr.txt");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + limits.heapMb() + "m");
        cmd.add("-Xss2m");
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:-UsePerfData");
        cmd.add("-Xshare:auto");
        cmd.add("-Djava.io.tmpdir=" + work);
        cmd.add("-Duser.home=" + work);
        cmd.add("-Dfile.encoding=UTF-8");
        cmd.add("-cp");
        cmd.add(classDir + File.pathSeparator + PipelineClasspath.asString());
        cmd.add(mainClass);
        cmd.addAll(args);
        List<String> launch = new ArrayList<>(limitsPrefix(limits));
        launch.addAll(cmd);
        // one task more than the thread cap: the watchdog sees the cap broken and names it before the kernel refuses
        PidsCgroup cgroup = Files.isExecutable(SH) ? PidsCgroup.create(limits.maxThreads() + 1) : null;
        if (cgroup != null) {
            // the shell joins the cgroup, then becomes the JVM: nothing runs outside the cap
            // (env -i: the shell exports PWD, and the child gets an empty environment)
            String exec = ENV != null ? "exec " + ENV + " -i \"$@\"" : "unset PWD OLDPWD; exec \"$@\"";
            List<String> sh = new ArrayList<>(List.of(SH.toString(), "-c", "echo $$ > \"$0\" && " + exec, cgroup.procs().toString()));
            sh.addAll(launch);
            launch = sh;
        }
        try {
            return run(launch, work, out, err, limits);
        } finally {
            if (cgroup != null) {
                cgroup.close();
            }
        }
    }

    private static Run run(List<String> cmd, Path work, Path out, Path err, SandboxLimits limits) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().clear();
        long start = System.nanoTime();
        Process p = pb.start();
        ResourceWatchdog watchdog = ResourceWatchdog.start(p, limits);
        p.getOutputStream().close();
        boolean finished = false;
        boolean flooded = false;
        long deadline = start + limits.timeout().toNanos();
        try {
            // poll, so that a program flooding its output is stopped long before it fills the disk
            while (!finished && System.nanoTime() < deadline && watchdog.killedFor() == null) {
                finished = p.waitFor(Math.min(200, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)), TimeUnit.MILLISECONDS);
                if (!finished && (Files.size(out) > MAX_OUTPUT || Files.size(err) > MAX_OUTPUT)) {
                    flooded = true;
                    break;
                }
            }
        } catch (InterruptedException e) {
            killTree(p);
            watchdog.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the pipeline", e);
        }
        if (!finished) {
            killTree(p);
        }
        watchdog.close();
        String killedFor = watchdog.killedFor();
        if (killedFor != null) {
            // the watchdog killed it: it neither finished nor timed out
            finished = false;
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        String stdout = readCapped(out);
        String stderr = readCapped(err);
        // -XX:+ExitOnOutOfMemoryError exits with status 3 and reports on the JVM's output stream
        if (killedFor == null && (stderr.contains("unable to create native thread") || stdout.contains("unable to create native thread"))) {
            // the kernel's task cap refused a thread before the watchdog's next look
            killedFor = "killed for starting more than " + limits.maxThreads() + " threads";
        }
        if (killedFor == null && (stderr.contains("Too many open files") || stdout.contains("Too many open files"))) {
            // the kernel's descriptor limit refused an open before the watchdog's next look
            killedFor = "stopped for holding more than " + limits.maxOpenFiles() + " open files (the kernel refused more)";
        }
        if (killedFor == null && finished && p.exitValue() == 128 + 24) {
            killedFor = "killed for using more than " + limits.cpuSeconds() + " s of CPU time"; // SIGXCPU from prlimit
        }
        boolean oom = killedFor == null && (stderr.contains("OutOfMemoryError")
                || (finished && p.exitValue() == 3 && stdout.contains("Terminating due to java.lang.OutOfMemoryError")));
        boolean timedOut = !finished && !flooded && killedFor == null;
        return new Run(finished ? p.exitValue() : -1, stdout, stderr, timedOut, oom, flooded, millis, killedFor, watchdog.peakThreads());
    }

    /** Kills the process and every descendant it started, then waits for it to be gone. */
    static void killTree(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String readCapped(Path f) throws IOException {
        if (!Files.exists(f)) {
            return "";
        }
        try (InputStream in = Files.newInputStream(f)) {
            byte[] b = in.readNBytes(MAX_CAPTURE);
            return new String(b, StandardCharsets.UTF_8);
        }
    }
}
