package io.cerebro.rag.index;

import io.cerebro.core.error.UserInputException;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The on-disk layout of an index folder. Each rebuild writes a complete new generation folder
 * ({@code gen-000001}, {@code gen-000002}, ...); the file {@code CURRENT} names the generation in
 * use and is replaced by an atomic rename only after the new generation is committed, so a crash
 * or Ctrl-C during a rebuild leaves the previous index in use. {@code rebuild.lock} holds an OS
 * file lock while a rebuild runs.
 */
public final class IndexLayout {
    static final String CURRENT = "CURRENT";
    static final String LOCK = "rebuild.lock";
    private static final String PREFIX = "gen-";

    private final Path root;

    /** @param root the index folder */
    public IndexLayout(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The index folder. */
    public Path root() {
        return root;
    }

    /** The generation in use, if the folder holds an index. */
    public Optional<Path> current() throws IOException {
        Path cur = root.resolve(CURRENT);
        String name;
        try {
            name = Files.readString(cur, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!name.startsWith(PREFIX) || name.contains("/") || name.contains("\\")) {
            throw new IOException("CURRENT names '" + name + "', not a generation folder");
        }
        return Optional.of(root.resolve(name));
    }

    /** Creates the folder for the next generation. */
    Path newGeneration() throws IOException {
        Files.createDirectories(root);
        int next = generations().stream().mapToInt(IndexLayout::number).max().orElse(0) + 1;
        Path dir = root.resolve(String.format("%s%06d", PREFIX, next));
        Files.createDirectory(dir);
        return dir;
    }

    /** Makes {@code generation} the one in use, atomically. */
    void publish(Path generation) throws IOException {
        Path tmp = root.resolve(CURRENT + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap((generation.getFileName() + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        try {
            Files.move(tmp, root.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, root.resolve(CURRENT), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes every generation except {@code keep}; failures are ignored (a reader may hold files open). */
    void deleteOtherGenerations(Path keep) {
        try {
            for (Path g : generations()) {
                if (!g.equals(keep)) {
                    deleteTree(g);
                }
            }
        } catch (IOException ignored) {
            // stale generations only cost disk space; the next rebuild tries again
        }
    }

    /** Deletes a folder and its content, best effort. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    List<Path> generations() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> p.getFileName().toString().matches(PREFIX + "\\d+") && Files.isDirectory(p)).sorted().toList();
        }
    }

    private static int number(Path gen) {
        return Integer.parseInt(gen.getFileName().toString().substring(PREFIX.length()));
    }

    /**
     * Takes the rebuild lock.
     *
     * @throws IndexLockedException when another process (or another rebuild in this process) holds it
     */
    public Closeable lock() {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UserInputException("cannot create index folder " + root + ": " + e.getMessage()
                    + "; pass a writable folder to --index");
        }
        FileChannel ch = null;
        try {
            ch = FileChannel.open(root.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = ch.tryLock();
            if (lock == null) {
                ch.close();
                throw locked();
            }
            FileChannel channel = ch;
            return () -> {
                lock.release();
                channel.close();
            };
        } catch (OverlappingFileLockException e) {
            closeQuietly(ch);
            throw locked();
        } catch (IOException e) {
            closeQuietly(ch);
            throw new UserInputException("cannot lock index folder " + root + ": " + e.getMessage()
                    + "; pass a writable folder to --index");
        }
    }

    private UserInputException locked() {
        return new IndexLockedException("index folder " + root + " is locked by another rebuild;"
                + " wait for it to finish or pass another folder to --index");
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }
}
