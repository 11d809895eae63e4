package io.cerebro.agents.ab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.agents.Fixtures;
import io.cerebro.core.spec.ABTestSpec;
import io.cerebro.core.spec.ABTestType;
import io.cerebro.core.spec.Alternative;
import io.cerebro.core.spec.MultipleTesting;
import io.cerebro.core.spec.SpendingFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The offline templates checked against independent oracles, not against Cerebro's engine:
 * scipy 1.10.1 / statsmodels 0.13.5 numbers from {@code ab_oracles.json} (shared set) and
 * {@code agents_oracles.json} (tools/fixtures/agents_fixtures.py). Tolerances: 1e-9 relative for
 * closed forms (t, z, chi-square, exact sums), 1e-6 for numerically integrated probabilities,
 * 1e-3 absolute for group-sequential boundaries (4-decimal reference).
 */
class AbTemplateOracleTest {
    static JsonNode ab;
    static JsonNode agents;

    @BeforeAll
    static void load() throws IOException {
        ab = new ObjectMapper().readTree(Fixtures.ab("ab_oracles.json").toFile());
        agents = new ObjectMapper().readTree(Fixtures.ab("agents_oracles.json").toFile());
    }

    static void close(double expected, JsonNode actual, double rel, String what) {
        double a = actual.asDouble(Double.NaN);
        assertEquals(expected, a, Math.max(1e-12, rel * Math.abs(expected)), what);
    }

    static ABTestSpec.Builder revenue() {
        return ABTestSpec.builder("variant", "revenue");
    }

    static ABTestSpec.Builder converted() {
        return ABTestSpec.builder("variant", "converted");
    }

    @Test
    void welchMatchesScipy() {
        JsonNode o = ab.at("/checkout_ab.csv/treatment_vs_control/revenue/welch");
        JsonNode e = TemplateRun.estimate(TemplateRun.run(revenue().test(ABTestType.WELCH).build(), "checkout_ab.csv"),
                "ab.welch", "treatment vs control");
        close(o.get("statistic").asDouble(), e.at("/statistic/value"), 1e-9, "t");
        close(o.get("df").asDouble(), e.at("/statistic/df"), 1e-9, "df");
        close(o.get("pvalue").asDouble(), e.get("pValue"), 1e-9, "p");
        close(o.get("diff").asDouble(), e.get("estimate"), 1e-9, "diff");
        close(o.at("/ci95/0").asDouble(), e.at("/interval/lower"), 1e-9, "lower");
        close(o.at("/ci95/1").asDouble(), e.at("/interval/upper"), 1e-9, "upper");
    }

    @Test
    void oneSidedWelchMatchesScipy() {
        for (String alt : new String[]{"greater", "less"}) {
            JsonNode o = agents.get("welch_revenue_" + alt);
            JsonNode e = TemplateRun.estimate(TemplateRun.run(revenue().alternative(Alternative.valueOf(alt.toUpperCase()))
                    .build(), "checkout_ab.csv"), "ab.welch", "treatment vs control");
            close(o.get("pvalue").asDouble(), e.get("pValue"), 1e-9, alt + " p");
            assertEquals(alt.equals("greater") ? "Infinity" : "-Infinity",
                    e.at(alt.equals("greater") ? "/interval/upper" : "/interval/lower").asText(), "open bound");
        }
    }

    @Test
    void studentMatchesScipy() {
        JsonNode o = ab.at("/small_ties.csv/score/student");
        JsonNode e = TemplateRun.estimate(TemplateRun.run(ABTestSpec.builder("group", "score").test(ABTestType.STUDENT).build(),
                "small_ties.csv"), "ab.student", "trt vs ctrl");
        close(o.get("statistic").asDouble(), e.at("/statistic/value"), 1e-9, "t");
        close(o.get("df").asDouble(), e.at("/statistic/df"), 1e-12, "df");
        close(o.get("pvalue").asDouble(), e.get("pValue"), 1e-9, "p");
        close(o.at("/ci95/0").asDouble(), e.at("/interval/lower"), 1e-9, "lower");
        close(o.at("/ci95/1").asDouble(), e.at("/interval/upper"), 1e-9, "upper");
    }

