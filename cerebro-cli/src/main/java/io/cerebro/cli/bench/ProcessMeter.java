package io.cerebro.cli.bench;

import io.cerebro.core.error.UserInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs a benchmark command as a child process and measures what its user waits for and pays: wall
 * clock from start to exit, peak resident memory and CPU time of the child.
 *
 * <p>With GNU time ({@code /usr/bin/time}) the kernel's own accounting of the finished child is used
 * ({@code wait4} rusage: {@code ru_maxrss}, user and system time). Without it the child's
 * {@code /proc/<pid>/status} high-water mark ({@code VmHWM}) and {@code /proc/<pid>/stat} CPU ticks
 * are polled every few milliseconds; the last reading before exit is reported, which can miss a
 * peak reached in the final milliseconds.
 */
public final class ProcessMeter {
    /** How the child was measured. */
    public enum Method { GNU_TIME, PROC_POLL }

    /**
     * One measured run.
     *
     * @param seconds    wall clock, start to exit
     * @param peakMiB    peak resident set of the child, MiB
     * @param cpuSeconds user plus system CPU time of the child
     * @param stdout     what the child printed on stdout
     * @param stderr     what it printed on stderr
     */
    public record Run(double seconds, double peakMiB, double cpuSeconds, String stdout, String stderr) {
    }

    private static final Path GNU_TIME = Path.of("/usr/bin/time");
    private static final String MARK = "cerebro-meter";
    private final Method method;

    private ProcessMeter(Method method) {
        this.method = method;
    }

    /** @return a meter using GNU time when it is installed, else polling {@code /proc}. */
    public static ProcessMeter best() {
        return new ProcessMeter(gnuTimeWorks() ? Method.GNU_TIME : Method.PROC_POLL);
    }

    /** @return a meter with the given method (tests use both). */
    public static ProcessMeter using(Method method) {
        return new ProcessMeter(method);
    }

    /** @return how this meter measures. */
    public Method method() {
        return method;
    }

    /** @return a short note on the method for benchmark output. */
    public String describe() {
        return method == Method.GNU_TIME ? "peak RSS and CPU from the kernel's accounting of the child (GNU time)"
                : "peak RSS from /proc/<pid>/status VmHWM, CPU from /proc/<pid>/stat, polled every 5 ms";
    }

    static boolean gnuTimeWorks() {
        if (!Files.isExecutable(GNU_TIME)) {
            return false;
        }
        try {
            Path f = Files.createTempFile("cerebro-meter", ".txt");
            try {
                Process p = new ProcessBuilder(GNU_TIME.toString(), "-o", f.toString(), "-f", MARK + " %e %M %U %S", "true")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && parseGnuTime(Files.readString(f)) != null;
            } finally {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs the command to completion and measures it.
     *
     * @throws UserInputException when it fails or runs longer than 30 minutes
     */
    public Run run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("cerebro-bench", ".out");
        Path err = Files.createTempFile("cerebro-bench", ".err");
        Path acct = Files.createTempFile("cerebro-bench", ".time");
        try {
            List<String> full = new ArrayList<>();
            if (method == Method.GNU_TIME) {
                full.addAll(List.of(GNU_TIME.toString(), "-o", acct.toString(), "-f", MARK + " %e %M %U %S"));
            }
            full.addAll(command);
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(full).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            double[] polled = method == Method.PROC_POLL ? poll(p) : null;
            if (!p.waitFor(30, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new UserInputException("benchmark command timed out: " + String.join(" ", command));
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            String stderr = Files.readString(err);
            if (p.exitValue() != 0) {
                throw new UserInputException("benchmark command failed (exit " + p.exitValue() + "): "
                        + String.join(" ", command) + ": " + stderr.strip().lines().reduce((a, b) -> b).orElse(""));
            }
            String stdout = Files.readString(out);
            if (method == Method.GNU_TIME) {
                double[] g = parseGnuTime(Files.readString(acct));
                if (g == null) {
                    throw new IllegalStateException("GNU time wrote no accounting line for " + String.join(" ", command));
                }
                return new Run(wall, g[1] / 1024.0, g[2] + g[3], stdout, stderr);
            }
            return new Run(wall, polled[0] / 1024.0, polled[1], stdout, stderr);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            Files.deleteIfExists(acct);
        }
    }

    /** {elapsed s, max RSS KiB, user s, system s} from GNU time's line, or null. */
    static double[] parseGnuTime(String text) {
        for (String line : text.lines().toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 5 && f[0].equals(MARK)) {
                try {
                    return new double[]{Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4])};
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** Polls the child until it exits: {peak VmHWM KiB, CPU seconds at the last reading}. */
    private static double[] poll(Process p) throws InterruptedException {
        long pid = p.pid();
        Path status = Path.of("/proc/" + pid + "/status");
        Path stat = Path.of("/proc/" + pid + "/stat");
        double hwm = 0;
        double cpu = 0;
        double ticks = 100; // USER_HZ, 100 on every Linux configuration the JDK supports
        while (p.isAlive()) {
            try {
                hwm = Math.max(hwm, vmHwmKiB(Files.readString(status)));
                cpu = Math.max(cpu, cpuTicks(Files.readString(stat)) / ticks);
            } catch (IOException | RuntimeException e) {
                // the child exited between isAlive and the read: keep the last reading
            }
            p.waitFor(5, TimeUnit.MILLISECONDS);
        }
        return new double[]{hwm, cpu};
    }

    /** The VmHWM line of /proc/PID/status, in KiB. */
    static double vmHwmKiB(String status) {
        for (String line : status.lines().toList()) {
            if (line.startsWith("VmHWM:")) {
                return Double.parseDouble(line.substring(6).trim().split("\\s+")[0]);
            }
        }
        return 0;
    }

    /** utime + stime (fields 14 and 15) of /proc/PID/stat, in clock ticks; the name field may hold spaces. */
    static double cpuTicks(String stat) {
        String rest = stat.substring(stat.lastIndexOf(')') + 2);
        String[] f = rest.trim().split("\\s+");
        // rest starts at field 3 (state): utime is field 14, stime field 15
        return Double.parseDouble(f[11]) + Double.parseDouble(f[12]);
    }

    /** @return "1.234 s / 567 MiB" */
    static String format(Run r) {
        return String.format(Locale.ROOT, "%.3f s / %.0f MiB", r.seconds(), r.peakMiB());
    }
}
