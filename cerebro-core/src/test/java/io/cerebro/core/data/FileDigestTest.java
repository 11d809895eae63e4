package io.cerebro.core.data;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileDigestTest {
    @TempDir
    Path dir;

    @AfterEach
    void off() {
        FileDigest.cacheIn(null);
    }

    private static String oracle(String content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    private Path old(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        // older than the racy window, so the cache may remember it
        Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        return p;
    }

    @Test
    void withoutCacheHashesTheBytes() throws Exception {
        Path p = old("a.csv", "arm,y\nA,1\n");
        assertEquals(oracle("arm,y\nA,1\n"), FileDigest.sha256(p));
        assertEquals(oracle("arm,y\nA,1\n"), Dataset.read(p).sha256());
    }

    @Test
    void cacheReturnsTheSameDigestAndSeesEveryChange() throws Exception {
        Path cache = dir.resolve("cache");
        FileDigest.cacheIn(cache);
        Path p = old("a.csv", "arm,y\nA,1\n");
        assertEquals(oracle("arm,y\nA,1\n"), FileDigest.sha256(p));
        try (var s = Files.list(cache)) {
            assertEquals(1, s.count(), "one remembered digest");
        }
        assertEquals(oracle("arm,y\nA,1\n"), FileDigest.sha256(p));
        // same size, modification time set back to what it was: the status-change time still differs
        FileTime mtime = Files.getLastModifiedTime(p);
        Thread.sleep(20);
        Files.writeString(p, "arm,y\nB,2\n");
        Files.setLastModifiedTime(p, mtime);
        assertEquals(oracle("arm,y\nB,2\n"), FileDigest.sha256(p));
    }

    @Test
    void aCorruptEntryIsIgnored() throws Exception {
        Path cache = dir.resolve("cache");
        FileDigest.cacheIn(cache);
        Path p = old("a.csv", "x\n1\n");
        FileDigest.sha256(p);
        try (var s = Files.list(cache)) {
            Path entry = s.findFirst().orElseThrow();
            Files.writeString(entry, "not a digest");
        }
        assertEquals(oracle("x\n1\n"), FileDigest.sha256(p));
    }

    @Test
    void aFileJustWrittenIsNotRemembered() throws Exception {
        Path cache = dir.resolve("cache");
        FileDigest.cacheIn(cache);
        Path p = dir.resolve("fresh.csv");
        Files.writeString(p, "x\n1\n");
        assertEquals(oracle("x\n1\n"), FileDigest.sha256(p));
        assertTrue(!Files.exists(cache) || Files.list(cache).findAny().isEmpty());
    }
}
