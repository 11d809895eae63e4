package io.cerebro.core.causal.observational;

import com.fasterxml.jackson.databind.JsonNode;
import io.cerebro.core.causal.CausalFixtures;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.spec.CausalMethod;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.Estimand;
import io.cerebro.core.spec.WeightingOptions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Engine behaviour: g-computation against R, graphs, refuters, one-hot encoding and every bad-input message. */
class EngineBehaviourTest {
    static final List<String> PSID = LalondeOracleTest.PSID;

    static CausalSpec spec(CausalMethod m, String treatment, String outcome, List<String> conf, String graph, String mediator,
                           Estimand e, List<String> refute, WeightingOptions w, Boolean dropMissing) {
        return new CausalSpec(m, treatment, outcome, conf, graph, mediator, e, null, refute, null, w, null, null, null, null,
                dropMissing, null, null);
    }

    /**
     * g-computation risk difference for employment (re78 > 0) against R glm + predict, and its sandwich
     * SE against R's M-estimation with a numerical Jacobian (1e-6 relative).
     */
    @Test
    void gComputationBinaryOutcome() {
        JsonNode o = CausalFixtures.json("causal_extra_oracles.json").get("gcomp_binary");
        try (Dataset d = Dataset.read(CausalFixtures.file("lalonde_nsw_psid_observational.csv"),
                null)) {
            Dataset emp = withEmployment(d);
            AnalysisResult ate = Engines.run(spec(CausalMethod.REGRESSION, "treat", "emp78", PSID, null, null, Estimand.ATE, null, null, null), emp);
            assertEquals(o.get("ate").asDouble(), ate.estimate(), Math.abs(o.get("ate").asDouble()) * 1e-6);
            AnalysisResult att = Engines.run(spec(CausalMethod.REGRESSION, "treat", "emp78", PSID, null, null, Estimand.ATT, null, null, null), emp);
            assertEquals(o.get("att").asDouble(), att.estimate(), Math.abs(o.get("att").asDouble()) * 1e-6);
            JsonNode se = CausalFixtures.json("causal_extra_oracles.json").get("gcomp_sandwich");
            assertEquals(se.at("/ate/se").asDouble(), ate.standardError(), se.at("/ate/se").asDouble() * 1e-6);
            assertEquals(se.at("/att/se").asDouble(), att.standardError(), se.at("/att/se").asDouble() * 1e-6);
            assertTrue(ate.estimand().contains("risk difference"));
            emp.close();
        }
    }

    private static Dataset withEmployment(Dataset d) {
        double[] re = d.doubles("re78");
        double[] emp = new double[re.length];
        for (int i = 0; i < re.length; i++) {
            emp[i] = re[i] > 0 ? 1 : 0;
        }
        Dataset.Builder b = Dataset.builder().numeric("treat", d.doubles("treat")).numeric("emp78", emp);
        for (String c : PSID) {
            b.numeric(c, d.doubles(c));
        }
        return b.build();
    }

