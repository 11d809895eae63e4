package io.cerebro.rag.testing;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The small corpora under test resources, copied to a temporary folder when a test changes them. */
public final class TestCorpora {
    private TestCorpora() {
    }

    public static Path resource(String name) {
        try {
            return Path.of(TestCorpora.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies a test corpus into {@code target}, leaving out its eval folder. */
    public static Path copy(String name, Path target) throws IOException {
        Path src = resource(name);
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : s.toList()) {
                Path rel = src.relativize(p);
                if (rel.startsWith("eval")) {
                    continue;
                }
                Path dst = target.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dst);
                } else {
                    Files.copy(p, dst);
                }
            }
        }
        return target;
    }
}
