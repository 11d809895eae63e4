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
        BaseLearner outcomes = base.forOutcomes();
        BaseLearner propensity = base.forPropensity();
        // the fits are independent (each is deterministic given its rows): run them side by side, so that both cores
        // work through the whole fit rather than only through its larger nodes' histograms
        int k = folds.k();
        int kinds = d.propensity() == null ? 3 : 2;
        Model[] fitted = new Model[kinds * k];
        double[][][] predicted = new double[kinds * k][][];
        forEachParallel(kinds * k, t -> {
            int f = t / kinds;
            int kind = t % kinds;
            int[] train = folds.train(f);
            Model mo = switch (kind) {
                case 0 -> outcomes.fit(d.x(), d.y(), null, Folds.arm(train, d.w(), 0), outcomeLoss);
                case 1 -> outcomes.fit(d.x(), d.y(), null, Folds.arm(train, d.w(), 1), outcomeLoss);
                default -> propensity.fit(d.x(), d.w(), null, train, Loss.LOGISTIC);
            };
            fitted[t] = mo;
            predicted[t] = new double[][] {mo.predictRows(d.x(), folds.test(f))};
        });
        for (int f = 0; f < k; f++) {
            m0.add(fitted[kinds * f]);
            m1.add(fitted[kinds * f + 1]);
            if (kinds == 3) {
                em.add(fitted[kinds * f + 2]);
            }
            int[] test = folds.test(f);
            double[] p0 = predicted[kinds * f][0];
            double[] p1 = predicted[kinds * f + 1][0];
            for (int q = 0; q < test.length; q++) {
                int i = test[q];
                mu0[i] = p0[q];
                mu1[i] = p1[q];
                raw[i] = kinds == 3 ? predicted[kinds * f + 2][0][q] : d.propensity()[i];
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

    /**
     * Runs {@code body} for 0 to {@code tasks − 1} on as many threads as there are processors, each taking the next task
     * when done: at most that many fits (and their buffers) are alive at once, which a parallel stream does not promise
     * (a worker waiting on a nested stream may start another task).
     */
    static void forEachParallel(int tasks, java.util.function.IntConsumer body) {
        int threads = Math.max(1, Math.min(tasks, Runtime.getRuntime().availableProcessors()));
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Runnable worker = () -> {
            for (int t = next.getAndIncrement(); t < tasks && failure.get() == null; t = next.getAndIncrement()) {
                try {
                    body.accept(t);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        Thread[] pool = new Thread[threads - 1];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = new Thread(worker, "cerebro-nuisance-" + i);
            pool[i].setDaemon(true);
            pool[i].start();
        }
        worker.run();
        for (Thread th : pool) {
            try {
                th.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while fitting the nuisances", e);
            }
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException re) {
            throw re;
        }
        if (e instanceof Error er) {
            throw er;
        }
        if (e != null) {
            throw new IllegalStateException(e);
        }
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
