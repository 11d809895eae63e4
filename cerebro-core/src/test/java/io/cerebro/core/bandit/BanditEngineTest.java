package io.cerebro.core.bandit;

import io.cerebro.core.spec.BanditSpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Estimate;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine end to end on in-memory data. Oracles: the scipy P(best) fixture
 * ({@code oracles/bandit/bandit_oracles.json}, first case, as aggregates named A, B, C), the UCB1
 * closed form, a simulated log with a planted target value, and the Lai-Robbins closed form.
 */
class BanditEngineTest {
    private static JsonNode firstCase() throws IOException {
        try (InputStream in = BanditEngineTest.class.getResourceAsStream("/oracles/bandit/bandit_oracles.json")) {
            return new ObjectMapper().readTree(in).get("cases").get(0);
        }
    }

    private static Dataset aggregates(JsonNode c) {
        return Dataset.builder().text("arm", new String[] {"A", "B", "C"})
                .numeric("n", new double[] {c.get("pulls").get(0).asDouble(), c.get("pulls").get(1).asDouble(), c.get("pulls").get(2).asDouble()})
                .numeric("k", new double[] {c.get("successes").get(0).asDouble(), c.get("successes").get(1).asDouble(), c.get("successes").get(2).asDouble()})
                .build();
    }

    @Test
    void recommendThompsonGivesScipysBestArmProbabilitiesPerArm() throws IOException {
        JsonNode c = firstCase();
        BanditSpec spec = BanditSpec.builder(BanditSpec.Mode.RECOMMEND).arm("arm").count("n").successes("k").algorithm("thompson").build();
        AnalysisResult r = BanditFamily.INSTANCE.engine().run(spec, aggregates(c));
        assertEquals("bandit.thompson", r.method());
        String[] names = {"A", "B", "C"};
        for (int a = 0; a < 3; a++) {
            Estimate e = r.find(names[a], "bandit.thompson");
            assertEquals(c.get("p_best").get(a).asDouble(), e.estimate(), 1e-6);
            assertEquals(c.get("posterior_q025").get(a).asDouble(), e.interval().lower(), 1e-7);
            assertEquals(c.get("posterior_q975").get(a).asDouble(), e.interval().upper(), 1e-7);
        }
        assertEquals("B", r.details().get("next_arm"));
    }

    @Test
    void recommendUcb1GivesTheClosedFormIndex() throws IOException {
        JsonNode c = firstCase();
        BanditSpec spec = BanditSpec.builder(BanditSpec.Mode.RECOMMEND).arm("arm").count("n").successes("k").algorithm("ucb1").build();
        AnalysisResult r = BanditFamily.INSTANCE.engine().run(spec, aggregates(c));
        assertEquals(c.get("ucb1_index").get(2).asDouble(), r.find("C", "bandit.ucb1").estimate(), 1e-12);
    }

    @Test
    void recommendRefusesNonBinaryRewardsForThompson() {
        Dataset d = Dataset.builder().text("arm", new String[] {"A", "B"}).numeric("r", new double[] {1, 2.5}).build();
        BanditSpec spec = BanditSpec.builder(BanditSpec.Mode.RECOMMEND).arm("arm").reward("r").build();
        var e = assertThrows(UserInputException.class, () -> BanditFamily.INSTANCE.engine().run(spec, d));
        assertTrue(e.getMessage().contains("row 2") && e.getMessage().contains("0 or 1"), e.getMessage());
    }

    @Test
    void evaluateRecoversAPlantedTargetValue() {
        // uniform logging over A, B, C; success rates 0.2, 0.5, 0.3; the target always takes B, worth 0.5
        int n = 30_000;
        String[] arm = new String[n];
        double[] reward = new double[n], p = new double[n];
        double[] rates = {0.2, 0.5, 0.3};
        SplittableRandom rng = new SplittableRandom(17);
        for (int i = 0; i < n; i++) {
            int a = rng.nextInt(3);
            arm[i] = "ABC".substring(a, a + 1);
            reward[i] = rng.nextDouble() < rates[a] ? 1 : 0;
            p[i] = 1.0 / 3;
        }
        Dataset d = Dataset.builder().text("arm", arm).numeric("clicked", reward).numeric("p", p).build();
        BanditSpec spec = BanditSpec.builder(BanditSpec.Mode.EVALUATE).action("arm").reward("clicked").propensity("p").targetArm("B").build();
        AnalysisResult r = BanditFamily.INSTANCE.engine().run(spec, d);
        for (String m : List.of("bandit.ope.ips", "bandit.ope.snips", "bandit.ope.dr")) {
            Estimate e = r.find(m);
            assertEquals(0.5, e.estimate(), 3 * e.standardError(), m);
        }
        BanditSpec unsupported = spec.toBuilder().targetArm("D").build();
        var e = assertThrows(UserInputException.class, () -> BanditFamily.INSTANCE.engine().run(unsupported, d));
        assertTrue(e.getMessage().contains("no support"), e.getMessage());
        Dataset zero = Dataset.builder().text("arm", new String[] {"A", "B"}).numeric("clicked", new double[] {1, 0})
                .numeric("p", new double[] {0.5, 0}).build();
        assertThrows(UserInputException.class, () -> BanditFamily.INSTANCE.engine().run(spec.toBuilder().targetArm("A").build(), zero));
        assertFalse(BanditFamily.INSTANCE.validate(spec.toBuilder().propensity("prob").build(), d).isEmpty());
    }

    @Test
    void simulateReportsRegretBesideTheLaiRobbinsBoundReproducibly() {
        BanditSpec spec = BanditSpec.builder(BanditSpec.Mode.SIMULATE).armMeans(List.of(0.4, 0.5)).horizon(5_000L).runs(20)
                .algorithms(List.of("thompson", "epsilon_greedy")).seed(3L).build();
        AnalysisResult r = BanditFamily.INSTANCE.engine().run(spec, null);
        AnalysisResult again = BanditFamily.INSTANCE.engine().run(spec, null);
        assertEquals(r.find("thompson", "bandit.thompson").estimate(), again.find("thompson", "bandit.thompson").estimate());
        assertEquals(0.1 / LaiRobbins.bernoulliKl(0.4, 0.5), (double) r.details().get("lai_robbins_constant"), 1e-12);
        // fixed ε = 0.1 pays about ε/2 * 0.1 * 5000 = 25 in exploration alone; Thompson far less
        assertTrue(r.find("thompson", "bandit.thompson").estimate() < r.find("epsilon_greedy", "bandit.epsilon_greedy").estimate());
    }

    @Test
    void specRefusesImpossibleValuesWithOneLine() {
        var e = assertThrows(UserInputException.class, () -> BanditSpec.builder(BanditSpec.Mode.SIMULATE).armMeans(List.of(0.4, 1.5)).build());
        assertFalse(e.getMessage().contains("\n"));
        assertThrows(UserInputException.class, () -> BanditSpec.builder(BanditSpec.Mode.RECOMMEND).arm("a").reward("r").algorithm("greedy").build());
        assertThrows(UserInputException.class, () -> BanditSpec.builder(BanditSpec.Mode.EVALUATE).action("a").reward("r").propensity("p").build());
    }
}