    @Test
    void mannWhitneyAsymptoticWithTiesMatchesScipy() {
        JsonNode o = ab.at("/small_ties.csv/score/mann_whitney");
        JsonNode e = TemplateRun.estimate(TemplateRun.run(ABTestSpec.builder("group", "score").test(ABTestType.MANN_WHITNEY).build(),
                "small_ties.csv"), "ab.mann_whitney", "trt vs ctrl");
        close(o.get("U").asDouble(), e.at("/statistic/value"), 1e-12, "U");
        close(o.get("pvalue").asDouble(), e.get("pValue"), 1e-9, "p");
        close(o.get("U").asDouble() / (11.0 * 14.0), e.get("estimate"), 1e-12, "probability of superiority");
        assertEquals(0, e.at("/extra/exact").asInt());
    }

    @Test
    void mannWhitneyLargeSampleMatchesScipy() {
        JsonNode o = ab.at("/checkout_ab.csv/treatment_vs_control/revenue/mann_whitney");
        JsonNode e = TemplateRun.estimate(TemplateRun.run(revenue().test(ABTestType.MANN_WHITNEY).build(), "checkout_ab.csv"),
                "ab.mann_whitney", "treatment vs control");
        close(o.get("U").asDouble(), e.at("/statistic/value"), 1e-12, "U");
        close(o.get("pvalue").asDouble(), e.get("pValue"), 1e-7, "p");
    }

    @Test
    void mannWhitneyExactMatchesScipy() {
        JsonNode o = agents.get("mw_exact");
        JsonNode e = TemplateRun.estimate(TemplateRun.run(ABTestSpec.builder("arm", "value").test(ABTestType.MANN_WHITNEY).build(),
                "mw_exact.csv"), "ab.mann_whitney", "b_treatment vs a_control");
        close(o.get("U").asDouble(), e.at("/statistic/value"), 1e-12, "U");
        close(o.get("pvalue").asDouble(), e.get("pValue"), 1e-9, "exact p");
        assertEquals(1, e.at("/extra/exact").asInt());
        JsonNode g = TemplateRun.estimate(TemplateRun.run(ABTestSpec.builder("arm", "value").test(ABTestType.MANN_WHITNEY)
                .alternative(Alternative.GREATER).build(), "mw_exact.csv"), "ab.mann_whitney", "b_treatment vs a_control");
        close(o.get("pvalue_greater").asDouble(), g.get("pValue"), 1e-9, "exact one-sided p");
    }

    @Test
    void zProportionsMatchesStatsmodels() {
        JsonNode o = ab.at("/checkout_ab.csv/treatment_vs_control/converted");
        JsonNode e = TemplateRun.estimate(TemplateRun.run(converted().build(), "checkout_ab.csv"),
                "ab.z_proportions", "treatment vs control");
        close(o.at("/two_proportion_z/z").asDouble(), e.at("/statistic/value"), 1e-9, "z");
        close(o.at("/two_proportion_z/pvalue").asDouble(), e.get("pValue"), 1e-9, "p");
        close(o.at("/diff_ci95_wald/diff").asDouble(), e.get("estimate"), 1e-9, "diff");
        close(o.at("/diff_ci95_wald/ci95/0").asDouble(), e.at("/interval/lower"), 1e-9, "wald lower");
        close(o.at("/diff_ci95_wald/ci95/1").asDouble(), e.at("/interval/upper"), 1e-9, "wald upper");
        close(o.at("/diff_ci95_newcomb/ci95/0").asDouble(), e.at("/extra/newcombe_lower"), 1e-9, "newcombe lower");
        close(o.at("/diff_ci95_newcomb/ci95/1").asDouble(), e.at("/extra/newcombe_upper"), 1e-9, "newcombe upper");
    }

    @Test
    void chiSquareMatchesScipy() {
        JsonNode o = ab.at("/small_ties.csv/clicked");
        JsonNode e = TemplateRun.estimate(TemplateRun.run(ABTestSpec.builder("group", "clicked").test(ABTestType.CHI_SQUARE).build(),
                "small_ties.csv"), "ab.chi_square", "trt vs ctrl");
        close(o.at("/chi2_yates_true/chi2").asDouble(), e.at("/statistic/value"), 1e-9, "Yates chi2");
        close(o.at("/chi2_yates_true/pvalue").asDouble(), e.get("pValue"), 1e-9, "Yates p");
        close(o.at("/chi2_yates_false/chi2").asDouble(), e.at("/extra/chi2_uncorrected"), 1e-9, "chi2");
        close(o.at("/chi2_yates_false/pvalue").asDouble(), e.at("/extra/p_uncorrected"), 1e-9, "p");
    }

