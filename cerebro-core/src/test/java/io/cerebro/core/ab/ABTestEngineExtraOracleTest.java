package io.cerebro.core.ab;

import com.fasterxml.jackson.databind.JsonNode;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Chart;
import io.cerebro.core.result.Diagnostic;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.result.Interval;
import io.cerebro.core.spec.ABTestSpec;
import io.cerebro.core.spec.ABTestType;
import io.cerebro.core.spec.Alternative;
import io.cerebro.core.spec.MultipleTesting;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static io.cerebro.core.ab.AbOracles.CLOSED;
import static io.cerebro.core.ab.AbOracles.NUMERIC;
import static io.cerebro.core.ab.AbOracles.close;
import static io.cerebro.core.ab.AbOracles.find;
import static io.cerebro.core.ab.AbOracles.interval;
import static io.cerebro.core.ab.AbOracles.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine against {@code oracles/ab/ab_extra_oracles.json}, written by
 * {@code tools/fixtures/ab_extra.py} with scipy 1.10.1 / statsmodels 0.13.5 (each block names its
 * call): exact Mann-Whitney, one-sided tests, relative lift, Newcombe and Woolf intervals, the
 * Bayesian models (oracle by adaptive quadrature), CUPED and post-stratification, allocation SRM,
 * Bonferroni, and the public Cookie Cats data. Tolerances: 1e-9 relative for closed forms, 1e-6
 * where the engine or the oracle integrates numerically or solves for a quantile.
 */
class ABTestEngineExtraOracleTest {
    private static final JsonNode X = AbOracles.json("ab_extra_oracles.json");

    static Alternative alt(String name) {
        return switch (name) {
            case "two-sided" -> Alternative.TWO_SIDED;
            case "greater" -> Alternative.GREATER;
            default -> Alternative.LESS;
        };
    }

    /** Checks the finite bounds of a one- or two-sided interval. */
    static void bounds(JsonNode ci, Interval actual, Alternative a, double tol, String what) {
        if (a != Alternative.LESS) {
            close(ci.get(0), actual.lower(), tol, what + " lower");
        } else {
            assertEquals(Double.NEGATIVE_INFINITY, actual.lower(), what);
        }
        if (a != Alternative.GREATER) {
            close(ci.get(1), actual.upper(), tol, what + " upper");
        } else {
            assertEquals(Double.POSITIVE_INFINITY, actual.upper(), what);
        }
    }

    @Nested
    class MannWhitneyExact {
        @ParameterizedTest
        @ValueSource(strings = {"two-sided", "greater", "less"})
        void tieFreeSmallSample(String a) {
            JsonNode o = X.at("/mw_exact.csv/trt_vs_ctrl/" + a);
            AnalysisResult r = run("mw_exact.csv", ABTestSpec.builder("group", "score").control("ctrl")
                    .test(ABTestType.MANN_WHITNEY).alternative(alt(a)).build());
            Estimate e = r.estimates().get(0);
            assertEquals("ab.mann_whitney", e.method());
            assertEquals(1.0, e.extra("exact"));
            close(o.get("U"), e.statistic().value(), CLOSED, "U");
            close(o.get("pvalue"), e.pValue(), CLOSED, a + " exact p");
            close(o.get("U").asDouble() / 60, e.estimate(), CLOSED, "probability of superiority");
        }

        @ParameterizedTest
        @ValueSource(strings = {"two-sided", "greater", "less"})
        void bothArmsSmall(String a) {
            JsonNode o = X.at("/mw_exact.csv/first7_trt_vs_first5_ctrl/" + a);
            double[] ctrl = new double[5];
            double[] trt = new double[7];
            Dataset full = AbOracles.data("mw_exact.csv");
            String[] g = full.strings("group");
            double[] v = full.doubles("score");
            int ic = 0;
            int it = 0;
            for (int i = 0; i < g.length; i++) {
                if (g[i].equals("ctrl") && ic < 5) {
                    ctrl[ic++] = v[i];
                } else if (g[i].equals("trt") && it < 7) {
                    trt[it++] = v[i];
                }
            }
            String[] labels = new String[12];
            double[] values = new double[12];
            for (int i = 0; i < 5; i++) {
                labels[i] = "ctrl";
                values[i] = ctrl[i];
            }
            for (int i = 0; i < 7; i++) {
                labels[5 + i] = "trt";
                values[5 + i] = trt[i];
            }
            try (Dataset d = Dataset.builder().text("group", labels).numeric("score", values).build()) {
                Estimate e = Engines.run(ABTestSpec.builder("group", "score").test(ABTestType.MANN_WHITNEY)
                        .alternative(alt(a)).build(), d).estimates().get(0);
                assertEquals(1.0, e.extra("exact"));
                close(o.get("U"), e.statistic().value(), CLOSED, "U");
                close(o.get("pvalue"), e.pValue(), CLOSED, a + " exact p");
            }
        }
    }

