package io.cerebro.core.causal.insight;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.cerebro.core.causal.CausalCheck;
import io.cerebro.core.causal.CausalFixtures;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.report.HtmlReport;
import io.cerebro.core.report.MarkdownReport;
import io.cerebro.core.report.TextReport;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.result.Insight;
import io.cerebro.core.result.Interval;
import io.cerebro.core.result.ResultJson;
import io.cerebro.core.spec.CausalMethod;
import io.cerebro.core.spec.CausalSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InsightsTest {
    private static final List<String> COVS = List.of("age", "educ", "black", "hispan", "married", "nodegree", "re74", "re75");

    static Path repoFile(String rel) {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve(rel))) {
            p = p.getParent();
        }
        return p.resolve(rel);
    }

    static Insight topic(List<Insight> all, String topic) {
        return all.stream().filter(i -> i.topic().equals(topic)).findFirst().orElseThrow(() -> new AssertionError(topic + " in " + all));
    }

    /** LaLonde regression: the benchmark confounder and robustness value against statsmodels, and the sentences quoting them. */
    @Test
    void lalondeRegressionInsightsQuoteTheOracleNumbers() throws Exception {
        JsonNode o = CausalFixtures.json("causal_insights_oracles.json").get("lalonde_psid_regression");
        try (Dataset data = Dataset.read(CausalFixtures.file("lalonde_nsw_psid_observational.csv"))) {
            CausalSpec spec = CausalSpec.builder(CausalMethod.REGRESSION, "re78").treatment("treat").confounders(COVS)
                    .refute(List.of("subset")).build();
            AnalysisResult r = Engines.run(spec, data);
            @SuppressWarnings("unchecked")
            Map<String, Object> b = (Map<String, Object>) r.details().get("confounder_benchmark");
            String best = o.get("benchmark").asText();
            assertEquals(best, b.get("confounder"));
            assertEquals(o.get("per_confounder").get(best).get("partial_r2_outcome").asDouble(), (Double) b.get("partial_r2_outcome"), 1e-9);
            assertEquals(o.get("per_confounder").get(best).get("partial_r2_treatment").asDouble(), (Double) b.get("partial_r2_treatment"), 1e-9);
            assertEquals(o.get("robustness_value_q1").asDouble(), r.find(CausalCheck.ROBUSTNESS_VALUE.id()).estimate(), 1e-9);
            assertEquals(o.get("ols_effect").asDouble(), r.estimate(), 1e-6);

            List<Insight> in = Insights.of(r);
            Insight effect = topic(in, "effect");
            assertTrue(effect.statement().startsWith("The estimated effect on re78 is +1548"), effect.statement());
            // 429 PSID controls average 6984.17 in re78 (the ATE's baseline): +22%
            assertEquals(6984.17, effect.numbers().get("baseline"), 0.01);
            assertTrue(effect.statement().contains("+22% relative to the 6984"), effect.statement());
            Insight sens = topic(in, "sensitivity");
            assertTrue(sens.statement().contains("7.7% of the residual variance"), sens.statement());
            assertTrue(sens.statement().contains("the strongest measured confounder, black, explains 0.4% of the outcome's and 29%"),
                    sens.statement());
            assertEquals(Insight.Strength.MODERATE, sens.strength()); // 0.4% < RV 7.7% < 29%
            assertTrue(topic(in, "refutation").statement().startsWith("The effect survived all 1 refuter: subset moves it to"));
            assertTrue(topic(in, "limits").statement().contains("(Manski)"));

            AnalysisResult withIn = r.withInsights(in);
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(Files.readString(repoFile("docs/result-schema.json")));
            String json = ResultJson.write(withIn);
            assertTrue(schema.validate(ResultJson.mapper().readTree(json)).isEmpty(), schema.validate(ResultJson.mapper().readTree(json)).toString());
            assertTrue(json.contains("\"insights\"") && json.contains("\"strength\" : \"moderate\""), json);
            assertEquals(in, ResultJson.read(json).insights());
            assertTrue(!ResultJson.write(r).contains("\"insights\""), "no insights unless asked for");
            for (String rendered : List.of(TextReport.render(withIn), MarkdownReport.render(withIn), HtmlReport.render(withIn))) {
                assertTrue(rendered.contains(effect.statement().substring(0, 40)), rendered);
                assertTrue(rendered.toLowerCase().contains("insights"));
            }
        }
    }

    private static AnalysisResult result(double est, double lo, double hi, double p, double baseline, double refuteP, double rv) {
        AnalysisResult.Builder b = AnalysisResult.builder("causal", "causal.regression")
                .estimate(Estimate.builder("treat", "causal.regression").estimate(est).interval(Interval.confidence(lo, hi, 0.95)).pValue(p).build())
                .estimate(Estimate.builder("refute: bootstrap", CausalCheck.REFUTE.id()).estimate(est * 0.9).pValue(refuteP).build())
                .estimate(Estimate.builder("robustness value", CausalCheck.ROBUSTNESS_VALUE.id()).estimate(rv).build())
                .detail("baseline_mean", baseline)
                .detail("confounder_benchmark", Map.of("confounder", "income", "partial_r2_outcome", 0.05, "partial_r2_treatment", 0.10));
        return b.build();
    }

    /** The sentences are written from the numbers: change a number and the statement and its strength follow. */
    @Test
    void statementsChangeWithTheNumbers() {
        List<Insight> a = Insights.of(result(5, 2, 8, 0.001, 50, 0.6, 0.3));
        List<Insight> b = Insights.of(result(-5, -12, 2, 0.2, 40, 0.01, 0.07));
        Insight ea = topic(a, "effect");
        Insight eb = topic(b, "effect");
        assertTrue(ea.statement().contains("+5.00 (95% interval +2.00 to +8.00), +10% relative to the 50.0"), ea.statement());
        assertTrue(ea.statement().contains("an increase (p = 0.001)"), ea.statement());
        assertEquals(Insight.Strength.STRONG, ea.strength());
        assertTrue(eb.statement().contains("-5.00 (95% interval -12.0 to +2.00), -13% relative to the 40.0"), eb.statement());
        assertTrue(eb.statement().contains("includes zero (p = 0.200): the data cannot rule out no effect, nor one as large as -12.0"),
                eb.statement());
        assertEquals(Insight.Strength.WEAK, eb.strength());
        assertTrue(topic(a, "refutation").statement().startsWith("The effect survived all 1 refuter"));
        assertTrue(topic(b, "refutation").statement().contains("failed 1: bootstrap moves it to -4.50"), topic(b, "refutation").statement());
        assertEquals(Insight.Strength.STRONG, topic(a, "sensitivity").strength());
        assertTrue(topic(a, "sensitivity").statement().contains("stronger than income on both counts"));
        assertEquals(Insight.Strength.MODERATE, topic(b, "sensitivity").strength());
        assertTrue(topic(Insights.of(result(5, 2, 8, 0.01, 50, 0.6, 0.02)), "sensitivity").statement()
                .contains("no stronger than income would be enough"));
        assertEquals(Insight.Strength.MODERATE, topic(Insights.of(result(5, 2, 8, 0.01, 50, 0.6, 0.3)), "effect").strength());
        assertNotEquals(ea.statement(), topic(Insights.of(result(6, 2, 8, 0.001, 50, 0.6, 0.3)), "effect").statement());
    }

    @Test
    void holmMatchesTheTextbookSteps() {
        // p = (0.01, 0.04, 0.03): sorted 0.01*3 = 0.03, 0.03*2 = 0.06, max(0.06, 0.04*1) = 0.06
        double[] adj = Insights.holm(new double[]{0.01, 0.04, 0.03});
        assertEquals(0.03, adj[0], 1e-12);
        assertEquals(0.06, adj[1], 1e-12);
        assertEquals(0.06, adj[2], 1e-12);
    }

    /** Planted heterogeneity (effect 2 in group a, 0 in b and c) is found; without it, none is claimed. */
    @Test
    void subgroupsFindAPlantedDifference(@TempDir Path dir) throws Exception {
        for (boolean planted : new boolean[]{true, false}) {
            Random rng = new Random(11);
            StringBuilder csv = new StringBuilder("g,x,t,y\n");
            for (int i = 0; i < 1500; i++) {
                String g = new String[]{"a", "b", "c"}[i % 3];
                double x = rng.nextGaussian();
                int t = rng.nextDouble() < 1 / (1 + Math.exp(-x)) ? 1 : 0;
                double effect = planted && g.equals("a") ? 2 : 0.5;
                double y = x + effect * t + rng.nextGaussian();
                csv.append(g).append(',').append(x).append(',').append(t).append(',').append(y).append('\n');
            }
            Path f = dir.resolve("sub" + planted + ".csv");
            Files.writeString(f, csv);
            try (Dataset data = Dataset.read(f)) {
                CausalSpec spec = CausalSpec.builder(CausalMethod.REGRESSION, "y").treatment("t").confounders(List.of("x")).build();
                Insight s = Insights.subgroups(spec, data, "g");
                assertNotNull(s.numbers().get("a_adjusted_p"));
                if (planted) {
                    assertTrue(s.statement().startsWith("The effect differs by g after Holm's correction over 3 comparisons: g = a"), s.statement());
                    assertTrue(s.numbers().get("a_adjusted_p") < 0.05);
                    assertEquals(2.0, s.numbers().get("a_effect"), 0.3);
                } else {
                    assertTrue(s.statement().startsWith("No level of g differs from the rest"), s.statement());
                }
            }
        }
    }

    /** A synthetic-control result: the relative change uses the treated unit's untreated counterfactual, the limits name the design's reach. */
    @Test
    void synthInsightsNameTheDesignLimits() {
        try (Dataset data = io.cerebro.core.causal.quasi.Fixtures.dataset("smoking_prop99.csv")) {
            AnalysisResult r = Engines.run(CausalSpec.builder(CausalMethod.SYNTH, "cigsale").synth(new io.cerebro.core.spec.SynthDesign(
                    "state", "year", "California", 1989.0, null, null, null, null)).build(), data);
            // the counterfactual is California's 1989-2000 mean (computed here from the csv) less the gap
            double caliPost = 0;
            String[] st = data.strings("state");
            double[] yr = data.doubles("year");
            double[] y = data.doubles("cigsale");
            for (int i = 0; i < y.length; i++) {
                if (st[i].equals("California") && yr[i] >= 1989) {
                    caliPost += y[i] / 12;
                }
            }
            List<Insight> in = Insights.of(r);
            Insight e = topic(in, "effect");
            assertEquals(caliPost - r.estimate(), e.numbers().get("baseline"), 1e-9);
            assertEquals(r.estimate() / (caliPost - r.estimate()), e.numbers().get("relative_change"), 1e-12);
            // the placebo rank p-value, 3 of 39 units (SyntheticControlTest checks it against the oracle)
            assertTrue(e.statement().contains("-24% relative to the 79.9 expected without treatment. At p = 0.077 (above 0.05)"
                    + " the data cannot rule out no effect."), e.statement());
            assertTrue(topic(in, "limits").statement().contains("over the 12 post-treatment periods only, against a comparison built from 38 donors"));
            assertTrue(topic(in, "effect").assumption().contains("synthetic control"));
        }
    }
}
