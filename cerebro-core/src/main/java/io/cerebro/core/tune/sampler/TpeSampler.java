package io.cerebro.core.tune.sampler;

import io.cerebro.core.tune.StudySpec;
import io.cerebro.core.tune.journal.Trial;
import io.cerebro.core.tune.space.Parameter;
import io.cerebro.core.tune.space.ParameterSpace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The tree-structured Parzen estimator (Bergstra et al. 2011) with Optuna's defaults: the first
 * {@code n_startup_trials} (10) trials are random; then the completed trials are split by loss into
 * the best {@code gamma(n) = min(ceil(0.1 n), 25)} ("below", l) and the rest ("above", g); each
 * group gets a {@link ParzenEstimator} with Optuna's default weights (all 1 under 25 trials, else a
 * ramp from 1/n to 1 over the oldest n - 25 and 1 for the newest 25); 24 candidates are drawn from l
 * and the one with the largest log l(x) - log g(x) is proposed.
 *
 * <p>Univariate (Optuna's default) does this per parameter, on the trials where the parameter is
 * active, which also handles conditional parameters; multivariate does it jointly over all
 * parameters. Integer and stepped parameters are modelled as continuous and snapped afterwards.
 */
public final class TpeSampler implements Sampler {
    private final ParameterSpace space;
    private final List<StudySpec.Direction> directions;
    private final long seed;
    private final StudySpec.SamplerOptions options;
    private final RandomSampler startup;

    public TpeSampler(ParameterSpace space, List<StudySpec.Direction> directions, long seed, StudySpec.SamplerOptions options) {
        this.space = space;
        this.directions = directions;
        this.seed = seed;
        this.options = options;
        this.startup = new RandomSampler(space, seed);
    }

    /** @return Optuna's default_gamma: the number of trials in the "below" group. */
    public static int gamma(int n) {
        return Math.min((int) Math.ceil(0.1 * n), 25);
    }

    /** @return Optuna's default_weights for {@code n} observations in trial order. */
    public static double[] defaultWeights(int n) {
        double[] w = new double[n];
        if (n < 25) {
            java.util.Arrays.fill(w, 1.0);
            return w;
        }
        int ramp = n - 25;
        for (int i = 0; i < ramp; i++) {
            w[i] = ramp == 1 ? 1.0 / n : 1.0 / n + (1 - 1.0 / n) * i / (ramp - 1);
        }
        for (int i = ramp; i < n; i++) {
            w[i] = 1.0;
        }
        return w;
    }

    @Override
    public Map<String, Object> suggest(int number, List<Trial> finished) {
        List<Trial> complete = finished.stream().filter(Trial::complete).toList();
        if (complete.size() < Math.max(1, options.startupTrials())) {
            return startup.suggest(number, finished);
        }
        SplittableRandom rng = Sampler.rng(seed, number);
        int candidates = options.candidates() == null ? 24 : options.candidates();
        double[] loss = Losses.of(complete, directions);
        if (options.multivariate()) {
            int[] all = new int[space.dimension()];
            for (int j = 0; j < all.length; j++) {
                all[j] = j;
            }
            double[] u = propose(complete, loss, all, candidates, rng);
            return space.configuration(u);
        }
        double[] u = new double[space.dimension()];
        for (int j = 0; j < u.length; j++) {
            String name = space.parameters().get(j).name();
            List<Integer> having = new ArrayList<>();
            for (int i = 0; i < complete.size(); i++) {
                if (complete.get(i).params().containsKey(name)) {
                    having.add(i);
                }
            }
            if (having.size() < 2) {
                u[j] = rng.nextDouble();
                continue;
            }
            List<Trial> sub = having.stream().map(complete::get).toList();
            double[] subLoss = having.stream().mapToDouble(i -> loss[i]).toArray();
            u[j] = propose(sub, subLoss, new int[]{j}, candidates, rng)[0];
        }
        return space.configuration(u);
    }

    /** @return the best candidate's coordinates in {@code dims}, drawn from l and scored by l/g. */
    private double[] propose(List<Trial> trials, double[] loss, int[] dims, int candidates, SplittableRandom rng) {
        Split split = split(trials, loss, dims);
        ParzenEstimator below = estimator(split.below, split.belowNumbers, dims);
        ParzenEstimator above = estimator(split.above, split.aboveNumbers, dims);
        double[] best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < candidates; c++) {
            double[] x = below.sample(rng);
            double score = below.logDensity(x) - above.logDensity(x);
            if (score > bestScore) {
                bestScore = score;
                best = x;
            }
        }
        return best;
    }

    private ParzenEstimator estimator(List<double[]> pts, List<Integer> numbers, int[] dims) {
        // weights follow trial order: sort the group by trial number, weight, keep the pairing
        Integer[] order = new Integer[pts.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingInt(numbers::get));
        double[] w = defaultWeights(pts.size());
        double[][] sortedPts = new double[pts.size()][];
        for (int i = 0; i < order.length; i++) {
            sortedPts[i] = pts.get(order[i]);
        }
        int[] choices = new int[dims.length];
        for (int j = 0; j < dims.length; j++) {
            Parameter p = space.parameters().get(dims[j]);
            choices[j] = p.discreteChoices() ? p.size() : 0;
        }
        return new ParzenEstimator(sortedPts, w, choices, options.priorWeight(), options.multivariate());
    }

    /** The trials split into the best gamma(n) and the rest, as points restricted to {@code dims}. */
    record Split(List<double[]> below, List<Integer> belowNumbers, List<double[]> above, List<Integer> aboveNumbers) {
    }

    Split split(List<Trial> trials, double[] loss, int[] dims) {
        Integer[] order = new Integer[trials.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> loss[i]).thenComparingInt(i -> trials.get(i).number()));
        int nBelow = gamma(trials.size());
        Split s = new Split(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int r = 0; r < order.length; r++) {
            Trial t = trials.get(order[r]);
            double[] full = space.unitPoint(t.params());
            double[] p = new double[dims.length];
            for (int j = 0; j < dims.length; j++) {
                p[j] = full[dims[j]];
            }
            if (r < nBelow) {
                s.below.add(p);
                s.belowNumbers.add(t.number());
            } else {
                s.above.add(p);
                s.aboveNumbers.add(t.number());
            }
        }
        return s;
    }

    /** @return a readable name of this sampler's configuration. */
    @Override
    public String toString() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n_startup_trials", options.startupTrials());
        m.put("multivariate", options.multivariate());
        return "tpe" + m;
    }
}
