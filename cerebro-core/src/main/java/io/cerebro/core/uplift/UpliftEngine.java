package io.cerebro.core.uplift;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.ReferenceEngine;
import io.cerebro.core.mmm.fit.ProgressListener;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.UpliftSpec;
import io.cerebro.core.uplift.forest.CausalForest;
import io.cerebro.core.uplift.learner.CateFit;
import io.cerebro.core.uplift.learner.Folds;
import io.cerebro.core.uplift.learner.MetaLearners;
import io.cerebro.core.uplift.learner.Nuisances;
import io.cerebro.core.uplift.learner.UpliftData;
import io.cerebro.core.uplift.model.BaseLearner;
import io.cerebro.core.uplift.model.GradientBoosting;
import io.cerebro.core.uplift.model.LinearLearner;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The uplift family's reference engine. Nuisances (outcome per arm, propensity) are cross-fitted on
 * K folds stratified by treatment; the ATE and ATT are AIPW on them whatever the learner. The
 * learner's in-sample effects are out-of-fold (out-of-bag for the forest), so the deciles, the
 * calibration test, the Qini curve and {@code auto}'s choice never score a model on rows it saw.
 * {@code auto} fits S, T, X, R, DR and the causal forest and keeps the lowest R-loss
 * {@code mean((Y − m − (W − e)τ)²)}; the DR pseudo-outcome MSE {@code mean((φ − τ)²)} is reported too.
 * Same spec, data and seed give the same numbers.
 */
public final class UpliftEngine implements ReferenceEngine<UpliftSpec> {
    /** The progress listener of runs on this thread (the CLI sets one to draw the forest's progress bar). */
    public static final ThreadLocal<ProgressListener> PROGRESS = ThreadLocal.withInitial(() -> ProgressListener.NONE);
    /** Told the fitted model of runs on this thread (the CLI's {@code --predict} uses it). */
    public static final ThreadLocal<Consumer<Fitted>> ON_FIT = ThreadLocal.withInitial(() -> f -> { });
    /** Minimum growing rows per child of a causal tree (GRF's default min.node.size). */
    static final int MIN_NODE = 5;

    @Override
    public AnalysisResult run(UpliftSpec spec, Dataset dataset) {
        UpliftDataReader.Read read = UpliftDataReader.read(spec, dataset);
        if (spec.evaluates()) {
            return UpliftResults.evaluation(spec, dataset, read.data(), read.score());
        }
        Fitted f = fit(spec, read.data(), PROGRESS.get());
        ON_FIT.get().accept(f);
        return UpliftResults.build(spec, dataset, f);
    }

    /**
     * A learner's fit and its out-of-sample scores.
     *
     * @param fit    the learner
     * @param rLoss  cross-validated R-loss
     * @param drMse  cross-validated DR pseudo-outcome MSE
     */
    public record Scored(CateFit fit, double rLoss, double drMse) {
    }

    /**
     * Everything the result is made of.
     *
     * @param data      the rows
     * @param nuisances the cross-fitted nuisances
     * @param scored    every learner fitted, in the order fitted
     * @param chosen    the learner reported
     * @param forest    the causal forest, if one was fitted
     * @param base      the base learner
     */
    public record Fitted(UpliftData data, Nuisances nuisances, List<Scored> scored, Scored chosen, CausalForest forest, BaseLearner base) {
        /** @return {effects, standard errors or NaN} of the new rows {@code columns} (training feature order). */
        public double[][] predict(double[][] columns) {
            int n = columns.length == 0 ? 0 : columns[0].length;
            if (chosen.fit().learner().equals("causal_forest")) {
                return forest.predict(columns, false);
            }
            double[] tau = new double[n];
            double[] se = new double[n];
            for (int i = 0; i < n; i++) {
                tau[i] = chosen.fit().predictor().cate(columns, i);
                se[i] = Double.NaN;
            }
            return new double[][] {tau, se};
        }
    }

    /** @return the base learner a spec names. */
    public static BaseLearner base(UpliftSpec spec) {
        return spec.base() == UpliftSpec.Base.GBM ? new GradientBoosting() : new LinearLearner();
    }

    /** Fits the spec's learner (all of them for {@code auto}). */
    public static Fitted fit(UpliftSpec spec, UpliftData d, ProgressListener progress) {
        BaseLearner base = base(spec);
        Folds folds = new Folds(d.w(), spec.folds(), spec.seed());
        Nuisances nu = Nuisances.fit(d, base, folds);
        int n = d.rows();
        double[] yr = new double[n];
        double[] wr = new double[n];
        for (int i = 0; i < n; i++) {
            yr[i] = d.y()[i] - nu.m()[i];
            wr[i] = d.w()[i] - nu.e()[i];
        }
        double[] phi = nu.aipwScores(d);
        List<UpliftSpec.Learner> learners = spec.learner() == UpliftSpec.Learner.AUTO
                ? List.of(UpliftSpec.Learner.S, UpliftSpec.Learner.T, UpliftSpec.Learner.X, UpliftSpec.Learner.R, UpliftSpec.Learner.DR,
                UpliftSpec.Learner.CAUSAL_FOREST)
                : List.of(spec.learner());
        List<Scored> scored = new ArrayList<>();
        CausalForest forest = null;
        for (UpliftSpec.Learner l : learners) {
            CateFit fit;
            switch (l) {
                case S -> fit = MetaLearners.s(d, base, folds);
                case T -> fit = MetaLearners.t(d, nu);
                case X -> fit = MetaLearners.x(d, base, nu);
                case R -> fit = MetaLearners.r(d, base, nu);
                case DR -> fit = MetaLearners.dr(d, base, nu);
                default -> {
                    int trees = spec.trees();
                    forest = CausalForest.grow(d.x(), yr, wr, d.w(), trees, minNode(n), spec.seed(),
                            done -> progress.update("forest", done, trees));
                    double[][] oob = forest.predict(d.x().columns(), true);
                    fit = new CateFit("causal_forest", fillMissing(oob[0]), oob[1], null);
                }
            }
            scored.add(score(fit, yr, wr, phi));
        }
        Scored chosen = scored.get(0);
        for (Scored s : scored) {
            if (s.rLoss() < chosen.rLoss()) {
                chosen = s;
            }
        }
        return new Fitted(d, nu, List.copyOf(scored), chosen, forest, base);
    }

    /** Larger leaves on large data keep trees (and their memory) proportional to the rows they summarise. */
    static int minNode(int n) {
        return Math.max(MIN_NODE, n / 20_000);
    }

    /** A row no bag left out (possible with few trees) takes the mean of the others. */
    private static double[] fillMissing(double[] tau) {
        double s = 0;
        int c = 0;
        for (double t : tau) {
            if (!Double.isNaN(t)) {
                s += t;
                c++;
            }
        }
        double mean = c > 0 ? s / c : 0;
        double[] out = tau.clone();
        for (int i = 0; i < out.length; i++) {
            if (Double.isNaN(out[i])) {
                out[i] = mean;
            }
        }
        return out;
    }

    static Scored score(CateFit fit, double[] yr, double[] wr, double[] phi) {
        double r = 0;
        double dr = 0;
        int n = yr.length;
        for (int i = 0; i < n; i++) {
            double t = fit.oof()[i];
            double u = yr[i] - wr[i] * t;
            r += u * u;
            dr += (phi[i] - t) * (phi[i] - t);
        }
        return new Scored(fit, r / n, dr / n);
    }
}
