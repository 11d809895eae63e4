package io.cerebro.core.ab;

import com.fasterxml.jackson.databind.JsonNode;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Diagnostic;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.spec.ABTestSpec;
import io.cerebro.core.spec.ABTestType;
import io.cerebro.core.spec.MultipleTesting;
import org.junit.jupiter.api.Test;

import static io.cerebro.core.ab.AbOracles.CLOSED;
import static io.cerebro.core.ab.AbOracles.close;
import static io.cerebro.core.ab.AbOracles.find;
import static io.cerebro.core.ab.AbOracles.interval;
import static io.cerebro.core.ab.AbOracles.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every number of {@code oracles/ab/ab_oracles.json} (scipy 1.10.1 / statsmodels 0.13.5, calls in
 * the file) except the power and group-sequential sections, matched through the engine on the same
 * CSVs: relative error below 1e-9 (all these are closed forms, including the exact Beta-Binomial sum).
 */
class ABTestEngineOracleTest {
    private static final JsonNode ORACLE = AbOracles.json("ab_oracles.json");

    /** Welch (auto), Student and Mann-Whitney (asymptotic) against the oracle's continuous block. */
    static void checkContinuous(JsonNode o, String csv, String arm, String control, String label, String col, String armCol) {
        ABTestSpec spec = ABTestSpec.builder(armCol, col).control(control).build();
        AnalysisResult auto = run(csv, spec);
        Estimate w = find(auto, label, "ab.welch");
        JsonNode ow = o.get("welch");
        close(ow.get("statistic"), w.statistic().value(), CLOSED, label + " welch t");
        close(ow.get("pvalue"), w.pValue(), CLOSED, label + " welch p");
        close(ow.get("df"), w.statistic().df(), CLOSED, label + " welch df");
        close(ow.get("diff"), w.estimate(), CLOSED, label + " welch diff");
        interval(ow.get("ci95"), w.interval(), CLOSED, label + " welch ci");

        Estimate s = find(run(csv, spec.toBuilder().test(ABTestType.STUDENT).build()), label, "ab.student");
        JsonNode os = o.get("student");
        close(os.get("statistic"), s.statistic().value(), CLOSED, label + " student t");
        close(os.get("pvalue"), s.pValue(), CLOSED, label + " student p");
        close(os.get("df"), s.statistic().df(), CLOSED, label + " student df");
        interval(os.get("ci95"), s.interval(), CLOSED, label + " student ci");

        Estimate mw = find(auto, label, "ab.mann_whitney");
        JsonNode om = o.get("mann_whitney");
        close(om.get("U"), mw.statistic().value(), CLOSED, label + " U");
        close(om.get("pvalue"), mw.pValue(), CLOSED, label + " MW p");
        assertEquals(0.0, mw.extra("exact"), label + " MW should be asymptotic");
    }

