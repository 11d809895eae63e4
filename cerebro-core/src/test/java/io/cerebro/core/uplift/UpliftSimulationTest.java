package io.cerebro.core.uplift;

import io.cerebro.core.mmm.fit.ProgressListener;
import io.cerebro.core.spec.UpliftSpec;
import io.cerebro.core.uplift.evaluation.UpliftCurves;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Learners recover planted effects; bounds are stated per test. */
class UpliftSimulationTest {
    static UpliftSpec spec(UpliftSpec.Learner learner, UpliftSpec.Base base, int trees) {
        return UpliftSpec.builder("w", "y").features(List.of("x1", "x2", "x3", "x4")).learner(learner).base(base).trees(trees).seed(3L).build();
    }

    @Test
    void everyLearnerRecoversALinearEffect() {
        UpliftSimulation sim = UpliftSimulation.linear(2000, 4, 11);
        UpliftEngine.Fitted f = UpliftEngine.fit(spec(UpliftSpec.Learner.AUTO, UpliftSpec.Base.LINEAR, 200), sim.data(), ProgressListener.NONE);
        Map<String, Double> rmse = new LinkedHashMap<>();
        for (UpliftEngine.Scored s : f.scored()) {
            rmse.put(s.fit().learner(), UpliftSimulation.rmse(s.fit().oof(), sim.tau()));
        }
        System.out.println("linear design, CATE RMSE by learner: " + rmse + ", auto chose " + f.chosen().fit().learner());
        // tau = x1 is in every linear learner's class: RMSE of order sqrt(p/n) times the noise
        assertTrue(rmse.get("t") < 0.15, "T " + rmse);
        assertTrue(rmse.get("x") < 0.15, "X " + rmse);
        assertTrue(rmse.get("r") < 0.2, "R " + rmse);
        assertTrue(rmse.get("dr") < 0.2, "DR " + rmse);
        // the linear S-learner has no interaction: it can only find the mean effect, RMSE = sd(x1) = 1
        assertTrue(rmse.get("s") > 0.8, "S " + rmse);
        assertTrue(rmse.get("causal_forest") < 0.45, "forest " + rmse);
        double chosen = rmse.get(f.chosen().fit().learner());
        assertTrue(chosen < 0.2, "auto chose " + f.chosen().fit().learner() + " " + rmse);
    }

    @Test
    void boostedLearnersRecoverASmoothStepUnderConfounding() {
        UpliftSimulation sim = UpliftSimulation.draw(3000, 4, 5, true, true);
        UpliftEngine.Fitted f = UpliftEngine.fit(spec(UpliftSpec.Learner.AUTO, UpliftSpec.Base.GBM, 200), sim.data(), ProgressListener.NONE);
        Map<String, Double> rmse = new LinkedHashMap<>();
        for (UpliftEngine.Scored s : f.scored()) {
            rmse.put(s.fit().learner(), UpliftSimulation.rmse(s.fit().oof(), sim.tau()));
        }
        System.out.println("step design, CATE RMSE by learner: " + rmse + ", auto chose " + f.chosen().fit().learner());
        // tau ranges over [1, 2] (sd 0.45): the forest, built for this, must come well below it; the boosted
        // meta-learners (differences of noisy fits on 3000 rows) below it
        assertTrue(rmse.get("causal_forest") < 0.25, "forest " + rmse);
        for (String l : List.of("t", "x", "r", "dr")) {
            assertTrue(rmse.get(l) < 0.55, l + " " + rmse);
        }
        double[] sorted = rmse.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = 0.5 * (sorted[2] + sorted[3]);
        assertTrue(rmse.get(f.chosen().fit().learner()) <= median, "auto " + f.chosen().fit().learner() + " " + rmse);
        double ate = io.cerebro.core.uplift.evaluation.AverageEffects.ate(f.nuisances().aipwScores(sim.data())).estimate();
        double trueAte = java.util.Arrays.stream(sim.tau()).average().orElseThrow();
        assertEquals(trueAte, ate, 0.15);
    }

    @Test
    void qiniOfTheTrueEffectBeatsARandomScoreOnEverySeed() {
        for (long seed = 1; seed <= 20; seed++) {
            UpliftSimulation sim = UpliftSimulation.linear(1000, 4, 100 + seed);
            SplittableRandom r = new SplittableRandom(seed);
            double[] random = new double[1000];
            for (int i = 0; i < random.length; i++) {
                random[i] = r.nextDouble();
            }
            double good = UpliftCurves.of(sim.tau(), sim.data().y(), sim.data().w()).qiniCoefficient();
            double bad = UpliftCurves.of(random, sim.data().y(), sim.data().w()).qiniCoefficient();
            assertTrue(good > bad, "seed " + seed + ": " + good + " vs " + bad);
        }
    }

    @Test
    void aipwAteIntervalsCoverThePlantedEffect() {
        int reps = 200;
        int covered = 0;
        for (int rep = 0; rep < reps; rep++) {
            UpliftSimulation sim = UpliftSimulation.draw(400, 3, 1000 + rep, true, false);
            UpliftEngine.Fitted f = UpliftEngine.fit(UpliftSpec.builder("w", "y").features(List.of("x1", "x2", "x3"))
                    .learner(UpliftSpec.Learner.T).base(UpliftSpec.Base.LINEAR).seed((long) rep).build(), sim.data(), ProgressListener.NONE);
            var ate = io.cerebro.core.uplift.evaluation.AverageEffects.ate(f.nuisances().aipwScores(sim.data()));
            double truth = java.util.Arrays.stream(sim.tau()).average().orElseThrow();
            covered += Math.abs(ate.estimate() - truth) < 1.96 * ate.se() ? 1 : 0;
        }
        double coverage = covered / (double) reps;
        System.out.println("AIPW ATE 95% coverage over " + reps + " confounded replications: " + coverage);
        // 200 replications: the binomial standard error at 0.95 is 0.015
        assertTrue(coverage >= 0.91 && coverage <= 0.99, "coverage " + coverage);
    }
}
