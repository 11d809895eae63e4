package io.cerebro.core.causal.quasi.iv;

import com.fasterxml.jackson.databind.JsonNode;
import io.cerebro.core.causal.quasi.Fixtures;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Diagnostic;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.spec.CausalMethod;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.IvDesign;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TwoStageLeastSquaresTest {
    static final List<String> CONTROLS = List.of("exper", "expersq", "black", "smsa", "south", "smsa66", "reg662", "reg663",
            "reg664", "reg665", "reg666", "reg667", "reg668", "reg669");

    static CausalSpec spec(String y, String d, IvDesign iv) {
        return new CausalSpec(CausalMethod.IV, d, y, null, null, null, null, null, null, null, null, null, null, iv, null,
                null, null, null);
    }

    static Diagnostic diag(AnalysisResult r, String name) {
        return r.diagnostics().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }

    /** Card (1995) / Wooldridge 15.4 against AER::ivreg (oracle file iv_card). */
    @Test
    void cardMatchesAerIvreg() {
        JsonNode o = Fixtures.json("causal_quasi_oracles.json").get("iv_card");
        try (Dataset data = Fixtures.dataset("wooldridge_card1995.csv")) {
            AnalysisResult r = Engines.run(spec("lwage", "educ", new IvDesign(List.of("nearc4"), CONTROLS)), data);
            assertEquals(o.get("educ").asDouble(), r.estimate(), 1e-9);
            assertEquals(o.get("se_conventional").asDouble(), r.standardError(), 1e-9);
            assertEquals(o.get("se_hc1").asDouble(), r.estimates().get(1).standardError(), 1e-9);
            assertEquals(o.get("n").asLong(), r.sampleSizes().get("total"));
            @SuppressWarnings("unchecked")
            Map<String, Double> fs = (Map<String, Double>) r.details().get("first_stage");
            assertEquals(o.get("first_stage_coef_nearc4").asDouble(), fs.get("nearc4"), 1e-9);
            assertEquals(o.get("weak_instruments_F").asDouble(), diag(r, "weak_instruments").values().get("F"), 1e-7);
            assertEquals(o.get("wu_hausman").asDouble(), diag(r, "wu_hausman").values().get("F"), 1e-7);
            assertEquals(o.get("wu_hausman_p").asDouble(), diag(r, "wu_hausman").values().get("p_value"), 1e-7);
            JsonNode ar = Fixtures.json("iv_ar_overid.json").get("just_identified_ar95");
            Estimate a = r.find("educ (Anderson-Rubin)", "causal.iv");
            double step = ar.get("grid_step").asDouble();
            assertTrue(a.interval().lower() <= ar.get("lower").asDouble() && a.interval().lower() > ar.get("lower").asDouble() - step);
            assertTrue(a.interval().upper() >= ar.get("upper").asDouble() && a.interval().upper() < ar.get("upper").asDouble() + step);
            // the readable set: three significant digits of the R grid bounds (grid step plus rounding)
            String text = (String) r.details().get("anderson_rubin_set");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^95% \\[([-0-9.]+), ([-0-9.]+)\\]$").matcher(text);
            assertTrue(m.matches(), text);
            assertEquals(ar.get("lower").asDouble(), Double.parseDouble(m.group(1)), step + 0.005 * ar.get("lower").asDouble(), text);
            assertEquals(ar.get("upper").asDouble(), Double.parseDouble(m.group(2)), step + 0.005 * ar.get("upper").asDouble(), text);
            assertTrue(a.estimand().endsWith("(interval): " + text.substring(4)), a.estimand());
        }
    }

    /** Two instruments: Sargan, weak F and the AR set against AER::ivreg and an R grid of F-tests. */
    @Test
    void overidentifiedMatchesR() {
        JsonNode o = Fixtures.json("iv_ar_overid.json").get("overid");
        try (Dataset data = Fixtures.dataset("wooldridge_card1995.csv")) {
            AnalysisResult r = Engines.run(spec("lwage", "educ", new IvDesign(List.of("nearc2", "nearc4"), CONTROLS, "hc1")), data);
            assertEquals(o.get("educ").asDouble(), r.estimate(), 1e-9);
            assertEquals(o.get("se_hc1").asDouble(), r.standardError(), 1e-9);
            assertEquals(o.get("se_conventional").asDouble(), r.estimates().get(1).standardError(), 1e-9);
            assertEquals(o.get("weak_F").asDouble(), diag(r, "weak_instruments").values().get("F"), 1e-7);
            assertEquals(o.get("wu_hausman").asDouble(), diag(r, "wu_hausman").values().get("F"), 1e-7);
            assertEquals(o.get("sargan").asDouble(), diag(r, "sargan").values().get("chi2"), 1e-7);
            assertEquals(o.get("sargan_p").asDouble(), diag(r, "sargan").values().get("p_value"), 1e-7);
            assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("weak instruments")));
            JsonNode ar = o.get("ar95");
            Estimate a = r.find("educ (Anderson-Rubin)", "causal.iv");
            double step = ar.get("grid_step").asDouble();
            assertTrue(a.interval().lower() <= ar.get("lower").asDouble() && a.interval().lower() > ar.get("lower").asDouble() - step);
            assertTrue(a.interval().upper() >= ar.get("upper").asDouble() && a.interval().upper() < ar.get("upper").asDouble() + step);
        }
    }

    @Test
    void instrumentCollinearWithControlsIsNamed() {
        Random rng = new Random(1);
        int n = 200;
        double[] y = new double[n], d = new double[n], w = new double[n], z = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = rng.nextGaussian();
            z[i] = 2 * w[i] + 1;
            d[i] = w[i] + rng.nextGaussian();
            y[i] = d[i] + rng.nextGaussian();
        }
        try (Dataset data = Dataset.builder().numeric("y", y).numeric("d", d).numeric("w", w).numeric("z", z).build()) {
            UserInputException e = assertThrows(UserInputException.class,
                    () -> Engines.run(spec("y", "d", new IvDesign(List.of("z"), List.of("w"))), data));
            assertTrue(e.getMessage().startsWith("an instrument is collinear with the controls") && e.getMessage().contains("z"),
                    e.getMessage());
        }
    }

    /**
     * Weak instrument (first-stage F around 2): over many draws 2SLS is pulled towards the biased
     * OLS estimate, the engine flags it, and the Anderson-Rubin set keeps its coverage.
     */
    @Test
    @Tag("slow")
    void weakInstrumentBiasIsShownAndFlagged() {
        Random rng = new Random(20261122);
        int reps = 300;
        int n = 500;
        double beta = 1.0;
        double[] iv = new double[reps];
        double sumOls = 0;
        int flagged = 0;
        int arCovers = 0;
        for (int rep = 0; rep < reps; rep++) {
            double[] y = new double[n], d = new double[n], z = new double[n];
            for (int i = 0; i < n; i++) {
                z[i] = rng.nextGaussian();
                double u = rng.nextGaussian();
                double v = 0.8 * u + 0.6 * rng.nextGaussian();
                d[i] = 0.06 * z[i] + v;
                y[i] = beta * d[i] + u;
            }
            double[][] none = new double[0][];
            TwoStageLeastSquares.Fit f = TwoStageLeastSquares.fit(y, d, none, new double[][]{z}, "d", List.of(), List.of("z"), 0.05);
            iv[rep] = f.beta()[1];
            sumOls += f.olsEstimate();
            flagged += f.firstStageF() < TwoStageLeastSquares.WEAK_F ? 1 : 0;
            double[] s = f.arSet();
            boolean covers = switch (f.arShape()) {
                case "interval" -> s[0] <= beta && beta <= s[1];
                case "union of rays" -> beta <= s[0] || beta >= s[1];
                case "whole line" -> true;
                default -> false;
            };
            arCovers += covers ? 1 : 0;
        }
        java.util.Arrays.sort(iv);
        double medianIv = iv[reps / 2];
        double meanOls = sumOls / reps;
        // OLS is biased by cov(d,u)/var(d) = 0.8; just-identified 2SLS has no mean, so its median shows the pull towards OLS
        assertTrue(meanOls > 1.7, "OLS mean " + meanOls);
        assertTrue(medianIv - beta > 0.2, "2SLS median bias " + (medianIv - beta));
        assertTrue(flagged > 0.9 * reps, "flagged " + flagged);
        // AR coverage stays near 95% (binomial sd 1.3% at 300 draws)
        assertTrue(arCovers >= 0.91 * reps, "AR coverage " + arCovers);
    }

    @Test
    void setTextReadsAsASet() {
        assertEquals("(-inf, -1.46] U [0.119, inf)", TwoStageLeastSquares.arSetText("union of rays", new double[]{-1.4567, 0.11912}));
        assertEquals("[0.025, 0.285]", TwoStageLeastSquares.arSetText("interval", new double[]{0.02501, 0.28463}));
        assertEquals("(-inf, inf)", TwoStageLeastSquares.arSetText("whole line",
                new double[]{Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY}));
        assertEquals("empty", TwoStageLeastSquares.arSetText("empty", new double[2]));
    }

    /**
     * A weak instrument whose Anderson-Rubin set is two rays: the estimate row and the details say
     * so in words. The bounds are checked against the AR F statistic computed here from its
     * definition (n - 2) r^2 / (1 - r^2), r the correlation of y - b d with z: it equals the 95%
     * F(1, n - 2) critical value at both bounds, exceeds it between them and stays below it outside.
     */
    @Test
    void unboundedSetIsReadable() {
        int n = 200;
        for (long seed = 1; seed < 200; seed++) {
            Random rng = new Random(seed);
            double[] y = new double[n], d = new double[n], z = new double[n];
            for (int i = 0; i < n; i++) {
                z[i] = rng.nextGaussian();
                double u = rng.nextGaussian();
                d[i] = 0.1 * z[i] + 0.8 * u + 0.6 * rng.nextGaussian();
                y[i] = d[i] + u;
            }
            TwoStageLeastSquares.Fit f = TwoStageLeastSquares.fit(y, d, new double[0][], new double[][]{z}, "d", List.of(), List.of("z"), 0.05);
            if (!f.arShape().equals("union of rays")) {
                continue;
            }
            try (Dataset data = Dataset.builder().numeric("y", y).numeric("d", d).numeric("z", z).build()) {
                AnalysisResult r = Engines.run(spec("y", "d", new IvDesign(List.of("z"), List.of())), data);
                Estimate a = r.find("d (Anderson-Rubin)", "causal.iv");
                double lo = a.extra().get("excluded_lower");
                double hi = a.extra().get("excluded_upper");
                double crit = new org.hipparchus.distribution.continuous.FDistribution(1, n - 2).inverseCumulativeProbability(0.95);
                assertEquals(crit, arF(y, d, z, lo), 1e-6 * crit);
                assertEquals(crit, arF(y, d, z, hi), 1e-6 * crit);
                assertTrue(arF(y, d, z, (lo + hi) / 2) > crit && arF(y, d, z, lo - 1) < crit && arF(y, d, z, hi + 1) < crit);
                String text = TwoStageLeastSquares.arSetText("union of rays", new double[]{lo, hi});
                assertTrue(text.startsWith("(-inf, ") && text.endsWith(", inf)") && text.contains("] U ["), text);
                assertEquals("95% " + text, r.details().get("anderson_rubin_set"));
                assertTrue(a.estimand().endsWith("(union of rays): " + text), a.estimand());
                return;
            }
        }
        throw new AssertionError("no draw gave an unbounded Anderson-Rubin set");
    }

    private static double arF(double[] y, double[] d, double[] z, double b) {
        int n = y.length;
        double mu = 0, mz = 0;
        for (int i = 0; i < n; i++) {
            mu += (y[i] - b * d[i]) / n;
            mz += z[i] / n;
        }
        double suz = 0, suu = 0, szz = 0;
        for (int i = 0; i < n; i++) {
            double e = y[i] - b * d[i] - mu;
            suz += e * (z[i] - mz);
            suu += e * e;
            szz += (z[i] - mz) * (z[i] - mz);
        }
        double r2 = suz * suz / (suu * szz);
        return (n - 2) * r2 / (1 - r2);
    }
}
