package io.cerebro.core.bandit;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Chart;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.result.Series;
import io.cerebro.core.spec.BanditSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Discounted and sliding-window recommendations, Gaussian and file-given arms in simulations, and
 * the charts of the reports. Oracles: UCB1 indices recomputed in the test from the weights the
 * discount and the window define (γ^(T-s) for the pull at s; the last W rows), the Gaussian
 * Lai-Robbins constant Σ 2σ²/Δ, the planted linear regret ε Σ Δ / K of fixed-ε greedy on Gaussian
 * arms, and pull shares that sum to one.
 */
class NonStationaryAndGaussianTest {
    private static final String[] ARMS = {"A", "B"};

    /** 60 pulls alternating A, B; A pays 1 in the first half only, B in the second half only. */
    private static Dataset drifting() {
        int n = 60;
        String[] arm = new String[n];
        double[] reward = new double[n];
        for (int i = 0; i < n; i++) {
            arm[i] = ARMS[i % 2];
            boolean firstHalf = i < n / 2;
            reward[i] = (arm[i].equals("A") == firstHalf) ? 1 : 0;
        }
        return Dataset.builder().text("arm", arm).numeric("reward", reward).build();
    }

    private static double[] ucb1ByHand(Dataset d, double[] weights) {
        String[] arm = d.strings("arm");
        double[] r = d.doubles("reward");
        double[] n = new double[2];
        double[] s = new double[2];
        for (int i = 0; i < arm.length; i++) {
            int a = arm[i].equals("A") ? 0 : 1;
            n[a] += weights[i];
            s[a] += weights[i] * r[i];
        }
        double total = n[0] + n[1];
        return new double[] {s[0] / n[0] + Math.sqrt(2 * Math.log(total) / n[0]), s[1] / n[1] + Math.sqrt(2 * Math.log(total) / n[1])};
    }

    @Test
    void aDiscountWeighsThePullAtSByGammaToTheTMinusS() {
        Dataset d = drifting();
        double gamma = 0.9;
        double[] w = new double[60];
        for (int i = 0; i < 60; i++) w[i] = Math.pow(gamma, 59 - i);
        double[] expected = ucb1ByHand(d, w);
        BanditSpec spec = BanditSpec.builder(BanditSpec.Mode.RECOMMEND).arm("arm").reward("reward").algorithm("ucb1").discount(gamma).build();
        AnalysisResult r = BanditFamily.INSTANCE.engine().run(spec, d);
        assertEquals(expected[0], r.find("A", "bandit.ucb1").estimate(), 1e-9);
        assertEquals(expected[1], r.find("B", "bandit.ucb1").estimate(), 1e-9);
        assertEquals("B", r.details().get("next_arm"), "the discounted history follows B's recent successes");
        // without the discount both arms have paid 15 of 30 and A wins the tie
        BanditSpec plain = spec.toBuilder().discount(null).build();
        assertEquals("A", BanditFamily.INSTANCE.engine().run(plain, d).details().get("next_arm"));
    }

    @Test
    void aWindowKeepsOnlyTheLastWPulls() {
        Dataset d = drifting();
        double[] w = new double[60];
        for (int i = 40; i < 60; i++) w[i] = 1;
        double[] expected = ucb1ByHand(d, w);
        BanditSpec spec = BanditSpec.builder(BanditSpec.Mode.RECOMMEND).arm("arm").reward("reward").algorithm("ucb1").window(20).build();
        AnalysisResult r = BanditFamily.INSTANCE.engine().run(spec, d);
        assertEquals(expected[0], r.find("A", "bandit.ucb1").estimate(), 1e-9);
        assertEquals(expected[1], r.find("B", "bandit.ucb1").estimate(), 1e-9);
        assertEquals(0.0, r.find("A", "bandit.ucb1").extra("mean"));
        assertEquals(1.0, r.find("B", "bandit.ucb1").extra("mean"));
    }

    @Test
    void discountsAndWindowsAreRefusedWhereTheyMeanNothing() {
        var b = BanditSpec.builder(BanditSpec.Mode.RECOMMEND).arm("arm");
        assertThrows(UserInputException.class, () -> b.reward("r").discount(0.9).window(5).build());
        assertThrows(UserInputException.class, () -> b.reward("r").discount(1.5).window(null).build());
        assertThrows(UserInputException.class, () -> b.reward(null).count("n").successes("k").discount(0.9).build());
    }

    @Test
    void gaussianLaiRobbinsConstantIsTheSumOfTwoSigmaSquaredOverTheGap() {
        double c = LaiRobbins.gaussianConstant(new double[] {0, 0.5, 1}, new double[] {1, 2, 3});
        assertEquals(2 * 1 / 1.0 + 2 * 4 / 0.5, c, 1e-12);
    }

