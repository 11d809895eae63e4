package io.cerebro.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The SHA-256 of a data file's bytes, recorded in every result's provenance, optionally remembered
 * between runs.
 *
 * <p>Hashing a 250 MB CSV costs about a third of a CPU second, as much as DuckDB's whole scan of
 * the columns an A/B test reads, on a core the scan would otherwise use. A command line that
 * analyses the same file again and again (a report per metric, a re-run after a filter change)
 * can turn on a cache with {@link #cacheIn(Path)}: the digest is then stored under a key made of
 * the file's absolute path, size, modification and status-change times (nanoseconds) and inode,
 * the way {@code git} and {@code make} trust a file's status instead of re-reading it. Any write
 * to the file changes its status-change time, which no program can set back, so a changed file is
 * always hashed again. A file modified in the last {@value #RACY_SECONDS} seconds is not
 * remembered (a coarse file-system clock could hide a second write in the same tick), and where
 * the file system has no such status (non-Unix), nothing is cached. The library default is no
 * cache: the digest is computed from the bytes every time.
 */
public final class FileDigest {
    /** A file changed this recently is hashed but not remembered. */
    static final int RACY_SECONDS = 2;

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private static volatile Path cacheDir;

    private FileDigest() {
    }

    /**
     * Remembers digests in {@code dir} (created on first use) from now on in this JVM; null turns
     * the cache off.
     */
    public static void cacheIn(Path dir) {
        cacheDir = dir;
    }

    /** @return the folder digests are remembered in, or null when the cache is off. */
    public static Path cacheDir() {
        return cacheDir;
    }

    /**
     * @return the lowercase hex SHA-256 of the file's bytes (from the cache when it is on and the
     * file's status is unchanged), or {@code unavailable} when the file cannot be read
     */
    public static String sha256(Path path) {
        Path dir = cacheDir;
        String key = dir == null ? null : statusKey(path);
        Path entry = key == null ? null : dir.resolve(hex(digest(key.getBytes(StandardCharsets.UTF_8))));
        if (entry != null) {
            try {
                String v = Files.readString(entry, StandardCharsets.US_ASCII).strip();
                if (HEX64.matcher(v).matches()) {
                    return v;
                }
            } catch (IOException absent) {
                // not hashed yet under this status
            }
        }
        String v = hashBytes(path);
        if (entry != null && !v.equals("unavailable") && key.equals(statusKey(path)) && !recentlyModified(path)) {
            remember(entry, v);
        }
        return v;
    }

    /** Reads the whole file through SHA-256. */
    static String hashBytes(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 20];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return hex(md.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            return "unavailable";
        }
    }

    /** @return path, size, times and inode as one string, or null where the file system does not give them. */
    static String statusKey(Path path) {
        try {
            Map<String, Object> a = Files.readAttributes(path.toAbsolutePath(), "unix:size,lastModifiedTime,ctime,ino,dev");
            return "sha256-v1|" + path.toAbsolutePath().normalize() + "|" + a.get("size") + "|" + nanos(a.get("lastModifiedTime"))
                    + "|" + nanos(a.get("ctime")) + "|" + a.get("ino") + "|" + a.get("dev");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return null;
        }
    }

    private static long nanos(Object time) {
        return ((FileTime) time).to(java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private static boolean recentlyModified(Path path) {
        try {
            long age = System.currentTimeMillis() - Files.getLastModifiedTime(path).toMillis();
            return age < RACY_SECONDS * 1000L;
        } catch (IOException e) {
            return true;
        }
    }

    private static void remember(Path entry, String value) {
        try {
            Files.createDirectories(entry.getParent());
            Path tmp = Files.createTempFile(entry.getParent(), "digest", ".part");
            Files.writeString(tmp, value + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, entry, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | SecurityException ignored) {
            // a cache that cannot be written only costs the next run a hash
        }
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
