package io.cerebro.core.pushdown;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.core.causal.observational.RegressionAdjustment;
import io.cerebro.core.causal.quasi.did.FixedEffectsFit;
import io.cerebro.core.causal.quasi.did.Panel;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.ArmSummary;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.spec.ABTestSpec;
import io.cerebro.core.spec.Estimand;
import io.cerebro.core.stats.LinearModel;
import io.cerebro.core.testing.SharedFixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract every pushdown engine meets: the same spec on the same rows gives the same numbers
 * through the engine as through the local CSV path (relative 1e-9), and those numbers match scipy
 * and statsmodels ({@code pushdown/oracle.json}, made by tools/fixtures/pushdown_fixture.py).
 *
 * <p>A subclass loads {@code pushdown/ab.csv} as table {@code ab} and {@code pushdown/panel.csv}
 * as table {@code panel} into its engine (numeric columns as doubles or integers, text as text)
 * and returns it from {@link #engine()}; one engine per test class.
 */
public abstract class PushdownContract {
    /** Relative tolerance between an engine and the local path. */
    static final double SAME = 1e-9;
    /** Relative tolerance against the Python oracle (its own rounding is a few ulps). */
    static final double ORACLE = 1e-8;

    /** @return the engine holding tables {@code ab} and {@code panel}. */
    protected abstract SqlEngine engine();

    /** @return a test resource as a file (copied out of a jar when needed). */
    public static Path resource(String name) {
        return SharedFixtures.path("pushdown/" + name);
    }

    static JsonNode oracle() {
        try (InputStream in = SharedFixtures.stream("pushdown/oracle.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AnalysisResult local(ABTestSpec spec) {
        try (Dataset data = Dataset.read(resource("ab.csv"))) {
            return Engines.run(spec, data);
        }
    }

    private AnalysisResult pushed(ABTestSpec spec) {
        return AbPushdown.run(spec, engine(), SqlRelation.table("ab"));
    }

    @Test
    void continuousWithCupedAndStrataMatchesTheLocalPathAndScipy() {
        ABTestSpec spec = ABTestSpec.builder("arm", "y").covariate("pre").strata("segment").build();
        AnalysisResult p = pushed(spec);
        assertSameResult(local(spec), p);
        List<String> methods = p.estimates().stream().map(Estimate::method).toList();
        assertTrue(methods.containsAll(List.of("ab.welch", "ab.mann_whitney", "ab.bayesian_normal", "ab.cuped", "ab.post_stratification")),
                methods.toString());
        JsonNode o = oracle();
        Estimate welch = find(p, "ab.welch");
        close(o.at("/welch/diff").asDouble(), welch.estimate(), ORACLE, "welch difference");
        close(o.at("/welch/t").asDouble(), welch.statistic().value(), ORACLE, "welch t");
        close(o.at("/welch/p").asDouble(), welch.pValue(), ORACLE, "welch p");
        close(o.at("/cuped/diff").asDouble(), find(p, "ab.cuped").estimate(), ORACLE, "CUPED difference");
    }

    @Test
    void binaryMatchesTheLocalPathAndStatsmodels() {
        ABTestSpec spec = ABTestSpec.builder("arm", "conv").strata("segment").build();
        AnalysisResult p = pushed(spec);
        assertSameResult(local(spec), p);
        JsonNode o = oracle();
        Estimate z = find(p, "ab.z_proportions");
        close(o.at("/z/diff").asDouble(), z.estimate(), ORACLE, "z difference");
        close(o.at("/z/z").asDouble(), z.statistic().value(), ORACLE, "z");
        close(o.at("/z/p").asDouble(), z.pValue(), ORACLE, "z p");
        Estimate chi = find(p, "ab.chi_square");
        close(o.at("/chi_square/chi2").asDouble(), chi.statistic().value(), ORACLE, "chi2");
        close(o.at("/chi_square/p").asDouble(), chi.pValue(), ORACLE, "chi2 p");
    }

    @Test
    void olsWithCovariatesMatchesTheLocalPathAndStatsmodels() {
        List<String> x = List.of("treated", "pre", "x2");
        MomentFit fit = RegressionPushdown.ols(engine(), SqlRelation.table("ab"), "y", x, "g", false);
        JsonNode o = oracle();
        for (String name : x) {
            close(o.at("/ols/coef/" + name).asDouble(), fit.coefficient(name), ORACLE, "OLS " + name);
            close(o.at("/ols/se_hc1/" + name).asDouble(), fit.seHC1(name), ORACLE, "OLS HC1 se " + name);
            close(o.at("/ols/se_cluster/" + name).asDouble(), fit.seCluster(name), ORACLE, "OLS cluster se " + name);
        }
        close(o.at("/ols/coef/Intercept").asDouble(), fit.coefficient(RegressionPushdown.INTERCEPT), ORACLE, "OLS intercept");
        close(o.at("/ols/se_hc1/Intercept").asDouble(), fit.seHC1(RegressionPushdown.INTERCEPT), ORACLE, "OLS intercept se");
        // the local path: the regression adjustment of the causal engine on the CSV's columns
        try (Dataset data = Dataset.read(resource("ab.csv"))) {
            double[] t = data.doubles("treated");
            double[] pre = data.doubles("pre");
            double[] x2 = data.doubles("x2");
            double[] y = data.doubles("y");
            double[][] design = new double[y.length][];
            for (int i = 0; i < y.length; i++) {
                design[i] = new double[]{1, pre[i], x2[i]};
            }
            RegressionAdjustment.Result r = RegressionAdjustment.estimate(design, new String[]{"(Intercept)", "pre", "x2"}, t, y,
                    "treated", false, Estimand.ATE);
            close(r.estimate(), fit.coefficient("treated"), SAME, "regression adjustment estimate");
            close(r.standardError(), fit.seHC1("treated"), SAME, "regression adjustment HC1 se");
            int[] g = java.util.Arrays.stream(data.doubles("g")).mapToInt(v -> (int) v).toArray();
            double[] seCluster = LinearModel.standardErrors(r.model().covCluster(g));
            close(seCluster[1], fit.seCluster("treated"), SAME, "cluster se");
        }
    }

    @Test
    void twoWayFixedEffectsWithClusteredErrorsMatchTheLocalPathAndStatsmodels() {
        MomentFit fit = RegressionPushdown.twfe(engine(), SqlRelation.table("panel"), "y", List.of("d", "x"), "unit", "period", null, false);
        JsonNode o = oracle();
        for (String name : List.of("d", "x")) {
            close(o.at("/twfe/coef/" + name).asDouble(), fit.coefficient(name), ORACLE, "TWFE " + name);
            close(o.at("/twfe/se_hc1/" + name).asDouble(), fit.seHC1(name), ORACLE, "TWFE HC1 se " + name);
            close(o.at("/twfe/se_cluster/" + name).asDouble(), fit.seCluster(name), ORACLE, "TWFE cluster se " + name);
        }
        assertEquals(150, fit.clusters());
        try (Dataset data = Dataset.read(resource("panel.csv"))) {
            Panel panel = Panel.of(data, "unit", "period", true);
            FixedEffectsFit f = FixedEffectsFit.fit(panel, data.doubles("y"), new double[][]{data.doubles("d"), data.doubles("x")},
                    new String[]{"d", "x"});
            close(f.model().coefficients()[0], fit.coefficient("d"), SAME, "TWFE d vs local");
            close(LinearModel.standardErrors(f.covCluster(panel.unit()))[0], fit.seCluster("d"), SAME, "TWFE cluster se vs local");
            close(LinearModel.standardErrors(f.model().covHC1(f.absorbedAll()))[0], fit.seHC1("d"), SAME, "TWFE HC1 se vs local");
        }
    }

    static Estimate find(AnalysisResult r, String method) {
        return r.estimates().stream().filter(e -> e.method().equals(method)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + method + " in " + r.estimates().stream().map(Estimate::method).toList()));
    }

    /** Every arm and every estimate of {@code expected} appears in {@code actual} with the same numbers. */
    static void assertSameResult(AnalysisResult expected, AnalysisResult actual) {
        assertEquals(expected.sampleSizes(), actual.sampleSizes());
        Map<String, ArmSummary> arms = actual.arms().stream().collect(Collectors.toMap(ArmSummary::arm, Function.identity()));
        for (ArmSummary a : expected.arms()) {
            ArmSummary b = arms.get(a.arm());
            close(a.mean(), b.mean(), SAME, "mean of " + a.arm());
            close(a.sd(), b.sd(), SAME, "sd of " + a.arm());
            close(a.interval().lower(), b.interval().lower(), SAME, "interval of " + a.arm());
        }
        assertEquals(expected.estimates().size(), actual.estimates().size());
        for (int i = 0; i < expected.estimates().size(); i++) {
            Estimate e = expected.estimates().get(i);
            Estimate g = actual.estimates().get(i);
            String what = e.method() + " " + e.label();
            assertEquals(e.method(), g.method());
            assertEquals(e.label(), g.label());
            close(e.estimate(), g.estimate(), SAME, what + " estimate");
            close(e.standardError(), g.standardError(), SAME, what + " se");
            close(e.pValue(), g.pValue(), SAME, what + " p");
            close(e.posteriorProbability(), g.posteriorProbability(), SAME, what + " posterior probability");
            if (e.statistic() != null) {
                close(e.statistic().value(), g.statistic().value(), SAME, what + " statistic");
            }
            if (e.interval() != null) {
                close(e.interval().lower(), g.interval().lower(), SAME, what + " lower");
                close(e.interval().upper(), g.interval().upper(), SAME, what + " upper");
            }
            for (var x : e.extra().entrySet()) {
                close(x.getValue(), g.extra().get(x.getKey()), SAME, what + " " + x.getKey());
            }
        }
        assertEquals(expected.warnings(), actual.warnings());
    }

    static void close(Double expected, Double actual, double rel, String what) {
        if (expected == null || actual == null) {
            assertEquals(expected, actual, what);
            return;
        }
        if (expected.isNaN() || expected.isInfinite()) {
            assertEquals(expected, actual, what);
            return;
        }
        double tol = rel * Math.max(Math.abs(expected), Math.abs(actual)) + 1e-300;
        assertTrue(Math.abs(expected - actual) <= tol, what + ": expected " + expected + ", got " + actual
                + " (relative difference " + Math.abs(expected - actual) / Math.max(Math.abs(expected), 1e-300) + ")");
    }
}
