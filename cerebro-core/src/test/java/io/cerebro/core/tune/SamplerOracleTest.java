package io.cerebro.core.tune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.core.mmm.fit.HyperparameterSearch;
import io.cerebro.core.tune.sampler.ExpectedImprovement;
import io.cerebro.core.tune.sampler.GaussianProcess;
import io.cerebro.core.tune.sampler.ParzenEstimator;
import io.cerebro.core.tune.sampler.SobolSequence;
import io.cerebro.core.tune.sampler.TpeSampler;
import org.junit.jupiter.api.Test;

import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Samplers' numbers against scipy / scikit-learn (tools/fixtures/tune_fixtures.py) and Optuna's documented rules. */
class SamplerOracleTest {
    static JsonNode fixture() throws Exception {
        try (InputStream in = SamplerOracleTest.class.getResourceAsStream("/tune/sampler_oracles.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    static double[] vec(JsonNode n) {
        double[] v = new double[n.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = n.get(i).asDouble();
        }
        return v;
    }

    static double[][] mat(JsonNode n) {
        double[][] m = new double[n.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = vec(n.get(i));
        }
        return m;
    }

    @Test
    void sobolPointsMatchScipyUnscrambled() throws Exception {
        double[][] want = mat(fixture().path("sobol").path("points"));
        SobolSequence s = new SobolSequence(16);
        for (int i = 0; i < want.length; i++) {
            assertArrayEquals(want[i], s.point(i), 1e-12, "point " + i);
        }
    }

    @Test
    void gpPosteriorMatchesScikitLearnMatern52() throws Exception {
        JsonNode g = fixture().path("gp");
        GaussianProcess gp = new GaussianProcess(mat(g.path("X")), vec(g.path("y")), g.path("lengthscale").asDouble(),
                g.path("amplitude").asDouble(), g.path("noise").asDouble());
        double[][] xs = mat(g.path("Xs"));
        double[] mean = vec(g.path("mean"));
        double[] sd = vec(g.path("sd"));
        for (int i = 0; i < xs.length; i++) {
            assertEquals(mean[i], gp.mean(xs[i]), 1e-8, "mean " + i);
            assertEquals(sd[i], Math.sqrt(gp.variance(xs[i])), 1e-7, "sd " + i);
        }
        assertEquals(g.path("log_marginal_likelihood").asDouble(), gp.logMarginalLikelihood(), 1e-8);
    }

    @Test
    void expectedImprovementMatchesScipyNormalClosedForm() throws Exception {
        for (JsonNode c : fixture().path("ei").path("cases")) {
            assertEquals(c.path("ei").asDouble(), ExpectedImprovement.of(c.path("mean").asDouble(), c.path("sd").asDouble(), c.path("best").asDouble()), 1e-12);
        }
    }

    @Test
    void latinHypercubeHasOnePointPerStratumOfEveryCoordinate() {
        int n = 37;
        double[][] u = HyperparameterSearch.latinHypercube(n, 4, 5);
        for (int j = 0; j < 4; j++) {
            boolean[] seen = new boolean[n];
            for (double[] p : u) {
                int stratum = (int) Math.floor(p[j] * n);
                assertEquals(false, seen[stratum], "stratum " + stratum + " of coordinate " + j + " drawn twice");
                seen[stratum] = true;
            }
        }
    }

    /** Optuna's default_gamma and default_weights, as documented in optuna.samplers.TPESampler. */
    @Test
    void tpeSplitAndWeightsFollowOptunaDefaults() {
        assertEquals(1, TpeSampler.gamma(10));
        assertEquals(2, TpeSampler.gamma(11));
        assertEquals(25, TpeSampler.gamma(1000));
        double[] w = TpeSampler.defaultWeights(30);
        // numpy: np.concatenate([np.linspace(1/30, 1, 5), np.ones(25)])
        assertArrayEquals(new double[]{1 / 30.0, 1 / 30.0 + (1 - 1 / 30.0) / 4, 1 / 30.0 + (1 - 1 / 30.0) / 2, 1 / 30.0 + 3 * (1 - 1 / 30.0) / 4, 1},
                java.util.Arrays.copyOf(w, 5), 1e-12);
        assertEquals(1.0, w[29]);
    }

    /**
     * The univariate Parzen estimator of observations {0.1, 0.2, 0.8} with the prior at 0.5: sorted
     * kernels 0.1, 0.2, 0.5, 0.8 with gaps to neighbours give sigmas max(0.1 (inner gap), 0.1) = 0.1,
     * max(0.1, 0.3) = 0.3, prior 1, max(0.3, 0.3 (inner gap)) = 0.3, clipped below at 1/min(100, 1+4)
     * = 0.2; the density is the weighted sum of normals truncated to [0, 1], weights 1/4 each.
     */
    @Test
    void parzenBandwidthsAndDensityFollowOptunaRules() {
        ParzenEstimator pe = new ParzenEstimator(new double[][]{{0.1}, {0.2}, {0.8}}, new double[]{1, 1, 1}, new int[]{0}, 1.0, false);
        assertEquals(0.2, pe.sigma(0, 0), 1e-12);
        assertEquals(0.3, pe.sigma(1, 0), 1e-12);
        assertEquals(0.3, pe.sigma(2, 0), 1e-12);
        assertEquals(1.0, pe.sigma(3, 0), 1e-12);
        double x = 0.33;
        double[][] ks = {{0.1, 0.2}, {0.2, 0.3}, {0.8, 0.3}, {0.5, 1.0}};
        double dens = 0;
        for (double[] k : ks) {
            org.hipparchus.distribution.continuous.NormalDistribution nd = new org.hipparchus.distribution.continuous.NormalDistribution(k[0], k[1]);
            dens += 0.25 * nd.density(x) / (nd.cumulativeProbability(1) - nd.cumulativeProbability(0));
        }
        assertEquals(Math.log(dens), pe.logDensity(new double[]{x}), 1e-10);
        // categorical: observed choice 1 of 3 gets 1 + 1/4 against 1/4 for the others before normalising
        ParzenEstimator cat = new ParzenEstimator(new double[][]{{0.5}, {0.5}, {0.5}}, new double[]{1, 1, 1}, new int[]{3}, 1.0, false);
        double pObserved = 0.75 * (1.25 / 1.75) + 0.25 / 3;
        assertEquals(Math.log(pObserved), cat.logDensity(new double[]{0.5}), 1e-12);
    }
}
