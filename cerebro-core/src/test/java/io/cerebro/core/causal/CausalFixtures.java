package io.cerebro.core.causal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test resources under {@code /causal/} (see the README there for provenance). */
public final class CausalFixtures {
    private CausalFixtures() {
    }

    /** @return a parsed JSON fixture. */
    public static JsonNode json(String name) {
        try (InputStream in = stream(name)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a temporary copy of a resource as a file (datasets are read from paths). */
    public static Path file(String name) {
        try (InputStream in = stream(name)) {
            Path p = Files.createTempDirectory("cerebro-causal").resolve(name);
            Files.copy(in, p);
            p.toFile().deleteOnExit();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream stream(String name) {
        InputStream in = CausalFixtures.class.getResourceAsStream("/causal/" + name);
        if (in == null) {
            throw new IllegalArgumentException("no test resource /causal/" + name);
        }
        return in;
    }
}
