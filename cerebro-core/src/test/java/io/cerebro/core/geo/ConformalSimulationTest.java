package io.cerebro.core.geo;

import io.cerebro.core.spec.Alternative;
import io.cerebro.core.spec.GeoTestSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Conformal inference by simulation with a planted effect: panels from a two-factor model with
 * location fixed effects and iid noise (22 locations, 60 pre-periods, 10 test periods, two treated),
 * so the residuals are exchangeable in time, as the method assumes.
 */
class ConformalSimulationTest {
    private static final int LOCATIONS = 22;
    private static final int PRE = 60;
    private static final int POST = 10;

    /** {target (mean of two treated), donors...} with {@code effect} added to the treated test periods. */
    private static double[][] panel(SplittableRandom rng, double effect) {
        int nt = PRE + POST;
        double[][] f = new double[2][nt];
        for (int k = 0; k < 2; k++) {
            for (int t = 0; t < nt; t++) {
                f[k][t] = gauss(rng);
            }
        }
        double[][] y = new double[LOCATIONS][nt];
        for (int i = 0; i < LOCATIONS; i++) {
            double a = 50 + 20 * rng.nextDouble();
            double l1 = 0.5 + rng.nextDouble();
            double l2 = 0.5 + rng.nextDouble();
            for (int t = 0; t < nt; t++) {
                y[i][t] = a + 3 * (l1 * f[0][t] + l2 * f[1][t]) + gauss(rng);
            }
        }
        double[][] out = new double[LOCATIONS - 1][];
        out[0] = new double[nt];
        for (int t = 0; t < nt; t++) {
            out[0][t] = 0.5 * (y[0][t] + y[1][t]) + (t >= PRE ? effect : 0);
        }
        System.arraycopy(y, 2, out, 1, LOCATIONS - 2);
        return out;
    }

    private static double gauss(SplittableRandom rng) {
        double u = rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    private static double[][] donors(double[][] p) {
        double[][] d = new double[p.length - 1][];
        System.arraycopy(p, 1, d, 0, d.length);
        return d;
    }

    @Test
    void falsePositiveRateIsNominalWithNoEffect() {
        SplittableRandom rng = new SplittableRandom(20211);
        int draws = 500;
        int sharp = 0;
        int average = 0;
        for (int r = 0; r < draws; r++) {
            double[][] p = panel(rng, 0);
            ConformalInference ci = new ConformalInference(p[0], donors(p), PRE, GeoEstimator::scm, Alternative.TWO_SIDED,
                    GeoTestSpec.Conformal.IID, 199, rng.nextLong());
            if (ci.pValue(0, ConformalInference.Statistic.SHARP) <= 0.05) {
                sharp++;
            }
            if (ci.pValue(0, ConformalInference.Statistic.AVERAGE) <= 0.05) {
                average++;
            }
        }
        double fprSharp = sharp / (double) draws;
        double fprAverage = average / (double) draws;
        assertTrue(fprSharp >= 0.03 && fprSharp <= 0.07, "sharp-null false-positive rate " + fprSharp);
        assertTrue(fprAverage >= 0.03 && fprAverage <= 0.07, "average-effect false-positive rate " + fprAverage);
    }

    @Tag("slow")
    @Test
    void intervalCoversAPlantedEffectAtItsNominalRate() {
        SplittableRandom rng = new SplittableRandom(7);
        int draws = 400;
        double effect = 2.5;
        int covered = 0;
        double meanAtt = 0;
        for (int r = 0; r < draws; r++) {
            double[][] p = panel(rng, effect);
            double[][] d = donors(p);
            GeoEstimator.Fit fit = GeoEstimator.scm(p[0], d, PRE);
            double att = 0;
            for (int t = PRE; t < PRE + POST; t++) {
                att += fit.gaps()[t] / POST;
            }
            meanAtt += att / draws;
            ConformalInference ci = new ConformalInference(p[0], d, PRE, GeoEstimator::scm, Alternative.TWO_SIDED,
                    GeoTestSpec.Conformal.IID, 199, rng.nextLong());
            double[] iv = ci.interval(att, CellAnalysis.rms(fit.gaps(), 0, PRE), 0.05);
            if (iv[0] <= effect && effect <= iv[1]) {
                covered++;
            }
        }
        double coverage = covered / (double) draws;
        assertEquals(0.95, coverage, 0.03, "coverage of the planted effect " + effect);
        assertEquals(effect, meanAtt, 0.1, "the ATT is unbiased for the planted effect");
    }
}
