package io.cerebro.policy.router;

import io.cerebro.core.error.UserInputException;
import io.cerebro.store.QValue;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The router's arithmetic: Q-learning on a planted reward structure converges to the optimal action
 * of every state that value iteration (computed here, independently of the learner) gives; the
 * score combines the components with the documented weights (checked against numbers worked out by
 * hand); the reward function maps outcomes and feedback as documented.
 */
class RouterModelTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    /** A Q-table kept in memory the way the store keeps it: one row per (state, action). */
    private static final class Table {
        final Map<String, QValue> rows = new LinkedHashMap<>();

        List<QValue> list() {
            return new ArrayList<>(rows.values());
        }

        void learn(RouterConfig c, String state, String action, double reward, String next) {
            for (QValue q : RouterModel.learn(c, list(), state, action, reward, next, T)) {
                rows.put(q.state() + "|" + q.action(), q);
            }
        }
    }

    private static RouterConfig config(List<String> actions, double q, double bandit, double policy, double discount, Double rate, double omega) {
        return new RouterConfig("r", actions, q, bandit, policy, RewardFunction.standard(), discount, rate, omega, null, null);
    }

    @Test
    void qLearningFindsTheOptimalActionOfEveryStateThatValueIterationGives() {
        // three states, three actions; each (state, action) has an outcome distribution and leads to a
        // next state, or ends the episode (-1). The best action of state 0 is best only through
        // what follows it: its immediate reward is lower than another action's.
        String[] outcomes = {"excellent", "good", "neutral", "poor", "failure"};
        double[] reward = {1.0, 0.5, 0.0, -0.5, -1.0};
        double[][][] p = {
                {{0.1, 0.2, 0.4, 0.2, 0.1}, {0.4, 0.3, 0.2, 0.1, 0.0}, {0.0, 0.1, 0.2, 0.3, 0.4}},
                {{0.5, 0.3, 0.1, 0.1, 0.0}, {0.1, 0.1, 0.2, 0.3, 0.3}, {0.2, 0.2, 0.2, 0.2, 0.2}},
                {{0.0, 0.0, 0.2, 0.4, 0.4}, {0.1, 0.1, 0.6, 0.1, 0.1}, {0.6, 0.3, 0.1, 0.0, 0.0}}};
        int[][] next = {{1, -1, 2}, {-1, -1, 0}, {-1, 0, -1}};
        double gamma = 0.6;
        int states = 3;
        int actions = 3;
        double[][] r = new double[states][actions];
        for (int s = 0; s < states; s++) {
            for (int a = 0; a < actions; a++) {
                for (int o = 0; o < outcomes.length; o++) {
                    r[s][a] += p[s][a][o] * reward[o];
                }
            }
        }
        // value iteration: Q*(s,a) = r(s,a) + gamma * max_b Q*(next, b)
        double[][] qStar = new double[states][actions];
        for (int it = 0; it < 500; it++) {
            double[][] nq = new double[states][actions];
            for (int s = 0; s < states; s++) {
                for (int a = 0; a < actions; a++) {
                    double v = 0;
                    if (next[s][a] >= 0) {
                        v = Double.NEGATIVE_INFINITY;
                        for (double x : qStar[next[s][a]]) {
                            v = Math.max(v, x);
                        }
                    }
                    nq[s][a] = r[s][a] + gamma * v;
                }
            }
            qStar = nq;
        }
        int[] optimal = new int[states];
        for (int s = 0; s < states; s++) {
            for (int a = 1; a < actions; a++) {
                if (qStar[s][a] > qStar[s][optimal[s]]) {
                    optimal[s] = a;
                }
            }
        }
        // by hand: r(2, thorough) = 0.75 and r(1, fast) = 0.6 end the episode; in state 0, careful = 0.5 (ends),
        // fast = 0 + 0.6 * max Q(1) = 0.36, thorough = -0.5 + 0.6 * max Q(2) = -0.05: careful is optimal.
        assertEquals(0.75, qStar[2][2], 1e-12);
        assertEquals(0.6, qStar[1][0], 1e-12);
        assertEquals(0.36, qStar[0][0], 1e-12);
        assertEquals(0.5, qStar[0][1], 1e-12);
        assertEquals(1, optimal[0]);

        List<String> names = List.of("fast", "careful", "thorough");
        String[] keys = {StateKeys.canonical("{\"s\":0}"), StateKeys.canonical("{\"s\":1}"), StateKeys.canonical("{\"s\":2}")};
        RouterConfig c = config(names, 1, 0, 0, gamma, null, 0.7);
        RewardFunction rf = RewardFunction.standard();
        Table table = new Table();
        Random rnd = new Random(2026);
        for (int step = 0; step < 30_000; step++) {
            // off-policy: explore uniformly; Q-learning learns the greedy policy's values regardless
            int s = rnd.nextInt(states);
            int a = rnd.nextInt(actions);
            double u = rnd.nextDouble();
            int o = 0;
            for (double acc = p[s][a][0]; u > acc && o < outcomes.length - 1; acc += p[s][a][++o]) {
                // walk the cumulative distribution
            }
            table.learn(c, keys[s], names.get(a), rf.reward(outcomes[o], null), next[s][a] < 0 ? null : keys[next[s][a]]);
        }
        for (int s = 0; s < states; s++) {
            List<ActionScore> scores = RouterModel.score(c, table.list(), keys[s], null);
            assertEquals(names.get(optimal[s]), scores.get(RouterModel.best(scores)).action(), "state " + s + ": " + scores);
            for (int a = 0; a < actions; a++) {
                assertEquals(qStar[s][a], scores.get(a).q(), 0.05, "Q(" + s + "," + names.get(a) + ")");
            }
        }
    }

    @Test
    void theScoreIsTheWeightedSumOfQTheUcb1IndexAndTheBaseline() {
        String s = StateKeys.canonical("{\"task\":\"refactor\"}");
        List<QValue> rows = List.of(
                new QValue("r", s, "fast", 0.4, 2, T), new QValue("r", s, "careful", 0.1, 5, T),
                new QValue("r", StateKeys.ARMS, "fast", 0.2, 10, T), new QValue("r", StateKeys.ARMS, "careful", 0.6, 30, T));
        // by hand: rewards rescaled to [0, 1] give means 0.6 and 0.8 over 40 pulls;
        // UCB1 fast = 0.6 + sqrt(2 ln 40 / 10) = 1.458939, careful = 0.8 + sqrt(2 ln 40 / 30) = 1.295909
        RouterConfig c = config(List.of("fast", "careful"), 1, 0.5, 0.3, 0.9, null, 1);
        List<ActionScore> sc = RouterModel.score(c, rows, s, "careful");
        assertEquals(1.458939, sc.get(0).bandit(), 1e-6);
        assertEquals(1.295909, sc.get(1).bandit(), 1e-6);
        assertEquals(0.2, sc.get(0).mean(), 1e-12);
        assertEquals(10, sc.get(0).pulls());
        assertEquals(0.4 + 0.5 * 1.458939, sc.get(0).score(), 1e-6);
        assertEquals(0.1 + 0.5 * 1.295909 + 0.3, sc.get(1).score(), 1e-6);
        assertEquals("fast", sc.get(RouterModel.best(sc)).action(), "1.129469 beats 1.047954");
        RouterConfig heavierBaseline = config(List.of("fast", "careful"), 1, 0.5, 0.5, 0.9, null, 1);
        List<ActionScore> hb = RouterModel.score(heavierBaseline, rows, s, "careful");
        assertEquals("careful", hb.get(RouterModel.best(hb)).action(), "with the baseline weighed 0.5, careful scores 1.247954");
        // only the policy: the baseline wins; only Q: the best Q wins
        List<ActionScore> onlyPolicy = RouterModel.score(config(List.of("fast", "careful"), 0, 0, 1, 0.9, null, 1), rows, s, "careful");
        assertEquals("careful", onlyPolicy.get(RouterModel.best(onlyPolicy)).action());
        // an action never tried: infinite index, chosen while the bandit weighs; ignored (not NaN) at bandit weight 0
        RouterConfig three = config(List.of("fast", "careful", "new"), 1, 0.5, 0.3, 0.9, null, 1);
        List<ActionScore> t = RouterModel.score(three, rows, s, null);
        assertEquals("new", t.get(RouterModel.best(t)).action());
        List<ActionScore> noBandit = RouterModel.score(config(List.of("fast", "careful", "new"), 1, 0, 0.3, 0.9, null, 1), rows, s, null);
        assertEquals(0.0, noBandit.get(2).score());
        assertEquals("fast", noBandit.get(RouterModel.best(noBandit)).action());
        // an unseen state: every Q is 0, the bandit and baseline decide
        List<ActionScore> unseen = RouterModel.score(c, rows, StateKeys.canonical("{\"task\":\"docs\"}"), "careful");
        assertEquals(0.0, unseen.get(0).q());
        assertEquals("careful", unseen.get(RouterModel.best(unseen)).action(), "0.5 * 1.295909 + 0.3 = 0.947954 beats 0.729469");
    }

    @Test
    void aLearnStepIsQLearningsUpdateAndTheArmsRunningMean() {
        String s = StateKeys.canonical("{\"a\":1}");
        String n = StateKeys.canonical("{\"a\":2}");
        RouterConfig fixed = config(List.of("x", "y"), 1, 0, 0, 0.5, 0.1, 1);
        Table t = new Table();
        t.rows.put(n + "|y", new QValue("r", n, "y", 0.8, 3, T));
        t.learn(fixed, s, "x", 1.0, n);
        // by hand: 0 + 0.1 * (1.0 + 0.5 * 0.8 - 0) = 0.14
        assertEquals(0.14, t.rows.get(s + "|x").value(), 1e-12);
        assertEquals(1, t.rows.get(s + "|x").visits());
        t.learn(fixed, s, "x", -1.0, null);
        // terminal: 0.14 + 0.1 * (-1 - 0.14) = 0.026
        assertEquals(0.026, t.rows.get(s + "|x").value(), 1e-12);
        assertEquals(0.0, t.rows.get(StateKeys.ARMS + "|x").value(), 1e-12, "the arm's mean of 1 and -1");
        assertEquals(2, t.rows.get(StateKeys.ARMS + "|x").visits());
        // decaying rate 1/n: the mean of the rewards, continued across calls from the stored visits
        RouterConfig mean = config(List.of("x", "y"), 1, 0, 0, 0.5, null, 1);
        Table m = new Table();
        for (double r : new double[]{1, 0.5, -0.5, 0.5, 0}) {
            m.learn(mean, s, "y", r, null);
        }
        assertEquals(0.3, m.rows.get(s + "|y").value(), 1e-12);
        assertEquals(5, m.rows.get(s + "|y").visits());
    }

    @Test
    void rewardsFollowTheMappingAndFeedbackIsBlendedWithItsWeight() {
        RewardFunction f = RewardFunction.standard();
        assertEquals(List.of(1.0, 0.5, 0.0, -0.5, -1.0), List.of(f.reward("excellent", null), f.reward("good", null), f.reward("neutral", null),
                f.reward("poor", null), f.reward("FAILURE", null)));
        assertEquals(0.25, f.reward("excellent", "poor"), 1e-12, "(1 - 0.5) * 1 + 0.5 * -0.5");
        assertEquals(0.3, f.reward("0.2", "0.4"), 1e-12, "numbers in [-1, 1] are rewards as they are");
        RewardFunction custom = new RewardFunction(Map.of("shipped", 1.0, "reverted", -1.0), 0.25);
        assertEquals(0.5, custom.reward("shipped", "reverted"), 1e-12, "0.75 * 1 + 0.25 * -1");
        UserInputException e = assertThrows(UserInputException.class, () -> f.reward("superb", null));
        assertEquals("--outcome 'superb' is not known; give one of excellent, good, neutral, poor, failure or a number in [-1, 1]", e.getMessage());
        assertThrows(UserInputException.class, () -> f.reward("2", null));
        assertThrows(UserInputException.class, () -> new RewardFunction(Map.of("great", 3.0), 0.5));
    }

    @Test
    void aStateIsAFlatJsonObjectKeyedWhateverItsOrderAndSpacing() {
        assertEquals("{\"a\":\"x\",\"b\":1}", StateKeys.canonical("{ \"b\": 1, \"a\" : \"x\" }"));
        for (String bad : new String[]{"{bad", "[1,2]", "\"text\"", "", "{\"a\":{\"b\":1}}", "{\"a\":[1]}"}) {
            UserInputException e = assertThrows(UserInputException.class, () -> StateKeys.canonical(bad), bad);
            assertTrue(e.getMessage().startsWith("--state") && !e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
