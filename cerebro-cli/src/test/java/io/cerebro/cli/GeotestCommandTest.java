package io.cerebro.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.cli.CliTestSupport.Run;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.cerebro.cli.CliTestSupport.badInput;
import static io.cerebro.cli.CliTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cerebro geotest} on GeoLift's walkthrough files: the published numbers from the command
 * line (oracle: ../shared/oracles/geo_geolift_oracles.json, GeoLift's vignette), one result per cell
 * of the multi-cell file, the report's charts, and bad input refused with one line and exit 2.
 */
class GeotestCommandTest {
    static final String TEST = CliTestSupport.repoFile("examples/geo/GeoLift_Test.csv").toString();
    static final String MULTI = CliTestSupport.repoFile("examples/geo/GeoLift_Test_MultiCell.csv").toString();

    @Test
    void walkthroughReproducesGeoLiftsPublishedNumbersAsJson() throws Exception {
        Path report = Files.createTempFile("geo", ".html");
        Run r = run("geotest", TEST, "--location", "location", "--time", "date", "--outcome", "Y", "--treated", "chicago,portland",
                "--start", "2021-04-01", "--end", "2021-04-15", "--permutations", "199", "--format", "json", "--report", report.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("geo.scm", j.get("method").asText());
        JsonNode att = estimate(j, "chicago+portland", "geo.scm");
        // GeoLift: ATT 155.556, incremental 4667, lift 5.4%, L2 imbalance 909.489, scaled 0.1636, cincinnati weight 0.2272
        assertEquals(155.556, att.get("estimate").asDouble(), 1e-3 * 155.556);
        assertEquals(909.489, att.get("extra").get("l2_imbalance").asDouble(), 1e-3 * 909.489);
        assertEquals(0.1636, att.get("extra").get("scaled_l2_imbalance").asDouble(), 1e-3);
        assertEquals(4667, estimate(j, "chicago+portland incremental", "geo.scm").get("estimate").asDouble(), 1e-3 * 4667);
        assertEquals(0.054, estimate(j, "chicago+portland lift", "geo.scm").get("estimate").asDouble(), 0.0005);
        assertEquals(0.2272, j.get("details").get("weights").get("chicago+portland").get("cincinnati").asDouble(), 5e-5 + 1e-3 * 0.2272);
        // GeoLift's published p = 0.01 with 1000 permutations; 199 allow 0.005 at the smallest
        assertTrue(att.get("pValue").asDouble() <= 0.03, "p " + att.get("pValue"));
        String html = Files.readString(report);
        assertTrue(html.contains("observed and synthetic") && html.contains("gap (observed - synthetic)")
                && html.contains("cumulative incremental") && html.contains("donor weights"), "report charts");
    }

    @Test
    void bestModelPicksTheRidgeAugmentedFitAsGeoLiftDoes() throws Exception {
        Run r = run("geotest", TEST, "--location", "location", "--time", "date", "--outcome", "Y", "--treated", "chicago,portland",
                "--start", "2021-04-01", "--end", "2021-04-15", "--model", "best", "--permutations", "99", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("geo.augsynth", j.get("method").asText());
        // GeoLift (model = "best" picks Ridge): ATT 156.805, incremental 4704, lift 5.5%
        assertEquals(156.805, estimate(j, "chicago+portland", "geo.augsynth").get("estimate").asDouble(), 1e-3 * 156.805);
        assertEquals(4704, estimate(j, "chicago+portland incremental", "geo.augsynth").get("estimate").asDouble(), 1e-3 * 4704);
        assertTrue(j.get("details").get("fit").get("chicago+portland").get("why").asText().contains("best pre-period fit"));
        // best weighs the generalised synthetic control too, and says by how much it lost
        assertTrue(j.get("details").get("fit").get("chicago+portland").get("why").asText().contains("gsyn"));
    }

    @Test
    void covariatesAreNamedInTheFitsReason() throws Exception {
        Path withCov = Files.createTempFile("geo-cov", ".csv");
        java.util.List<String> lines = new java.util.ArrayList<>(Files.readAllLines(Path.of(TEST)));
        java.util.List<String> out = new java.util.ArrayList<>();
        out.add(lines.get(0) + ",size");
        for (String line : lines.subList(1, lines.size())) {
            // a covariate that is a location's name length: fixed per location, as a census figure would be
            out.add(line + "," + line.split(",")[0].replace("\"", "").length());
        }
        Files.write(withCov, out);
        Run r = run("geotest", withCov.toString(), "--location", "location", "--time", "date", "--outcome", "Y", "--treated", "chicago,portland",
                "--start", "2021-04-01", "--end", "2021-04-15", "--covariates", "size", "--permutations", "49", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertTrue(j.get("details").get("fit").get("chicago+portland").get("why").asText().contains("residualised on covariates size"));
    }

    @Test
    void gsynModelNamesItsMethodAndTheFactorsItChose() throws Exception {
        Run r = run("geotest", TEST, "--location", "location", "--time", "date", "--outcome", "Y", "--treated", "chicago,portland",
                "--start", "2021-04-01", "--end", "2021-04-15", "--model", "gsyn", "--permutations", "49", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("geo.gsyn", j.get("method").asText());
        JsonNode fit = j.get("details").get("fit").get("chicago+portland");
        assertEquals("gsyn", fit.get("model").asText());
        int factors = fit.get("factors").asInt();
        assertTrue(factors >= 0 && factors <= 5, "factors " + factors);
        assertTrue(fit.get("why").asText().contains("cross-validation"), fit.get("why").asText());
        assertTrue(estimate(j, "chicago+portland", "geo.gsyn").get("estimate").isNumber());
    }

    @Test
    void multiCellFileGivesOneResultPerCell() throws Exception {
        Run r = run("geotest", MULTI, "--location", "location", "--time", "date", "--outcome", "Y",
                "--cells", "chicago,cincinnati;honolulu,indianapolis", "--start", "2021-04-01", "--permutations", "99", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        int cells = 0;
        for (JsonNode e : j.get("estimates")) {
            if (e.get("method").asText().equals("geo.scm") && !e.get("label").asText().contains(" ")) {
                cells++;
            }
        }
        assertEquals(2, cells, "one ATT per cell");
        assertEquals(36, j.get("sampleSizes").get("donors").asInt(), "each cell's donors exclude both cells' locations");
        assertEquals(2, j.get("details").get("cell_comparison").size());
        assertTrue(estimate(j, "chicago+cincinnati", "geo.scm").get("estimate").asDouble() > 0);
        assertTrue(estimate(j, "honolulu+indianapolis", "geo.scm").get("estimate").asDouble() > 0);
    }

    @Test
    void badInputIsOneLineWithExitTwo() throws Exception {
        String[] cols = {"--location", "location", "--time", "date", "--outcome", "Y"};
        badInput(run(concat(new String[]{"geotest", TEST, "--location", "market", "--time", "date", "--outcome", "Y", "--treated", "chicago",
                "--start", "2021-04-01"})), "market");
        badInput(run(concat(new String[]{"geotest", TEST}, cols, new String[]{"--treated", "chicagoo", "--start", "2021-04-01"})),
                "chicagoo", "not in column");
        badInput(run(concat(new String[]{"geotest", TEST}, cols, new String[]{"--treated", "chicago", "--start", "2022-04-01"})),
                "2022-04-01", "not a period");
        badInput(run(concat(new String[]{"geotest", TEST}, cols, new String[]{"--treated", "chicago", "--start", "2021-01-05"})),
                "at least 10 periods");
        badInput(run(concat(new String[]{"geotest", TEST}, cols, new String[]{"--treated", "chicago", "--start", "2021-04-01", "--model", "lasso"})),
                "--model");
        badInput(run(concat(new String[]{"geotest", TEST}, cols, new String[]{"--treated", "chicago", "--start", "2021-04-01",
                "--covariates", "population"})), "population");
        Path dup = Files.createTempFile("geo-dup", ".csv");
        java.util.List<String> lines = new java.util.ArrayList<>(Files.readAllLines(Path.of(TEST)));
        lines.add(lines.get(1));
        Files.write(dup, lines);
        badInput(run(concat(new String[]{"geotest", dup.toString()}, cols, new String[]{"--treated", "chicago", "--start", "2021-04-01"})),
                "new york");
        Path gap = Files.createTempFile("geo-gap", ".csv");
        lines.remove(lines.size() - 1);
        lines.remove(5);
        Files.write(gap, lines);
        Run g = run(concat(new String[]{"geotest", gap.toString()}, cols, new String[]{"--treated", "chicago", "--start", "2021-04-01"}));
        badInput(g, "--fill");
        Run filled = run(concat(new String[]{"geotest", gap.toString()}, cols, new String[]{"--treated", "chicago", "--start", "2021-04-01",
                "--fill", "drop", "--permutations", "49"}));
        assertEquals(0, filled.code(), filled.err());
        assertTrue(filled.out().contains("left out by fill: drop"), filled.out());
    }

    /** GeoLift's walkthrough power numbers (ATT 290.007, lift 10.1%, incremental 8700) from the command line, with the progress bar. */
    @Test
    void designReproducesGeoLiftsPowerWalkthroughAndSaysWhichEstimatorItCalls() throws Exception {
        String pre = CliTestSupport.repoFile("examples/geo/GeoLift_PreTest.csv").toString();
        Run r = run("geotest", "design", pre, "--location", "location", "--time", "date", "--outcome", "Y", "--treated", "chicago,portland",
                "--duration", "15", "--effects", "0,0.05,0.10,0.15", "--starts", "1", "--permutations", "199", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("geo.market_selection", j.get("method").asText());
        JsonNode best = estimate(j, "chicago+portland", "geo.market_selection");
        assertEquals(0.10, best.get("estimate").asDouble(), 1e-12);
        assertEquals(290.007, best.get("extra").get("average_att").asDouble(), 1e-3 * 290.007);
        assertEquals(8700, best.get("extra").get("incremental").asDouble(), 1e-3 * 8700);
        assertTrue(j.get("details").get("design").get("estimator").asText().contains("runs the analysis itself"));
        assertTrue(r.err().contains("power") && r.err().contains("100%"), r.err());
        badInput(run("geotest", "design", pre, "--location", "location", "--time", "date", "--outcome", "Y", "--duration", "85"),
                "--duration");
        badInput(run("geotest", "design", pre, "--location", "location", "--time", "date", "--outcome", "Y", "--duration", "15",
                "--include", "atlantis"), "atlantis");
    }

    static String[] concat(String[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }

    static JsonNode estimate(JsonNode j, String label, String method) {
        for (JsonNode e : j.get("estimates")) {
            if (e.get("label").asText().equals(label) && e.get("method").asText().equals(method)) {
                return e;
            }
        }
        throw new AssertionError(label + " " + method + " not in " + j.get("estimates"));
    }
}
