package io.cerebro.agents.validate;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The fixed classpath generated pipelines compile and run against: the JDK plus Apache Commons
 * Math 3.6.1, Apache Commons CSV 1.14.1 (with its runtime dependencies Commons IO and Commons
 * Codec) and Jackson databind 2.20 (with jackson-core and jackson-annotations). The jars are
 * resolved from the running classpath, so Cerebro never downloads anything to validate a program.
 */
public final class PipelineClasspath {
    /** Maven coordinates of the libraries a pipeline may use, as written into JBang {@code //DEPS} lines. */
    public static final List<String> COORDINATES = List.of(
            "org.apache.commons:commons-math3:3.6.1",
            "org.apache.commons:commons-csv:1.14.1",
            "com.fasterxml.jackson.core:jackson-databind:2.20.0");

    /** One class per jar, keyed by a readable jar name. */
    private static final Map<String, String> MARKERS = new LinkedHashMap<>();

    static {
        MARKERS.put("commons-math3", "org.apache.commons.math3.util.FastMath");
        MARKERS.put("commons-csv", "org.apache.commons.csv.CSVFormat");
        MARKERS.put("commons-io", "org.apache.commons.io.IOUtils");
        MARKERS.put("commons-codec", "org.apache.commons.codec.binary.Base64");
        MARKERS.put("jackson-databind", "com.fasterxml.jackson.databind.ObjectMapper");
        MARKERS.put("jackson-core", "com.fasterxml.jackson.core.JsonFactory");
        MARKERS.put("jackson-annotations", "com.fasterxml.jackson.annotation.JsonProperty");
    }

    private static volatile List<Path> cached;

    private PipelineClasspath() {
    }

    /** @return the jars (or class folders) of the pipeline libraries, in a fixed order. */
    public static List<Path> entries() {
        List<Path> c = cached;
        if (c == null) {
            List<Path> l = new ArrayList<>();
            for (Map.Entry<String, String> e : MARKERS.entrySet()) {
                l.add(locate(e.getKey(), e.getValue()));
            }
            c = List.copyOf(l);
            cached = c;
        }
        return c;
    }

    /** Maven group of each pipeline jar, keyed like {@link #MARKERS}. */
    private static final Map<String, String> GROUPS = Map.of(
            "commons-math3", "org.apache.commons", "commons-csv", "org.apache.commons", "commons-io", "commons-io",
            "commons-codec", "commons-codec", "jackson-databind", "com.fasterxml.jackson.core",
            "jackson-core", "com.fasterxml.jackson.core", "jackson-annotations", "com.fasterxml.jackson.core");

    /**
     * @return the Maven coordinates ({@code group:artifact:version}) of every jar on the pipeline classpath,
     * the transitive ones included, with the versions Cerebro validated against (read from the jar names)
     */
    public static List<String> artifacts() {
        List<String> out = new ArrayList<>();
        List<Path> jars = entries();
        int i = 0;
        for (String artifact : MARKERS.keySet()) {
            String file = jars.get(i++).getFileName().toString();
            String version = file.startsWith(artifact + "-") && file.endsWith(".jar")
                    ? file.substring(artifact.length() + 1, file.length() - ".jar".length()) : null;
            if (version != null) {
                out.add(GROUPS.get(artifact) + ":" + artifact + ":" + version);
            }
        }
        return out;
    }

    /** @return the classpath string for {@code javac -cp} / {@code java -cp}. */
    public static String asString() {
        return entries().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    private static Path locate(String jar, String className) {
        try {
            Class<?> c = Class.forName(className, false, PipelineClasspath.class.getClassLoader());
            CodeSource src = c.getProtectionDomain().getCodeSource();
            if (src == null || src.getLocation() == null) {
                throw new IllegalStateException("cannot locate the " + jar + " jar (class " + className + " has no code source)");
            }
            return Path.of(src.getLocation().toURI());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the pipeline library " + jar + " is not on Cerebro's classpath (" + className + ")", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the " + jar + " jar: " + e.getMessage(), e);
        }
    }
}
