package io.cerebro.core.causal.quasi.synth;

import com.fasterxml.jackson.databind.JsonNode;
import io.cerebro.core.causal.quasi.Fixtures;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.CausalMethod;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.SynthDesign;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticControlTest {

    static CausalSpec spec(SynthDesign sd) {
        return new CausalSpec(CausalMethod.SYNTH, null, "cigsale", null, null, null, null, null, null, null, null, null, null,
                null, sd, null, null, null);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Double> map(AnalysisResult r, String key) {
        return (Map<String, Double>) r.details().get(key);
    }

    /** Prop 99, outcome-only weights against the oracle QP (scipy nnls with a heavily weighted sum-to-one row). */
    @Test
    void prop99OutcomeOnlyMatchesOracle() {
        JsonNode o = Fixtures.json("causal_quasi_oracles.json").get("synthetic_control_prop99").get("outcome_only_qp");
        try (Dataset data = Fixtures.dataset("smoking_prop99.csv")) {
            AnalysisResult r = Engines.run(spec(new SynthDesign("state", "year", "California", 1989.0, null, null, null, null)), data);
            Map<String, Double> w = map(r, "weights");
            double sum = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = o.get("weights").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                assertEquals(e.getValue().asDouble(), w.getOrDefault(e.getKey(), 0.0), 1e-3, e.getKey());
            }
            for (double v : w.values()) {
                assertTrue(v >= 0);
                sum += v;
            }
            assertEquals(1.0, sum, 1e-9);
            assertEquals(o.get("pre_rmspe").asDouble(), (Double) r.details().get("pre_rmspe"), 1e-3);
            assertEquals(o.get("gap_2000").asDouble(), map(r, "gaps").get("2000"), 1e-2);
            assertEquals(o.get("mean_gap_1989_2000").asDouble(), r.estimate(), 1e-2);
            // the placebo p-value is a rank among 39 units
            assertEquals(0, Math.round(r.pValue() * 39 * 1e6) % 1_000_000);
            assertEquals(2, r.charts().size());
        }
    }

    /**
     * ADH 2010's specification (predictors averaged 1980-88, beer over the years it exists, cigsale
     * in 1975, 1980 and 1988; V chosen by pre-period fit): weights close to the published ones.
     */
    @Test
    void prop99WithPredictorsIsCloseToAdh() {
        JsonNode o = Fixtures.json("causal_quasi_oracles.json").get("synthetic_control_prop99").get("adh_2010_published");
        try (Dataset data = Fixtures.dataset("smoking_prop99.csv")) {
            AnalysisResult r = Engines.run(spec(new SynthDesign("state", "year", "California", 1989.0,
                    List.of("lnincome", "beer", "age15to24", "retprice"), "data", null, null, List.of(1975.0, 1980.0, 1988.0), 1980.0)), data);
            Map<String, Double> w = map(r, "weights");
            double published = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = o.get("weights").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                assertEquals(e.getValue().asDouble(), w.getOrDefault(e.getKey(), 0.0), 0.02, e.getKey() + " in " + w);
                published += w.getOrDefault(e.getKey(), 0.0);
            }
            assertTrue(published > 0.98, "weight on ADH's five donors " + published + " " + w);
            assertEquals(o.get("gap_2000_approx").asDouble(), map(r, "gaps").get("2000"), 1.0);
            // ADH 2010 (Figure 7): California's post/pre MSPE ratio is the largest of the 39 states, p = 1/39
            assertEquals(1.0 / 39, r.pValue(), 1e-9);
        }
    }

    /** Ridge-augmented SCM: the correction shrinks the remaining pre-period imbalance (BFR 2021, Prop 99 example). */
    @Test
    void augmentedReducesPrePeriodImbalance() {
        try (Dataset data = Fixtures.dataset("smoking_prop99.csv")) {
            AnalysisResult r = Engines.run(spec(new SynthDesign("state", "year", "California", 1989.0, null, null, true, null)), data);
            Map<String, Double> gaps = map(r, "gaps");
            double pre = 0;
            for (int y = 1970; y < 1989; y++) {
                pre += gaps.get(Integer.toString(y)) * gaps.get(Integer.toString(y));
            }
            assertTrue(Math.sqrt(pre / 19) < (Double) r.details().get("pre_rmspe"), "augmented pre-RMSPE");
            assertTrue(r.estimate() < 0 && r.details().containsKey("ridge_lambda"));
        }
    }

    @Test
    void donorWithMissingYearsIsNamed() {
        try (Dataset data = Fixtures.dataset("smoking_prop99.csv", "NOT (state = 'Utah' AND year IN (1975, 1976))")) {
            UserInputException e = assertThrows(UserInputException.class, () -> Engines.run(
                    spec(new SynthDesign("state", "year", "California", 1989.0, null, null, null, null)), data));
            assertTrue(e.getMessage().contains("Utah (1975, 1976)"), e.getMessage());
        }
    }

    @Test
    void treatedUnitWithoutPrePeriodIsOneLine() {
        try (Dataset data = Fixtures.dataset("smoking_prop99.csv")) {
            UserInputException e = assertThrows(UserInputException.class, () -> Engines.run(
                    spec(new SynthDesign("state", "year", "California", 1970.0, null, null, null, null)), data));
            assertTrue(e.getMessage().contains("no period before the treatment start"), e.getMessage());
        }
    }

    /** A panel of the treated unit and one other: the same one-line error as --donors with one donor. */
    @Test
    void twoUnitPanelNeedsTwoDonors() {
        try (Dataset data = Fixtures.dataset("smoking_prop99.csv", "state IN ('California', 'Utah')")) {
            UserInputException e = assertThrows(UserInputException.class, () -> Engines.run(
                    spec(new SynthDesign("state", "year", "California", 1989.0, null, null, null, null)), data));
            assertTrue(e.getMessage().startsWith("synthetic control needs at least two donors, got 1"), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        }
        try (Dataset data = Fixtures.dataset("smoking_prop99.csv")) {
            UserInputException e = assertThrows(UserInputException.class, () -> Engines.run(
                    spec(new SynthDesign("state", "year", "California", 1989.0, null, null, null, List.of("Utah"))), data));
            assertTrue(e.getMessage().startsWith("synthetic control needs at least two donors, got 1"), e.getMessage());
        }
    }

    @Test
    void treatmentStartAfterTheDataSaysWhereTheyEnd() {
        try (Dataset data = Fixtures.dataset("smoking_prop99.csv")) {
            UserInputException e = assertThrows(UserInputException.class, () -> Engines.run(
                    spec(new SynthDesign("state", "year", "California", 2010.0, null, null, null, null)), data));
            assertTrue(e.getMessage().contains("the data end in 2000"), e.getMessage());
        }
    }

    /** One post period: the gap is that year's treated minus synthetic outcome, and the title names the single year. */
    @Test
    void singlePostPeriodWorks() {
        try (Dataset data = Fixtures.dataset("smoking_prop99.csv", "year <= 1989")) {
            AnalysisResult r = Engines.run(spec(new SynthDesign("state", "year", "California", 1989.0, null, null, null, null)), data);
            assertTrue(r.estimand().endsWith("over 1989"), r.estimand());
            assertTrue(Double.isFinite(r.estimate()));
            assertEquals(1L, r.sampleSizes().get("post_periods"));
            assertEquals(map(r, "gaps").get("1989"), r.estimate(), 1e-12, "the average over one period is that period's gap");
        }
    }
}