    @Nested
    class OneSidedContinuous {
        void check(JsonNode block, String csv, String armCol, String col, String control, String label) {
            for (String a : new String[]{"two-sided", "greater", "less"}) {
                JsonNode o = block.get(a);
                ABTestSpec spec = ABTestSpec.builder(armCol, col).control(control).alternative(alt(a)).build();
                AnalysisResult auto = run(csv, spec);
                Estimate w = find(auto, label, "ab.welch");
                close(o.at("/welch/statistic"), w.statistic().value(), CLOSED, a + " welch t");
                close(o.at("/welch/pvalue"), w.pValue(), CLOSED, a + " welch p");
                bounds(o.at("/welch/ci"), w.interval(), alt(a), CLOSED, a + " welch ci");
                Estimate mw = find(auto, label, "ab.mann_whitney");
                close(o.at("/mann_whitney/U"), mw.statistic().value(), CLOSED, a + " U");
                close(o.at("/mann_whitney/pvalue"), mw.pValue(), CLOSED, a + " MW p");
                Estimate s = find(run(csv, spec.toBuilder().test(ABTestType.STUDENT).build()), label, "ab.student");
                close(o.at("/student/statistic"), s.statistic().value(), CLOSED, a + " student t");
                close(o.at("/student/pvalue"), s.pValue(), CLOSED, a + " student p");
                bounds(o.at("/student/ci"), s.interval(), alt(a), CLOSED, a + " student ci");
            }
            ABTestSpec spec = ABTestSpec.builder(armCol, col).control(control).build();
            Estimate w = find(run(csv, spec), label, "ab.welch");
            Estimate s = find(run(csv, spec.toBuilder().test(ABTestType.STUDENT).build()), label, "ab.student");
            for (Object[] pair : new Object[][]{{"welch", w}, {"student", s}}) {
                JsonNode l = block.at("/relative_lift/" + pair[0]);
                Estimate e = (Estimate) pair[1];
                close(l.get("relative_lift"), e.extra("relative_lift"), CLOSED, pair[0] + " lift");
                close(l.get("lower"), e.extra("relative_lift_lower"), CLOSED, pair[0] + " lift lower");
                close(l.get("upper"), e.extra("relative_lift_upper"), CLOSED, pair[0] + " lift upper");
            }
        }

        @Test
        void checkoutRevenue() {
            check(X.at("/checkout_ab.csv/revenue"), "checkout_ab.csv", "variant", "revenue", "control", "treatment vs control");
        }

        @Test
        void smallTiesScore() {
            check(X.at("/small_ties.csv/score"), "small_ties.csv", "group", "score", "ctrl", "trt vs ctrl");
        }

        @Test
        void cookieCatsGameRounds() {
            check(X.at("/cookie_cats.csv/sum_gamerounds"), "cookie_cats.csv", "version", "sum_gamerounds", "gate_30", "gate_40 vs gate_30");
        }
    }

    @Nested
    class Proportions {
        void check(JsonNode o, String csv, String armCol, String col, String control, String label) {
            for (String a : new String[]{"two-sided", "greater", "less"}) {
                AnalysisResult r = run(csv, ABTestSpec.builder(armCol, col).control(control).alternative(alt(a)).build());
                Estimate z = find(r, label, "ab.z_proportions");
                close(o.at("/" + a + "/z"), z.statistic().value(), CLOSED, a + " z");
                close(o.at("/" + a + "/z_pvalue"), z.pValue(), CLOSED, a + " z p");
                Estimate f = find(r, label, "ab.fisher");
                close(o.at("/" + a + "/fisher_pvalue"), f.pValue(), CLOSED, a + " fisher p");
                if (!a.equals("two-sided")) {
                    Alternative al = alt(a);
                    bounds(o.at("/one_sided_bounds/wald"), z.interval(), al, CLOSED, a + " wald bound");
                    JsonNode nc = o.at("/one_sided_bounds/newcombe");
                    if (al == Alternative.GREATER) {
                        close(nc.get(0), z.extra("newcombe_lower"), CLOSED, "newcombe one-sided lower");
                    } else {
                        close(nc.get(1), z.extra("newcombe_upper"), CLOSED, "newcombe one-sided upper");
                    }
                    Estimate chi = find(r, label, "ab.chi_square");
                    close(o.at("/chi2_signed_root/" + a), chi.pValue(), CLOSED, a + " chi2 signed root p");
                    if (al == Alternative.GREATER) {
                        close(o.at("/chi2_signed_root/greater_uncorrected"), chi.extra("p_uncorrected"), CLOSED, "uncorrected");
                    }
                } else {
                    close(o.at("/relative_lift/relative_lift"), z.extra("relative_lift"), CLOSED, "lift");
                    close(o.at("/relative_lift/lower"), z.extra("relative_lift_lower"), CLOSED, "lift lower");
                    close(o.at("/relative_lift/upper"), z.extra("relative_lift_upper"), CLOSED, "lift upper");
                    close(o.at("/odds_ratio_woolf/odds_ratio"), f.estimate(), CLOSED, "odds ratio");
                    interval(o.at("/odds_ratio_woolf/ci"), f.interval(), CLOSED, "woolf");
                }
            }
        }

