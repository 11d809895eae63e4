package io.cerebro.core.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OLS and its covariances against statsmodels 0.13.5 on the LaLonde experimental sample (tools/fixtures/linear_model.py). */
class LinearModelTest {
    static JsonNode oracle;
    static double[][] x;
    static double[] y;
    static int[] educ;
    static double[] age;
    static final String[] NAMES = {"const", "treat", "age", "educ", "black", "re74"};

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = LinearModelTest.class.getResourceAsStream("/oracles/stats/linear_model.json")) {
            oracle = new ObjectMapper().readTree(in);
        }
        Path csv = Path.of(LinearModelTest.class.getResource("/causal/lalonde_nsw_experimental.csv").toURI());
        try (Dataset d = Dataset.read(csv)) {
            y = d.doubles("re78");
            double[][] cols = {d.doubles("treat"), d.doubles("age"), d.doubles("educ"), d.doubles("black"), d.doubles("re74")};
            x = new double[y.length][6];
            educ = new int[y.length];
            for (int i = 0; i < y.length; i++) {
                x[i][0] = 1;
                for (int j = 0; j < 5; j++) {
                    x[i][j + 1] = cols[j][i];
                }
                educ[i] = (int) cols[2][i];
            }
            age = cols[1];
        }
    }

    private static void assertClose(JsonNode expected, double[] actual, double rel) {
        for (int i = 0; i < actual.length; i++) {
            double e = expected.get(i).asDouble();
            assertEquals(e, actual[i], rel * Math.abs(e), "index " + i);
        }
    }

    @Test
    void coefficientsAndRssMatchStatsmodels() {
        LinearModel m = LinearModel.fit(NAMES, x, y);
        assertClose(oracle.get("params"), m.coefficients(), 1e-9);
        assertEquals(oracle.get("rss").asDouble(), m.rss(), 1e-9 * m.rss());
        assertEquals(439, m.dfResid());
    }

    @Test
    void covariancesMatchStatsmodels() {
        LinearModel m = LinearModel.fit(NAMES, x, y);
        assertClose(oracle.get("bse_classical"), LinearModel.standardErrors(m.covClassical()), 1e-9);
        assertClose(oracle.get("bse_HC0"), LinearModel.standardErrors(m.covHC0()), 1e-9);
        assertClose(oracle.get("bse_HC1"), LinearModel.standardErrors(m.covHC1()), 1e-9);
        assertClose(oracle.get("bse_cluster_educ"), LinearModel.standardErrors(m.covCluster(educ)), 1e-9);
    }

    @Test
    void weightedLeastSquaresMatchesStatsmodels() {
        double[] w = new double[y.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = 1 + age[i] / 10.0;
        }
        LinearModel m = LinearModel.fitWeighted(NAMES, x, y, w);
        assertClose(oracle.get("wls_params"), m.coefficients(), 1e-9);
        assertClose(oracle.get("wls_bse_HC1"), LinearModel.standardErrors(m.covHC1()), 1e-9);
    }

    @Test
    void collinearColumnsAreNamed() {
        double[][] xx = new double[y.length][3];
        for (int i = 0; i < y.length; i++) {
            xx[i][0] = 1;
            xx[i][1] = x[i][2];
            xx[i][2] = 2 * x[i][2] + 1;
        }
        UserInputException e = assertThrows(UserInputException.class,
                () -> LinearModel.fit(new String[]{"const", "age", "age_twice"}, xx, y));
        assertTrue(e.getMessage().contains("age_twice"), e.getMessage());
    }
}
