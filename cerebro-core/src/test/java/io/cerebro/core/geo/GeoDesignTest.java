package io.cerebro.core.geo;

import io.cerebro.core.mmm.fit.ProgressListener;
import io.cerebro.core.spec.GeoTestSpec;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The design of a geo test on GeoLift_PreTest.csv (GeoLift's walkthrough; oracle
 * geo_geolift_oracles.json, "GeoLift_PreTest_power": average ATT 290.007, lift 10.1%, incremental
 * 8700 for chicago+portland over 15 days at the detectable effect).
 *
 * <p>What is matched: with one simulated start (GeoLift's default {@code lookback_window = 1}, the
 * last 15 days as the test window) and a planted effect of 10%, the estimated ATT, lift and
 * incremental outcome equal GeoLift's published figures. What differs: GeoLift's power search
 * scales the effect until the test detects it and reports that effect; Cerebro plants the effects
 * the user lists over many historical starts and reports the rejection rate of each (power, and
 * the false-positive rate at 0), with the minimum detectable effect the smallest listed effect
 * whose power reaches the target. Its decisions come from the analysis's own conformal test.
 */
class GeoDesignTest {
    static final GeoPanel PANEL = GeoFixtures.panel("GeoLift_PreTest.csv");

    static GeoTestSpec analysis(List<String> treated) {
        return GeoTestSpec.builder("location", "date", "Y").treated(treated).start("-").permutations(199).build();
    }

    static GeoDesign.Settings fixed(List<String> treated, int starts, List<Double> effects) {
        return new GeoDesign.Settings(analysis(treated), 15, effects, treated, 2, 5, null, null, starts, 200, 5, 0.8, null, null);
    }

    @Test
    void chicagoPortlandOverFifteenDaysLandsOnGeoLiftsWalkthrough() {
        List<String> cp = List.of("chicago", "portland");
        GeoDesign.Design d = GeoDesign.run(fixed(cp, 1, List.of(0.0, 0.05, 0.10, 0.15)), PANEL, ProgressListener.NONE);
        GeoDesign.SetPower p = d.ranked().get(0);
        int at10 = 2;
        assertEquals(290.007, p.meanAtt()[at10], 1e-3 * 290.007, "GeoLift's average ATT");
        assertEquals(0.101, p.meanLift()[at10], 0.0005, "GeoLift's 10.1% lift");
        assertEquals(8700, p.meanIncremental()[at10], 1e-3 * 8700, "GeoLift's incremental");
        assertEquals(0.10, p.mde(), 1e-12, "10% is detected at the last start, 5% is not");
        assertTrue(d.placebo().pValue() > 0.05, "the pre-test placebo finds nothing: p " + d.placebo().pValue());
    }

    /** The power the design reports is what the analysis, run on simulated tests with the effect planted, rejects. */
    @Test
    void designPowerIsConfirmedByRunningTheAnalysisOnPlantedTests() {
        List<String> cp = List.of("chicago", "portland");
        int starts = 12;
        double effect = 0.08;
        GeoDesign.Design d = GeoDesign.run(fixed(cp, starts, List.of(0.0, effect)), PANEL, ProgressListener.NONE);
        double designPower = d.ranked().get(0).power()[1];
        double designFpr = d.ranked().get(0).power()[0];
        int rejected = 0;
        int falsePositives = 0;
        for (int s : d.startIndex()) {
            for (double planted : new double[]{0.0, effect}) {
                // plant the effect in each treated location's own rows (not in their mean) and run the full analysis
                double[][] y = new double[PANEL.y().length][];
                for (int l = 0; l < y.length; l++) {
                    y[l] = Arrays.copyOf(PANEL.y()[l], s + 15);
                    if (cp.contains(PANEL.locations()[l])) {
                        for (int t = s; t < s + 15; t++) {
                            y[l][t] *= 1 + planted;
                        }
                    }
                }
                GeoPanel cut = new GeoPanel(PANEL.locations(), Arrays.copyOf(PANEL.periods(), s + 15), Arrays.copyOf(PANEL.x(), s + 15), y, List.of());
                GeoTestSpec spec = analysis(cp).toBuilder().start(PANEL.periods()[s]).build();
                CellAnalysis.Cell c = GeoAnalysis.run(spec, cut).cells().get(0);
                if (c.pValue() <= spec.alpha()) {
                    if (planted == 0) {
                        falsePositives++;
                    } else {
                        rejected++;
                    }
                }
            }
        }
        assertEquals(designPower, (double) rejected / starts, 1e-12, "power at +8%");
        assertEquals(designFpr, (double) falsePositives / starts, 1e-12, "false-positive rate");
        assertTrue(designPower > designFpr, "power " + designPower + " above the false-positive rate " + designFpr);
    }

    @Test
    void marketSelectionSaysHowItSearchedAndRanksByDetectableEffect() {
        GeoDesign.Settings s = new GeoDesign.Settings(analysis(List.of("-")), 15, List.of(0.0, 0.05, 0.10, 0.20), null, 2, 3,
                List.of("chicago"), List.of("new york"), 4, 40, 3, 0.75, 7.0, 1e9);
        GeoDesign.Design d = GeoDesign.run(s, PANEL, ProgressListener.NONE);
        // chicago is in every set and new york in none: 38 locations free to join chicago
        assertTrue(d.search().contains("size 2: exhaustive (38 sets)"), d.search());
        assertTrue(d.search().contains("size 3: random search (40 of 703 sets)"), d.search());
        assertEquals(6, d.ranked().size(), "the 3 best fitting sets of each size are simulated");
        for (GeoDesign.SetPower p : d.ranked()) {
            assertTrue(p.treated().contains("chicago") && !p.treated().contains("new york"), p.label());
        }
        for (int i = 1; i < d.ranked().size(); i++) {
            double prev = d.ranked().get(i - 1).mde();
            double cur = d.ranked().get(i).mde();
            assertTrue(Double.isNaN(cur) || prev <= cur, "ranked by MDE: " + prev + " then " + cur);
        }
        assertTrue(GeoDesignResult.result(s, d).build().estimates().stream().anyMatch(e -> e.method().equals("geo.power")));
    }
}
