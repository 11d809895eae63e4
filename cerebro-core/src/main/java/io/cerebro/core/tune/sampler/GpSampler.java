package io.cerebro.core.tune.sampler;

import io.cerebro.core.mmm.fit.NelderMead;
import io.cerebro.core.tune.StudySpec;
import io.cerebro.core.tune.journal.Trial;
import io.cerebro.core.tune.space.Parameter;
import io.cerebro.core.tune.space.ParameterSpace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Gaussian-process Bayesian optimisation: a Latin hypercube for the first {@code n_startup_trials}
 * (10), then a {@link GaussianProcess} (Matérn 5/2) on the standardised losses, with its length scale
 * and noise chosen by maximising the marginal likelihood (Nelder-Mead over their logs, amplitude 1 on
 * the standardised scale), and the candidate of largest {@link ExpectedImprovement} proposed.
 *
 * <p>Inputs: numeric parameters enter on the unit cube, which is on log scale for log parameters
 * (input warping); a categorical with k choices enters as k one-hot columns scaled by 1/√2, so two
 * different choices are at distance 1, like the two ends of a numeric range. Candidates: 1000
 * uniform points and 100 Gaussian perturbations (sd 0.05) of each of the 5 best trials. The model
 * uses the 300 most recent completed trials, which bounds the cubic cost of a fit.
 */
public final class GpSampler implements Sampler {
    private static final int MAX_POINTS = 300;
    private final ParameterSpace space;
    private final List<StudySpec.Direction> directions;
    private final long seed;
    private final StudySpec.SamplerOptions options;
    private final LatinHypercubeSampler startup;

    public GpSampler(ParameterSpace space, List<StudySpec.Direction> directions, long seed, StudySpec.SamplerOptions options) {
        this.space = space;
        this.directions = directions;
        this.seed = seed;
        this.options = options;
        this.startup = new LatinHypercubeSampler(space, seed, Math.max(1, options.startupTrials()));
    }

    @Override
    public Map<String, Object> suggest(int number, List<Trial> finished) {
        List<Trial> complete = finished.stream().filter(Trial::complete).toList();
        if (complete.size() < Math.max(2, options.startupTrials())) {
            return startup.suggest(number, finished);
        }
        if (complete.size() > MAX_POINTS) {
            complete = complete.subList(complete.size() - MAX_POINTS, complete.size());
        }
        SplittableRandom rng = Sampler.rng(seed, number);
        double[] loss = Losses.of(complete, directions);
        double mean = 0;
        for (double l : loss) {
            mean += l;
        }
        mean /= loss.length;
        double var = 0;
        for (double l : loss) {
            var += (l - mean) * (l - mean);
        }
        double sd = Math.sqrt(var / Math.max(1, loss.length - 1));
        if (!(sd > 0)) {
            sd = 1;
        }
        double[] y = new double[loss.length];
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < y.length; i++) {
            y[i] = (loss[i] - mean) / sd;
            best = Math.min(best, y[i]);
        }
        double[][] units = new double[complete.size()][];
        double[][] features = new double[complete.size()][];
        for (int i = 0; i < units.length; i++) {
            units[i] = space.unitPoint(complete.get(i).params());
            features[i] = features(units[i]);
        }
        // NelderMead works on the unit square: log length scale in [-6, 3], log noise in [-14, 0]
        NelderMead.Minimum fit = NelderMead.minimise(h -> {
            double[] hp = hyper(h);
            return -new GaussianProcess(features, y, hp[0], 1.0, hp[1]).logMarginalLikelihood();
        }, new double[]{(Math.log(0.3) + 6) / 9, (Math.log(1e-3) + 14) / 14}, 60);
        double[] hp = hyper(fit.point());
        double ls = hp[0];
        double noise = hp[1];
        GaussianProcess gp = new GaussianProcess(features, y, ls, 1.0, noise);
        List<double[]> candidates = new ArrayList<>();
        int n = options.candidates() == null ? 1000 : options.candidates();
        for (int c = 0; c < n; c++) {
            candidates.add(RandomSampler.point(space.dimension(), rng));
        }
        Integer[] order = new Integer[y.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble(i -> y[i]));
        for (int b = 0; b < Math.min(5, order.length); b++) {
            for (int c = 0; c < 100; c++) {
                double[] u = units[order[b]].clone();
                for (int j = 0; j < u.length; j++) {
                    u[j] = Math.min(1, Math.max(0, u[j] + 0.05 * ParzenEstimator.gaussian(rng)));
                }
                candidates.add(u);
            }
        }
        double[] chosen = candidates.get(0);
        double bestEi = Double.NEGATIVE_INFINITY;
        for (double[] u : candidates) {
            double[] f = features(u);
            double ei = ExpectedImprovement.of(gp.mean(f), Math.sqrt(gp.variance(f)), best);
            if (ei > bestEi) {
                bestEi = ei;
                chosen = u;
            }
        }
        return space.configuration(chosen);
    }

    private static double[] hyper(double[] h) {
        return new double[]{Math.exp(-6 + 9 * h[0]), Math.exp(-14 + 14 * h[1])};
    }

    /** @return the GP's inputs for a unit point: numeric coordinates as they are, categoricals one-hot. */
    double[] features(double[] u) {
        List<Double> f = new ArrayList<>();
        for (int j = 0; j < u.length; j++) {
            Parameter p = space.parameters().get(j);
            if (p.discreteChoices() && p.type() == Parameter.Type.CATEGORICAL) {
                int c = ParzenEstimator.cell(u[j], p.size());
                for (int k = 0; k < p.size(); k++) {
                    f.add(k == c ? 1 / Math.sqrt(2) : 0.0);
                }
            } else if (p.discreteChoices()) {
                // a numeric parameter given as a list of values: its value on the unit scale of its range
                f.add(p.toUnit(((Number) p.fromUnit(u[j])).doubleValue()));
            } else {
                f.add(u[j]);
            }
        }
        return f.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