    /** z, Wald and Newcombe intervals, chi-square with and without Yates, Fisher, Beta-Binomial. */
    static void checkBinary(JsonNode o, String csv, String control, String label, String col, String armCol) {
        AnalysisResult auto = run(csv, ABTestSpec.builder(armCol, col).control(control).build());
        assertEquals("ab.z_proportions", auto.estimates().get(0).method());
        Estimate z = find(auto, label, "ab.z_proportions");
        close(o.at("/two_proportion_z/z"), z.statistic().value(), CLOSED, label + " z");
        close(o.at("/two_proportion_z/pvalue"), z.pValue(), CLOSED, label + " z p");
        close(o.at("/diff_ci95_wald/diff"), z.estimate(), CLOSED, label + " diff");
        interval(o.at("/diff_ci95_wald/ci95"), z.interval(), CLOSED, label + " wald");
        close(o.at("/diff_ci95_newcomb/ci95/0"), z.extra("newcombe_lower"), CLOSED, label + " newcombe lower");
        close(o.at("/diff_ci95_newcomb/ci95/1"), z.extra("newcombe_upper"), CLOSED, label + " newcombe upper");

        Estimate chi = find(auto, label, "ab.chi_square");
        close(o.at("/chi2_yates_true/chi2"), chi.statistic().value(), CLOSED, label + " chi2 yates");
        close(o.at("/chi2_yates_true/pvalue"), chi.pValue(), CLOSED, label + " chi2 yates p");
        assertEquals(o.at("/chi2_yates_true/dof").asDouble(), chi.statistic().df());
        close(o.at("/chi2_yates_false/chi2"), chi.extra("chi2_uncorrected"), CLOSED, label + " chi2");
        close(o.at("/chi2_yates_false/pvalue"), chi.extra("p_uncorrected"), CLOSED, label + " chi2 p");

        Estimate f = find(auto, label, "ab.fisher");
        close(o.at("/fisher_exact/odds_ratio"), f.estimate(), CLOSED, label + " odds ratio");
        close(o.at("/fisher_exact/pvalue"), f.pValue(), CLOSED, label + " fisher p");

        Estimate b = find(auto, label, "ab.bayesian_beta_binomial");
        close(o.at("/bayes_beta_binomial/prob_b_beats_a"), b.posteriorProbability(), CLOSED, label + " P(B>A)");
        close(o.at("/bayes_beta_binomial/posterior_b/0"), b.extra("posterior_alpha"), CLOSED, label + " posterior alpha");
        close(o.at("/bayes_beta_binomial/posterior_b/1"), b.extra("posterior_beta"), CLOSED, label + " posterior beta");
        close(o.at("/bayes_beta_binomial/posterior_a/0"), b.extra("posterior_alpha_control"), CLOSED, label + " control alpha");
        close(o.at("/bayes_beta_binomial/posterior_a/1"), b.extra("posterior_beta_control"), CLOSED, label + " control beta");
    }

    @Test
    void checkoutRevenue() {
        checkContinuous(ORACLE.at("/checkout_ab.csv/treatment_vs_control/revenue"), "checkout_ab.csv", "treatment", "control",
                "treatment vs control", "revenue", "variant");
    }

    @Test
    void checkoutConverted() {
        JsonNode o = ORACLE.at("/checkout_ab.csv/treatment_vs_control/converted");
        checkBinary(o, "checkout_ab.csv", "control", "treatment vs control", "converted", "variant");
        AnalysisResult r = run("checkout_ab.csv", ABTestSpec.of("variant", "converted"));
        assertEquals(o.at("/counts/n_control").asLong(), r.sampleSizes().get("control"));
        assertEquals(o.at("/counts/n_treatment").asLong(), r.sampleSizes().get("treatment"));
        assertEquals(o.at("/counts/conv_control").asDouble() / o.at("/counts/n_control").asDouble(), r.arms().get(0).mean(), 1e-15);
    }

    @Test
    void checkoutSrmAndCuped() {
        JsonNode srm = ORACLE.at("/checkout_ab.csv/srm_equal_allocation");
        AnalysisResult r = run("checkout_ab.csv", ABTestSpec.builder("variant", "revenue").covariate("pre_revenue").build());
        Diagnostic d = r.diagnostics().stream().filter(x -> x.name().equals("srm")).findFirst().orElseThrow();
        close(srm.get("chi2"), d.values().get("chi2"), CLOSED, "srm chi2");
        close(srm.get("pvalue"), d.values().get("p_value"), CLOSED, "srm p");
        assertEquals("pass", d.status().toString());

        JsonNode c = ORACLE.at("/checkout_ab.csv/cuped_revenue");
        Estimate e = find(r, "treatment vs control", "ab.cuped");
        close(c.get("theta"), e.extra("theta"), CLOSED, "theta");
        close(c.at("/welch/statistic"), e.statistic().value(), CLOSED, "cuped t");
        close(c.at("/welch/pvalue"), e.pValue(), CLOSED, "cuped p");
        close(c.at("/welch/df"), e.statistic().df(), CLOSED, "cuped df");
        close(c.at("/welch/diff"), e.estimate(), CLOSED, "cuped diff");
        interval(c.at("/welch/ci95"), e.interval(), CLOSED, "cuped ci");
    }

