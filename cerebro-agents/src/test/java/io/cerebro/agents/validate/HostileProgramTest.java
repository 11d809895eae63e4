package io.cerebro.agents.validate;

import io.cerebro.agents.Cerebro;
import io.cerebro.agents.Fixtures;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.spec.ABTestSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile programs are rejected by the policy or stopped by the sandbox, with a verdict saying which and why. */
class HostileProgramTest {
    static Dataset data;
    static ABTestSpec spec = ABTestSpec.of("group", "score");
    static Cerebro cerebro = Cerebro.builder().timeout(Duration.ofSeconds(4)).heapMb(64).build();

    @BeforeAll
    static void open() {
        data = Fixtures.open("small_ties.csv");
    }

    @AfterAll
    static void close() {
        data.close();
    }

    static String program(String imports, String body) {
        return imports + "\npublic class Pipeline {\n    public static void main(String[] args) throws Exception {\n" + body
                + "\n    }\n}\n";
    }

    static ValidationReport validate(String code) {
        return cerebro.validate(code, spec, data);
    }

    static void assertRejected(ValidationReport r, Verdict v, String why) {
        assertEquals(v, r.verdict(), r::describe);
        assertTrue(r.describe().contains(why), () -> "expected '" + why + "' in " + r.describe());
    }

    @Test
    void socketIsRejected() {
        assertRejected(validate(program("import java.net.Socket;", "new Socket(\"example.com\", 80).close();")),
                Verdict.POLICY_VIOLATION, "network");
        assertRejected(validate(program("", "var c = java.net.http.HttpClient.newHttpClient();")),
                Verdict.POLICY_VIOLATION, "network");
    }

    @Test
    void processIsRejected() {
        assertRejected(validate(program("", "new ProcessBuilder(\"sh\", \"-c\", \"id\").start();")),
                Verdict.POLICY_VIOLATION, "spawning processes");
        assertRejected(validate(program("", "Runtime.getRuntime().exec(new String[]{\"id\"});")),
                Verdict.POLICY_VIOLATION, "spawning processes");
    }

    @Test
    void fileWritesAreRejected() {
        assertRejected(validate(program("import java.nio.file.*;", "Files.writeString(Path.of(\"/tmp/owned\"), \"x\");")),
                Verdict.POLICY_VIOLATION, "may not write");
        assertRejected(validate(program("import java.io.*;", "try (var w = new FileWriter(\"../../x\")) { w.write(1); }")),
                Verdict.POLICY_VIOLATION, "file writes are not allowed");
        assertRejected(validate(program("import java.io.*;", "new PrintStream(\"out.txt\").println(1);")),
                Verdict.POLICY_VIOLATION, "System.out");
    }

    @Test
    void environmentAndPropertiesAreRejected() {
        assertRejected(validate(program("", "System.out.println(System.getenv(\"AWS_SECRET_ACCESS_KEY\"));")),
                Verdict.POLICY_VIOLATION, "environment variables");
        assertRejected(validate(program("", "System.out.println(System.getProperties());")),
                Verdict.POLICY_VIOLATION, "environment variables");
    }

    @Test
    void reflectionNativeAndExitAreRejected() {
        assertRejected(validate(program("", "Class.forName(\"java.lang.Runtime\");")), Verdict.POLICY_VIOLATION, "reflection");
        assertRejected(validate(program("", "System.loadLibrary(\"x\");")), Verdict.POLICY_VIOLATION, "native");
        assertRejected(validate(program("", "System.exit(0);")), Verdict.POLICY_VIOLATION, "terminate the JVM");
        // a Unicode escape cannot hide the name: javac and the policy both see System.exit
        assertRejected(validate(program("", "System.\\u0065xit(0);")), Verdict.POLICY_VIOLATION, "terminate the JVM");
    }

    @Test
    void threadsAreRejectedWithAFixTheRepairLoopCanActOn() {
        for (String body : List.of("new Thread(() -> {}).start();", "java.util.concurrent.Executors.newCachedThreadPool();",
                "java.util.concurrent.CompletableFuture.supplyAsync(() -> 1).join();",
                "java.util.stream.IntStream.range(0, 9).parallel().sum();", "java.util.List.of(1, 2).parallelStream().count();",
                "java.util.concurrent.ForkJoinPool.commonPool();", "Thread.startVirtualThread(() -> {});")) {
            assertRejected(validate(program("", body)), Verdict.POLICY_VIOLATION, "compute on the main thread");
        }
    }

    @Test
    void infiniteLoopIsKilled() {
        ValidationReport r = validate(program("", "long i = 0; while (true) { i++; }"));
        assertRejected(r, Verdict.TIMEOUT, "time limit");
    }

    @Test
    void floodingTheOutputIsStopped() {
        // A generous time limit: on a loaded machine writing 64 MiB can take longer than the 4 s the
        // other cases use, and this case must be stopped by the output cap, not by the clock.
        Cerebro patient = Cerebro.builder().timeout(Duration.ofSeconds(60)).heapMb(64).build();
        ValidationReport r = patient.validate(
                program("", "String line = \"x\".repeat(1000); while (true) { System.out.println(line); }"), spec, data);
        assertRejected(r, Verdict.BAD_OUTPUT, "more than 64 MiB");
    }

    @Test
    void unboundedAllocationIsStopped() {
        ValidationReport r = validate(program("import java.util.*;",
                "List<long[]> hog = new ArrayList<>(); while (true) { hog.add(new long[1 << 20]); }"));
        assertRejected(r, Verdict.OUT_OF_MEMORY, "heap cap of 64 MiB");
    }

    @Test
    void hardCodedNumbersFailOnSyntheticData() {
        // a program that prints the engine's own result for the user's data passes the first comparison only
        String json = io.cerebro.core.result.ResultJson.write(cerebro.analyze(spec, data));
        String literal = json.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        ValidationReport r = validate(program("", "System.out.println(\"" + literal + "\");"));
        assertRejected(r, Verdict.SYNTHETIC_MISMATCH, "on synthetic data");
    }

    @Test
    void exceptionsAreReported() {
        ValidationReport r = validate(program("", "throw new IllegalStateException(\"boom\");"));
        assertRejected(r, Verdict.RUNTIME_ERROR, "boom");
        assertRejected(validate(program("", "System.out.println(\"hello\");")), Verdict.BAD_OUTPUT, "hello");
        assertRejected(validate("public class Pipeline { void f( }"), Verdict.PARSE_ERROR, "line 1");
        assertRejected(validate(program("", "int x = \"text\";")), Verdict.COMPILE_ERROR, "incompatible types");
    }
}
