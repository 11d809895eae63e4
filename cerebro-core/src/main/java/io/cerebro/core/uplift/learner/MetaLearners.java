package io.cerebro.core.uplift.learner;

import io.cerebro.core.uplift.model.BaseLearner;
import io.cerebro.core.uplift.model.FeatureMatrix;
import io.cerebro.core.uplift.model.Loss;
import io.cerebro.core.uplift.model.Model;

import java.util.ArrayList;
import java.util.List;

/**
 * The meta-learners, each over a base learner and shared cross-fitted {@link Nuisances}. Second
 * stages are cross-fitted on the same folds: fold f's effects come from a second-stage model fitted on
 * the pseudo-outcomes of the other folds, and new rows get the mean of the K fold models.
 * <ul>
 *   <li>S: one model of Y on (X, W); effect = f(x, 1) − f(x, 0).</li>
 *   <li>T: mu1(x) − mu0(x).</li>
 *   <li>X (Kuenzel et al. 2019): D = Y − mu0(X) for the treated, mu1(X) − Y for controls; tau1, tau0 fitted per
 *       arm; effect = e(x)·tau0(x) + (1 − e(x))·tau1(x).</li>
 *   <li>R (Nie and Wager 2021): minimise Σ (W − e)² ((Y − m)/(W − e) − tau(X))², a weighted regression.</li>
 *   <li>DR (Kennedy 2023): regress the AIPW score on X.</li>
 * </ul>
 */
public final class MetaLearners {
    private MetaLearners() {
    }

    /** The S-learner: the treatment is one more feature. */
    public static CateFit s(UpliftData d, BaseLearner base, Folds folds) {
        int n = d.rows();
        int p = d.x().features();
        double[][] c = d.x().columns();
        double[][] withW = new double[p + 1][];
        System.arraycopy(c, 0, withW, 0, p);
        withW[p] = d.w();
        List<String> names = new ArrayList<>(d.x().names());
        names.add("__treatment");
        FeatureMatrix xw = new FeatureMatrix(names, withW);
        Loss loss = d.binaryOutcome() ? Loss.LOGISTIC : Loss.SQUARED;
        double[] oof = new double[n];
        List<Model> models = new ArrayList<>();
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1);
        double[][] at1 = withColumn(c, ones);
        double[][] at0 = withColumn(c, new double[n]);
        for (int f = 0; f < folds.k(); f++) {
            Model mo = base.fit(xw, d.y(), null, folds.train(f), loss);
            models.add(mo);
            for (int i : folds.test(f)) {
                oof[i] = mo.predict(at1, i) - mo.predict(at0, i);
            }
        }
        return new CateFit("s", oof, null, (cols, i) -> {
            double s = 0;
            for (Model mo : models) {
                s += predictAt(mo, cols, i, 1) - predictAt(mo, cols, i, 0);
            }
            return s / models.size();
        });
    }

    private static double[][] withColumn(double[][] c, double[] extra) {
        double[][] out = new double[c.length + 1][];
        System.arraycopy(c, 0, out, 0, c.length);
        out[c.length] = extra;
        return out;
    }

    /** One row of new data with the treatment column set to {@code w}. */
    private static double predictAt(Model mo, double[][] cols, int i, double w) {
        double[][] one = new double[cols.length + 1][1];
        for (int j = 0; j < cols.length; j++) {
            one[j][0] = cols[j][i];
        }
        one[cols.length][0] = w;
        return mo.predict(one, 0);
    }

    /** The T-learner: the arms' outcome models from the nuisances. */
    public static CateFit t(UpliftData d, Nuisances nu) {
        int n = d.rows();
        double[] oof = new double[n];
        for (int i = 0; i < n; i++) {
            oof[i] = nu.mu1()[i] - nu.mu0()[i];
        }
        return new CateFit("t", oof, null, (cols, i) -> {
            double s = 0;
            for (int f = 0; f < nu.mu0Models().size(); f++) {
                s += nu.mu1Models().get(f).predict(cols, i) - nu.mu0Models().get(f).predict(cols, i);
            }
            return s / nu.mu0Models().size();
        });
    }

    /** The X-learner. */
    public static CateFit x(UpliftData d, BaseLearner base, Nuisances nu) {
        int n = d.rows();
        double[] imputed = new double[n];
        for (int i = 0; i < n; i++) {
            imputed[i] = d.w()[i] == 1 ? d.y()[i] - nu.mu0()[i] : nu.mu1()[i] - d.y()[i];
        }
        Folds folds = nu.folds();
        double[][] c = d.x().columns();
        double[] oof = new double[n];
        List<Model> t0 = new ArrayList<>();
        List<Model> t1 = new ArrayList<>();
        for (int f = 0; f < folds.k(); f++) {
            Model a0 = base.fit(d.x(), imputed, null, Folds.arm(folds.train(f), d.w(), 0), Loss.SQUARED);
            Model a1 = base.fit(d.x(), imputed, null, Folds.arm(folds.train(f), d.w(), 1), Loss.SQUARED);
            t0.add(a0);
            t1.add(a1);
            for (int i : folds.test(f)) {
                double e = nu.e()[i];
                oof[i] = e * a0.predict(c, i) + (1 - e) * a1.predict(c, i);
            }
        }
        double meanE = mean(nu.e());
        return new CateFit("x", oof, null, (cols, i) -> {
            double e = nu.propensityOf(cols, i, meanE);
            double s = 0;
            for (int f = 0; f < t0.size(); f++) {
                s += e * t0.get(f).predict(cols, i) + (1 - e) * t1.get(f).predict(cols, i);
            }
            return s / t0.size();
        });
    }

    /** The R-learner. */
    public static CateFit r(UpliftData d, BaseLearner base, Nuisances nu) {
        int n = d.rows();
        double[] pseudo = new double[n];
        double[] weight = new double[n];
        for (int i = 0; i < n; i++) {
            double wr = d.w()[i] - nu.e()[i];
            pseudo[i] = (d.y()[i] - nu.m()[i]) / wr;
            weight[i] = wr * wr;
        }
        return secondStage("r", d, base, nu.folds(), pseudo, weight);
    }

    /** The DR-learner. */
    public static CateFit dr(UpliftData d, BaseLearner base, Nuisances nu) {
        return secondStage("dr", d, base, nu.folds(), nu.aipwScores(d), null);
    }

    private static CateFit secondStage(String name, UpliftData d, BaseLearner base, Folds folds, double[] target, double[] weight) {
        double[][] c = d.x().columns();
        double[] oof = new double[d.rows()];
        List<Model> models = new ArrayList<>();
        for (int f = 0; f < folds.k(); f++) {
            Model mo = base.fit(d.x(), target, weight, folds.train(f), Loss.SQUARED);
            models.add(mo);
            for (int i : folds.test(f)) {
                oof[i] = mo.predict(c, i);
            }
        }
        return new CateFit(name, oof, null, (cols, i) -> {
            double s = 0;
            for (Model mo : models) {
                s += mo.predict(cols, i);
            }
            return s / models.size();
        });
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }
}
