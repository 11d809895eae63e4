package io.cerebro.core.causal.observational;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Diagnostic;
import io.cerebro.core.spec.CausalMethod;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.Estimand;
import io.cerebro.core.spec.MatchingOptions;
import io.cerebro.core.spec.WeightingOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LaLonde (NSW experimental and NSW-PSID observational) against R: MatchIt 4.5.1, Matching 4.10-8,
 * sandwich 3.0-2 (oracles in {@code causal/causal_lalonde_oracles.json} and
 * {@code causal/causal_extra_oracles.json}; see the README there for the exact calls).
 */
class LalondeOracleTest {
    static final double REL = 1e-6;
    static final List<String> PSID = List.of("age", "educ", "black", "hispan", "married", "nodegree", "re74", "re75");
    static JsonNode oracle;
    static JsonNode extra;
    static Dataset psid;
    static Dataset experimental;

    @BeforeAll
    static void load() throws Exception {
        ObjectMapper om = new ObjectMapper();
        try (InputStream a = res("causal_lalonde_oracles.json"); InputStream b = res("causal_extra_oracles.json")) {
            oracle = om.readTree(a);
            extra = om.readTree(b);
        }
        psid = Dataset.read(copy("lalonde_nsw_psid_observational.csv"));
        experimental = Dataset.read(copy("lalonde_nsw_experimental.csv"));
    }

    @AfterAll
    static void close() {
        psid.close();
        experimental.close();
    }

    static double oracleValue(String pointer) {
        return io.cerebro.core.causal.CausalFixtures.json("causal_lalonde_oracles.json").at(pointer).asDouble();
    }

    static InputStream res(String name) {
        return LalondeOracleTest.class.getResourceAsStream("/causal/" + name);
    }

    static Path copy(String name) throws Exception {
        Path p = Files.createTempDirectory("lalonde").resolve(name);
        try (InputStream in = res(name)) {
            Files.copy(in, p);
        }
        return p;
    }

    static CausalSpec spec(CausalMethod m, Estimand e, MatchingOptions mo, WeightingOptions wo) {
        return new CausalSpec(m, "treat", "re78", PSID, null, null, e, null, null, mo, wo, null, null, null, null, null, null, null);
    }

    static void close(double expected, double actual) {
        assertEquals(expected, actual, Math.abs(expected) * REL, () -> "expected " + expected + " got " + actual);
    }

    @Test
    void olsHc1Experimental() {
        CausalSpec s = new CausalSpec(CausalMethod.REGRESSION, "treat", "re78",
                List.of("age", "educ", "black", "hisp", "married", "nodegr", "re74", "re75"), null, null, null, null, null,
                null, null, null, null, null, null, null, null, null);
        AnalysisResult r = Engines.run(s, experimental);
        JsonNode o = oracle.at("/experimental/ols_hc1");
        close(o.get("coef").asDouble(), r.estimate());
        close(o.get("se").asDouble(), r.standardError());
        close(oracle.at("/experimental/diff_in_means").asDouble(), (Double) r.details().get("naive_difference"));
    }

    @Test
    void olsHc1Observational() {
        AnalysisResult r = Engines.run(spec(CausalMethod.REGRESSION, Estimand.ATE, null, null), psid);
        close(oracle.at("/observational_psid/ols_hc1/coef").asDouble(), r.estimate());
        close(oracle.at("/observational_psid/ols_hc1/se").asDouble(), r.standardError());
        close(oracle.at("/observational_psid/naive_diff").asDouble(), (Double) r.details().get("naive_difference"));
    }

    /** The engine's robustness value for OLS against sensemakr's formulas applied to R's t statistic. */
    @Test
    void robustnessValueOfRegression() {
        AnalysisResult r = Engines.run(spec(CausalMethod.REGRESSION, Estimand.ATE, null, null), psid);
        io.cerebro.core.result.Estimate rv = r.find("causal.robustness_value");
        JsonNode o = extra.get("robustness_value_ols");
        close(o.get("rv").asDouble(), rv.estimate());
        close(o.get("rv_alpha").asDouble(), rv.extra("rv_alpha"));
        close(o.get("partial_r2").asDouble(), rv.extra("partial_r2_treatment"));
    }

