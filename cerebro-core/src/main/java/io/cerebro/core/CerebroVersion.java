package io.cerebro.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of Cerebro on the classpath, recorded in every result's provenance. */
public final class CerebroVersion {
    private static final String VERSION = load();

    private CerebroVersion() {
    }

    /** @return the project version, e.g. {@code 0.1.0-SNAPSHOT}, or {@code unknown} outside a build. */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = CerebroVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("cerebro.version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
