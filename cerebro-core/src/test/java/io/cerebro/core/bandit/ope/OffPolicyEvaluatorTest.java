package io.cerebro.core.bandit.ope;

import io.cerebro.core.error.UserInputException;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Off-policy estimators on simulated logs with a planted target value. Context: segment s ~ Bernoulli(1/2)
 * and score u ~ U(0, 1); the logging policy picks arms with segment-dependent probabilities; the
 * reward of arm a is Bernoulli(b_a + c_a s + d_a u), linear in the context, so the DR reward model is
 * right. The target takes arm 2 in segment 0 and arm 0 in segment 1, worth exactly
 * V = ½ (b_2 + d_2/2) + ½ (b_0 + c_0 + d_0/2).
 */
class OffPolicyEvaluatorTest {
    private static final double[] B = {0.10, 0.20, 0.15};
    private static final double[] C = {0.30, -0.05, 0.00};
    private static final double[] D = {0.20, 0.10, 0.40};
    private static final double[][] LOGGING = {{0.5, 0.3, 0.2}, {0.2, 0.3, 0.5}};
    private static final double TRUE_VALUE = 0.5 * (B[2] + D[2] / 2) + 0.5 * (B[0] + C[0] + D[0] / 2);
    private static final int LOGS = 1000;
    private static final int ROWS = 500;

    private record Simulated(LoggedFeedback log, int[] target) { }

    private static Simulated simulate(SplittableRandom rng, int n) {
        int[] actions = new int[n];
        double[] rewards = new double[n];
        double[] prop = new double[n];
        double[][] ctx = new double[n][];
        int[] target = new int[n];
        for (int i = 0; i < n; i++) {
            int s = rng.nextDouble() < 0.5 ? 1 : 0;
            double u = rng.nextDouble();
            double r = rng.nextDouble();
            int a = r < LOGGING[s][0] ? 0 : r < LOGGING[s][0] + LOGGING[s][1] ? 1 : 2;
            actions[i] = a;
            prop[i] = LOGGING[s][a];
            ctx[i] = new double[] {s, u};
            rewards[i] = rng.nextDouble() < B[a] + C[a] * s + D[a] * u ? 1 : 0;
            target[i] = s == 0 ? 2 : 0;
        }
        return new Simulated(new LoggedFeedback(actions, rewards, prop, ctx, 3), target);
    }

    @Test
    void ipsAndDrAreUnbiasedCoverAndDrHasLowerVariance() {
        SplittableRandom rng = new SplittableRandom(2024);
        OffPolicyEvaluator.Estimator[] es = {OffPolicyEvaluator.Estimator.IPS, OffPolicyEvaluator.Estimator.DR};
        double[] sum = new double[2], sumSq = new double[2];
        int[] covered = new int[2];
        for (int l = 0; l < LOGS; l++) {
            Simulated s = simulate(rng, ROWS);
            var ev = OffPolicyEvaluator.evaluate(s.log(), s.target());
            for (int k = 0; k < 2; k++) {
                OpeEstimate e = ev.get(es[k]);
                sum[k] += e.value();
                sumSq[k] += e.value() * e.value();
                if (e.lower() <= TRUE_VALUE && TRUE_VALUE <= e.upper()) covered[k]++;
            }
        }
        double[] var = new double[2];
        for (int k = 0; k < 2; k++) {
            double mean = sum[k] / LOGS;
            var[k] = (sumSq[k] - LOGS * mean * mean) / (LOGS - 1);
            double se = Math.sqrt(var[k] / LOGS);
            assertEquals(TRUE_VALUE, mean, 2 * se, es[k] + " mean over logs");
            double coverage = covered[k] / (double) LOGS;
            assertTrue(coverage >= 0.93 && coverage <= 0.97, es[k] + " coverage " + coverage);
        }
        assertTrue(var[1] < var[0], "DR variance " + var[1] + " vs IPS " + var[0]);
    }

    @Test
    void snipsEqualsIpsWhenTheWeightsAverageOne() {
        // uniform logging over 3 arms, exactly a third of rows on arm 1, target arm 1: weights 3 on a
        // third of the rows, so sum(w) = n and SNIPS = IPS exactly
        int n = 300;
        int[] actions = new int[n];
        double[] rewards = new double[n];
        double[] prop = new double[n];
        int[] target = new int[n];
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < n; i++) {
            actions[i] = i % 3;
            prop[i] = 1.0 / 3;
            rewards[i] = rng.nextDouble() < 0.3 ? 1 : 0;
            target[i] = 1;
        }
        var ev = OffPolicyEvaluator.evaluate(new LoggedFeedback(actions, rewards, prop, null, 3), target);
        assertEquals(ev.get(OffPolicyEvaluator.Estimator.IPS).value(), ev.get(OffPolicyEvaluator.Estimator.SNIPS).value(), 1e-12);
        // arm 1's own mean is the answer, and the effective sample size is the 100 matched rows
        double mean1 = 0;
        for (int i = 1; i < n; i += 3) mean1 += rewards[i];
        assertEquals(mean1 / 100, ev.get(OffPolicyEvaluator.Estimator.SNIPS).value(), 1e-12);
        assertEquals(100, ev.effectiveSampleSize(), 1e-9);
        assertEquals(100, ev.matchedRows());
        assertEquals(3, ev.largestWeights()[0], 1e-12);
    }

    @Test
    void badPropensitiesAndUnsupportedTargetsAreOneLineUserErrors() {
        int[] a = {0, 1};
        double[] r = {1, 0};
        var zero = assertThrows(UserInputException.class, () -> new LoggedFeedback(a, r, new double[] {0.5, 0}, null, 2));
        assertTrue(zero.getMessage().contains("row 2") && !zero.getMessage().contains("\n"));
        assertThrows(UserInputException.class, () -> new LoggedFeedback(a, r, new double[] {Double.NaN, 0.5}, null, 2));
        var above = assertThrows(UserInputException.class, () -> new LoggedFeedback(a, r, new double[] {50, 0.5}, null, 2));
        assertTrue(above.getMessage().contains("above 1"));
        LoggedFeedback log = new LoggedFeedback(a, r, new double[] {0.5, 0.5}, null, 3);
        var support = assertThrows(UserInputException.class, () -> OffPolicyEvaluator.evaluate(log, new int[] {2, 2}));
        assertTrue(support.getMessage().contains("never took"));
    }
}
