package io.cerebro.core.mmm;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.spec.MMMSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Simulations with planted adstock, saturation and contributions ({@link MmmSimulation}). */
class MmmSimulationTest {
    static MMMSpec spec(int bootstrap, long seed) {
        return MMMSpec.builder("week", "sales", List.of(MmmSimulation.CHANNELS)).trend(true).seasonality(MMMSpec.Seasonality.YEARLY)
                .candidates(600).bootstrap(bootstrap).seed(seed).allocate(true).build();
    }

    @Test
    @SuppressWarnings("unchecked")
    void recoversParametersSharesAndAllocatesNearTheTrueOptimum() {
        MmmSimulation sim = new MmmSimulation(156, 15, 3);
        AnalysisResult r;
        try (Dataset d = sim.dataset()) {
            r = new MmmEngine().run(spec(0, 5), d);
        }
        for (int c = 0; c < 3; c++) {
            String ch = MmmSimulation.CHANNELS[c];
            assertEquals(sim.trueShare(c), r.find(ch, MmmMethod.CONTRIBUTION_SHARE.id()).estimate(), 0.02, "share of " + ch);
            assertEquals(MmmSimulation.ALPHA[c], r.find(ch + " adstock_alpha", MmmMethod.TRANSFORM.id()).estimate(), 0.12, "alpha of " + ch);
            double lam = r.find(ch + " saturation_lambda", MmmMethod.TRANSFORM.id()).estimate();
            assertEquals(MmmSimulation.LAMBDA[c], lam, 0.5 * MmmSimulation.LAMBDA[c], "lambda of " + ch);
        }
        // the allocator: true response of the recommended split vs the current split and the true optimum
        Map<String, Object> a = (Map<String, Object>) r.details().get("allocation");
        Map<String, Map<String, Double>> rows = (Map<String, Map<String, Double>>) a.get("channels");
        double budget = (Double) a.get("budget");
        double[] rec = new double[3];
        double[] cur = new double[3];
        double[] lo = new double[3];
        double[] hi = new double[3];
        for (int c = 0; c < 3; c++) {
            Map<String, Double> row = rows.get(MmmSimulation.CHANNELS[c]);
            rec[c] = row.get("recommended_spend");
            cur[c] = row.get("current_split_spend");
            lo[c] = row.get("lower_bound");
            hi[c] = row.get("upper_bound");
        }
        assertEquals(budget, rec[0] + rec[1] + rec[2], 1e-6 * budget);
        double trueRec = trueTotal(sim, rec);
        double trueCur = trueTotal(sim, cur);
        double best = Double.NEGATIVE_INFINITY;
        int grid = 400;
        for (int i = 0; i <= grid; i++) {
            double s0 = lo[0] + (hi[0] - lo[0]) * i / grid;
            for (int j = 0; j <= grid; j++) {
                double s1 = lo[1] + (hi[1] - lo[1]) * j / grid;
                double s2 = budget - s0 - s1;
                if (s2 >= lo[2] && s2 <= hi[2]) {
                    best = Math.max(best, trueTotal(sim, new double[] {s0, s1, s2}));
                }
            }
        }
        assertTrue(trueRec >= trueCur, "recommended " + trueRec + " vs current " + trueCur);
        assertTrue(trueRec >= 0.98 * best, "recommended " + trueRec + " vs brute-force optimum " + best);
    }

    static double trueTotal(MmmSimulation sim, double[] s) {
        double t = 0;
        for (int c = 0; c < s.length; c++) {
            t += sim.trueResponse(c, s[c]);
        }
        return t;
    }

    /**
     * Coverage of the 95% bootstrap intervals of the shares over 24 simulated data sets (sized to
     * the test budget: 72 intervals, so coverage below 0.8 would be a clear failure, not noise).
     */
    @Test
    @Tag("slow")
    void bootstrapIntervalsCoverTheTrueShares() {
        int covered = 0;
        int total = 0;
        for (int rep = 0; rep < 24; rep++) {
            MmmSimulation sim = new MmmSimulation(130, 25, 100 + rep);
            try (Dataset d = sim.dataset()) {
                AnalysisResult r = new MmmEngine().run(spec(60, rep).toBuilder().candidates(200).allocate(false).build(), d);
                for (int c = 0; c < 3; c++) {
                    Estimate e = r.find(MmmSimulation.CHANNELS[c], MmmMethod.CONTRIBUTION_SHARE.id());
                    covered += e.interval().contains(sim.trueShare(c)) ? 1 : 0;
                    total++;
                }
            }
        }
        double coverage = (double) covered / total;
        assertTrue(coverage >= 0.8, "coverage " + coverage);
    }
}