    @Test
    void fisherMatchesScipy() {
        JsonNode o = ab.at("/checkout_ab.csv/treatment_vs_control/converted/fisher_exact");
        JsonNode e = TemplateRun.estimate(TemplateRun.run(converted().test(ABTestType.FISHER).build(), "checkout_ab.csv"),
                "ab.fisher", "treatment vs control");
        close(o.get("odds_ratio").asDouble(), e.get("estimate"), 1e-12, "odds ratio");
        close(o.get("pvalue").asDouble(), e.get("pValue"), 1e-8, "p");
        JsonNode small = ab.at("/small_ties.csv/clicked/fisher_exact");
        JsonNode s = TemplateRun.estimate(TemplateRun.run(ABTestSpec.builder("group", "clicked").test(ABTestType.FISHER).build(),
                "small_ties.csv"), "ab.fisher", "trt vs ctrl");
        close(small.get("odds_ratio").asDouble(), s.get("estimate"), 1e-12, "small odds ratio");
        close(small.get("pvalue").asDouble(), s.get("pValue"), 1e-9, "small p");
    }

    @Test
    void oneSidedFisherMatchesScipy() {
        for (String alt : new String[]{"greater", "less"}) {
            JsonNode o = agents.get("fisher_converted_" + alt);
            JsonNode e = TemplateRun.estimate(TemplateRun.run(converted().test(ABTestType.FISHER)
                    .alternative(Alternative.valueOf(alt.toUpperCase())).build(), "checkout_ab.csv"), "ab.fisher", "treatment vs control");
            close(o.get("pvalue").asDouble(), e.get("pValue"), 1e-8, alt);
        }
    }

    @Test
    void betaBinomialMatchesExactSum() {
        JsonNode o = ab.at("/checkout_ab.csv/treatment_vs_control/converted/bayes_beta_binomial");
        JsonNode e = TemplateRun.estimate(TemplateRun.run(converted().test(ABTestType.BAYESIAN).build(), "checkout_ab.csv"),
                "ab.bayesian_beta_binomial", "treatment vs control");
        close(o.get("prob_b_beats_a").asDouble(), e.get("posteriorProbability"), 1e-6, "P(B > A)");
        double ma = 1701.0 / (1701 + 18235);
        double mb = 1772.0 / (1772 + 18296);
        close(mb - ma, e.get("estimate"), 1e-9, "posterior mean difference");
        assertEquals("credible", e.at("/interval/kind").asText());
        JsonNode small = ab.at("/small_ties.csv/clicked/bayes_beta_binomial");
        JsonNode s = TemplateRun.estimate(TemplateRun.run(ABTestSpec.builder("group", "clicked").test(ABTestType.BAYESIAN).build(),
                "small_ties.csv"), "ab.bayesian_beta_binomial", "trt vs ctrl");
        close(small.get("prob_b_beats_a").asDouble(), s.get("posteriorProbability"), 1e-6, "small P(B > A)");
    }

    @Test
    void bayesianNormalMatchesScipyQuadratureOfTPosteriors() {
        JsonNode o = agents.get("bayes_normal_revenue");
        JsonNode e = TemplateRun.estimate(TemplateRun.run(revenue().test(ABTestType.BAYESIAN).build(), "checkout_ab.csv"),
                "ab.bayesian_normal", "treatment vs control");
        close(o.get("sd").asDouble(), e.get("standardError"), 1e-9, "posterior sd");
        close(o.get("prob").asDouble(), e.get("posteriorProbability"), 1e-8, "P(B > A)");
        close(o.get("expected_loss").asDouble(), e.at("/extra/expected_loss"), 1e-8, "expected loss");
        close(o.at("/ci95/0").asDouble(), e.at("/interval/lower"), 1e-8, "lower");
        close(o.at("/ci95/1").asDouble(), e.at("/interval/upper"), 1e-8, "upper");
    }

    @Test
    void msprtMatchesFormula() {
        JsonNode o = agents.get("msprt_revenue_tau1");
        JsonNode e = TemplateRun.estimate(TemplateRun.run(revenue().test(ABTestType.MSPRT).msprtTau(1.0).build(), "checkout_ab.csv"),
                "ab.msprt", "treatment vs control");
        close(o.get("pvalue").asDouble(), e.get("pValue"), 1e-9, "always-valid p");
        close(o.at("/ci/0").asDouble(), e.at("/interval/lower"), 1e-9, "lower");
        close(o.at("/ci/1").asDouble(), e.at("/interval/upper"), 1e-9, "upper");
    }

