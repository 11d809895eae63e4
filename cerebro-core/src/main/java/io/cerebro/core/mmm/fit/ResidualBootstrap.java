package io.cerebro.core.mmm.fit;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.IntStream;

/**
 * The moving-block residual bootstrap of a fitted model. Each replicate adds to the fitted values
 * blocks of consecutive centred residuals drawn with replacement (blocks keep the residuals' serial
 * correlation), re-optimises the transform parameters by Nelder-Mead from the selected ones (so
 * the intervals carry the hyperparameters' uncertainty, not only the coefficients'), refits on every
 * week and records the statistics of interest. Replicate {@code b} draws from its own generator
 * seeded by {@code seed} and {@code b}, so the replicates are the same on any number of threads.
 */
public final class ResidualBootstrap {
    private ResidualBootstrap() {
    }

    /** @return the block length used for {@code n} weeks: {@code ceil(n^(1/3))}, at least 2. */
    public static int blockLength(int n) {
        return Math.max(2, (int) Math.ceil(Math.cbrt(n)));
    }

    /**
     * @param fitter      the model
     * @param y           the outcome
     * @param selected    the selected fit on every week
     * @param replicates  how many
     * @param refineEvals Nelder-Mead evaluations per replicate
     * @param seed        the seed
     * @param statistics  the statistics of a replicate's fit and outcome
     * @param progress    told after each replicate
     * @return {@code out[b]}: replicate b's statistics
     */
    public static double[][] run(MmmFitter fitter, double[] y, ModelFit selected, int replicates, int refineEvals, long seed,
                                 BiFunction<ModelFit, double[], double[]> statistics, ProgressListener progress) {
        int n = y.length;
        double[] resid = new double[n];
        double mean = 0;
        for (int t = 0; t < n; t++) {
            resid[t] = y[t] - selected.fitted()[t];
            mean += resid[t] / n;
        }
        for (int t = 0; t < n; t++) {
            resid[t] -= mean;
        }
        int block = blockLength(n);
        double[] lo = fitter.lower();
        double[] hi = fitter.upper();
        double[] u0 = HyperparameterSearch.toUnit(selected.theta(), lo, hi);
        double[][] out = new double[replicates][];
        AtomicInteger done = new AtomicInteger();
        IntStream.range(0, replicates).parallel().forEach(b -> {
            SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L * (b + 1));
            double[] ys = new double[n];
            int t = 0;
            while (t < n) {
                int start = rng.nextInt(n - block + 1);
                for (int i = 0; i < block && t < n; i++, t++) {
                    ys[t] = selected.fitted()[t] + resid[start + i];
                }
            }
            double[] theta = selected.theta();
            if (refineEvals > 0) {
                NelderMead.Minimum m = NelderMead.minimise(u -> fitter.fit(HyperparameterSearch.scale(u, lo, hi), ys, n).nrmse(), u0,
                        refineEvals);
                theta = HyperparameterSearch.scale(m.point(), lo, hi);
            }
            out[b] = statistics.apply(fitter.fit(theta, ys, n), ys);
            progress.update("bootstrap", done.incrementAndGet(), replicates);
        });
        return out;
    }

    /** @return the {@code q} quantile of {@code v} (R's type 7: linear between order statistics); v is sorted in place. */
    public static double quantile(double[] v, double q) {
        java.util.Arrays.sort(v);
        double h = (v.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(v.length - 1, lo + 1);
        return v[lo] + (h - lo) * (v[hi] - v[lo]);
    }
}
