package io.cerebro.core.bandit.rl;

import io.cerebro.core.error.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Q-learning on a small known MDP (4 states, 2 actions, stochastic transitions, discount 0.9), with
 * value iteration on the known model, run here to 1e-12, as the oracle.
 */
class QLearnerTest {
    private static final double GAMMA = 0.9;
    // P[s][a][s']: action 0 mostly stays, action 1 mostly moves right (state 3 wraps to 0)
    private static final double[][][] P = {
            {{0.8, 0.2, 0, 0}, {0.1, 0.9, 0, 0}},
            {{0.2, 0.8, 0, 0}, {0, 0.1, 0.9, 0}},
            {{0, 0.2, 0.8, 0}, {0, 0, 0.1, 0.9}},
            {{0.1, 0, 0, 0.9}, {0.9, 0, 0, 0.1}},
    };
    private static final double[][] R = {{0.1, 0.0}, {0.0, 0.2}, {0.3, 0.0}, {1.0, 0.5}};

    private static double[][] valueIteration() {
        double[][] q = new double[4][2];
        for (int it = 0; it < 100_000; it++) {
            double[][] next = new double[4][2];
            double change = 0;
            for (int s = 0; s < 4; s++) {
                for (int a = 0; a < 2; a++) {
                    double v = R[s][a];
                    for (int t = 0; t < 4; t++) v += GAMMA * P[s][a][t] * Math.max(q[t][0], q[t][1]);
                    next[s][a] = v;
                    change = Math.max(change, Math.abs(v - q[s][a]));
                }
            }
            q = next;
            if (change < 1e-12) break;
        }
        return q;
    }

    @Test
    void convergesToTheValueIterationPolicyAndValues() {
        double[][] qStar = valueIteration();
        SplittableRandom env = new SplittableRandom(8);
        QLearner learner = QLearner.withDecayingRate(new QTable(4, 2), 0.7, GAMMA, 0.3, new SplittableRandom(9));
        int s = 0;
        for (int step = 0; step < 300_000; step++) {
            int a = learner.act(s);
            double u = env.nextDouble();
            int next = 0;
            double acc = P[s][a][0];
            while (u >= acc && next < 3) acc += P[s][a][++next];
            double reward = R[s][a] + 0.1 * env.nextGaussian();
            learner.update(s, a, reward, next, false);
            s = next;
        }
        QTable q = learner.table();
        for (int st = 0; st < 4; st++) {
            int best = qStar[st][1] > qStar[st][0] ? 1 : 0;
            assertEquals(best, q.greedyAction(st), "optimal action in state " + st);
            for (int a = 0; a < 2; a++) assertEquals(qStar[st][a], q.get(st, a), 0.15, "Q(" + st + "," + a + ")");
        }
    }

    @Test
    void qTableRoundTripsThroughJson(@TempDir Path dir) throws IOException {
        QTable t = new QTable(2, 3);
        t.set(1, 2, 0.75);
        t.set(0, 0, -1.5);
        Path file = dir.resolve("q.json");
        t.save(file);
        QTable back = QTable.load(file);
        assertEquals(0.75, back.get(1, 2));
        assertEquals(-1.5, back.get(0, 0));
        assertEquals(2, back.greedyAction(1));
        Files.writeString(file, "{\"states\":2,\"actions\":3,\"values\":[[1,2,3]]}");
        var e = assertThrows(UserInputException.class, () -> QTable.load(file));
        assertEquals(false, e.getMessage().contains("\n"));
    }
}