        @Test
        void checkoutConverted() {
            check(X.at("/checkout_ab.csv/converted"), "checkout_ab.csv", "variant", "converted", "control", "treatment vs control");
        }

        @Test
        void smallTiesClicked() {
            check(X.at("/small_ties.csv/clicked"), "small_ties.csv", "group", "clicked", "ctrl", "trt vs ctrl");
        }

        @ParameterizedTest
        @ValueSource(strings = {"retention_1", "retention_7"})
        void cookieCatsRetention(String col) {
            JsonNode o = X.at("/cookie_cats.csv/" + col);
            check(o, "cookie_cats.csv", "version", col, "gate_30", "gate_40 vs gate_30");
            AnalysisResult r = run("cookie_cats.csv", ABTestSpec.of("version", col));
            assertEquals("binary", r.details().get("outcome_type"));
            Estimate chi = find(r, "gate_40 vs gate_30", "ab.chi_square");
            close(o.get("chi2_yates"), chi.statistic().value(), CLOSED, "chi2");
            close(o.get("chi2_yates_pvalue"), chi.pValue(), CLOSED, "chi2 p");
            Estimate z = find(r, "gate_40 vs gate_30", "ab.z_proportions");
            close(o.at("/newcombe/0"), z.extra("newcombe_lower"), CLOSED, "newcombe lower");
            close(o.at("/newcombe/1"), z.extra("newcombe_upper"), CLOSED, "newcombe upper");
        }
    }

    @Nested
    class BetaBinomial {
        void check(JsonNode o, String csv, String armCol, String col, String control, String label) {
            double[] prior = {o.at("/prior/0").asDouble(), o.at("/prior/1").asDouble()};
            for (Alternative a : Alternative.values()) {
                AnalysisResult r = run(csv, ABTestSpec.builder(armCol, col).control(control).test(ABTestType.BAYESIAN)
                        .prior(prior[0], prior[1]).alternative(a).build());
                Estimate b = r.estimates().get(0);
                assertEquals("ab.bayesian_beta_binomial", b.method());
                assertEquals(label, b.label());
                close(o.get("prob_arm_beats_control"), b.posteriorProbability(), CLOSED, "P(arm > control)");
                close(o.get("expected_loss_arm"), b.extra("expected_loss"), NUMERIC, "expected loss");
                close(o.get("mean_diff"), b.estimate(), CLOSED, "posterior mean difference");
                close(o.get("sd_diff"), b.standardError(), CLOSED, "posterior sd");
                if (a == Alternative.TWO_SIDED) {
                    assertEquals("credible", b.interval().kind());
                    interval(o.get("credible"), b.interval(), NUMERIC, "credible interval");
                    Chart c = r.charts().stream().filter(x -> x.id().equals("posterior")).findFirst().orElseThrow();
                    assertEquals("line", c.kind());
                    assertEquals(2, c.series().size());
                }
            }
        }

        @Test
        void checkoutUniformPrior() {
            check(X.at("/checkout_ab.csv/converted/bayes"), "checkout_ab.csv", "variant", "converted", "control", "treatment vs control");
        }

        @Test
        void checkoutFractionalPriorUsesQuadrature() {
            check(X.at("/checkout_ab.csv/converted/bayes_prior_half"), "checkout_ab.csv", "variant", "converted", "control",
                    "treatment vs control");
        }

        @Test
        void checkoutInformativePrior() {
            check(X.at("/checkout_ab.csv/converted/bayes_prior_3_40"), "checkout_ab.csv", "variant", "converted", "control",
                    "treatment vs control");
        }

