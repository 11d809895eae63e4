package io.cerebro.agents;

import io.cerebro.core.data.Dataset;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Test data paths. */
public final class Fixtures {
    private Fixtures() {
    }

    /** @return the path of a file under src/test/resources/ab. */
    public static Path ab(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/ab/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource ab/" + name, e);
        }
    }

    /** Opens a test dataset. */
    public static Dataset open(String name) {
        return Dataset.read(ab(name));
    }

    /** Opens a test dataset with a filter. */
    public static Dataset open(String name, String where) {
        return Dataset.read(ab(name), where);
    }
}
