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

    static String hartmannSpace() {
        StringBuilder y = new StringBuilder("name: h6\nobjective: {command: \"true\"}\nparameter_space:\n");
        for (int j = 0; j < 6; j++) {
            y.append("  x").append(j).append(": {type: float, range: [0, 1]}\n");
        }
        return y.toString();
    }

    /** A mixed space: an integer, a log-scale float, a categorical and a float. */
    static final String MIXED = "name: mixed\nobjective: {command: \"true\"}\nparameter_space:\n"
            + "  layers: {type: int, range: [1, 8]}\n  lr: {type: float, range: [0.0001, 0.1], log: true}\n"
            + "  optimizer: {type: categorical, choices: [sgd, adam, rmsprop]}\n  dropout: {type: float, range: [0, 0.5]}\n";

    /**
     * A planted mixed objective with minimum exactly 1 at layers 5, lr 10^-2.5, adam, dropout 0.2:
     * 1 + (layers − 5)²/10 + (log10 lr + 2.5)² + penalty(optimizer: adam 0, rmsprop 0.3, sgd 0.6) + 4 (dropout − 0.2)².
     */
    static double mixed(Map<String, Object> p) {
        double layers = ((Number) p.get("layers")).doubleValue();
        double lr = ((Number) p.get("lr")).doubleValue();
        double dropout = ((Number) p.get("dropout")).doubleValue();
        double penalty = switch ((String) p.get("optimizer")) {
            case "adam" -> 0;
            case "rmsprop" -> 0.3;
            default -> 0.6;
        };
        return 1 + (layers - 5) * (layers - 5) / 10 + Math.pow(Math.log10(lr) + 2.5, 2) + penalty + 4 * (dropout - 0.2) * (dropout - 0.2);
    }

    /** Medians and within-5% counts of random, TPE and GP over 20 seeds of 60 trials. */
    record Comparison(double random, double tpe, double gp, int randomClose, int tpeClose, int gpClose) {
        String summary(String name) {
            return name + " median best over 20 seeds: random " + random + " (" + randomClose + "/20 within 5%), tpe " + tpe + " (" + tpeClose
                    + "/20), gp " + gp + " (" + gpClose + "/20)";
        }
    }

    static Comparison compare(String yaml, ToDoubleFunction<Map<String, Object>> f, double optimum, double[] gpOut) {
        int seeds = 20;
        double[] rnd = new double[seeds];
        double[] tpe = new double[seeds];
        double[] gp = new double[seeds];
        int[] close = new int[3];
        double within = optimum + 0.05 * Math.abs(optimum);
        for (int s = 0; s < seeds; s++) {
            rnd[s] = bestOf(yaml, "random", s, f);
            tpe[s] = bestOf(yaml, "tpe", s, f);
            gp[s] = bestOf(yaml, "gp", s, f);
            close[0] += rnd[s] <= within ? 1 : 0;
            close[1] += tpe[s] <= within ? 1 : 0;
            close[2] += gp[s] <= within ? 1 : 0;
            gpOut[s] = Math.min(Math.min(rnd[s], tpe[s]), gp[s]);
        }
        return new Comparison(median(rnd), median(tpe), median(gp), close[0], close[1], close[2]);
    }

    /**
     * Branin, 20 seeds, 60 trials: TPE's and GP's median best values are below random search's, and
     * both are within 5% of the optimum (below 0.417781) on at least 18 of 20 seeds (measured: TPE
     * 20/20, median 0.39791; GP 20/20, median 0.3985; random 0/20, median 0.815). No value is below the
     * published minimum.
     */
    @Test
    @Tag("slow")
    void braninTpeAndGpBeatRandomSearch() {
        double[] best = new double[20];
        Comparison c = compare(BRANIN, BenchmarkFunctionsTest::branin, 0.397887, best);
        String msg = c.summary("branin");
        System.out.println(msg);
        assertTrue(c.tpe() < c.random(), msg);
        assertTrue(c.gp() < c.random(), msg);
        assertTrue(c.tpeClose() >= 18, msg);
        assertTrue(c.gpClose() >= 18, msg);
        for (double v : best) {
            assertTrue(v >= 0.397887 - 1e-6, "no value below the published minimum: " + v);
        }
    }

    /**
     * Hartmann-6, 20 seeds, 60 trials: TPE's and GP's median best values are below random search's;
     * GP is within 5% of the optimum (below −3.15625) on at least 15 of 20 seeds and TPE on at least 11
     * (most seeds; measured 12/20: the others stop in a secondary basin near −3.0 to −3.1).
     */
    @Test
    @Tag("slow")
    void hartmann6TpeAndGpBeatRandomSearch() {
        double[] best = new double[20];
        Comparison c = compare(hartmannSpace(), BenchmarkFunctionsTest::hartmann6, -3.32237, best);
        String msg = c.summary("hartmann6") + " (optimum -3.32237)";
        System.out.println(msg);
        assertTrue(c.tpe() < c.random(), msg);
        assertTrue(c.gp() < c.random(), msg);
        assertTrue(c.gpClose() >= 15, msg);
        assertTrue(c.tpeClose() >= 11, msg);
        for (double v : best) {
            assertTrue(v >= -3.32237 - 1e-4, "no value below the published minimum: " + v);
        }
    }

    /**
     * The mixed int/log/categorical space, 20 seeds, 60 trials: TPE and GP beat random search's median
     * and are within 5% of the planted minimum 1 on at least 16 of 20 seeds; nothing is below 1.
     */
    @Test
    @Tag("slow")
    void mixedSpaceTpeAndGpBeatRandomSearch() {
        double[] best = new double[20];
        Comparison c = compare(MIXED, BenchmarkFunctionsTest::mixed, 1.0, best);
        String msg = c.summary("mixed");
        System.out.println(msg);
        assertTrue(c.tpe() < c.random(), msg);
        assertTrue(c.gp() < c.random(), msg);
        assertTrue(c.tpeClose() >= 16, msg);
        assertTrue(c.gpClose() >= 16, msg);
        for (double v : best) {
            assertTrue(v >= 1 - 1e-12, "no value below the planted minimum: " + v);
        }
    }

    /** Plain Optuna TPE ({@code local_fraction: 0}) is what the refinement is compared with: it stays above 5% on Branin on most seeds. */
    @Test
    @Tag("slow")
    void plainTpeWithoutRefinementRarelyReachesTheBraninMinimum() {
        int close = 0;
        double[] v = new double[20];
        for (int s = 0; s < 20; s++) {
            v[s] = bestOf(BRANIN, "tpe\nsampler_options: {local_fraction: 0}", s, BenchmarkFunctionsTest::branin);
            close += v[s] <= 0.397887 * 1.05 ? 1 : 0;
        }
        assertTrue(close <= 5, "plain TPE within 5% on " + close + "/20, median " + median(v));
    }
}