    /** Linear front-door arithmetic (re75 as a stand-in mediator) against R lm + sandwich HC1. */
    @Test
    void frontDoorArithmetic() {
        CausalSpec s = new CausalSpec(CausalMethod.FRONTDOOR, "treat", "re78", List.of(), null, "re75", null, null, null,
                null, null, null, null, null, null, null, null, null);
        AnalysisResult r = Engines.run(s, psid);
        JsonNode o = extra.get("frontdoor_re75");
        close(o.get("estimate").asDouble(), r.estimate());
        close(o.get("se").asDouble(), r.standardError());
    }

    @Test
    void propensityModelCoefficients() {
        CausalData d = CausalData.load(psid, "treat", "re78", PSID, List.of(), false);
        LogisticRegression lr = ObservationalEngine.propensity(d, "treat");
        JsonNode o = oracle.at("/observational_psid/logit_coef");
        String[] names = lr.names();
        double[] b = lr.coefficients();
        for (int i = 0; i < names.length; i++) {
            close(o.get(names[i]).asDouble(), b[i]);
        }
    }

    @Test
    void ipwAttAndAteHajek() {
        WeightingOptions w = WeightingOptions.defaults();
        close(oracle.at("/observational_psid/ipw_att/estimate").asDouble(),
                Engines.run(spec(CausalMethod.IPW, Estimand.ATT, null, w), psid).estimate());
        close(oracle.at("/observational_psid/ipw_ate_hajek/estimate").asDouble(),
                Engines.run(spec(CausalMethod.IPW, Estimand.ATE, null, w), psid).estimate());
    }

    @Test
    void ipwHorvitzThompson() {
        WeightingOptions ht = new WeightingOptions(false, null, null, null);
        close(extra.at("/ipw_ate_ht/estimate").asDouble(), Engines.run(spec(CausalMethod.IPW, Estimand.ATE, null, ht), psid).estimate());
        close(extra.at("/ipw_att_ht/estimate").asDouble(), Engines.run(spec(CausalMethod.IPW, Estimand.ATT, null, ht), psid).estimate());
    }

    /** IPW sandwich SEs against R's M-estimation with a numerical Jacobian (numDeriv). */
    @Test
    void ipwSandwichStandardErrors() {
        for (String kind : List.of("hajek", "ht")) {
            for (Estimand e : Estimand.values()) {
                JsonNode o = extra.at("/ipw_sandwich/" + kind + "_" + e.name().toLowerCase(java.util.Locale.ROOT));
                AnalysisResult r = Engines.run(spec(CausalMethod.IPW, e, null, new WeightingOptions(kind.equals("hajek"), null, null, null)), psid);
                close(o.get("estimate").asDouble(), r.estimate());
                close(o.get("se").asDouble(), r.standardError());
            }
        }
    }

    @Test
    void ipwTrimmingClippingAndAipwTrimming() {
        close(extra.at("/ipw_ate_hajek_trim005/estimate").asDouble(),
                Engines.run(spec(CausalMethod.IPW, Estimand.ATE, null, new WeightingOptions(true, null, 0.05, null)), psid).estimate());
        close(extra.at("/ipw_ate_hajek_clip005/estimate").asDouble(),
                Engines.run(spec(CausalMethod.IPW, Estimand.ATE, null, new WeightingOptions(true, 0.05, null, null)), psid).estimate());
        AnalysisResult a = Engines.run(spec(CausalMethod.AIPW, Estimand.ATE, null, new WeightingOptions(true, null, 0.05, null)), psid);
        close(extra.at("/aipw_ate_trim005/estimate").asDouble(), a.estimate());
        close(extra.at("/aipw_ate_trim005/se").asDouble(), a.standardError());
        assertEquals(614 - extra.at("/ipw_ate_hajek_trim005/kept").asInt(),
                ((java.util.Map<?, ?>) a.details().get("aipw")).get("trimmed_units"));
    }

    @Test
    void psmWithReplacementAbadieImbens() {
        AnalysisResult r = Engines.run(spec(CausalMethod.PSM, Estimand.ATT, MatchingOptions.defaults(), null), psid);
        close(oracle.at("/observational_psid/psm_att_replace/estimate/0/0").asDouble(), r.estimate());
        close(oracle.at("/observational_psid/psm_att_replace/se_abadie_imbens").asDouble(), r.standardError());
    }

    @Test
    void psmWithReplacementCaliper() {
        AnalysisResult r = Engines.run(spec(CausalMethod.PSM, Estimand.ATT, new MatchingOptions(1, true, 0.2), null), psid);
        close(oracle.at("/observational_psid/psm_att_replace_caliper02/estimate/0/0").asDouble(), r.estimate());
        close(oracle.at("/observational_psid/psm_att_replace_caliper02/se_abadie_imbens").asDouble(), r.standardError());
    }

