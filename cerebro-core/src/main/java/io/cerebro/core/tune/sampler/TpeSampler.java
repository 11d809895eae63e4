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
 *
 * <p>Local refinement (Cerebro's addition; {@code local_fraction: 0} turns it off and leaves Optuna's
 * TPE): TPE's bandwidths never fall below 1/min(100, 1 + kernels) of a range, so on a smooth function it
 * finds the basin of the optimum but not its bottom. A share {@code local_fraction} (1/2) of the trials
 * after the startup ones, evenly spaced by trial number, therefore runs one step of a derivative-free
 * trust-region method instead: a {@link QuadraticModel} fitted to the incumbent's nearest trials is
 * minimised inside a box around the incumbent whose half-width starts at 0.1 of each range and halves
 * for every local trial since the incumbent was found. Categorical parameters stay at the
 * incumbent's choice in those trials. The schedule and the radius are read from the history alone,
 * so a resumed study proposes what an uninterrupted one would.
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
        if (isLocal(number)) {
            return space.configuration(refine(complete, loss, rng));
        }
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

    /**
     * @return whether trial {@code number} refines the incumbent: after the startup trials, evenly
     * spaced so that a share {@code local_fraction} of the trial numbers are local (1/2: every second)
     */
    public boolean isLocal(int number) {
        double f = options.localFraction();
        if (f <= 0 || number < options.startupTrials()) {
            return false;
        }
        int k = number - options.startupTrials();
        return Math.floor((k + 1) * f + 1e-9) > Math.floor(k * f + 1e-9);
    }

    /** Initial radius of the local step on the unit cube. */
    static final double LOCAL_RADIUS = 0.1;
    /** Smallest radius of the local step on the unit cube. */
    static final double LOCAL_MIN_RADIUS = 1e-3;

    /**
     * @return the radius of the next local step: {@link #LOCAL_RADIUS} halved for every local
     * trial run since the incumbent was found (they failed to improve it), at least
     * {@link #LOCAL_MIN_RADIUS}: a pattern search's contraction, read from the history alone
     */
    public double localRadius(List<Trial> complete, double[] loss) {
        int best = incumbent(loss, complete);
        int failures = 0;
        for (Trial t : complete) {
            if (t.number() > complete.get(best).number() && isLocal(t.number())) {
                failures++;
            }
        }
        return Math.max(LOCAL_MIN_RADIUS, LOCAL_RADIUS * Math.pow(0.5, failures));
    }

    private static int incumbent(double[] loss, List<Trial> complete) {
        int best = 0;
        for (int i = 1; i < loss.length; i++) {
            if (loss[i] < loss[best] || (loss[i] == loss[best] && complete.get(i).number() < complete.get(best).number())) {
                best = i;
            }
        }
        return best;
    }

    /**
     * @return the next local point: inside the trust region (a box of half-width {@link #localRadius}
     * around the incumbent, numeric coordinates only, categoricals held at the incumbent's choice),
     * the minimiser of a quadratic model of the loss fitted by ridge least squares to the incumbent's
     * nearest trials, found among {@code LOCAL_CANDIDATES} uniform points of the box
     */
    private double[] refine(List<Trial> complete, double[] loss, SplittableRandom rng) {
        double r = localRadius(complete, loss);
        int inc = incumbent(loss, complete);
        double[] centre = space.unitPoint(complete.get(inc).params());
        int[] numeric = java.util.stream.IntStream.range(0, centre.length)
                .filter(j -> !space.parameters().get(j).discreteChoices()).toArray();
        if (numeric.length == 0) {
            return centre;
        }
        QuadraticModel model = QuadraticModel.fit(complete.stream().map(t -> space.unitPoint(t.params())).toArray(double[][]::new),
                loss, centre, numeric);
        double[] best = null;
        double bestValue = Double.POSITIVE_INFINITY;
        for (int c = 0; c < LOCAL_CANDIDATES; c++) {
            double[] u = centre.clone();
            for (int j : numeric) {
                double lo = Math.max(0, centre[j] - r);
                double hi = Math.min(1, centre[j] + r);
                u[j] = lo + (hi - lo) * rng.nextDouble();
            }
            double v = model == null ? c : model.value(u);
            if (v < bestValue) {
                bestValue = v;
                best = u;
            }
        }
        return best;
    }

    /** Points of the trust region the local quadratic model is minimised over. */
    static final int LOCAL_CANDIDATES = 512;

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
        m.put("local_fraction", options.localFraction());
        return "tpe" + m;
    }
}