    @Test
    void groupSequentialBoundariesMatchReference() {
        JsonNode o = ab.get("group_sequential");
        for (SpendingFunction f : SpendingFunction.values()) {
            JsonNode ref = o.get(f == SpendingFunction.POCOCK ? "pocock_type" : "obrien_fleming_type");
            for (int look : new int[]{1, 3, 5}) {
                JsonNode e = TemplateRun.estimate(TemplateRun.run(ABTestSpec.builder("group", "score").test(ABTestType.GROUP_SEQUENTIAL)
                        .looks(5).look(look).spending(f).build(), "small_ties.csv"), "ab.group_sequential", "trt vs ctrl");
                assertEquals(ref.get(look - 1).asDouble(), e.at("/extra/boundary_z").asDouble(), 1e-3, f + " look " + look);
            }
        }
    }

    @Test
    void cupedMatchesReference() {
        JsonNode o = ab.at("/checkout_ab.csv/cuped_revenue");
        JsonNode e = TemplateRun.estimate(TemplateRun.run(revenue().covariate("pre_revenue").build(), "checkout_ab.csv"),
                "ab.cuped", "treatment vs control");
        close(o.get("theta").asDouble(), e.at("/extra/theta"), 1e-9, "theta");
        close(o.at("/welch/statistic").asDouble(), e.at("/statistic/value"), 1e-9, "t");
        close(o.at("/welch/pvalue").asDouble(), e.get("pValue"), 1e-9, "p");
        close(o.at("/welch/diff").asDouble(), e.get("estimate"), 1e-9, "diff");
        close(o.at("/welch/ci95/0").asDouble(), e.at("/interval/lower"), 1e-9, "lower");
    }

    @Test
    void postStratificationMatchesPandas() {
        JsonNode o = agents.get("post_strat_revenue_country");
        JsonNode e = TemplateRun.estimate(TemplateRun.run(revenue().strata("country").build(), "checkout_ab.csv"),
                "ab.post_stratification", "treatment vs control");
        close(o.get("estimate").asDouble(), e.get("estimate"), 1e-9, "estimate");
        close(o.get("se").asDouble(), e.get("standardError"), 1e-9, "se");
        close(o.get("pvalue").asDouble(), e.get("pValue"), 1e-9, "p");
    }

    @Test
    void threeArmsHolmBhBonferroniMatchStatsmodels() {
        JsonNode o = agents.get("pricing_converted_adjusted");
        for (MultipleTesting m : new MultipleTesting[]{MultipleTesting.HOLM, MultipleTesting.BH, MultipleTesting.BONFERRONI}) {
            JsonNode r = TemplateRun.run(converted().correction(m).build(), "pricing_abc.csv");
            String key = m.name().toLowerCase();
            close(o.at("/" + key + "/0").asDouble(), TemplateRun.estimate(r, "ab.z_proportions", "B vs A").get("adjustedPValue"), 1e-9, key + " B");
            close(o.at("/" + key + "/1").asDouble(), TemplateRun.estimate(r, "ab.z_proportions", "C vs A").get("adjustedPValue"), 1e-9, key + " C");
        }
    }

    @Test
    void threeArmWelchAndAnovaMatchScipy() {
        JsonNode r = TemplateRun.run(revenue().build(), "pricing_abc.csv");
        JsonNode o = ab.at("/pricing_abc.csv/C_vs_A/revenue/welch");
        JsonNode e = TemplateRun.estimate(r, "ab.welch", "C vs A");
        close(o.get("statistic").asDouble(), e.at("/statistic/value"), 1e-9, "t");
        close(o.get("pvalue").asDouble(), e.get("pValue"), 1e-9, "p");
        JsonNode anova = ab.at("/pricing_abc.csv/anova_revenue");
        JsonNode a = TemplateRun.estimate(r, "ab.anova", "all arms");
        close(anova.path("F").asDouble(anova.path("statistic").asDouble()), a.at("/statistic/value"), 1e-9, "F");
        close(anova.path("pvalue").asDouble(), a.get("pValue"), 1e-7, "ANOVA p");
    }