    @Test
    void psmAteAtcAndTwoMatches() {
        AnalysisResult ate = Engines.run(spec(CausalMethod.PSM, Estimand.ATE, MatchingOptions.defaults(), null), psid);
        close(extra.at("/psm_ate_replace/estimate").asDouble(), ate.estimate());
        close(extra.at("/psm_ate_replace/se_abadie_imbens").asDouble(), ate.standardError());
        AnalysisResult atc = Engines.run(spec(CausalMethod.PSM, Estimand.ATC, MatchingOptions.defaults(), null), psid);
        close(extra.at("/psm_atc_replace/estimate").asDouble(), atc.estimate());
        close(extra.at("/psm_atc_replace/se_abadie_imbens").asDouble(), atc.standardError());
        AnalysisResult m2 = Engines.run(spec(CausalMethod.PSM, Estimand.ATT, new MatchingOptions(2, true, null), null), psid);
        close(extra.at("/psm_att_replace_m2/estimate").asDouble(), m2.estimate());
        close(extra.at("/psm_att_replace_m2/se_abadie_imbens").asDouble(), m2.standardError());
    }

    @Test
    void mahalanobisWithReplacement() {
        AnalysisResult r = Engines.run(spec(CausalMethod.MAHALANOBIS, Estimand.ATT, MatchingOptions.defaults(), null), psid);
        close(extra.at("/mahalanobis_att_replace/estimate").asDouble(), r.estimate());
        close(extra.at("/mahalanobis_att_replace/se_abadie_imbens").asDouble(), r.standardError());
        AnalysisResult ate = Engines.run(spec(CausalMethod.MAHALANOBIS, Estimand.ATE, MatchingOptions.defaults(), null), psid);
        close(extra.at("/mahalanobis_ate_replace/estimate").asDouble(), ate.estimate());
        close(extra.at("/mahalanobis_ate_replace/se_abadie_imbens").asDouble(), ate.standardError());
    }

    /** Greedy nearest neighbour without replacement against a plain-R implementation of MatchIt's documented order. */
    /** Greedy Mahalanobis matching without replacement against plain R on the same whitened covariates. */
    @Test
    void mahalanobisWithoutReplacement() {
        AnalysisResult r = Engines.run(spec(CausalMethod.MAHALANOBIS, Estimand.ATT, new MatchingOptions(1, false, null), null), psid);
        close(extra.at("/mahalanobis_att_noreplace/estimate").asDouble(), r.estimate());
        close(extra.at("/mahalanobis_att_noreplace/se_cluster").asDouble(), r.standardError());
    }

    @Test
    void greedyMatchingWithoutReplacement() {
        AnalysisResult r = Engines.run(spec(CausalMethod.PSM, Estimand.ATT, new MatchingOptions(1, false, null), null), psid);
        close(extra.at("/greedy_att_noreplace/estimate").asDouble(), r.estimate());
        close(extra.at("/greedy_att_noreplace/se_cluster").asDouble(), r.standardError());
        AnalysisResult r2 = Engines.run(spec(CausalMethod.PSM, Estimand.ATT, new MatchingOptions(2, false, null), null), psid);
        close(extra.at("/greedy_att_noreplace_ratio2/estimate").asDouble(), r2.estimate());
        close(extra.at("/greedy_att_noreplace_ratio2/se_cluster").asDouble(), r2.standardError());
        AnalysisResult r3 = Engines.run(spec(CausalMethod.PSM, Estimand.ATT, new MatchingOptions(1, false, 0.05), null), psid);
        close(extra.at("/greedy_att_noreplace_caliper005/estimate").asDouble(), r3.estimate());
        close(extra.at("/greedy_att_noreplace_caliper005/se_cluster").asDouble(), r3.standardError());
        assertEquals(185 - extra.at("/greedy_att_noreplace_caliper005/matched_treated").asInt(),
                ((java.util.Map<?, ?>) r3.details().get("matching")).get("dropped_focal_units"));
    }

