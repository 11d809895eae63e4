package io.cerebro.core.geo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The GeoLift files copied into src/test/resources/geo: GeoLift_Test.csv, GeoLift_PreTest.csv and
 * GeoLift_Test_MultiCell.csv from the GeoLift package (facebookincubator/GeoLift, MIT, its
 * {@code data/} folder exported as CSV), and geo_geolift_oracles.json, GeoLift's published
 * walkthrough numbers with their provenance (see its {@code _provenance} field).
 */
final class GeoFixtures {
    private GeoFixtures() {
    }

    static Path csv(String name) {
        try {
            return Path.of(GeoFixtures.class.getResource("/geo/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode oracles() {
        try (InputStream in = GeoFixtures.class.getResourceAsStream("/geo/geo_geolift_oracles.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads location, Y, date rows of a GeoLift CSV into a panel without DuckDB. */
    static GeoPanel panel(String name) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(csv(name), StandardCharsets.UTF_8);
            List<String> loc = new ArrayList<>();
            List<String> time = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                loc.add(f[0].replace("\"", ""));
                y.add(Double.parseDouble(f[1]));
                time.add(f[2].replace("\"", ""));
            }
            return GeoPanel.of(loc.toArray(String[]::new), time.toArray(String[]::new), y.stream().mapToDouble(Double::doubleValue).toArray(),
                    null, "location", "date", "Y");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
