package io.cerebro.core.geo;

import io.cerebro.core.error.UserInputException;
import io.cerebro.core.mmm.fit.ProgressListener;
import io.cerebro.core.spec.GeoTestSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The design of a geo test before it runs: which locations to treat, and what effect the test can
 * detect over a given duration.
 *
 * <p>Power by simulation: for a candidate set of treated locations, each simulated test takes a
 * historical start time {@code s}, cuts the panel at {@code s + duration}, raises the treated mean by
 * the effect over {@code [s, s + duration)} and runs the analysis on it: {@link CellAnalysis#estimate}
 * and {@link CellAnalysis#inference} with the analysis spec's model, alternative, permutations and
 * seed, rejecting when the sharp-null conformal p-value (the analysis's headline p-value) is at most
 * alpha. The power reported is therefore the power of the analysis that will be run. With effect 0
 * the rejection rate is the false-positive rate.
 *
 * <p>Market selection: every candidate set of each size (exhaustive when there are at most
 * {@code maxCandidates} of a size, otherwise a seeded random sample of that many) is screened by the
 * pre-period fit of its synthetic control over the whole history (scaled L2 imbalance); the
 * {@code top} best of each size are simulated, and ranked by minimum detectable effect (the smallest
 * positive effect whose power reaches the target), then power at it, then fit. A pre-test placebo
 * analyses the best set on the last {@code duration} periods with nothing planted.
 */
public final class GeoDesign {
    private GeoDesign() {
    }

    /**
     * What to design.
     *
     * @param analysis      the analysis spec the test will be analysed with (model, alpha, permutations,
     *                      alternative, seed; its treated locations and start are not used)
     * @param duration      test periods
     * @param effects       relative effects planted (0.1 = +10%)
     * @param fixed         a set to simulate alone (no search), or null
     * @param minSize       smallest set size searched
     * @param maxSize       largest set size searched
     * @param include       locations every candidate set holds
     * @param exclude       locations never treated (they stay donors)
     * @param starts        simulated start times per set (the most recent ones available)
     * @param maxCandidates sets of one size screened before sampling is used instead of exhaustive search
     * @param top           sets of each size simulated after screening
     * @param powerTarget   power that defines the minimum detectable effect
     * @param costPerUnit   cost of one incremental unit of outcome, or null
     * @param budget        the most the test may cost, or null
     */
    public record Settings(GeoTestSpec analysis, int duration, List<Double> effects, List<String> fixed, int minSize, int maxSize,
                           List<String> include, List<String> exclude, int starts, int maxCandidates, int top, double powerTarget,
                           Double costPerUnit, Double budget) {
        public Settings {
            if (duration < 1) {
                throw new UserInputException("--duration must be at least 1 period, got " + duration);
            }
            if (effects == null || effects.isEmpty()) {
                throw new UserInputException("--effects is empty: give relative effects such as 0,0.05,0.10,0.15");
            }
            effects = effects.stream().sorted().distinct().toList();
            include = include == null ? List.of() : List.copyOf(include);
            exclude = exclude == null ? List.of() : List.copyOf(exclude);
            if (minSize < 1 || maxSize < minSize) {
                throw new UserInputException("--sizes must be a range such as 2-5 with 1 <= low <= high, got " + minSize + "-" + maxSize);
            }
            if (starts < 1) {
                throw new UserInputException("--starts must be at least 1, got " + starts);
            }
            if (maxCandidates < 1 || top < 1) {
                throw new UserInputException("--max-candidates and --top must be at least 1");
            }
            if (!(powerTarget > 0 && powerTarget < 1)) {
                throw new UserInputException("--power must be in (0, 1), got " + powerTarget + "; 0.8 is usual");
            }
            if (budget != null && costPerUnit == null) {
                throw new UserInputException("--budget needs --cost-per-unit (the cost of one incremental unit) to price each effect");
            }
        }
    }

    /**
     * The simulated power of one set.
     *
     * @param treated     the set
     * @param scaledL2    pre-period fit over the whole history (1 = no better than equal donor weights)
     * @param power       rejection rate per effect (in {@link Settings#effects} order)
     * @param meanAtt     mean estimated ATT per effect
     * @param meanLift    mean estimated lift per effect
     * @param meanIncremental mean estimated incremental outcome per effect
     * @param mde         the smallest positive effect with power at least the target (NaN: none)
     * @param simulations simulated tests run (starts x effects)
     * @param withinBudget whether the investment at the MDE fits the budget (true without a budget)
     */
    public record SetPower(List<String> treated, double scaledL2, double[] power, double[] meanAtt, double[] meanLift,
                           double[] meanIncremental, double mde, int simulations, boolean withinBudget) {
        /** @return the set's label, its locations joined by "+". */
        public String label() {
            return String.join("+", treated);
        }
    }

    /**
     * The design.
     *
     * @param ranked     the simulated sets, best first
     * @param search     how the candidates were found, in words
     * @param screened   sets screened by pre-period fit
     * @param startIndex the simulated start times (period indices)
     * @param placebo    the pre-test placebo of the best set on the last periods (nothing planted)
     * @param panel      the panel
     */
    public record Design(List<SetPower> ranked, String search, long screened, int[] startIndex, CellAnalysis.Cell placebo, GeoPanel panel) {
    }

    /** Designs the test on the panel, reporting progress. */
    public static Design run(Settings s, GeoPanel panel, ProgressListener progress) {
        int nt = panel.periods().length;
        int minPre = s.analysis().minPrePeriods();
        int lastStart = nt - s.duration();
        if (lastStart < minPre) {
            throw new UserInputException("a " + s.duration() + "-period test needs at least " + (minPre + s.duration()) + " periods of history ("
                    + minPre + " before the start), the data has " + nt + "; shorten --duration or lower --min-pre-periods");
        }
        int available = lastStart - minPre + 1;
        int n = Math.min(s.starts(), available);
        int[] starts = new int[n];
        for (int i = 0; i < n; i++) {
            starts[i] = lastStart - n + 1 + i;
        }
        for (String l : concat(s.include(), s.exclude(), s.fixed() == null ? List.of() : s.fixed())) {
            if (panel.location(l) < 0) {
                throw new UserInputException("location '" + l + "' is not in the data (" + panel.locations().length + " locations, e.g. "
                        + String.join(", ", Arrays.asList(panel.locations()).subList(0, Math.min(3, panel.locations().length))) + "); check the spelling");
            }
        }
        List<List<String>> candidates = new ArrayList<>();
        String search;
        long screened;
        if (s.fixed() != null) {
            candidates.add(List.copyOf(s.fixed()));
            search = "the given set only (no search)";
            screened = 1;
        } else {
            List<String> pool = new ArrayList<>();
            for (String l : panel.locations()) {
                if (!s.include().contains(l) && !s.exclude().contains(l)) {
                    pool.add(l);
                }
            }
            List<String> how = new ArrayList<>();
            long total = 0;
            for (int size = s.minSize(); size <= s.maxSize(); size++) {
                int free = size - s.include().size();
                if (free < 0 || free > pool.size() || panel.locations().length - size < 2) {
                    continue;
                }
                double count = combinations(pool.size(), free);
                List<List<String>> sets = new ArrayList<>();
                if (count <= s.maxCandidates()) {
                    enumerate(pool, free, 0, new ArrayList<>(), s.include(), sets);
                    how.add("size " + size + ": exhaustive (" + sets.size() + " sets)");
                } else {
                    sets = sample(pool, free, s.include(), s.maxCandidates(), s.analysis().seed() + size);
                    how.add(String.format(java.util.Locale.ROOT, "size %d: random search (%d of %.0f sets)", size, sets.size(), count));
                }
                total += sets.size();
                candidates.addAll(screen(panel, sets, lastStart, s.top(), progress, size));
            }
            if (candidates.isEmpty()) {
                throw new UserInputException("no candidate set fits --sizes " + s.minSize() + "-" + s.maxSize() + " with " + pool.size()
                        + " locations free to treat and " + s.include().size() + " included; widen --sizes or --exclude fewer");
            }
            search = String.join("; ", how) + "; the " + s.top() + " best fitting of each size simulated";
            screened = total;
        }
        int sims = candidates.size() * starts.length * s.effects().size();
        AtomicInteger done = new AtomicInteger();
        progress.update("power", 0, sims);
        List<SetPower> powers = candidates.parallelStream().map(c -> power(s, panel, c, starts, () -> {
            progress.update("power", done.incrementAndGet(), sims);
        })).toList();
        List<SetPower> ranked = new ArrayList<>(powers);
        ranked.sort(Comparator.<SetPower, Boolean>comparing(p -> !p.withinBudget())
                .thenComparingDouble(p -> Double.isNaN(p.mde()) ? Double.POSITIVE_INFINITY : p.mde())
                .thenComparingDouble(p -> -powerAt(s, p, p.mde()))
                .thenComparingDouble(SetPower::scaledL2));
        SetPower best = ranked.get(0);
        GeoTestSpec placeboSpec = s.analysis().toBuilder().treated(best.treated()).cells(null).start(panel.periods()[lastStart]).end(null).build();
        CellAnalysis.Cell placebo = CellAnalysis.analyse(panel, best.treated(), donors(panel, best.treated()), lastStart, placeboSpec);
        return new Design(List.copyOf(ranked), search, screened, starts, placebo, panel);
    }

    static double powerAt(Settings s, SetPower p, double effect) {
        int i = s.effects().indexOf(effect);
        return i < 0 ? 0 : p.power()[i];
    }

    /** The simulated power of one set: every start and effect, the analysis's estimator and inference. */
    static SetPower power(Settings s, GeoPanel panel, List<String> treated, int[] starts, Runnable tick) {
        int[] tr = treated.stream().mapToInt(panel::location).toArray();
        List<String> donorNames = donors(panel, treated);
        int[] dn = donorNames.stream().mapToInt(panel::location).toArray();
        double[] fullTarget = CellAnalysis.mean(panel.y(), tr);
        double[][] fullDonors = CellAnalysis.rows(panel.y(), dn);
        int ne = s.effects().size();
        double[] reject = new double[ne];
        double[] att = new double[ne];
        double[] lift = new double[ne];
        double[] inc = new double[ne];
        int d = s.duration();
        for (int start : starts) {
            int len = start + d;
            double[][] donors = new double[dn.length][];
            for (int j = 0; j < dn.length; j++) {
                donors[j] = Arrays.copyOf(fullDonors[j], len);
            }
            for (int e = 0; e < ne; e++) {
                double effect = s.effects().get(e);
                double[] target = Arrays.copyOf(fullTarget, len);
                double observed = 0;
                for (int t = start; t < len; t++) {
                    target[t] *= 1 + effect;
                    observed += target[t] * tr.length;
                }
                CellAnalysis.Chosen chosen = CellAnalysis.estimate(s.analysis().model(), target, donors, start);
                double a = 0;
                for (int t = start; t < len; t++) {
                    a += chosen.fit().gaps()[t] / d;
                }
                double p = CellAnalysis.inference(chosen, target, donors, start, s.analysis()).pValue(0, ConformalInference.Statistic.SHARP);
                if (p <= s.analysis().alpha()) {
                    reject[e]++;
                }
                att[e] += a / starts.length;
                lift[e] += CellAnalysis.liftOf(a, observed, tr.length, d) / starts.length;
                inc[e] += a * tr.length * d / starts.length;
                tick.run();
            }
        }
        double mde = Double.NaN;
        for (int e = 0; e < ne; e++) {
            reject[e] /= starts.length;
            if (Double.isNaN(mde) && s.effects().get(e) > 0 && reject[e] >= s.powerTarget()) {
                mde = s.effects().get(e);
            }
        }
        boolean within = true;
        if (s.budget() != null && !Double.isNaN(mde)) {
            within = s.costPerUnit() * inc[s.effects().indexOf(mde)] <= s.budget();
        }
        // the fit over the history before the last possible test window, as the screening ranks it
        double scaled = scaledL2(fullTarget, fullDonors, fullTarget.length - d);
        return new SetPower(List.copyOf(treated), scaled, reject, att, lift, inc, mde, starts.length * ne, within);
    }

    static double scaledL2(double[] target, double[][] donors, int preEnd) {
        GeoEstimator.Fit fit = GeoEstimator.scm(target, donors, preEnd);
        return fit.l2(preEnd) / CellAnalysis.equalWeightL2(target, donors, preEnd);
    }

    /** Keeps the {@code top} sets with the best pre-period fit. */
    private static List<List<String>> screen(GeoPanel panel, List<List<String>> sets, int preEnd, int top, ProgressListener progress, int size) {
        AtomicInteger done = new AtomicInteger();
        String stage = "screen " + size;
        progress.update(stage, 0, sets.size());
        record Scored(List<String> set, double fit) {
        }
        List<Scored> scored = sets.parallelStream().map(c -> {
            int[] tr = c.stream().mapToInt(panel::location).toArray();
            int[] dn = donors(panel, c).stream().mapToInt(panel::location).toArray();
            double f = scaledL2(CellAnalysis.mean(panel.y(), tr), CellAnalysis.rows(panel.y(), dn), preEnd);
            progress.update(stage, done.incrementAndGet(), sets.size());
            return new Scored(c, f);
        }).sorted(Comparator.comparingDouble(Scored::fit)).toList();
        return scored.stream().limit(top).map(Scored::set).toList();
    }

    static List<String> donors(GeoPanel panel, List<String> treated) {
        Set<String> t = new HashSet<>(treated);
        List<String> out = new ArrayList<>();
        for (String l : panel.locations()) {
            if (!t.contains(l)) {
                out.add(l);
            }
        }
        return out;
    }

    private static void enumerate(List<String> pool, int k, int from, List<String> acc, List<String> include, List<List<String>> out) {
        if (acc.size() == k) {
            List<String> set = new ArrayList<>(include);
            set.addAll(acc);
            out.add(List.copyOf(set));
            return;
        }
        for (int i = from; i <= pool.size() - (k - acc.size()); i++) {
            acc.add(pool.get(i));
            enumerate(pool, k, i + 1, acc, include, out);
            acc.remove(acc.size() - 1);
        }
    }

    /** Distinct random sets of {@code k} from the pool (seeded), each with the included locations first. */
    private static List<List<String>> sample(List<String> pool, int k, List<String> include, int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Set<Set<String>> seen = new LinkedHashSet<>();
        List<List<String>> out = new ArrayList<>();
        int tries = 0;
        while (out.size() < count && tries++ < 50 * count) {
            List<String> shuffled = new ArrayList<>(pool);
            for (int i = 0; i < k; i++) {
                int j = i + r.nextInt(shuffled.size() - i);
                String tmp = shuffled.get(i);
                shuffled.set(i, shuffled.get(j));
                shuffled.set(j, tmp);
            }
            List<String> pick = new ArrayList<>(shuffled.subList(0, k));
            pick.sort(null);
            if (seen.add(new HashSet<>(pick))) {
                List<String> set = new ArrayList<>(include);
                set.addAll(pick);
                out.add(List.copyOf(set));
            }
        }
        return out;
    }

    static double combinations(int n, int k) {
        double c = 1;
        for (int i = 0; i < k; i++) {
            c = c * (n - i) / (i + 1);
        }
        return c;
    }

    private static List<String> concat(List<String> a, List<String> b, List<String> c) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        out.addAll(c);
        return out;
    }
}
