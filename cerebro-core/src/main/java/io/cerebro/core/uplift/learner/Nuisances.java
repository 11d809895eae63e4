package io.cerebro.core.uplift.learner;

import io.cerebro.core.uplift.model.BaseLearner;
import io.cerebro.core.uplift.model.Loss;
import io.cerebro.core.uplift.model.Model;

import java.util.ArrayList;
import java.util.List;

/**
 * Cross-fitted nuisance functions shared by every learner: the outcome in each arm
 * ({@code mu0}, {@code mu1}), the propensity {@code e} (known, or a fitted model clipped to
 * [{@value #CLIP}, 1 − {@value #CLIP}]) and the marginal outcome {@code m = e·mu1 + (1 − e)·mu0}.
 * Each row's values come from the fold models that did not see it.
 *
 * @param folds      the folds
 * @param mu0        out-of-fold outcome under control
 * @param mu1        out-of-fold outcome under treatment
 * @param e          out-of-fold (or known) propensity, clipped
 * @param m          out-of-fold marginal outcome
 * @param mu0Models  one control-arm model per fold
 * @param mu1Models  one treated-arm model per fold
 * @param eModels    one propensity model per fold (empty when the propensity is known)
 * @param clipped    rows whose fitted propensity was clipped
 * @param rawE       the propensity before clipping (for the overlap diagnostics)
 */
public record Nuisances(Folds folds, double[] mu0, double[] mu1, double[] e, double[] m, List<Model> mu0Models,
                        List<Model> mu1Models, List<Model> eModels, int clipped, double[] rawE) {
    /** Propensities are clipped to [CLIP, 1 - CLIP] before they divide anything. */
    public static final double CLIP = 0.01;

    /** Fits the nuisances on {@code folds}: the arms' outcomes with {@code base.forOutcomes()}, the propensity with {@code base.forPropensity()}. */
    public static Nuisances fit(UpliftData d, BaseLearner base, Folds folds) {
        int n = d.rows();
        double[] mu0 = new double[n];
        double[] mu1 = new double[n];
        double[] e = new double[n];
        double[] raw = new double[n];
        List<Model> m0 = new ArrayList<>();
        List<Model> m1 = new ArrayList<>();
        List<Model> em = new ArrayList<>();
        Loss outcomeLoss = d.binaryOutcome() ? Loss.LOGISTIC : Loss.SQUARED;
        double[][] c = d.x().columns();
        BaseLearner outcomes = base.forOutcomes();
        BaseLearner propensity = base.forPropensity();
        for (int f = 0; f < folds.k(); f++) {
            int[] train = folds.train(f);
            Model a0 = outcomes.fit(d.x(), d.y(), null, Folds.arm(train, d.w(), 0), outcomeLoss);
            Model a1 = outcomes.fit(d.x(), d.y(), null, Folds.arm(train, d.w(), 1), outcomeLoss);
            m0.add(a0);
            m1.add(a1);
            Model pm = d.propensity() == null ? propensity.fit(d.x(), d.w(), null, train, Loss.LOGISTIC) : null;
            if (pm != null) {
                em.add(pm);
            }
            for (int i : folds.test(f)) {
                mu0[i] = a0.predict(c, i);
                mu1[i] = a1.predict(c, i);
                raw[i] = pm != null ? pm.predict(c, i) : d.propensity()[i];
            }
        }
        int clipped = 0;
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            double v = raw[i];
            if (v < CLIP || v > 1 - CLIP) {
                clipped++;
                v = Math.min(1 - CLIP, Math.max(CLIP, v));
            }
            e[i] = v;
            m[i] = v * mu1[i] + (1 - v) * mu0[i];
        }
        return new Nuisances(folds, mu0, mu1, e, m, m0, m1, em, clipped, raw);
    }

    /** @return the doubly robust (AIPW) score of each row: {@code mu1 − mu0 + W(Y − mu1)/e − (1 − W)(Y − mu0)/(1 − e)}. */
    public double[] aipwScores(UpliftData d) {
        int n = d.rows();
        double[] phi = new double[n];
        for (int i = 0; i < n; i++) {
            double w = d.w()[i];
            double y = d.y()[i];
            phi[i] = mu1[i] - mu0[i] + w * (y - mu1[i]) / e[i] - (1 - w) * (y - mu0[i]) / (1 - e[i]);
        }
        return phi;
    }

    /** @return the propensity for row {@code i} of new data: the fold models' mean, or the mean known propensity. */
    public double propensityOf(double[][] columns, int i, double meanKnown) {
        if (eModels.isEmpty()) {
            return meanKnown;
        }
        double s = 0;
        for (Model mo : eModels) {
            s += mo.predict(columns, i);
        }
        return Math.min(1 - CLIP, Math.max(CLIP, s / eModels.size()));
    }
}