        @Test
        void smallTies() {
            for (String p : new String[]{"bayes", "bayes_prior_half", "bayes_prior_3_40"}) {
                check(X.at("/small_ties.csv/clicked/" + p), "small_ties.csv", "group", "clicked", "ctrl", "trt vs ctrl");
            }
        }

        @Test
        void pricingPairsAndProbabilityBest() {
            AnalysisResult r = run("pricing_abc.csv", ABTestSpec.of("variant", "converted"));
            for (String arm : new String[]{"B", "C"}) {
                JsonNode o = X.at("/pricing_abc.csv/" + arm + "_vs_A/bayes");
                Estimate b = find(r, arm + " vs A", "ab.bayesian_beta_binomial");
                close(o.get("prob_arm_beats_control"), b.posteriorProbability(), CLOSED, arm + " P");
                close(o.get("expected_loss_arm"), b.extra("expected_loss"), NUMERIC, arm + " loss");
                interval(o.get("credible"), b.interval(), NUMERIC, arm + " credible");
            }
            JsonNode pb = X.at("/pricing_abc.csv/prob_best/converted_beta");
            @SuppressWarnings("unchecked")
            Map<String, Double> best = (Map<String, Double>) r.details().get("prob_best");
            close(pb.get(0), best.get("A"), NUMERIC, "P(A best)");
            close(pb.get(1), best.get("B"), NUMERIC, "P(B best)");
            close(pb.get(2), best.get("C"), NUMERIC, "P(C best)");
            close(pb.get(2), find(r, "C vs A", "ab.bayesian_beta_binomial").extra("prob_best"), NUMERIC, "extra prob_best");
        }
    }

    @Nested
    class NormalModel {
        @Test
        void twoArms() {
            for (String[] c : new String[][]{{"/checkout_ab.csv/revenue/bayes_normal", "checkout_ab.csv", "variant", "revenue", "control", "treatment vs control"},
                    {"/small_ties.csv/score/bayes_normal", "small_ties.csv", "group", "score", "ctrl", "trt vs ctrl"},
                    {"/cookie_cats.csv/sum_gamerounds/bayes_normal", "cookie_cats.csv", "version", "sum_gamerounds", "gate_30", "gate_40 vs gate_30"}}) {
                JsonNode o = X.at(c[0]);
                AnalysisResult r = run(c[1], ABTestSpec.builder(c[2], c[3]).control(c[4]).build());
                Estimate b = find(r, c[5], "ab.bayesian_normal");
                close(o.get("diff"), b.estimate(), CLOSED, "diff");
                close(o.get("sd"), b.standardError(), CLOSED, "sd");
                close(o.get("prob_arm_beats_control"), b.posteriorProbability(), NUMERIC, "P");
                close(o.get("expected_loss_arm"), b.extra("expected_loss"), NUMERIC, "loss");
                interval(o.get("credible"), b.interval(), NUMERIC, "credible");
                assertTrue(r.charts().stream().anyMatch(x -> x.id().equals("posterior") && x.kind().equals("line")));
            }
        }

        @Test
        void pricingProbabilityBest() {
            AnalysisResult r = run("pricing_abc.csv", ABTestSpec.of("variant", "revenue"));
            JsonNode pb = X.at("/pricing_abc.csv/prob_best/revenue_normal");
            @SuppressWarnings("unchecked")
            Map<String, Double> best = (Map<String, Double>) r.details().get("prob_best");
            close(pb.get(0), best.get("A"), NUMERIC, "P(A best)");
            close(pb.get(1), best.get("B"), NUMERIC, "P(B best)");
            close(pb.get(2), best.get("C"), NUMERIC, "P(C best)");
            for (String arm : new String[]{"B", "C"}) {
                JsonNode o = X.at("/pricing_abc.csv/" + arm + "_vs_A/bayes_normal");
                Estimate b = find(r, arm + " vs A", "ab.bayesian_normal");
                close(o.get("prob_arm_beats_control"), b.posteriorProbability(), CLOSED, "P");
                close(o.get("expected_loss_arm"), b.extra("expected_loss"), NUMERIC, "loss");
            }
        }
    }

    @Nested
    class VarianceReduction {
        void cuped(JsonNode o, Estimate e) {
            close(o.get("theta"), e.extra("theta"), CLOSED, "theta");
            close(o.get("statistic"), e.statistic().value(), CLOSED, "t");
            close(o.get("pvalue"), e.pValue(), CLOSED, "p");
            close(o.get("diff"), e.estimate(), CLOSED, "diff");
            close(o.get("variance_reduction"), e.extra("variance_reduction"), CLOSED, "variance reduction");
            close(o.at("/relative_lift/relative_lift"), e.extra("relative_lift"), CLOSED, "lift");
            close(o.at("/relative_lift/lower"), e.extra("relative_lift_lower"), CLOSED, "lift lower");
            close(o.at("/relative_lift/upper"), e.extra("relative_lift_upper"), CLOSED, "lift upper");
        }