    @Test
    void fixedEpsilonGreedyOnGaussianArmsHasThePlantedLinearRegret() {
        // regret per pull once the greedy arm is the best: ε (Σ gaps) / K = 0.2 (1 + 0.5) / 3 = 0.1
        BanditSpec spec = BanditSpec.builder(BanditSpec.Mode.SIMULATE).armMeans(List.of(0.0, 0.5, 1.0)).armSds(List.of(1.0))
                .horizon(20_000L).runs(20).algorithms(List.of("epsilon_greedy", "thompson")).epsilon(0.2).seed(3L).build();
        AnalysisResult r = BanditFamily.INSTANCE.engine().run(spec, null);
        Estimate eg = r.find("epsilon_greedy", "bandit.epsilon_greedy");
        assertEquals(0.1 * 20_000, eg.estimate(), 0.05 * 2000);
        // Thompson sampling with a Normal posterior: logarithmic, far below ε-greedy's linear regret
        assertTrue(r.find("thompson", "bandit.thompson").estimate() < 0.1 * eg.estimate(), r.estimates().toString());
        assertEquals(LaiRobbins.gaussianConstant(new double[] {0, 0.5, 1}, new double[] {1, 1, 1}), (double) r.details().get("lai_robbins_constant"), 1e-12);
    }

    @Test
    void simulateDrawsRegretBandsPullSharesAndTheBound() {
        BanditSpec spec = BanditSpec.builder(BanditSpec.Mode.SIMULATE).armMeans(List.of(0.3, 0.5)).armNames(List.of("old", "new"))
                .horizon(2000L).runs(30).algorithms(List.of("ucb1", "thompson")).seed(5L).build();
        AnalysisResult r = BanditFamily.INSTANCE.engine().run(spec, null);
        Chart regret = r.charts().stream().filter(c -> c.id().equals("regret")).findFirst().orElseThrow();
        assertEquals(List.of("ucb1", "thompson", "Lai-Robbins lower bound"), regret.series().stream().map(Series::name).toList());
        Series ucb = regret.series().get(0);
        int last = ucb.y().length - 1;
        assertEquals(r.find("ucb1", "bandit.ucb1").estimate(), ucb.y()[last], 1e-12);
        assertEquals(r.find("ucb1", "bandit.ucb1").interval().lower(), ucb.lower()[last], 1e-12);
        Chart pulls = r.charts().stream().filter(c -> c.id().equals("arm_pulls")).findFirst().orElseThrow();
        assertEquals(List.of("old", "new"), pulls.categories());
        for (Series s : pulls.series()) assertEquals(1.0, s.y()[0] + s.y()[1], 1e-12);
        @SuppressWarnings("unchecked")
        Map<String, Object> thompson = (Map<String, Object>) ((Map<String, Object>) r.details().get("curves")).get("thompson");
        @SuppressWarnings("unchecked")
        Map<String, Double> shares = (Map<String, Double>) thompson.get("arm_pull_share");
        assertTrue(shares.get("new") > 0.9, shares.toString());
    }

    @Test
    void armsComeFromAFile(@TempDir Path dir) throws IOException {
        Path bernoulli = dir.resolve("b.csv");
        Files.writeString(bernoulli, "arm,mean\nred,0.04\nblue,0.06\n");
        ArmsFile b = ArmsFile.read(bernoulli);
        assertEquals(List.of("red", "blue"), b.names());
        assertEquals(List.of(0.04, 0.06), b.means());
        assertNull(b.sds());
        Path gaussian = dir.resolve("g.csv");
        Files.writeString(gaussian, "arm,mean,sd\nx,1.5,2\ny,2.5,0.5\n");
        assertEquals(List.of(2.0, 0.5), ArmsFile.read(gaussian).sds());
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "name,rate\nx,0.1\n");
        UserInputException e = assertThrows(UserInputException.class, () -> ArmsFile.read(bad));
        assertTrue(e.getMessage().contains("no column 'arm'"), e.getMessage());
    }

    @Test
    void evaluateChartsEachEstimatorWithItsInterval() {
        SplittableRandom rng = new SplittableRandom(11);
        int n = 2000;
        String[] action = new String[n];
        double[] p = new double[n];
        double[] reward = new double[n];
        for (int i = 0; i < n; i++) {
            boolean a = rng.nextDouble() < 0.5;
            action[i] = a ? "A" : "B";
            p[i] = 0.5;
            reward[i] = rng.nextDouble() < (a ? 0.2 : 0.4) ? 1 : 0;
        }
        Dataset d = Dataset.builder().text("a", action).numeric("p", p).numeric("r", reward).build();
        BanditSpec spec = BanditSpec.builder(BanditSpec.Mode.EVALUATE).action("a").reward("r").propensity("p").targetArm("B").build();
        AnalysisResult r = BanditFamily.INSTANCE.engine().run(spec, d);
        Chart c = r.charts().get(0);
        assertEquals(List.of("IPS", "SNIPS", "DR"), c.categories());
        for (int i = 0; i < 3; i++) {
            Estimate e = r.estimates().get(i);
            assertEquals(e.estimate(), c.series().get(0).y()[i], 0);
            assertEquals(e.interval().upper(), c.series().get(0).upper()[i], 0);
        }
        double mean = 0;
        for (double x : reward) mean += x;
        assertEquals(mean / n, c.reference(), 1e-12, "the dashed line is the logged mean reward");
    }
}
