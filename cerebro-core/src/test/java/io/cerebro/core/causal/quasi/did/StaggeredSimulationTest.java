package io.cerebro.core.causal.quasi.did;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Staggered rollout with effects that grow with time since adoption (1 + 0.5 per period): the
 * two-way fixed-effects coefficient is biased (already-treated units serve as controls), while
 * Callaway-Sant'Anna recovers the planted overall ATT with correct coverage.
 */
class StaggeredSimulationTest {

    @Test
    @Tag("slow")
    void callawaySantAnnaRecoversGrowingEffectsWhereTwfeFails() {
        Random rng = new Random(2026);
        int units = 200;
        int periods = 10;
        int reps = 150;
        int[] cohortOf = new int[units];
        for (int u = 0; u < units; u++) {
            cohortOf[u] = switch (u % 4) {
                case 0 -> 3;
                case 1 -> 5;
                case 2 -> 7;
                default -> -1;
            };
        }
        // the planted overall ATT: post cells weighted by cohort size (equal cohorts here)
        double truth = 0;
        int cells = 0;
        for (int g : new int[]{3, 5, 7}) {
            for (int t = g; t < periods; t++) {
                truth += 1 + 0.5 * (t - g);
                cells++;
            }
        }
        truth /= cells;
        double sumCs = 0;
        double sumTwfe = 0;
        int covered = 0;
        String[] labels = new String[units * periods];
        double[] times = new double[units * periods];
        for (int u = 0; u < units; u++) {
            for (int t = 0; t < periods; t++) {
                labels[u * periods + t] = "u" + u;
                times[u * periods + t] = t;
            }
        }
        Panel panel = Panel.of(labels, times, "unit", "time", true);
        for (int rep = 0; rep < reps; rep++) {
            double[][] y = new double[units][periods];
            double[] flat = new double[units * periods];
            double[] d = new double[units * periods];
            for (int u = 0; u < units; u++) {
                double a = rng.nextGaussian();
                for (int t = 0; t < periods; t++) {
                    int g = cohortOf[u];
                    double eff = g >= 0 && t >= g ? 1 + 0.5 * (t - g) : 0;
                    y[u][t] = a + 0.2 * t + eff + rng.nextGaussian();
                    flat[u * periods + t] = y[u][t];
                    d[u * periods + t] = g >= 0 && t >= g ? 1 : 0;
                }
            }
            CallawaySantAnna.Result cs = CallawaySantAnna.estimate(y, cohortOf, false);
            sumCs += cs.overall().estimate();
            covered += Math.abs(cs.overall().estimate() - truth) <= 1.96 * cs.overall().se() ? 1 : 0;
            sumTwfe += FixedEffectsFit.fit(panel, flat, new double[][]{d}, new String[]{"d"}).model().coefficients()[0];
        }
        double biasCs = sumCs / reps - truth;
        double biasTwfe = sumTwfe / reps - truth;
        assertEquals(0, biasCs, 0.03, "CS bias");
        assertTrue(biasTwfe < -0.5, "TWFE bias " + biasTwfe + " (truth " + truth + ")");
        double coverage = (double) covered / reps;
        assertTrue(coverage >= 0.89 && coverage <= 0.99, "coverage " + coverage);
    }

}
