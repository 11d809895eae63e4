package io.cerebro.agents.geo;

import io.cerebro.core.spec.GeoTestSpec;
import io.cerebro.core.spec.SpecReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The offline template of a geo pipeline: a standalone program (JDK, Commons CSV and Jackson) with
 * its own panel reader, its own active-set solver for the simplex-constrained synthetic control and
 * its own conformal inference, printing the ATT, incremental outcome and lift per cell with their
 * intervals and p-value. It draws the same seeded permutations as the engine (SplittableRandom,
 * partial Fisher-Yates), which the spec's seed fixes, so p-values and interval ends agree to the
 * bisection's precision rather than only to Monte Carlo error. The program's text is the resource
 * {@code GeoPipeline.java.txt} beside this class, with the spec's values substituted.
 */
final class GeoTemplate {
    private GeoTemplate() {
    }

    static String program(GeoTestSpec s) {
        String text;
        try (InputStream in = GeoTemplate.class.getResourceAsStream("GeoPipeline.java.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String spec = SpecReader.toTree(s).toString().replace("*/", "* /");
        return text.replace("@SPEC@", spec).replace("@LOCATION@", esc(s.location())).replace("@TIME@", esc(s.time()))
                .replace("@OUTCOME@", esc(s.outcome()))
                .replace("@CELLS@", s.testCells().stream().map(c -> "{" + list(c) + "}").collect(Collectors.joining(", ")))
                .replace("@START@", esc(s.start())).replace("@END@", s.end() == null ? "null" : "\"" + esc(s.end()) + "\"")
                .replace("@ALPHA@", Double.toString(s.alpha())).replace("@PERMUTATIONS@", Integer.toString(s.permutations()))
                .replace("@SHIFTS@", Boolean.toString(s.conformal() == GeoTestSpec.Conformal.MOVING_BLOCK))
                .replace("@FILL@", s.fill() == null ? "null" : "\"" + s.fill() + "\"")
                .replace("@SPEND@", s.spend() == null ? "null" : "Double.valueOf(" + s.spend() + ")")
                .replace("@SEED@", Long.toString(s.seed()));
    }

    private static String esc(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String list(List<String> v) {
        return v.stream().map(x -> "\"" + esc(x) + "\"").collect(Collectors.joining(", "));
    }
}