    @Test
    void srmMatchesScipy() {
        JsonNode o = ab.at("/pricing_abc.csv/srm_equal_allocation");
        JsonNode r = TemplateRun.run(converted().build(), "pricing_abc.csv");
        close(o.get("chi2").asDouble(), r.at("/details/srm/chi2"), 1e-9, "chi2");
        close(o.get("pvalue").asDouble(), r.at("/details/srm/p_value"), 1e-9, "p");
    }

    @Test
    void dropMissingMatchesScipyOnCompleteRows() {
        JsonNode o = agents.get("welch_missing_dropped");
        JsonNode r = TemplateRun.run(revenue().dropMissing(true).build(), "checkout_missing.csv");
        JsonNode e = TemplateRun.estimate(r, "ab.welch", "treatment vs control");
        close(o.get("statistic").asDouble(), e.at("/statistic/value"), 1e-9, "t");
        close(o.get("pvalue").asDouble(), e.get("pValue"), 1e-9, "p");
        assertEquals(o.get("n").asLong(), r.at("/sampleSizes/total").asLong());
    }

    @Test
    void threeArmMannWhitneyAndKruskalWallisMatchScipy() {
        JsonNode r = TemplateRun.run(revenue().test(ABTestType.MANN_WHITNEY).build(), "pricing_abc.csv");
        JsonNode o = ab.at("/pricing_abc.csv/B_vs_A/revenue/mann_whitney");
        close(o.get("U").asDouble(), TemplateRun.estimate(r, "ab.mann_whitney", "B vs A").at("/statistic/value"), 1e-12, "U");
        JsonNode kw = ab.at("/pricing_abc.csv/kruskal_revenue");
        JsonNode e = TemplateRun.estimate(r, "ab.kruskal_wallis", "all arms");
        close(kw.get("H").asDouble(), e.at("/statistic/value"), 1e-9, "H");
        close(kw.get("pvalue").asDouble(), e.get("pValue"), 1e-8, "p");
        assertEquals(2, e.at("/statistic/df").asInt());
    }

    @Test
    void betaBinomialProbabilityBestAndExpectedLossMatchNumericalIntegration() {
        JsonNode o = agents.get("pricing_beta_binomial");
        JsonNode r = TemplateRun.run(converted().test(ABTestType.BAYESIAN).build(), "pricing_abc.csv");
        JsonNode b = TemplateRun.estimate(r, "ab.bayesian_beta_binomial", "B vs A");
        JsonNode c = TemplateRun.estimate(r, "ab.bayesian_beta_binomial", "C vs A");
        // Monte Carlo with 200,000 draws: standard error below 0.0012 for probabilities
        assertEquals(o.at("/prob_best/1").asDouble(), b.at("/extra/prob_best").asDouble(), 0.005, "P(B best)");
        assertEquals(o.at("/prob_best/2").asDouble(), c.at("/extra/prob_best").asDouble(), 0.005, "P(C best)");
        assertEquals(o.get("expected_loss_B").asDouble(), b.at("/extra/expected_loss").asDouble(), 2e-5, "expected loss B");
        assertEquals(o.get("expected_loss_C").asDouble(), c.at("/extra/expected_loss").asDouble(), 2e-5, "expected loss C");
    }

    @Test
    void relativeLiftMatchesDeltaMethod() {
        JsonNode o = agents.get("relative_lift");
        JsonNode w = TemplateRun.estimate(TemplateRun.run(revenue().build(), "checkout_ab.csv"), "ab.welch", "treatment vs control");
        close(o.at("/revenue/lift").asDouble(), w.at("/extra/relative_lift"), 1e-9, "revenue lift");
        close(o.at("/revenue/lower").asDouble(), w.at("/extra/relative_lift_lower"), 1e-9, "revenue lower");
        close(o.at("/revenue/upper").asDouble(), w.at("/extra/relative_lift_upper"), 1e-9, "revenue upper");
        JsonNode z = TemplateRun.estimate(TemplateRun.run(converted().build(), "checkout_ab.csv"), "ab.z_proportions", "treatment vs control");
        close(o.at("/converted/lift").asDouble(), z.at("/extra/relative_lift"), 1e-9, "conversion lift");
        close(o.at("/converted/lower").asDouble(), z.at("/extra/relative_lift_lower"), 1e-9, "conversion lower");
    }
}
