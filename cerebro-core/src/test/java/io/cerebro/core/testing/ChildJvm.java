package io.cerebro.core.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a {@code main} class of the test class path in a child JVM, the way the crash and
 * concurrency tests need real processes (a SIGKILL, or several writers that do not share a JVM's
 * locks): the same java executable and class path as the running tests, native access enabled for
 * DuckDB, and a small heap so that several children fit beside the test JVM.
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** The java executable running these tests. */
    public static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * @param maxHeapMb the child's -Xmx in MiB
     * @param main      the class whose main method the child runs
     * @param args      its arguments
     * @return a process builder for it (not started; set its environment or redirections first)
     */
    public static ProcessBuilder of(int maxHeapMb, Class<?> main, String... args) {
        List<String> cmd = new ArrayList<>(List.of(javaExecutable(), "-Xmx" + maxHeapMb + "m", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }
}
