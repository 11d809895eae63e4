package io.cerebro.core.mmm.fit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * The seeded search over the transform parameters. Candidates are a Latin hypercube over the
 * parameter box (each parameter's range cut into as many strata as candidates, one draw per
 * stratum); every candidate is fitted and scored by Robyn's two objectives, NRMSE and
 * DECOMP.RSSD, over the training weeks. The lowest-NRMSE candidates then seed a bounded
 * Nelder-Mead refinement of NRMSE. The selected model is the lowest NRMSE found; the Pareto front
 * of all evaluated points on (NRMSE, DECOMP.RSSD) is reported beside it. Candidates are fitted in
 * parallel but each is a pure function of its index, so the answer does not depend on threads.
 */
public final class HyperparameterSearch {
    private HyperparameterSearch() {
    }

    /**
     * The search's outcome.
     *
     * @param best       the selected candidate
     * @param front      the Pareto front, by increasing NRMSE
     * @param evaluated  how many models were fitted (candidates, Nelder-Mead evaluations and the refits of its optima)
     * @param candidates how many of them were Latin hypercube candidates
     */
    public record Result(Candidate best, List<Candidate> front, int evaluated, int candidates) {
    }

    /**
     * @param fitter        the model
     * @param y             the outcome
     * @param rows          the training weeks
     * @param candidates    Latin hypercube candidates, at least 1
     * @param refineStarts  best candidates refined by Nelder-Mead
     * @param refineEvals   evaluations per refinement
     * @param seed          the seed of the candidates
     * @param progress      told after each batch
     */
    public static Result run(MmmFitter fitter, double[] y, int rows, int candidates, int refineStarts, int refineEvals, long seed,
                             ProgressListener progress) {
        int d = fitter.dimension();
        double[] lo = fitter.lower();
        double[] hi = fitter.upper();
        double[][] unit = latinHypercube(candidates, d, seed);
        Candidate[] evaluated = new Candidate[candidates];
        AtomicInteger done = new AtomicInteger();
        int step = Math.max(1, candidates / 100);
        IntStream.range(0, candidates).parallel().forEach(i -> {
            double[] theta = scale(unit[i], lo, hi);
            ModelFit f = fitter.fit(theta, y, rows);
            evaluated[i] = new Candidate(i, theta, f.nrmse(), f.decompRssd());
            int n = done.incrementAndGet();
            if (n % step == 0 || n == candidates) {
                progress.update("search", n, candidates);
            }
        });
        List<Candidate> all = new ArrayList<>(List.of(evaluated));
        List<Candidate> starts = all.stream().sorted(Comparator.comparingDouble(Candidate::nrmse).thenComparingInt(Candidate::index))
                .limit(refineStarts).toList();
        AtomicInteger refined = new AtomicInteger();
        // models fitted by each refinement: Nelder-Mead may converge before its budget, plus the final refit
        int[] refineFits = new int[starts.size()];
        List<Candidate> refinedPoints = IntStream.range(0, starts.size()).parallel().mapToObj(s -> {
            double[] u0 = toUnit(starts.get(s).theta(), lo, hi);
            NelderMead.Minimum m = NelderMead.minimise(u -> fitter.fit(scale(u, lo, hi), y, rows).nrmse(), u0, refineEvals);
            double[] theta = scale(m.point(), lo, hi);
            ModelFit f = fitter.fit(theta, y, rows);
            refineFits[s] = m.evaluations() + 1;
            progress.update("refine", refined.incrementAndGet(), starts.size());
            return new Candidate(candidates + s, theta, f.nrmse(), f.decompRssd());
        }).toList();
        int evals = candidates;
        for (int fits : refineFits) {
            evals += fits;
        }
        all.addAll(refinedPoints);
        Candidate best = all.stream().min(Comparator.comparingDouble(Candidate::nrmse).thenComparingInt(Candidate::index)).orElseThrow();
        return new Result(best, paretoFront(all), evals, candidates);
    }

    /** @return the non-dominated candidates, by increasing NRMSE (ties by index). */
    public static List<Candidate> paretoFront(List<Candidate> all) {
        List<Candidate> sorted = all.stream()
                .sorted(Comparator.comparingDouble(Candidate::nrmse).thenComparingDouble(Candidate::decompRssd)
                        .thenComparingInt(Candidate::index)).toList();
        List<Candidate> front = new ArrayList<>();
        double bestRssd = Double.POSITIVE_INFINITY;
        for (Candidate c : sorted) {
            if (c.decompRssd() < bestRssd) {
                front.add(c);
                bestRssd = c.decompRssd();
            }
        }
        return front;
    }

    /** @return {@code n} points in [0,1)^d, one per stratum of every coordinate. */
    public static double[][] latinHypercube(int n, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] u = new double[n][d];
        int[] perm = new int[n];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int k = rng.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[k];
                perm[k] = t;
            }
            for (int i = 0; i < n; i++) {
                u[i][j] = (perm[i] + rng.nextDouble()) / n;
            }
        }
        return u;
    }

    static double[] scale(double[] u, double[] lo, double[] hi) {
        double[] out = new double[u.length];
        for (int j = 0; j < u.length; j++) {
            out[j] = lo[j] + Math.min(1, Math.max(0, u[j])) * (hi[j] - lo[j]);
        }
        return out;
    }

    static double[] toUnit(double[] theta, double[] lo, double[] hi) {
        double[] out = new double[theta.length];
        for (int j = 0; j < theta.length; j++) {
            out[j] = hi[j] == lo[j] ? 0 : (theta[j] - lo[j]) / (hi[j] - lo[j]);
        }
        return out;
    }
}
