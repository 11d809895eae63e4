package io.cerebro.cli.bench;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The child-process meter reports the child's own peak memory: a JVM told to touch a 256 MiB heap at
 * start must show at least that much, and a bare JVM much less, by either method.
 */
class ProcessMeterTest {
    private static List<String> java(String... args) {
        List<String> c = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        c.addAll(List.of(args));
        return c;
    }

    private static void checkMethod(ProcessMeter meter) throws Exception {
        ProcessMeter.Run big = meter.run(java("-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch", "-XX:+UseSerialGC", "-version"));
        ProcessMeter.Run small = meter.run(java("-Xms8m", "-Xmx16m", "-XX:+UseSerialGC", "-version"));
        assertTrue(big.peakMiB() >= 256, meter.method() + ": pre-touched 256 MiB heap, measured " + big.peakMiB());
        assertTrue(small.peakMiB() > 5 && small.peakMiB() < big.peakMiB() - 100, meter.method() + ": small JVM " + small.peakMiB());
        assertTrue(big.seconds() > 0 && big.cpuSeconds() >= 0);
        assertTrue(big.stderr().contains("version"), "the child's stderr is kept");
    }

    @Test
    void procPollingSeesTheChildsHighWaterMark() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs Linux /proc");
        checkMethod(ProcessMeter.using(ProcessMeter.Method.PROC_POLL));
    }

    @Test
    void gnuTimeReportsTheKernelsAccounting() throws Exception {
        Assumptions.assumeTrue(ProcessMeter.gnuTimeWorks(), "needs GNU time at /usr/bin/time");
        checkMethod(ProcessMeter.using(ProcessMeter.Method.GNU_TIME));
    }

    @Test
    void parsesProcFilesAndGnuTimeLines() {
        assertEquals(12345, ProcessMeter.vmHwmKiB("Name:\tjava\nVmPeak:\t 99999 kB\nVmHWM:\t   12345 kB\nVmRSS:\t 100 kB\n"));
        // a command name with spaces and parentheses must not shift the fields
        String stat = "4242 (my (odd) name) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 75 0 0 20 0 1 0 1000 0 0";
        assertEquals(325, ProcessMeter.cpuTicks(stat));
        double[] g = ProcessMeter.parseGnuTime("Command exited with non-zero status 1\ncerebro-meter 1.25 204800 0.90 0.10\n");
        assertEquals(1.25, g[0]);
        assertEquals(204800, g[1]);
        assertEquals(1.0, g[2] + g[3], 1e-12);
    }

    @Test
    void inProcessTimeIsReadFromTheChildsStderr() {
        assertEquals(0.123456, BenchCommand.Abtest.inProcessSeconds("noise\nCEREBRO_IN_PROCESS_TIMING 0.123456\n"));
        assertTrue(Double.isNaN(BenchCommand.Abtest.inProcessSeconds("nothing here")));
    }
}
