package io.cerebro.core.geo;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static io.cerebro.core.geo.GeoFactorModelTest.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The covariate residualisation ({@link GeoCovariates}) against numpy's least squares
 * (tools/fixtures/geo_gsyn.py, "covariates" in geo_gsyn_oracle.json), and a simulation where a
 * covariate whose effect grows over time confounds the plain synthetic control.
 */
class GeoCovariatesTest {
    @Test
    void residualsMatchNumpyLeastSquares() {
        JsonNode o = GeoFactorModelTest.oracle().get("covariates");
        int pre = o.get("pre_periods").asInt();
        JsonNode y = o.get("outcome");
        JsonNode zt = o.get("covariates");
        int m = y.size();
        int p = zt.get(0).get(0).size();
        double[][] outcome = new double[m][];
        double[][] z = new double[m][p];
        for (int i = 0; i < m; i++) {
            outcome[i] = vector(y.get(i));
            for (int k = 0; k < p; k++) {
                double[][] one = {new double[outcome[i].length]};
                for (int t = 0; t < one[0].length; t++) {
                    one[0][t] = zt.get(i).get(t).get(k).asDouble();
                }
                z[i][k] = GeoCovariates.preMeans(one, pre)[0];
            }
        }
        int[] tr = {0, 1, 2};
        int[] dn = java.util.stream.IntStream.range(3, m).toArray();
        GeoCovariates.Residuals r = GeoCovariates.residualise(CellAnalysis.mean(outcome, tr), CellAnalysis.rows(outcome, dn),
                CellAnalysis.mean(z, tr), CellAnalysis.rows(z, dn));
        double[] rt = vector(o.get("resid_target"));
        for (int t = 0; t < rt.length; t++) {
            assertEquals(rt[t], r.target()[t], 1e-9, "treated residual, period " + t);
            for (int k = 0; k <= p; k++) {
                assertEquals(o.get("beta").get(k).get(t).asDouble(), r.beta()[t][k], 1e-9, "beta " + k + ", period " + t);
            }
            for (int j = 0; j < dn.length; j++) {
                assertEquals(o.get("resid_donors").get(j).get(t).asDouble(), r.donors()[j][t], 1e-9, "donor residual");
            }
        }
    }

    /**
     * y_jt = a_j + z_j * 0.4 t + noise with the treated mean's z above every donor's: its trend is
     * steeper than any convex combination of donors, so the plain synthetic control lags it after the
     * pre-period. No effect is planted; the mean ATT over the replications is the bias.
     */
    @Test
    void covariateDrivenConfounderBiasesThePlainSyntheticControlOnly() {
        int reps = 300;
        int n = 15;
        int nt = 40;
        int pre = 30;
        SplittableRandom rng = new SplittableRandom(11);
        double biasPlain = 0;
        double biasAdjusted = 0;
        for (int rep = 0; rep < reps; rep++) {
            double[][] donors = new double[n][nt];
            double[][] zd = new double[n][1];
            for (int j = 0; j < n; j++) {
                zd[j][0] = rng.nextDouble();
                double a = 20 + 5 * rng.nextDouble();
                for (int t = 0; t < nt; t++) {
                    donors[j][t] = a + zd[j][0] * 0.4 * t + Math.sin(t / 2.0) + 0.5 * rng.nextGaussian();
                }
            }
            double[] zt = {2.0};
            double[] target = new double[nt];
            for (int t = 0; t < nt; t++) {
                target[t] = 22 + zt[0] * 0.4 * t + Math.sin(t / 2.0) + 0.5 * rng.nextGaussian();
            }
            biasPlain += GeoFactorModelTest.att(GeoEstimator.scm(target, donors, pre), pre) / reps;
            GeoCovariates.Residuals r = GeoCovariates.residualise(target, donors, zt, zd);
            biasAdjusted += GeoFactorModelTest.att(GeoEstimator.scm(r.target(), r.donors(), pre), pre) / reps;
        }
        // the treated trend is 0.8 per period against at most 0.4 for a donor: about 0.4 x 20 periods of lag, several units
        assertTrue(Math.abs(biasPlain) > 2, "plain synthetic control bias " + biasPlain);
        assertTrue(Math.abs(biasAdjusted) < 0.2, "covariate-adjusted bias " + biasAdjusted);
    }
}
