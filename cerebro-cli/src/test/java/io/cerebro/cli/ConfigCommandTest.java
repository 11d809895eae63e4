package io.cerebro.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.cerebro.cli.CliTestSupport.badInput;
import static io.cerebro.cli.CliTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cerebro config} and the global {@code --profile}: a profile, file or variable changes what commands do. */
class ConfigCommandTest {
    static synchronized CliTestSupport.Run runWith(Map<String, String> env, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = CerebroCommand.execute(env, args);
            return new CliTestSupport.Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void showListsEveryValueWithItsLayer() throws Exception {
        CliTestSupport.Run r = runWith(Map.of("CEREBRO_TUNE_TRIALS", "33"), "config", "show", "--profile", "conservative", "--set", "tune.parallel=2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("profile: conservative"), r.out());
        assertTrue(r.out().matches("(?s).*analysis\\.alpha\\s+0\\.01\\s+profile \\(conservative\\).*"), r.out());
        assertTrue(r.out().matches("(?s).*tune\\.trials\\s+33\\s+environment \\(CEREBRO_TUNE_TRIALS\\).*"), r.out());
        assertTrue(r.out().matches("(?s).*tune\\.parallel\\s+2\\s+flag \\(--set\\).*"), r.out());
        JsonNode j = new ObjectMapper().readTree(run("--profile", "aggressive", "config", "show", "--format", "json").out());
        assertEquals(0.10, j.path("analysis").path("alpha").path("value").asDouble());
        assertEquals("profile", j.path("analysis").path("alpha").path("layer").asText());
        assertTrue(run("config", "show", "--format", "yaml").out().contains("layer: \"default\""), "yaml format");
        CliTestSupport.Run p = run("config", "profiles");
        for (String name : new String[]{"development", "production", "research", "conservative", "aggressive", "minimal"}) {
            assertTrue(p.out().contains(name + ": "), p.out());
        }
        assertTrue(p.out().contains("CEREBRO_ANALYSIS_ALPHA"), p.out());
    }

    @Test
    void saveWritesAFileThatLoadsBack(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("cfg.yaml");
        assertEquals(0, run("config", "save", "--profile", "research", "--output", f.toString()).code());
        badInput(run("config", "save", "--output", f.toString()), "exists", "--force");
        CliTestSupport.Run back = runWith(Map.of("CEREBRO_CONFIG", f.toString()), "config", "show");
        assertTrue(back.out().matches("(?s).*tune\\.sampler\\s+gp\\s+file \\(.*"), back.out());
    }

    @Test
    void badConfigurationIsOneLineExitTwo(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "analysis:\n  alpah: 0.01\n");
        badInput(runWith(Map.of("CEREBRO_CONFIG", f.toString()), "config", "show"), "unknown key 'analysis.alpah'", f.toString());
        Files.writeString(f, "tune: {parallel: two}\n");
        badInput(runWith(Map.of("CEREBRO_CONFIG", f.toString()), "tune", TuneCommandTest.study(dir).toString()), "tune.parallel", f.toString());
        badInput(run("--profile", "fast", "config", "show"), "profile 'fast' is unknown");
        badInput(run("config", "show", "--set", "nope=1"), "unknown key 'nope'");
    }

    @Test
    void aProfileChangesWhatTheEnginesDo(@TempDir Path dir) throws Exception {
        String csv = CliTestSupport.repoFile("examples/checkout_ab.csv").toString();
        JsonNode plain = new ObjectMapper().readTree(run("abtest", csv, "--treatment", "variant", "--outcome", "revenue", "--format", "json").out());
        JsonNode strict = new ObjectMapper().readTree(run("abtest", csv, "--treatment", "variant", "--outcome", "revenue", "--format", "json",
                "--profile", "conservative").out());
        assertEquals(0.05, plain.findValue("alpha").asDouble());
        assertEquals(0.01, strict.findValue("alpha").asDouble());
        // a flag beats the profile
        JsonNode flag = new ObjectMapper().readTree(run("--profile", "conservative", "abtest", csv, "--treatment", "variant", "--outcome", "revenue",
                "--alpha", "0.2", "--format", "json").out());
        assertEquals(0.2, flag.findValue("alpha").asDouble());

        // the study file gives no sampler, trials or parallel: the minimal profile's random search with 10 trials is used
        Path s = dir.resolve("q.yaml");
        Files.writeString(s, Files.readString(TuneCommandTest.study(dir)).replace("sampler: random\n", "").replace("trials: 12\n", ""));
        JsonNode t = new ObjectMapper().readTree(run("--profile", "minimal", "tune", s.toString(), "--format", "json").out());
        assertEquals(10, t.path("trials").size());
        assertEquals("random", t.findValue("sampler").asText());
        Files.delete(dir.resolve("q.journal.jsonl"));
        JsonNode env = new ObjectMapper().readTree(runWith(Map.of("CEREBRO_TUNE_TRIALS", "4"), "tune", s.toString(), "--format", "json").out());
        assertEquals(4, env.path("trials").size());
        assertEquals("tpe", env.findValue("sampler").asText());
    }
}