        void postStrat(JsonNode o, Estimate e) {
            close(o.get("estimate"), e.estimate(), CLOSED, "estimate");
            close(o.get("se"), e.standardError(), CLOSED, "se");
            close(o.get("z"), e.statistic().value(), CLOSED, "z");
            close(o.get("pvalue"), e.pValue(), CLOSED, "p");
            interval(o.get("ci"), e.interval(), CLOSED, "ci");
        }

        @Test
        void checkout() {
            AnalysisResult r = run("checkout_ab.csv", ABTestSpec.builder("variant", "revenue").covariate("pre_revenue").strata("country").build());
            assertEquals("ab.welch", r.estimates().get(0).method());
            cuped(X.at("/checkout_ab.csv/cuped_revenue"), find(r, "treatment vs control", "ab.cuped"));
            postStrat(X.at("/checkout_ab.csv/post_strat_revenue_country"), find(r, "treatment vs control", "ab.post_stratification"));
            AnalysisResult b = run("checkout_ab.csv", ABTestSpec.builder("variant", "converted").strata("country").build());
            postStrat(X.at("/checkout_ab.csv/post_strat_converted_country"), find(b, "treatment vs control", "ab.post_stratification"));
        }

        @Test
        void pricing() {
            AnalysisResult r = run("pricing_abc.csv", ABTestSpec.builder("variant", "revenue").covariate("pre_revenue").strata("country").build());
            for (String arm : new String[]{"B", "C"}) {
                cuped(X.at("/pricing_abc.csv/" + arm + "_vs_A/cuped_revenue"), find(r, arm + " vs A", "ab.cuped"));
                postStrat(X.at("/pricing_abc.csv/" + arm + "_vs_A/post_strat_revenue_country"), find(r, arm + " vs A", "ab.post_stratification"));
            }
        }
    }

    @Test
    void srmAgainstPlannedAllocation() {
        AnalysisResult r = run("checkout_ab.csv", ABTestSpec.builder("variant", "converted").allocation(List.of(45.0, 55.0)).build());
        Diagnostic d = r.diagnostics().stream().filter(x -> x.name().equals("srm")).findFirst().orElseThrow();
        close(X.at("/checkout_ab.csv/srm_allocation_45_55/chi2"), d.values().get("chi2"), CLOSED, "chi2");
        close(X.at("/checkout_ab.csv/srm_allocation_45_55/pvalue"), d.values().get("p_value"), 1e-6, "p");
        assertEquals("fail", d.status().toString());
        AnalysisResult cc = run("cookie_cats.csv", ABTestSpec.of("version", "retention_1"));
        Diagnostic dc = cc.diagnostics().get(0);
        close(X.at("/cookie_cats.csv/srm_equal/chi2"), dc.values().get("chi2"), CLOSED, "cookie chi2");
        close(X.at("/cookie_cats.csv/srm_equal/pvalue"), dc.values().get("p_value"), CLOSED, "cookie p");
    }

    @Test
    void multipleTesting() {
        JsonNode o = X.at("/pricing_abc.csv/multiple_testing");
        AnalysisResult bonf = run("pricing_abc.csv", ABTestSpec.builder("variant", "converted").correction(MultipleTesting.BONFERRONI).build());
        close(o.at("/z_bonferroni/0"), find(bonf, "B vs A", "ab.z_proportions").adjustedPValue(), CLOSED, "bonferroni B");
        close(o.at("/z_bonferroni/1"), find(bonf, "C vs A", "ab.z_proportions").adjustedPValue(), CLOSED, "bonferroni C");
        for (String[] m : new String[][]{{"welch_holm", "HOLM"}, {"welch_bh", "BH"}, {"welch_bonferroni", "BONFERRONI"}}) {
            AnalysisResult r = run("pricing_abc.csv", ABTestSpec.builder("variant", "revenue").correction(MultipleTesting.valueOf(m[1])).build());
            close(o.at("/" + m[0] + "/0"), find(r, "B vs A", "ab.welch").adjustedPValue(), CLOSED, m[0] + " B");
            close(o.at("/" + m[0] + "/1"), find(r, "C vs A", "ab.welch").adjustedPValue(), CLOSED, m[0] + " C");
        }
    }
}