    /**
     * MatchIt 4.5.1's number (770.39) comes from its matcher always taking the nearest free control on
     * the left (its C code compares distances with integer abs()). Emulating that rule on our
     * propensity scores reproduces it, which pins the difference down to that one rule.
     */
    @Test
    void matchItLeftNeighbourRuleExplainsItsNumber() {
        CausalData d = CausalData.load(psid, "treat", "re78", PSID, List.of(), false);
        double[] ps = ObservationalEngine.propensity(d, "treat").fitted();
        double[] t = d.treatment();
        double[] y = d.outcome();
        int n = ps.length;
        Integer[] sorted = new Integer[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = i;
        }
        java.util.Arrays.sort(sorted, (a, b) -> Double.compare(ps[a], ps[b]));
        int[] pos = new int[n];
        for (int k = 0; k < n; k++) {
            pos[sorted[k]] = k;
        }
        boolean[] used = new boolean[n];
        Integer[] order = java.util.stream.IntStream.range(0, n).filter(i -> t[i] == 1).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(order, (a, b) -> Double.compare(ps[b], ps[a]));
        double sum = 0;
        for (int i : order) {
            int k = pos[i] - 1;
            while (k >= 0 && (t[sorted[k]] == 1 || used[sorted[k]])) {
                k--;
            }
            if (k < 0) {
                k = pos[i] + 1;
                while (t[sorted[k]] == 1 || used[sorted[k]]) {
                    k++;
                }
            }
            used[sorted[k]] = true;
            sum += y[i] - y[sorted[k]];
        }
        close(oracle.at("/observational_psid/psm_att_nn_noreplace/estimate").asDouble(), sum / order.length);
    }

    @Test
    void aipwPointAndInfluenceSe() {
        AnalysisResult ate = Engines.run(spec(CausalMethod.AIPW, Estimand.ATE, null, null), psid);
        close(extra.at("/aipw_ate/estimate").asDouble(), ate.estimate());
        close(extra.at("/aipw_ate/se").asDouble(), ate.standardError());
        AnalysisResult att = Engines.run(spec(CausalMethod.AIPW, Estimand.ATT, null, null), psid);
        close(extra.at("/aipw_att/estimate").asDouble(), att.estimate());
        close(extra.at("/aipw_att/se").asDouble(), att.standardError());
        AnalysisResult atc = Engines.run(spec(CausalMethod.AIPW, Estimand.ATC, null, null), psid);
        close(extra.at("/aipw_atc/estimate").asDouble(), atc.estimate());
        close(extra.at("/aipw_atc/se").asDouble(), atc.standardError());
    }

    @Test
    void standardizedMeanDifferencesBefore() {
        AnalysisResult r = Engines.run(spec(CausalMethod.IPW, Estimand.ATT, null, null), psid);
        Diagnostic b = r.diagnostics().stream().filter(d -> d.name().equals("balance")).findFirst().orElseThrow();
        oracle.at("/observational_psid/smd_before_att").fields().forEachRemaining(e ->
                close(e.getValue().asDouble(), b.values().get(e.getKey() + ".smd_before")));
        JsonNode after = extra.get("balance_ipw_att");
        for (String c : PSID) {
            // weighted SMDs are near zero, differences of nearly equal means: R's glm stops at a relative
            // deviance change of 1e-8, so its scores carry about 8 digits; compare to 1e-8 absolute
            assertEquals(after.at("/" + c + "/smd_after").asDouble(), b.values().get(c + ".smd_after"), 1e-8, c);
            close(after.at("/" + c + "/variance_ratio_after").asDouble(), b.values().get(c + ".variance_ratio_after"));
            close(after.at("/" + c + "/variance_ratio_before").asDouble(), b.values().get(c + ".variance_ratio_before"));
        }
        Diagnostic ess = r.diagnostics().stream().filter(d -> d.name().equals("effective_sample_size")).findFirst().orElseThrow();
        close(after.get("ess_control").asDouble(), ess.values().get("control"));

        // the love plot carries the same SMDs, largest imbalance first, with the ±0.1 guides
        io.cerebro.core.result.Chart love = r.charts().stream().filter(c -> c.id().equals("love_plot")).findFirst().orElseThrow();
        assertEquals("dot", love.kind());
        assertEquals(List.of(-0.1, 0.1), love.guides());
        double previous = Double.POSITIVE_INFINITY;
        for (int i = 0; i < love.categories().size(); i++) {
            String c = love.categories().get(i);
            double before = love.series().get(0).y()[i];
            close(oracle.at("/observational_psid/smd_before_att/" + c).asDouble(), before);
            assertEquals(after.at("/" + c + "/smd_after").asDouble(), love.series().get(1).y()[i], 1e-8, c);
            assertTrue(Math.abs(before) <= previous, "sorted by |SMD before|");
            previous = Math.abs(before);
        }
    }
}
