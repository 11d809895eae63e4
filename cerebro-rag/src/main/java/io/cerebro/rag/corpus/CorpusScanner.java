package io.cerebro.rag.corpus;

import io.cerebro.core.error.UserInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Walks source folders and lists the files the indexer can read. Hidden folders and build output
 * ({@code target}, {@code build}, {@code node_modules}) are not entered; files of other types
 * are reported as skipped rather than failing the rebuild.
 */
public final class CorpusScanner {
    /** File extensions the chunkers understand. */
    public static final Set<String> SUPPORTED = Set.of("java", "py", "md", "markdown", "ipynb", "r", "rmd", "qmd", "sql");
    /** Top-level folders of the bundled corpus that hold no examples. */
    public static final Set<String> BUNDLED_NON_EXAMPLES = Set.of("eval", "data");
    private static final Set<String> IGNORED_DIRS = Set.of("target", "build", "node_modules", "__pycache__");

    /** The result of a scan: candidate files in a stable order, and the files skipped so far. */
    public record Scan(List<SourceFile> files, List<Skipped> skipped) {
    }

    private CorpusScanner() {
    }

    /**
     * Lists the candidate files of the given sources.
     *
     * @throws UserInputException when a user folder is missing, not a folder, or unreadable
     */
    public static Scan scan(List<CorpusSource> sources) {
        List<SourceFile> files = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (CorpusSource source : sources) {
            Path root = source.root();
            if (!source.bundled()) {
                if (!Files.exists(root)) {
                    throw new UserInputException("source folder " + root + " does not exist; pass an existing folder to --source");
                }
                if (!Files.isDirectory(root)) {
                    throw new UserInputException("source " + root + " is not a folder; pass a folder of examples to --source");
                }
                if (!Files.isReadable(root)) {
                    throw new UserInputException("source folder " + root + " is not readable; fix its permissions or pass another --source");
                }
            } else if (!Files.isDirectory(root)) {
                continue;
            }
            try {
                // follow links: a source folder (or a folder inside it) is often a symbolic link
                Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        if (dir.equals(root)) {
                            return FileVisitResult.CONTINUE;
                        }
                        String name = fileName(dir);
                        if (name.startsWith(".") || IGNORED_DIRS.contains(name)) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        // the bundled corpus keeps its evaluation queries and sample data beside the examples
                        if (source.bundled() && BUNDLED_NON_EXAMPLES.contains(name) && dir.getParent().equals(root)) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        String name = fileName(file);
                        if (name.startsWith(".") || !attrs.isRegularFile()) {
                            return FileVisitResult.CONTINUE;
                        }
                        String rel = relative(root, file);
                        String display = source.bundled() ? source.displayRoot() + "/" + rel : file.toString();
                        String ext = extension(name);
                        if (!SUPPORTED.contains(ext)) {
                            skipped.add(new Skipped(display, "unsupported file type", ext.isEmpty() ? "(no extension)" : "." + ext));
                        } else {
                            files.add(new SourceFile(file, rel, display, attrs.size(), source.bundled()));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException exc) {
                        skipped.add(new Skipped(file.toString(), exc instanceof java.nio.file.FileSystemLoopException
                                ? "symbolic link loop" : "unreadable", String.valueOf(exc.getMessage())));
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        files.sort(Comparator.comparing(SourceFile::displayPath));
        return new Scan(files, skipped);
    }

    /** The lower-case extension of a file name without the dot, or empty. */
    public static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String fileName(Path p) {
        Path f = p.getFileName();
        String s = f == null ? "" : f.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String relative(Path root, Path file) {
        List<String> parts = new ArrayList<>();
        for (Path part : root.relativize(file)) {
            String s = part.toString();
            parts.add(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        }
        return String.join("/", parts);
    }
}
