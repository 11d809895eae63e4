package io.cerebro.core.ab;

import com.fasterxml.jackson.databind.JsonNode;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.spec.ABTestSpec;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/** Shared plumbing of the A/B oracle tests: fixtures from {@code oracles/ab/}, datasets, tolerances. */
final class AbOracles {
    /** Closed forms: relative error below 1e-9. */
    static final double CLOSED = 1e-9;
    /** Iteration or numerical integration: relative error below 1e-6. */
    static final double NUMERIC = 1e-6;

    private static final Map<String, Dataset> DATA = new HashMap<>();

    private AbOracles() {
    }

    static JsonNode json(String name) {
        try (InputStream in = AbOracles.class.getResourceAsStream("/oracles/ab/" + name)) {
            assertNotNull(in, name);
            return com.fasterxml.jackson.databind.json.JsonMapper.builder()
                    .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static synchronized Dataset data(String csv) {
        return DATA.computeIfAbsent(csv, k -> {
            try {
                return Dataset.read(Path.of(AbOracles.class.getResource("/oracles/ab/" + k).toURI()));
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static AnalysisResult run(String csv, ABTestSpec spec) {
        return Engines.run(spec, data(csv));
    }

    static Estimate find(AnalysisResult r, String label, String method) {
        Estimate e = r.find(label, method);
        if (e == null) {
            fail("no estimate " + method + " for " + label + " in " + r.estimates().stream().map(x -> x.method() + ":" + x.label()).toList());
        }
        return e;
    }

    /** Asserts |actual - expected| <= rel * |expected| (absolute when expected is 0). */
    static void close(double expected, double actual, double rel, String what) {
        double tol = rel * Math.max(Math.abs(expected), 1e-300);
        if (!(Math.abs(actual - expected) <= tol)) {
            fail(what + ": expected " + expected + " but got " + actual + " (relative error "
                    + Math.abs(actual - expected) / Math.abs(expected) + ", tolerance " + rel + ")");
        }
    }

    static void close(JsonNode expected, double actual, double rel, String what) {
        assertNotNull(expected, what + " missing in the oracle file");
        close(expected.asDouble(), actual, rel, what);
    }

    static void interval(JsonNode ci, io.cerebro.core.result.Interval actual, double rel, String what) {
        close(ci.get(0), actual.lower(), rel, what + " lower");
        close(ci.get(1), actual.upper(), rel, what + " upper");
    }

    static void same(double expected, double actual, String what) {
        assertEquals(expected, actual, 0.0, what);
    }
}
