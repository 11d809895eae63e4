package io.cerebro.core.causal.sensitivity;

import com.fasterxml.jackson.databind.JsonNode;
import io.cerebro.core.causal.CausalCheck;
import io.cerebro.core.causal.CausalFixtures;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.spec.CausalMethod;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.HonestDidOptions;
import io.cerebro.core.spec.PanelDesign;
import io.cerebro.core.stats.Matrices;
import io.cerebro.core.testing.SharedFixtures;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rambachan-Roth relative-magnitudes and smoothness sets against the numpy/scipy closed forms
 * (tools/fixtures/causal_honest_did.py), and their coverage of a planted effect under a planted
 * violation of parallel trends at the edge of each restriction.
 */
class HonestDidTest {
    private static final int[] TIMES = {-4, -3, -2, 0, 1, 2};

    @Test
    void matchesTheNumpyOracle() {
        JsonNode o = CausalFixtures.json("causal_honest_did_oracles.json");
        double[] beta = new double[6];
        double[][] cov = new double[6][6];
        for (int i = 0; i < 6; i++) {
            beta[i] = o.get("beta").get(i).asDouble();
            for (int j = 0; j < 6; j++) {
                cov[i][j] = o.get("cov").get(i).get(j).asDouble();
            }
        }
        List<HonestDid.PostPeriod> sets = HonestDid.of(TIMES, beta, cov, o.get("mbar").asDouble(), o.get("m").asDouble(), 0.05);
        assertEquals(3, sets.size());
        for (int k = 0; k < 3; k++) {
            HonestDid.PostPeriod p = sets.get(k);
            JsonNode x = o.get("post").get(k);
            assertEquals(x.get("event_time").asInt(), p.eventTime());
            assertEquals(o.get("pre_max_change").asDouble(), p.preMaxChange(), 1e-12);
            assertEquals(o.get("pre_max_change_upper").asDouble(), p.preMaxChangeUpper(), 1e-10);
            assertEquals(x.get("se").asDouble(), p.standardError(), 1e-12);
            for (int side = 0; side < 2; side++) {
                assertEquals(x.get("rm_identified").get(side).asDouble(), p.rmIdentified()[side], 1e-12);
                assertEquals(x.get("rm_robust").get(side).asDouble(), p.rmRobust()[side], 1e-9);
                assertEquals(x.get("sd_identified").get(side).asDouble(), p.sdIdentified()[side], 1e-12);
                assertEquals(x.get("sd_robust").get(side).asDouble(), p.sdRobust()[side], 1e-8);
            }
            assertEquals(x.get("sd_estimate").asDouble(), p.sdEstimate(), 1e-12);
            assertEquals(x.get("sd_se").asDouble(), p.sdStandardError(), 1e-12);
            assertEquals(x.get("breakdown_mbar").asDouble(), p.breakdownMbar(), 1e-9);
            assertEquals(x.get("breakdown_m").asDouble(), p.breakdownM(), 1e-7);
        }
    }

