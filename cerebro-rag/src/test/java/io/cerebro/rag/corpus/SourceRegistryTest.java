package io.cerebro.rag.corpus;

import io.cerebro.core.error.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourceRegistryTest {
    @Test
    void foldersAndGitRepositoriesAreRegisteredOnceWithTheirLicense(@TempDir Path tmp) throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("my-examples"));
        Path index = tmp.resolve("index");
        SourceRegistry reg = new SourceRegistry(index);
        reg.add(folder.toString(), "mine", "MIT");

        // a real Git repository, cloned through a file:// URL
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.writeString(repo.resolve("power.R"), "f <- function(x) x\n");
        git(repo, "init", "-q");
        git(repo, "add", "power.R");
        git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "one");
        SourceRegistry.Entry cloned = reg.add(repo.toUri().toString(), "geo-r", "Apache-2.0");
        assertTrue(Files.exists(Path.of(cloned.path()).resolve("power.R")), cloned.toString());

        List<SourceRegistry.Entry> again = new SourceRegistry(index).entries();
        assertEquals(List.of("mine", "geo-r"), again.stream().map(SourceRegistry.Entry::name).toList());
        assertEquals(List.of("MIT", "Apache-2.0"), again.stream().map(SourceRegistry.Entry::license).toList());
        assertEquals(folder.toAbsolutePath().normalize(), new SourceRegistry(index).sources().get(0).root());

        UserInputException dup = assertThrows(UserInputException.class, () -> reg.add(folder.toString(), "mine", "MIT"));
        assertTrue(dup.getMessage().contains("already registered"), dup.getMessage());
        assertThrows(UserInputException.class, () -> reg.add(folder.toString(), "other", " "));
        assertThrows(UserInputException.class, () -> reg.add(tmp.resolve("missing").toString(), "x", "MIT"));
        UserInputException badUrl = assertThrows(UserInputException.class,
                () -> reg.add(tmp.resolve("no-repo").toUri() + ".git", "bad", "MIT"));
        assertTrue(badUrl.getMessage().startsWith("git clone"), badUrl.getMessage());
        assertEquals(2, new SourceRegistry(index).entries().size(), "failed adds register nothing");
    }

    private static void git(Path dir, String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "git";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }
}