    /** A simulated front-door world with a latent confounder: the estimate recovers a * b. */
    @Test
    void frontDoorFromGraph() {
        Random r = new Random(1);
        int n = 20_000;
        double[] t = new double[n];
        double[] m = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double u = r.nextGaussian();
            t[i] = u + r.nextGaussian() > 0 ? 1 : 0;
            m[i] = 0.5 + 2.0 * t[i] + r.nextGaussian();
            y[i] = 1.5 * m[i] + 3 * u + r.nextGaussian();
        }
        try (Dataset d = Dataset.builder().numeric("t", t).numeric("m", m).numeric("y", y).build()) {
            AnalysisResult res = Engines.run(spec(CausalMethod.FRONTDOOR, "t", "y", List.of(), "t -> m -> y; t <-> y", null,
                    null, null, null, null), d);
            assertTrue(res.interval().contains(3.0), res.interval().toString());
            UserInputException e = assertThrows(UserInputException.class, () -> Engines.run(spec(CausalMethod.REGRESSION, "t", "y",
                    List.of(), "t -> m -> y; t <-> y", null, null, null, null, null), d));
            assertTrue(e.getMessage().contains("not identified") && e.getMessage().contains("front-door"), e.getMessage());
        }
    }

    @Test
    void graphGivesAdjustmentSetAndChecksUserSet() {
        try (Dataset d = Dataset.read(CausalFixtures.file("lalonde_nsw_psid_observational.csv"))) {
            String g = "age -> treat; educ -> treat; age -> re78; educ -> re78; treat -> re78; re78 -> married";
            AnalysisResult r = Engines.run(spec(CausalMethod.REGRESSION, "treat", "re78", List.of(), g, null, null, null, null, null), d);
            @SuppressWarnings("unchecked")
            Map<String, Object> id = (Map<String, Object>) r.details().get("identification");
            assertEquals(List.of("age", "educ"), id.get("adjustment_set"));
            assertTrue(id.get("identified_estimand").toString().contains("E[re78 | treat, age, educ]"));
            UserInputException e = assertThrows(UserInputException.class, () -> Engines.run(spec(CausalMethod.REGRESSION, "treat", "re78",
                    List.of("age", "married"), g, null, null, null, null, null), d));
            assertTrue(e.getMessage().contains("married") && e.getMessage().contains("descendant"), e.getMessage());
            UserInputException u = assertThrows(UserInputException.class, () -> Engines.run(spec(CausalMethod.REGRESSION, "treat", "re78",
                    List.of(), "income -> treat; income -> re78; treat -> re78", null, null, null, null, null), d));
            assertTrue(u.getMessage().contains("income") && u.getMessage().contains("not in the data"), u.getMessage());
            UserInputException c = assertThrows(UserInputException.class, () -> Engines.run(spec(CausalMethod.REGRESSION, "treat", "re78",
                    List.of(), "age -> treat; treat -> re78; re78 -> age", null, null, null, null, null), d));
            assertTrue(c.getMessage().contains("not a DAG"), c.getMessage());
        }
    }

    /** Refuters on a planted effect: placebo centred near 0, the others stay near the estimate. */
    @Test
    void refutersOnPlantedEffect() {
        Random r = new Random(3);
        int n = 2000;
        double[] x = new double[n];
        double[] t = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
            t[i] = r.nextDouble() < 1 / (1 + Math.exp(-x[i])) ? 1 : 0;
            y[i] = 2 * t[i] + x[i] + r.nextGaussian();
        }
        try (Dataset d = Dataset.builder().numeric("x", x).numeric("t", t).numeric("y", y).build()) {
            AnalysisResult res = Engines.run(spec(CausalMethod.IPW, "t", "y", List.of("x"), null, null, null, List.of("all"), null, null), d);
            Estimate placebo = res.find("refute: placebo", "causal.refute");
            assertNotNull(placebo);
            assertTrue(Math.abs(placebo.estimate()) < 0.3, "placebo effect " + placebo.estimate());
            assertTrue(placebo.pValue() < 0.05);
            for (String k : List.of("random_common_cause", "subset", "bootstrap")) {
                Estimate e = res.find("refute: " + k, "causal.refute");
                assertEquals(res.estimate(), e.estimate(), 0.15, k);
            }
            assertNotNull(res.find("causal.evalue"));
            assertNotNull(res.find("causal.bounds"));
            assertTrue(res.charts().stream().anyMatch(c -> c.id().equals("love_plot")));
            assertTrue(res.charts().stream().anyMatch(c -> c.id().equals("propensity_overlap")));
        }
    }

    @Test
    void categoricalConfoundersAreOneHotEncoded() {
        try (Dataset d = Dataset.read(CausalFixtures.file("lalonde_nsw_psid_observational.csv"))) {
            List<String> conf = List.of("age", "educ", "race", "married", "nodegree", "re74", "re75");
            AnalysisResult r = Engines.run(spec(CausalMethod.IPW, "treat", "re78", conf, null, null, Estimand.ATT, null, null, null), d);
            // race (black, hispan, white) one-hot against 'black' spans the same space as the black/hispan dummies
            double oracle = LalondeOracleTest.oracleValue("/observational_psid/ipw_att/estimate");
            assertEquals(oracle, r.estimate(), Math.abs(oracle) * 1e-6);
            assertTrue(r.warnings().stream().anyMatch(w -> w.contains("one-hot") && w.contains("race")), r.warnings().toString());
        }
    }

    @Test
    void badInputIsOneLine() {
        double[] t3 = {0, 1, 2, 0, 1, 2};
        double[] y = {1, 2, 3, 4, 5, 6};
        double[] x = {1, 2, 1, 2, 1, 3};
        double[] c = {5, 5, 5, 5, 5, 5};
        try (Dataset d = Dataset.builder().numeric("t", t3).numeric("y", y).numeric("x", x).numeric("c", c)
                .numeric("t1", new double[]{1, 1, 1, 1, 1, 1}).numeric("x2", new double[]{2, 4, 2, 4, 2, 6})
                .numeric("tb", new double[]{0, 1, 0, 1, 0, 1}).numeric("ym", new double[]{1, Double.NaN, 3, 4, 5, 6}).build()) {
            assertMessage(d, spec(CausalMethod.REGRESSION, "t", "y", List.of("x"), null, null, null, null, null, null), "must be binary", "values seen: 0, 1, 2");
            assertMessage(d, spec(CausalMethod.REGRESSION, "t1", "y", List.of("x"), null, null, null, null, null, null), "no control units");
            assertMessage(d, spec(CausalMethod.REGRESSION, "tb", "y", List.of("x", "c"), null, null, null, null, null, null), "c is constant");
            assertMessage(d, spec(CausalMethod.REGRESSION, "tb", "y", List.of("x", "x2"), null, null, null, null, null, null), "collinear", "x2");
            assertMessage(d, spec(CausalMethod.REGRESSION, "tb", "ym", List.of("x"), null, null, null, null, null, null), "missing values in ym (1)", "--drop-missing");
            AnalysisResult ok = Engines.run(spec(CausalMethod.REGRESSION, "tb", "ym", List.of("x"), null, null, null, null, null, true), d);
            assertEquals(5, ok.sampleSizes().get("total"));
        }
        // perfect separation: x > 0 exactly when treated
        double[] xs = {-3, -2, -1, -0.5, 0.5, 1, 2, 3};
        double[] ts = {0, 0, 0, 0, 1, 1, 1, 1};
        try (Dataset d = Dataset.builder().numeric("t", ts).numeric("x", xs).numeric("y", xs).build()) {
            assertMessage(d, spec(CausalMethod.IPW, "t", "y", List.of("x"), null, null, null, null, null, null), "perfect separation", "'x'");
        }
    }

    @Test
    void noOverlapSaysHowManyUnits() {
        Random r = new Random(5);
        int n = 400;
        double[] x = new double[n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian() * 12;
            t[i] = r.nextDouble() < 1 / (1 + Math.exp(-x[i])) ? 1 : 0;
        }
        try (Dataset d = Dataset.builder().numeric("t", t).numeric("x", x).numeric("y", x).build()) {
            UserInputException e = assertThrows(UserInputException.class, () ->
                    Engines.run(spec(CausalMethod.IPW, "t", "y", List.of("x"), null, null, null, null, null, null), d));
            assertTrue(e.getMessage().contains("no overlap") && e.getMessage().matches(".*\\d+ units have a propensity score of 0.*")
                    || e.getMessage().contains("perfect separation"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    static void assertMessage(Dataset d, CausalSpec s, String... parts) {
        UserInputException e = assertThrows(UserInputException.class, () -> Engines.run(s, d));
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "'" + p + "' not in: " + e.getMessage());
        }
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
