package io.cerebro.core.uplift;

import io.cerebro.core.mmm.fit.ProgressListener;
import io.cerebro.core.spec.UpliftSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The causal forest's little-bags intervals at the median point cover the planted effect about 95%
 * of the time: Athey and Wager's smooth step tau(x) = 1 + 1/(1 + exp(-10 x1)), so tau(0) = 1.5,
 * randomised treatment, 1000 rows, 4 features, 200 trees, 100 replications.
 */
class CausalForestCoverageTest {
    @Test
    void intervalsAtTheMedianPointCoverNearNominal() {
        int reps = 100;
        int covered = 0;
        double width = 0;
        double sum = 0;
        double sumSq = 0;
        for (int rep = 0; rep < reps; rep++) {
            UpliftSimulation sim = UpliftSimulation.draw(1000, 4, 5000 + rep, false, true);
            UpliftSpec spec = UpliftSpec.builder("w", "y").features(List.of("x1", "x2", "x3", "x4")).learner(UpliftSpec.Learner.CAUSAL_FOREST)
                    .base(UpliftSpec.Base.LINEAR).trees(200).seed((long) rep).build();
            UpliftEngine.Fitted f = UpliftEngine.fit(spec, sim.data(), ProgressListener.NONE);
            double[][] at = f.predict(new double[][] {{0}, {0}, {0}, {0}});
            double tau = at[0][0];
            double se = at[1][0];
            covered += Math.abs(tau - 1.5) <= 1.96 * se ? 1 : 0;
            width += 2 * 1.96 * se;
            sum += tau;
            sumSq += tau * tau;
        }
        double coverage = covered / (double) reps;
        System.out.println("causal forest 95% coverage at x = 0 over " + reps + " replications: " + coverage + ", mean width " + width / reps
                + ", mean estimate " + sum / reps + ", sd of estimates " + Math.sqrt(sumSq / reps - (sum / reps) * (sum / reps)));
        // 100 replications: binomial standard error 0.022 at 0.95
        assertTrue(coverage >= 0.90 && coverage <= 0.98, "coverage " + coverage);
    }
}
