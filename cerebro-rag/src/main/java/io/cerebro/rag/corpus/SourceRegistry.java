package io.cerebro.rag.corpus;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cerebro.core.error.UserInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The sources registered with {@code cerebro corpus add}, kept in {@code sources.json} beside the
 * index so that every later rebuild indexes them without naming them again. A Git URL is cloned
 * (shallow) into {@code sources/NAME} under the index folder; a folder is referenced where it is.
 */
public final class SourceRegistry {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String FILE = "sources.json";

    /**
     * One registered source.
     *
     * @param name     a short unique name
     * @param origin   the folder or Git URL the user gave
     * @param path     the folder indexed (the clone for a Git URL)
     * @param license  the license the user declared for it (SPDX id such as {@code MIT})
     */
    public record Entry(String name, String origin, String path, String license) {
    }

    private final Path indexDir;

    /** @param indexDir the index folder */
    public SourceRegistry(Path indexDir) {
        this.indexDir = indexDir.toAbsolutePath().normalize();
    }

    /** The registered sources, in the order they were added. */
    public List<Entry> entries() {
        Path f = indexDir.resolve(FILE);
        if (!Files.exists(f)) {
            return List.of();
        }
        try {
            return JSON.readValue(f.toFile(), new TypeReference<List<Entry>>() { });
        } catch (IOException e) {
            throw new UserInputException("cannot read " + f + " (" + e.getMessage().lines().findFirst().orElse("")
                    + "); fix or delete it and add the sources again");
        }
    }

    /** The registered sources as corpus sources. */
    public List<CorpusSource> sources() {
        return entries().stream().map(e -> CorpusSource.folder(Path.of(e.path()))).toList();
    }

    /** Whether the text names a Git repository rather than a folder. */
    public static boolean isGitUrl(String s) {
        return s.startsWith("https://") || s.startsWith("http://") || s.startsWith("git@") || s.startsWith("ssh://")
                || s.startsWith("file://") || s.endsWith(".git");
    }

    /**
     * Registers a folder or clones and registers a Git repository.
     *
     * @throws UserInputException for a name in use or malformed, a missing folder, a failed clone or an empty license
     */
    public Entry add(String location, String name, String license) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new UserInputException("source name '" + name + "' is not valid; use letters, digits, '.', '_' or '-'"
                    + " (e.g. --name geolift)");
        }
        if (license == null || license.isBlank()) {
            throw new UserInputException("no license given for source '" + name + "'; pass its license, e.g. --license MIT");
        }
        List<Entry> all = new ArrayList<>(entries());
        if (all.stream().anyMatch(e -> e.name().equals(name))) {
            throw new UserInputException("a source named '" + name + "' is already registered; pick another --name");
        }
        Path folder;
        if (isGitUrl(location)) {
            folder = indexDir.resolve("sources").resolve(name);
            clone(location, folder);
        } else {
            folder = Path.of(location).toAbsolutePath().normalize();
            if (!Files.isDirectory(folder)) {
                throw new UserInputException("source folder " + folder + " does not exist or is not a folder;"
                        + " pass an existing folder or a Git URL");
            }
        }
        Entry e = new Entry(name, location, folder.toString(), license.strip());
        all.add(e);
        write(all);
        return e;
    }

    private void write(List<Entry> all) {
        try {
            Files.createDirectories(indexDir);
            Path tmp = indexDir.resolve(FILE + ".tmp");
            JSON.writeValue(tmp.toFile(), all);
            Files.move(tmp, indexDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void clone(String url, Path target) {
        if (Files.exists(target)) {
            throw new UserInputException(target + " already exists; remove it or pick another --name");
        }
        try {
            Files.createDirectories(target.getParent());
            Process p = new ProcessBuilder("git", "clone", "--quiet", "--depth", "1", url, target.toString())
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes()).strip();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new UserInputException("git clone " + url + " failed: "
                        + output.lines().reduce((a, b) -> b).orElse("no output") + "; check the URL and your network");
            }
        } catch (IOException e) {
            throw new UserInputException("cannot run git to clone " + url + " (" + e.getMessage()
                    + "); install git or clone it yourself and add the folder");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserInputException("git clone " + url + " was interrupted");
        }
    }
}
