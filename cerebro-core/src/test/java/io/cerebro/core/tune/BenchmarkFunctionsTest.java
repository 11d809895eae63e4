package io.cerebro.core.tune;

import io.cerebro.core.tune.journal.Trial;
import io.cerebro.core.tune.sampler.Sampler;
import io.cerebro.core.tune.sampler.Samplers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reference functions with published optima: Branin (minimum 0.397887 at three points, Dixon and
 * Szegö 1978) and Hartmann-6 (minimum -3.32237). A simulation over seeds: with 60 trials TPE and GP
 * must beat random search's median best value at equal budget. Thresholds are stated per test.
 */
class BenchmarkFunctionsTest {
    static double branin(Map<String, Object> p) {
        double x1 = ((Number) p.get("x1")).doubleValue();
        double x2 = ((Number) p.get("x2")).doubleValue();
        double b = 5.1 / (4 * Math.PI * Math.PI);
        double c = 5 / Math.PI;
        double t = 1 / (8 * Math.PI);
        return Math.pow(x2 - b * x1 * x1 + c * x1 - 6, 2) + 10 * (1 - t) * Math.cos(x1) + 10;
    }

    static final double[][] H6_A = {{10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14}, {3, 3.5, 1.7, 10, 17, 8}, {17, 8, 0.05, 10, 0.1, 14}};
    static final double[][] H6_P = {{1312, 1696, 5569, 124, 8283, 5886}, {2329, 4135, 8307, 3736, 1004, 9991},
            {2348, 1451, 3522, 2883, 3047, 6650}, {4047, 8828, 8732, 5743, 1091, 381}};
    static final double[] H6_ALPHA = {1.0, 1.2, 3.0, 3.2};

    static double hartmann6(Map<String, Object> p) {
        double s = 0;
        for (int i = 0; i < 4; i++) {
            double inner = 0;
            for (int j = 0; j < 6; j++) {
                double x = ((Number) p.get("x" + j)).doubleValue();
                inner += H6_A[i][j] * Math.pow(x - H6_P[i][j] * 1e-4, 2);
            }
            s += H6_ALPHA[i] * Math.exp(-inner);
        }
        return -s;
    }

    static StudySpec space(String yaml, String sampler) {
        return StudySpecReader.parse(yaml + "sampler: " + sampler + "\ntrials: 60\n", "bench", Path.of("."), Path.of("j.jsonl"));
    }

    /** @return the best value of a 60-trial study run in memory (the journal is not what is measured here). */
    static double bestOf(String yaml, String sampler, long seed, ToDoubleFunction<Map<String, Object>> f) {
        StudySpec spec = space(yaml, sampler).with(null, null, null, seed, null);
        Sampler s = Samplers.of(spec);
        List<Trial> done = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        for (int n = 0; n < spec.trials(); n++) {
            Map<String, Object> p = s.suggest(n, done);
            double v = f.applyAsDouble(p);
            best = Math.min(best, v);
            done.add(new Trial(n, p, Trial.State.COMPLETE, List.of(v), 0, List.of(v), null, 0, "bench"));
        }
        return best;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static final String BRANIN = "name: branin\nobjective: {command: \"true\"}\nparameter_space:\n  x1: {type: float, range: [-5, 10]}\n  x2: {type: float, range: [0, 15]}\n";

    /**
     * Branin, 20 seeds, 60 trials: TPE's and GP's median best values are below random search's, and
     * GP (a smooth model of a smooth function) is within 5% of the optimum (gap below 0.02) on at
     * least 15 of 20 seeds.
     */
    @Test
    @Tag("slow")
    void braninTpeAndGpBeatRandomSearch() {
        int seeds = 20;
        double[] rnd = new double[seeds];
        double[] tpe = new double[seeds];
        double[] gp = new double[seeds];
        int gpClose = 0;
        for (int s = 0; s < seeds; s++) {
            rnd[s] = bestOf(BRANIN, "random", s, BenchmarkFunctionsTest::branin);
            tpe[s] = bestOf(BRANIN, "tpe", s, BenchmarkFunctionsTest::branin);
            gp[s] = bestOf(BRANIN, "gp", s, BenchmarkFunctionsTest::branin);
            if (gp[s] <= 0.397887 * 1.05) {
                gpClose++;
            }
        }
        String msg = "median best: random " + median(rnd) + ", tpe " + median(tpe) + ", gp " + median(gp) + "; gp within 5% on " + gpClose + "/20";
        assertTrue(median(tpe) < median(rnd), msg);
        assertTrue(median(gp) < median(rnd), msg);
        assertTrue(gpClose >= 15, msg);
        for (double v : gp) {
            assertTrue(v >= 0.397887 - 1e-6, "no value below the published minimum: " + v);
        }
    }

    /** Hartmann-6, 20 seeds, 60 trials: TPE's and GP's median best values are below random search's. */
    @Test
    @Tag("slow")
    void hartmann6TpeAndGpBeatRandomSearch() {
        StringBuilder y = new StringBuilder("name: h6\nobjective: {command: \"true\"}\nparameter_space:\n");
        for (int j = 0; j < 6; j++) {
            y.append("  x").append(j).append(": {type: float, range: [0, 1]}\n");
        }
        int seeds = 20;
        double[] rnd = new double[seeds];
        double[] tpe = new double[seeds];
        double[] gp = new double[seeds];
        for (int s = 0; s < seeds; s++) {
            rnd[s] = bestOf(y.toString(), "random", s, BenchmarkFunctionsTest::hartmann6);
            tpe[s] = bestOf(y.toString(), "tpe", s, BenchmarkFunctionsTest::hartmann6);
            gp[s] = bestOf(y.toString(), "gp", s, BenchmarkFunctionsTest::hartmann6);
        }
        String msg = "median best: random " + median(rnd) + ", tpe " + median(tpe) + ", gp " + median(gp) + " (optimum -3.32237)";
        System.out.println("hartmann6 " + msg);
        assertTrue(median(tpe) < median(rnd), msg);
        assertTrue(median(gp) < median(rnd), msg);
        for (double v : gp) {
            assertTrue(v >= -3.32237 - 1e-4, "no value below the published minimum: " + v);
        }
    }
}
