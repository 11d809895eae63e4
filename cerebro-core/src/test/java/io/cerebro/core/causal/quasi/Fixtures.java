package io.cerebro.core.causal.quasi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.core.data.Dataset;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Loads the quasi-experimental fixtures from the test resources. */
public final class Fixtures {
    private Fixtures() {
    }

    /** @return a dataset read from {@code io/cerebro/core/causal/quasi/<name>}. */
    public static Dataset dataset(String name) {
        return Dataset.read(path(name));
    }

    /** @return a dataset read with a SQL filter. */
    public static Dataset dataset(String name, String where) {
        return Dataset.read(path(name), where);
    }

    /** @return the path of a fixture file. */
    public static Path path(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/io/cerebro/core/causal/quasi/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return a JSON fixture. */
    public static JsonNode json(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/io/cerebro/core/causal/quasi/" + name)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
