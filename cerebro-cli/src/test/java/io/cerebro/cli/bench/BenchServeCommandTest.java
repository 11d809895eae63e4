package io.cerebro.cli.bench;

import io.cerebro.cli.CliTestSupport;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code cerebro bench serve}: impossible settings are refused with one line before a server starts; the launcher is found. */
class BenchServeCommandTest {
    @Test
    void badSettingsExitWithCode2() {
        CliTestSupport.badInput(CliTestSupport.run("bench", "serve", "--clients", "0"), "--clients", "between 1 and 1024");
        CliTestSupport.badInput(CliTestSupport.run("bench", "serve", "--seconds", "0"), "--seconds", "at least 1");
        CliTestSupport.badInput(CliTestSupport.run("bench", "serve", "--batch", "0"), "--batch");
        CliTestSupport.badInput(CliTestSupport.run("bench", "serve", "--jar", "/no/such/cerebro-cli.jar"), "no cerebro-cli.jar");
    }

    @Test
    void theServerStartsAsAUserStartsIt() {
        Path jar = CliTestSupport.repoFile("cerebro").getParent().resolve("cerebro-cli/target/cerebro-cli.jar");
        assertEquals(List.of(CliTestSupport.repoFile("cerebro").toString()), BenchServeCommand.launcher(jar), "the ./cerebro launcher");
        Path elsewhere = Path.of("/opt/cerebro/lib/cerebro-cli.jar");
        assertEquals("-jar", BenchServeCommand.launcher(elsewhere).get(BenchServeCommand.launcher(elsewhere).size() - 2));
    }
}
