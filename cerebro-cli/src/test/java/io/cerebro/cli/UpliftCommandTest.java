package io.cerebro.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.cli.CliTestSupport.Run;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.cerebro.cli.CliTestSupport.badInput;
import static io.cerebro.cli.CliTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cerebro uplift} on the bundled email-offer example, whose planted effect is
 * tau = 2 + (visits - 5) + 2 loyal (true ATE 2.5675, tools/uplift_example.py): ATE, deciles,
 * predictions, evaluation of the true effect column, and refusals.
 */
class UpliftCommandTest {
    static final String DATA = CliTestSupport.repoFile("examples/uplift/uplift_example.csv").toString();
    static final String FEATURES = "age,visits,tenure,loyal,region_score";

    @Test
    void forestFitPrintsAteDecilesAndWritesPredictions() throws Exception {
        Path out = Files.createTempDirectory("uplift").resolve("cate.csv");
        Path report = Files.createTempFile("uplift", ".html");
        Run r = run("uplift", DATA, "--treatment", "offer", "--outcome", "spend", "--features", FEATURES, "--propensity", "propensity",
                "--learner", "causal_forest", "--trees", "200", "--format", "json", "--predict", DATA, "--output", out.toString(),
                "--report", report.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("uplift.ate", j.get("method").asText());
        JsonNode ate = j.get("estimates").get(0);
        // the AIPW interval covers the planted ATE
        assertTrue(ate.get("interval").get("lower").asDouble() < 2.5675 && ate.get("interval").get("upper").asDouble() > 2.5675, ate.toString());
        JsonNode deciles = j.get("details").get("cate_deciles");
        assertEquals(10, deciles.size());
        assertTrue(deciles.get(0).get("aipw_effect").asDouble() > deciles.get(9).get("aipw_effect").asDouble() + 3, deciles.toString());
        List<String> lines = Files.readAllLines(out);
        assertEquals(2001, lines.size());
        assertTrue(lines.get(0).startsWith("customer,offer,spend,age,visits,tenure,loyal,region_score,propensity,true_cate,cate,cate_se,cate_lower,cate_upper"),
                lines.get(0));
        // the input file is unchanged: its columns are copied as read
        assertTrue(lines.get(1).startsWith(Files.readAllLines(Path.of(DATA)).get(1)), lines.get(1));
        assertTrue(r.err().contains("forest") && r.err().contains("100%"), r.err());
        assertTrue(Files.readString(report).contains("Qini curve"));
    }

    @Test
    void evaluateScoresTheTrueEffectAboveRandom() throws Exception {
        Run r = run("uplift", "evaluate", DATA, "--treatment", "offer", "--outcome", "spend", "--score", "true_cate", "--bins", "5",
                "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("uplift.qini", j.get("method").asText());
        assertTrue(j.get("estimate").asDouble() > 0.2, r.out());
        assertEquals(5, j.get("details").get("uplift_by_bin").size());
    }

    @Test
    void badInputIsOneLineWithExitTwo() throws Exception {
        badInput(run("uplift", DATA, "--treatment", "visits", "--outcome", "spend", "--features", "age"), "not binary");
        badInput(run("uplift", DATA, "--treatment", "offer", "--outcome", "spend", "--features", "age,nope"), "nope");
        badInput(run("uplift", DATA, "--treatment", "offer", "--outcome", "spend", "--features", "age", "--learner", "magic"), "learner");
        badInput(run("uplift", DATA, "--treatment", "offer", "--outcome", "spend", "--features", "age", "--where", "offer = 1"), "control");
        Path nan = Files.createTempFile("uplift_nan", ".csv");
        Files.writeString(nan, "w,y,x\n1,2.0,1\n0,1.0,\n1,3.0,2\n0,1.5,3\n");
        badInput(run("uplift", nan.toString(), "--treatment", "w", "--outcome", "y", "--features", "x"), "no value");
        Path text = Files.createTempFile("uplift_text", ".csv");
        Files.writeString(text, "w,y,x\n1,2.0,a\n0,1.0,b\n");
        badInput(run("uplift", text.toString(), "--treatment", "w", "--outcome", "y", "--features", "x"), "encode it");
        badInput(run("uplift", DATA, "--treatment", "offer", "--outcome", "spend", "--features", "age", "--predict", DATA), "--output");
        badInput(run("uplift", text.toString(), "--treatment", "w", "--outcome", "y", "--features", "x", "--categorical", "z"), "not one of the features");
        StringBuilder many = new StringBuilder("w,y,x\n");
        for (int i = 0; i < 120; i++) {
            many.append(i % 2).append(',').append(i % 7).append(",L").append(i % 60).append('\n');
        }
        Path wide = Files.createTempFile("uplift_levels", ".csv");
        Files.writeString(wide, many.toString());
        badInput(run("uplift", wide.toString(), "--treatment", "w", "--outcome", "y", "--features", "x", "--categorical", "x"), "60 levels");
        StringBuilder ok = new StringBuilder("w,y,x,r\n");
        for (int i = 0; i < 80; i++) {
            ok.append(i % 2).append(',').append((i * 37) % 11).append(',').append(i % 9).append(',').append(i % 3 == 0 ? "a" : i % 3 == 1 ? "b" : "c").append('\n');
        }
        Path train = Files.createTempFile("uplift_cat", ".csv");
        Files.writeString(train, ok.toString());
        Path unseen = Files.createTempFile("uplift_new", ".csv");
        Files.writeString(unseen, "x,r\n1,a\n2,zz\n");
        Path out = Files.createTempFile("uplift_out", ".csv");
        Files.delete(out);
        badInput(run("uplift", train.toString(), "--treatment", "w", "--outcome", "y", "--features", "x,r", "--categorical", "r",
                "--learner", "t", "--base", "linear", "--predict", unseen.toString(), "--output", out.toString()), "'zz'");
    }

    /**
     * {@code --predict} with a categorical feature, end to end: the new file lacks the reference level and lists its rows in
     * another order, so an encoding built from the new file's own levels would shift every dummy. The effects must be the
     * statsmodels OLS T-learner's ({@code y ~ age + C(region)} per arm, tools/fixtures/uplift_categorical.py) up to the
     * difference between the mean of the cross-fitted fold models, which new rows get, and one fit on all rows (0.008 here,
     * where a misaligned dummy moves an effect by 0.1 to 1.7).
     */
    @Test
    void predictionsOfACategoricalFeatureUseTheTrainingLevels() throws Exception {
        Path train = CliTestSupport.repoFile("cerebro-core/src/test/resources/uplift/categorical.csv");
        JsonNode oracle = new ObjectMapper().readTree(CliTestSupport.repoFile("cerebro-core/src/test/resources/uplift/categorical_oracle.json").toFile());
        List<String> rows = Files.readAllLines(train);
        StringBuilder fresh = new StringBuilder("region,age\n");
        List<Double> expected = new java.util.ArrayList<>();
        for (int i = rows.size() - 1; i >= 1; i--) {
            String[] f = rows.get(i).split(",");
            if (!f[1].equals("east")) {
                fresh.append(f[1]).append(',').append(f[0]).append('\n');
                expected.add(oracle.get("cate").get(i - 1).asDouble());
            }
        }
        Path newRows = Files.createTempFile("uplift_cat_new", ".csv");
        Files.writeString(newRows, fresh.toString());
        Path out = Files.createTempDirectory("uplift_cat").resolve("cate.csv");
        Run r = run("uplift", train.toString(), "--treatment", "w", "--outcome", "y", "--features", "age,region", "--categorical", "region",
                "--learner", "t", "--base", "linear", "--predict", newRows.toString(), "--output", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> written = Files.readAllLines(out);
        assertEquals("region,age,cate", written.get(0));
        assertEquals(expected.size() + 1, written.size());
        String[] input = fresh.toString().split("\n");
        for (int i = 0; i < expected.size(); i++) {
            String line = written.get(i + 1);
            // every input column copied as read, in the input's order
            assertTrue(line.startsWith(input[i + 1] + ","), line + " vs " + input[i + 1]);
            double cate = Double.parseDouble(line.substring(line.lastIndexOf(',') + 1));
            assertEquals(expected.get(i), cate, 0.02, "row " + (i + 1) + ": " + line);
        }
    }
}
