package io.cerebro.core.mmm;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.result.ResultJson;
import io.cerebro.core.spec.MMMSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Oracle: PyMC-Marketing's example data, whose true weekly contributions are known (documented
 * simulation: geometric adstock alpha 0.4 / 0.2 with l_max 8, logistic saturation lambda 4 / 3;
 * x1 brings 29.05% of y, x2 6.97%). The engine must recover the shares within 3 percentage
 * points, the ROAS within 20% and the weekly pattern of each contribution (correlation at least 0.9).
 */
class PymcExampleOracleTest {
    static final Path DATA = resource("mmm_example.csv");
    static AnalysisResult result;
    static double[][] truth;
    static double ySum;
    static double[] spendSum = new double[2];

    static Path resource(String name) {
        try {
            return Path.of(PymcExampleOracleTest.class.getResource("/mmm/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static MMMSpec spec(long seed, int bootstrap) {
        return MMMSpec.builder("date_week", "y", List.of("x1", "x2")).controls(List.of("event_1", "event_2"))
                .trend(true).seasonality(MMMSpec.Seasonality.YEARLY).adstock(MMMSpec.Adstock.GEOMETRIC)
                .saturation(MMMSpec.Saturation.LOGISTIC).candidates(1000).bootstrap(bootstrap).seed(seed).allocate(true).build();
    }

    @BeforeAll
    static void fit() throws Exception {
        try (Dataset d = Dataset.read(DATA)) {
            result = new MmmEngine().run(spec(7, 100), d);
            double[] x1 = d.doubles("x1");
            double[] x2 = d.doubles("x2");
            for (int t = 0; t < x1.length; t++) {
                spendSum[0] += x1[t];
                spendSum[1] += x2[t];
            }
        }
        List<String> lines = Files.readAllLines(resource("mmm_example_ground_truth_contributions.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        int c1 = header.indexOf("x1_contribution");
        int c2 = header.indexOf("x2_contribution");
        int cy = header.indexOf("y");
        truth = new double[2][lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            truth[0][i - 1] = Double.parseDouble(f[c1]);
            truth[1][i - 1] = Double.parseDouble(f[c2]);
            ySum += Double.parseDouble(f[cy]);
        }
    }

    @Test
    void sharesWithinThreePointsOfTheTruth() {
        double[] trueShare = {sum(truth[0]) / ySum, sum(truth[1]) / ySum};
        assertEquals(0.2905, trueShare[0], 5e-4);
        assertEquals(0.0697, trueShare[1], 5e-4);
        for (int c = 0; c < 2; c++) {
            Estimate e = result.find("x" + (c + 1), MmmMethod.CONTRIBUTION_SHARE.id());
            assertEquals(trueShare[c], e.estimate(), 0.03, "share of x" + (c + 1));
        }
    }

    @Test
    void roasWithinTwentyPercent() {
        for (int c = 0; c < 2; c++) {
            double trueRoas = sum(truth[c]) / spendSum[c];
            Estimate e = result.find("x" + (c + 1), MmmMethod.ROAS.id());
            assertEquals(trueRoas, e.estimate(), 0.2 * trueRoas, "ROAS of x" + (c + 1));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void weeklyContributionsFollowTheTruth() {
        Map<String, Object> dec = (Map<String, Object>) result.details().get("decomposition");
        Map<String, Object> comp = (Map<String, Object>) dec.get("components");
        for (int c = 0; c < 2; c++) {
            double[] fitted = ((List<Double>) comp.get("x" + (c + 1))).stream().mapToDouble(Double::doubleValue).toArray();
            double r = correlation(fitted, truth[c]);
            assertTrue(r >= 0.9, "correlation of x" + (c + 1) + " contributions with the truth: " + r);
        }
    }

    @Test
    void sameSeedSameJson() throws Exception {
        try (Dataset d = Dataset.read(DATA)) {
            MMMSpec s = spec(11, 20).toBuilder().candidates(200).build();
            String a = stripTime(ResultJson.write(new MmmEngine().run(s, d)));
            String b = stripTime(ResultJson.write(new MmmEngine().run(s, d)));
            assertEquals(a, b);
        }
    }

    static String stripTime(String json) {
        // the run's wall-clock time is the one field that may differ; it must be there to be blanked
        assertTrue(json.contains("\"createdAt\""));
        return json.replaceAll("\"createdAt\"\\s*:\\s*\"[^\"]*\"", "\"createdAt\":\"\"");
    }

    static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    static double correlation(double[] a, double[] b) {
        double ma = sum(a) / a.length;
        double mb = sum(b) / b.length;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