    @Test
    void pricingPairs() {
        for (String arm : new String[]{"B", "C"}) {
            JsonNode o = ORACLE.at("/pricing_abc.csv/" + arm + "_vs_A");
            checkContinuous(o.get("revenue"), "pricing_abc.csv", arm, "A", arm + " vs A", "revenue", "variant");
            checkBinary(o.get("converted"), "pricing_abc.csv", "A", arm + " vs A", "converted", "variant");
        }
    }

    @Test
    void pricingSrmFailsProminently() {
        JsonNode srm = ORACLE.at("/pricing_abc.csv/srm_equal_allocation");
        AnalysisResult r = run("pricing_abc.csv", ABTestSpec.of("variant", "converted"));
        Diagnostic d = r.diagnostics().stream().filter(x -> x.name().equals("srm")).findFirst().orElseThrow();
        close(srm.get("chi2"), d.values().get("chi2"), CLOSED, "srm chi2");
        close(srm.get("pvalue"), d.values().get("p_value"), CLOSED, "srm p");
        assertEquals("fail", d.status().toString());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("SAMPLE RATIO MISMATCH")), r.warnings().toString());
        assertTrue(r.details().containsKey("srm"));
    }

    @Test
    void pricingMultipleTesting() {
        JsonNode o = ORACLE.at("/pricing_abc.csv/multiple_testing_converted");
        for (String[] m : new String[][]{{"holm", "HOLM"}, {"fdr_bh", "BH"}}) {
            AnalysisResult r = run("pricing_abc.csv", ABTestSpec.builder("variant", "converted")
                    .correction(MultipleTesting.valueOf(m[1])).build());
            Estimate b = find(r, "B vs A", "ab.z_proportions");
            Estimate c = find(r, "C vs A", "ab.z_proportions");
            close(o.at("/raw/0"), b.pValue(), CLOSED, "raw B");
            close(o.at("/raw/1"), c.pValue(), CLOSED, "raw C");
            close(o.at("/" + m[0] + "/0"), b.adjustedPValue(), CLOSED, m[0] + " B");
            close(o.at("/" + m[0] + "/1"), c.adjustedPValue(), CLOSED, m[0] + " C");
        }
    }

    @Test
    void pricingOmnibus() {
        AnalysisResult r = run("pricing_abc.csv", ABTestSpec.of("variant", "revenue"));
        Estimate anova = find(r, "all arms", "ab.anova");
        close(ORACLE.at("/pricing_abc.csv/anova_revenue/F"), anova.statistic().value(), CLOSED, "F");
        close(ORACLE.at("/pricing_abc.csv/anova_revenue/pvalue"), anova.pValue(), CLOSED, "F p");
        assertEquals(2.0, anova.statistic().df());
        assertEquals(60000.0 - 3, anova.extra("df_within"));
        Estimate kw = find(r, "all arms", "ab.kruskal_wallis");
        close(ORACLE.at("/pricing_abc.csv/kruskal_revenue/H"), kw.statistic().value(), CLOSED, "H");
        close(ORACLE.at("/pricing_abc.csv/kruskal_revenue/pvalue"), kw.pValue(), CLOSED, "H p");
    }

    @Test
    void smallTies() {
        checkContinuous(ORACLE.at("/small_ties.csv/score"), "small_ties.csv", "trt", "ctrl", "trt vs ctrl", "score", "group");
        checkBinary(ORACLE.at("/small_ties.csv/clicked"), "small_ties.csv", "ctrl", "trt vs ctrl", "clicked", "group");
    }
}
