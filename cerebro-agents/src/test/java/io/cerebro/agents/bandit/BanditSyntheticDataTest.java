package io.cerebro.agents.bandit;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.BanditSpec;
import io.cerebro.core.testing.SharedFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The validator's second datasets carry the values they say they plant: on 30 synthetic logs the
 * IPS and DR estimates average to the closed-form target value (0.35 + 0.1/sqrt(2 pi) for the
 * target column, 0.3 + 0.1 a/(K-1) for one arm) within 3 standard errors of the mean, and
 * synthetic pulls give each arm its planted rate 0.2 + 0.4 a/(K-1) within 4 standard errors.
 */
class BanditSyntheticDataTest {
    private static final int LOGS = 30;

    private static void recoversTheTargetValue(BanditSpec spec, Path dir) throws Exception {
        Path log = SharedFixtures.path("bandit/log.csv");
        double truth;
        double[] ips = new double[LOGS];
        double[] dr = new double[LOGS];
        try (Dataset original = Dataset.read(log, null, spec.columns())) {
            truth = BanditSyntheticData.trueTargetValue(spec, List.of("A", "B", "C"));
            for (int s = 0; s < LOGS; s++) {
                Path file = dir.resolve("log" + s + ".csv");
                BanditSyntheticData.write(spec, original, file, 100 + s);
                try (Dataset d = Dataset.read(file)) {
                    assertEquals(original.rowCount(), d.rowCount());
                    AnalysisResult r = Engines.run(spec, d);
                    ips[s] = r.find("IPS", "bandit.ope.ips").estimate();
                    dr[s] = r.find("DR", "bandit.ope.dr").estimate();
                }
            }
        }
        for (double[] est : new double[][] {ips, dr}) {
            double mean = 0;
            for (double v : est) mean += v;
            mean /= LOGS;
            double ss = 0;
            for (double v : est) ss += (v - mean) * (v - mean);
            double se = Math.sqrt(ss / (LOGS - 1) / LOGS);
            assertTrue(Math.abs(mean - truth) < 3 * se, "mean " + mean + " vs planted " + truth + " (se " + se + ")");
        }
    }

    @Test
    void aTargetColumnHasThePlantedValue(@TempDir Path dir) throws Exception {
        recoversTheTargetValue(BanditSpec.builder(BanditSpec.Mode.EVALUATE).action("arm").reward("clicked").propensity("p")
                .context(List.of("score", "segment")).target("new_policy").build(), dir);
        assertEquals(0.35 + 0.1 / Math.sqrt(2 * Math.PI), BanditSyntheticData.trueTargetValue(
                BanditSpec.builder(BanditSpec.Mode.EVALUATE).action("a").reward("r").propensity("p").target("t").build(), List.of("A", "B")), 1e-15);
    }

    @Test
    void oneTargetArmHasThePlantedValue(@TempDir Path dir) throws Exception {
        recoversTheTargetValue(BanditSpec.builder(BanditSpec.Mode.EVALUATE).action("arm").reward("clicked").propensity("p")
                .targetArm("B").build(), dir);
    }

    @Test
    void syntheticPullsHaveThePlantedArmRates(@TempDir Path dir) throws Exception {
        BanditSpec spec = BanditSpec.builder(BanditSpec.Mode.RECOMMEND).arm("arm").count("pulls").successes("clicks").algorithm("ucb1").build();
        Path file = dir.resolve("arms.csv");
        try (Dataset original = Dataset.read(SharedFixtures.path("bandit/arms.csv"))) {
            // 50x the user's pulls per arm, so the rates are pinned down
            Dataset big = Dataset.builder().text("arm", new String[] {"A", "B", "C"}).numeric("pulls", new double[] {10_600, 10_300, 9_100})
                    .numeric("clicks", new double[] {0, 0, 0}).build();
            BanditSyntheticData.write(spec, big, file, 9);
        }
        try (Dataset d = Dataset.read(file)) {
            double[] n = d.doubles("pulls");
            double[] s = d.doubles("clicks");
            assertEquals(List.of(10_600.0, 10_300.0, 9_100.0), List.of(n[0], n[1], n[2]));
            for (int a = 0; a < 3; a++) {
                double rate = BanditSyntheticData.armRate(a, 3);
                double se = Math.sqrt(rate * (1 - rate) / n[a]);
                assertTrue(Math.abs(s[a] / n[a] - rate) < 4 * se, "arm " + a + ": " + s[a] / n[a] + " vs " + rate);
            }
        }
    }
}
