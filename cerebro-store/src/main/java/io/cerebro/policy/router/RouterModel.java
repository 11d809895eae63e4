package io.cerebro.policy.router;

import io.cerebro.core.bandit.ArmStatistics;
import io.cerebro.core.bandit.policy.Ucb1;
import io.cerebro.core.bandit.rl.QLearner;
import io.cerebro.core.bandit.rl.QTable;
import io.cerebro.store.QValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The router's arithmetic on a Q-table as the store keeps it (rows of {@link QValue}): scoring the
 * actions of a state, and one learning step. The Q-learning update is
 * {@link QLearner}'s and the bandit index {@link Ucb1}'s, on tables rebuilt from the rows; the arm
 * statistics are the rows of state {@value StateKeys#ARMS} (value: mean reward, visits: count).
 */
final class RouterModel {
    private RouterModel() {
    }

    private static double[][] cells(List<QValue> rows, String state, int actions, RouterConfig c) {
        double[][] out = new double[2][actions];
        for (QValue q : rows) {
            int a = c.indexOf(q.action());
            if (a >= 0 && q.state().equals(state)) {
                out[0][a] = q.value();
                out[1][a] = q.visits();
            }
        }
        return out;
    }

    /** The arm statistics, rewards rescaled from [-1, 1] to UCB1's [0, 1]. */
    private static ArmStatistics arms(RouterConfig c, List<QValue> rows) {
        double[][] arm = cells(rows, StateKeys.ARMS, c.actions().size(), c);
        ArmStatistics stats = ArmStatistics.cumulative(c.actions().size());
        for (int a = 0; a < c.actions().size(); a++) {
            double n = arm[1][a];
            double mean01 = (arm[0][a] + 1) / 2;
            stats.restore(a, n, n * mean01, n * mean01 * mean01);
        }
        return stats;
    }

    /** @return every action's components and score in the state, in the router's order. */
    static List<ActionScore> score(RouterConfig c, List<QValue> rows, String state, String baselineAction) {
        int n = c.actions().size();
        double[][] q = cells(rows, state, n, c);
        ArmStatistics stats = arms(c, rows);
        double[] index = new Ucb1(stats).indices();
        List<ActionScore> out = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            String action = c.actions().get(a);
            double base = action.equals(baselineAction) ? 1 : 0;
            double score = part(c.qWeight(), q[0][a]) + part(c.banditWeight(), index[a]) + part(c.policyWeight(), base);
            long pulls = Math.round(stats.count(a));
            out.add(new ActionScore(action, q[0][a], Math.round(q[1][a]), index[a], pulls,
                    pulls == 0 ? Double.NaN : 2 * stats.mean(a) - 1, base, score));
        }
        return out;
    }

    /** A zero weight contributes nothing, also against an infinite index. */
    private static double part(double weight, double value) {
        return weight == 0 ? 0 : weight * value;
    }

    /** @return the position of the highest score (the first on ties). */
    static int best(List<ActionScore> scores) {
        int best = 0;
        for (int a = 1; a < scores.size(); a++) {
            if (scores.get(a).score() > scores.get(best).score()) {
                best = a;
            }
        }
        return best;
    }

    /**
     * One learning step: the Q-learning update of (state, action) with the reward and, when
     * {@code next} is not null, the discounted value of the next state; and the action's arm
     * statistics.
     *
     * @return the two rows to write: the Q cell, and the action's arm row
     */
    static List<QValue> learn(RouterConfig c, List<QValue> rows, String state, String action, double reward, String next, Instant at) {
        int n = c.actions().size();
        int a = c.indexOf(action);
        boolean loop = next == null || next.equals(state);
        QTable table = new QTable(loop ? 1 : 2, n);
        double[][] here = cells(rows, state, n, c);
        SplittableRandom unused = new SplittableRandom(0); // the learner never acts: the router chooses
        QLearner learner = c.learningRate() != null
                ? QLearner.withFixedRate(table, c.learningRate(), c.discount(), 0, unused)
                : QLearner.withDecayingRate(table, c.rateExponent(), c.discount(), 0, unused);
        for (int i = 0; i < n; i++) {
            table.set(0, i, here[0][i]);
            learner.restoreVisits(0, i, Math.round(here[1][i]));
        }
        if (!loop) {
            double[][] there = cells(rows, next, n, c);
            for (int i = 0; i < n; i++) {
                table.set(1, i, there[0][i]);
            }
        }
        learner.update(0, a, reward, loop ? 0 : 1, next == null);
        ArmStatistics stats = arms(c, rows);
        Ucb1 bandit = new Ucb1(stats);
        bandit.update(a, null, (reward + 1) / 2);
        return List.of(new QValue(c.name(), state, action, table.get(0, a), learner.visits(0, a), at),
                new QValue(c.name(), StateKeys.ARMS, action, 2 * stats.mean(a) - 1, Math.round(stats.count(a)), at));
    }
}
