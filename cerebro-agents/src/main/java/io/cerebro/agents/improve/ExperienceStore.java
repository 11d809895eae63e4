package io.cerebro.agents.improve;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.core.error.UserInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The experience store: validation outcomes across runs, one JSON object per line in a file that is
 * only ever appended to.
 *
 * <p>Each {@link #append} takes an exclusive lock on the file (across processes: {@link FileLock};
 * across threads of this JVM: a monitor per file), writes the whole record with one write, and forces
 * it to disk before returning, so concurrent runs interleave whole lines and a record that was
 * acknowledged survives a {@code kill -9} (or a crash of the machine). A writer killed in the middle of
 * a write can leave a partial last line; the next append starts on a new line, and {@link #read}
 * skips lines that do not parse and counts them.
 */
public final class ExperienceStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Path, Object> MONITORS = new ConcurrentHashMap<>();

    private final Path file;

    /** @param file the JSON-lines file (created on the first append) */
    public ExperienceStore(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    /** @return the file. */
    public Path file() {
        return file;
    }

    /** Appends one record durably (see the class comment). */
    public void append(Experience e) {
        appendLine(file, e, "experience store");
    }

    /** Appends {@code record} as one JSON line to {@code file} under the lock, forced to disk. */
    static void appendLine(Path file, Object record, String what) {
        byte[] line;
        try {
            line = (JSON.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        Object monitor = MONITORS.computeIfAbsent(file, f -> new Object());
        synchronized (monitor) {
            try {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
                     FileLock lock = ch.lock()) {
                    long size = ch.size();
                    ByteBuffer out;
                    if (size > 0 && !endsWithNewline(ch, size)) {
                        // a writer died mid-line: start this record on a line of its own
                        out = ByteBuffer.allocate(line.length + 1).put((byte) '\n').put(line).flip();
                    } else {
                        out = ByteBuffer.wrap(line);
                    }
                    long pos = size;
                    while (out.hasRemaining()) {
                        pos += ch.write(out, pos);
                    }
                    ch.force(true);
                }
            } catch (IOException ex) {
                throw new UserInputException("cannot append to the " + what + " " + file + ": " + ex.getMessage());
            }
        }
    }

    private static boolean endsWithNewline(FileChannel ch, long size) throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        ch.read(last, size - 1);
        return last.get(0) == '\n';
    }

    /** What {@link #read} found. */
    public record Contents(List<Experience> records, int skipped) {
        public Contents {
            records = List.copyOf(records);
        }
    }

    /** @return every whole record in the file, in order, and how many lines were skipped as unreadable. */
    public Contents read() {
        Lines<Experience> l = readLines(file, Experience.class, "experience store");
        return new Contents(l.records(), l.skipped());
    }

    /** Whole records of a JSON-lines file and the count of unreadable lines. */
    record Lines<T>(List<T> records, int skipped) {
    }

    /** Reads a JSON-lines file written by {@link #appendLine}, skipping torn lines. */
    static <T> Lines<T> readLines(Path file, Class<T> type, String what) {
        if (!Files.exists(file)) {
            return new Lines<>(List.of(), 0);
        }
        List<T> out = new ArrayList<>();
        int skipped = 0;
        try {
            // decoded leniently: a torn last line may end inside a multi-byte character
            for (String l : new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n")) {
                if (l.isBlank()) {
                    continue;
                }
                try {
                    out.add(JSON.readValue(l, type));
                } catch (IOException partial) {
                    skipped++;
                }
            }
        } catch (IOException e) {
            throw new UserInputException("cannot read the " + what + " " + file + ": " + e.getMessage());
        }
        return new Lines<>(out, skipped);
    }

    /** @return every whole record. */
    public List<Experience> records() {
        return read().records();
    }
}