    /**
     * Coefficients drawn from N(tau + delta, V) with a trend violation that is as large as each
     * restriction allows: under relative magnitudes every post-period change equals Mbar times the
     * largest pre-period change; under smoothness the slope bends by M every period. Each set covers
     * the true first- and last-period effects at least 95% of the time (less 2.5 points of Monte
     * Carlo error), while the ordinary interval, which assumes parallel trends, does not.
     */
    @Test
    void coverAPlantedEffectUnderAPlantedViolation() {
        JsonNode o = CausalFixtures.json("causal_honest_did_oracles.json");
        double[][] cov = new double[6][6];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                cov[i][j] = o.get("cov").get(i).get(j).asDouble();
            }
        }
        double[][] chol = Matrices.cholesky(cov, new String[]{"a", "b", "c", "d", "e", "f"}, "test covariance");
        double tau = 1.0;
        double mbar = 1.0;
        double m = 0.15;
        // relative magnitudes: pre changes of 0.2 at most, post changes of exactly mbar * 0.2 each
        double[] deltaRm = {-0.2, -0.1, -0.2, 0.2, 0.4, 0.6};
        // smoothness: last pre slope 0.1 (delta_{-2} = -0.1), bending up by m each period
        double[] deltaSd = {-0.3, -0.2, -0.1, 0.1 + m, 0.2 + 3 * m, 0.3 + 6 * m};
        Random rng = new Random(17);
        int reps = 1000;
        int[] coveredRm = new int[2];
        int[] coveredSd = new int[2];
        int coveredNaive = 0;
        for (int r = 0; r < reps; r++) {
            double[] z = new double[6];
            for (int i = 0; i < 6; i++) {
                z[i] = rng.nextGaussian();
            }
            double[] bRm = new double[6];
            double[] bSd = new double[6];
            for (int i = 0; i < 6; i++) {
                double noise = 0;
                for (int j = 0; j <= i; j++) {
                    noise += chol[i][j] * z[j];
                }
                double effect = TIMES[i] >= 0 ? tau : 0;
                bRm[i] = effect + deltaRm[i] + noise;
                bSd[i] = effect + deltaSd[i] + noise;
            }
            List<HonestDid.PostPeriod> rm = HonestDid.of(TIMES, bRm, cov, mbar, 0, 0.05);
            List<HonestDid.PostPeriod> sd = HonestDid.of(TIMES, bSd, cov, 0, m, 0.05);
            for (int k = 0; k < 2; k++) {
                HonestDid.PostPeriod a = rm.get(k == 0 ? 0 : 2);
                HonestDid.PostPeriod b = sd.get(k == 0 ? 0 : 2);
                coveredRm[k] += a.rmRobust()[0] <= tau && tau <= a.rmRobust()[1] ? 1 : 0;
                coveredSd[k] += b.sdRobust()[0] <= tau && tau <= b.sdRobust()[1] ? 1 : 0;
            }
            HonestDid.PostPeriod last = rm.get(2);
            coveredNaive += Math.abs(last.estimate() - tau) <= 1.96 * last.standardError() ? 1 : 0;
        }
        for (int k = 0; k < 2; k++) {
            assertTrue(coveredRm[k] >= 0.925 * reps, "relative magnitudes coverage " + coveredRm[k] + "/" + reps);
            assertTrue(coveredSd[k] >= 0.925 * reps, "smoothness coverage " + coveredSd[k] + "/" + reps);
        }
        assertTrue(coveredNaive < 0.5 * reps, "the planted violation must break the ordinary interval: " + coveredNaive);
    }

    /** Through the engine: --sensitivity honest_did on the TWFE panel gives one set per post period, built on the printed coefficients. */
    @Test
    void eventStudyCarriesTheSets() {
        try (Dataset d = Dataset.read(SharedFixtures.path(SharedFixtures.QUASI + "twfe_panel.csv"))) {
            CausalSpec spec = CausalSpec.builder(CausalMethod.EVENT_STUDY, "y")
                    .panel(new PanelDesign("unit", "year", null, null, "first", null, null, 2, 2))
                    .honestDid(new HonestDidOptions(1.0, 0.0)).build();
            AnalysisResult r = Engines.run(spec, d);
            Estimate rm = r.find("event time 0", CausalCheck.HONEST_DID.id());
            Estimate es = r.find("event time 0", CausalMethod.EVENT_STUDY.methodId());
            Estimate lead = r.find("event time -2", CausalMethod.EVENT_STUDY.methodId());
            assertEquals(es.estimate(), rm.estimate(), 1e-12);
            // one lead: the largest pre-period change is |0 - beta_{-2}|
            assertEquals(Math.abs(lead.estimate()), rm.extra("pre_max_change"), 1e-12);
            assertEquals(es.estimate() - Math.abs(lead.estimate()), rm.extra("identified_lower"), 1e-12);
            Estimate sd = r.find("event time 0 (smoothness)", CausalCheck.HONEST_DID.id());
            assertEquals(es.estimate() + lead.estimate(), sd.estimate(), 1e-12);
            assertTrue(r.estimates().stream().filter(e -> e.method().equals(CausalCheck.HONEST_DID.id())).count() >= 2);
        }
    }

    @Test
    void noLeadIsOneLine() {
        UserInputException e = assertThrows(UserInputException.class, () -> HonestDid.of(new int[]{0, 1}, new double[]{1, 1},
                new double[][]{{1, 0}, {0, 1}}, 1, 0, 0.05));
        assertTrue(e.getMessage().contains("--leads"), e.getMessage());
    }
}
