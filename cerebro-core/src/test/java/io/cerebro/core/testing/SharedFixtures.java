package io.cerebro.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The datasets and oracles that cerebro-core's tests own and the other modules' tests reuse. Each
 * file exists once, under {@code cerebro-core/src/test/resources} next to its provenance README;
 * cerebro-agents and cerebro-cli see it through cerebro-core's test-jar
 * ({@code <type>test-jar</type><scope>test</scope>}).
 *
 * <p>Names are classpath resource names without a leading slash, e.g.
 * {@code SharedFixtures.path(SharedFixtures.AB + "checkout_ab.csv")}. Lookups use the whole test
 * classpath, so a module's own resources are found too.
 *
 * <p>Why {@link #path} copies: within one Maven reactor run a module's tests see cerebro-core's
 * test resources as the directory {@code cerebro-core/target/test-classes} when the build stops at
 * {@code test}, but as the packaged {@code cerebro-core-*-tests.jar} when it runs {@code package}
 * or later ({@code verify}, what CI runs). Readers, generated programs and child processes need a
 * real file, so a resource inside a jar is copied once per JVM into a temporary directory that is
 * removed when the JVM exits.
 */
public final class SharedFixtures {
    /** A/B datasets (checkout, pricing, small ties, Cookie Cats) and their scipy/statsmodels oracles. */
    public static final String AB = "oracles/ab/";
    /** The LaLonde datasets and the R oracles of the observational engines. */
    public static final String CAUSAL = "causal/";
    /** Datasets and oracles of the quasi-experimental engines: DiD, IV, RDD, synthetic control, panels. */
    public static final String QUASI = "io/cerebro/core/causal/quasi/";

    private static Path copies;

    private SharedFixtures() {
    }

    /** @return whether the test classpath holds {@code resource}. */
    public static boolean exists(String resource) {
        return loader().getResource(resource) != null;
    }

    /** @return the resource as a file: in place when it is a file already, else a copy. */
    public static synchronized Path path(String resource) {
        URL url = url(resource);
        try {
            if ("file".equals(url.getProtocol())) {
                return Path.of(url.toURI());
            }
            Path copy = copyDirectory().resolve(resource);
            if (!Files.isRegularFile(copy)) {
                Files.createDirectories(copy.getParent());
                Path part = Files.createTempFile(copy.getParent(), copy.getFileName().toString(), ".part");
                try (InputStream in = url.openStream()) {
                    Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(part, copy);
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy test resource " + resource, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("test resource with an unreadable location: " + url, e);
        }
    }

    /** @return the resource's bytes; the caller closes the stream. */
    public static InputStream stream(String resource) {
        try {
            return url(resource).openStream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read test resource " + resource, e);
        }
    }

    private static URL url(String resource) {
        URL url = loader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException("missing test resource " + resource
                    + " (shared fixtures live in cerebro-core/src/test/resources)");
        }
        return url;
    }

    private static ClassLoader loader() {
        return SharedFixtures.class.getClassLoader();
    }

    private static Path copyDirectory() throws IOException {
        if (copies == null) {
            Path dir = Files.createTempDirectory("cerebro-fixtures-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "cerebro-fixtures-cleanup"));
            copies = dir;
        }
        return copies;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary copy left behind is harmless; the JVM is exiting
        }
    }
}
