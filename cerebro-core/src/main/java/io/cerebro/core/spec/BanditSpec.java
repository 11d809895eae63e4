package io.cerebro.core.spec;

import io.cerebro.core.bandit.BanditMethod;
import io.cerebro.core.error.UserInputException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A bandit analysis, in one of three modes.
 * <ul>
 *   <li>{@code recommend}: a pull history (one row per pull: {@code arm}, {@code reward}; or per-arm
 *       aggregates with {@code count} and {@code successes}) and an {@code algorithm}; the result has
 *       the next arm and, per arm, the quantity the algorithm decides by.</li>
 *   <li>{@code evaluate}: a log with {@code action}, {@code reward}, {@code propensity}, optional
 *       {@code context} columns and the target policy as a column ({@code target}) or one arm
 *       ({@code target_arm}); the result has one estimate per estimator.</li>
 *   <li>{@code simulate}: Bernoulli arms with {@code arm_means} (Gaussian arms when {@code arm_sds}
 *       gives their standard deviations), optional {@code arm_names}, {@code horizon}, {@code runs}
 *       and {@code algorithms}; reads no data.</li>
 * </ul>
 * The family's descriptor is {@link io.cerebro.core.bandit.BanditFamily}.
 *
 * @param mode        recommend, evaluate or simulate
 * @param algorithm   recommend: ucb1, ucb_v, kl_ucb, thompson, epsilon_greedy or softmax (default thompson)
 * @param arm         recommend: the column naming the arm pulled
 * @param reward      recommend/evaluate: the reward column
 * @param count       recommend with aggregates: pulls per arm
 * @param successes   recommend with aggregates: 0/1 successes per arm
 * @param prior       Beta prior (α, β) of Thompson sampling, default 1,1
 * @param epsilon     ε of ε-greedy, default 0.1; temperature of softmax
 * @param discount    recommend: weight γ in (0, 1] by which every earlier pull counts less at each
 *                    later pull (discounted, non-stationary statistics; rows in time order)
 * @param window      recommend: only the last {@code window} pulls count (sliding window; rows in time order)
 * @param action      evaluate: the column with the logged arm
 * @param propensity  evaluate: the column with the logging probability of that arm
 * @param context     evaluate: numeric context columns of the DR reward model
 * @param target      evaluate: the column with the arm the target policy would choose
 * @param targetArm   evaluate: the single arm the target policy always chooses
 * @param estimators  evaluate: any of ips, snips, dr (default all)
 * @param armMeans    simulate: the Bernoulli arms' success rates, or the Gaussian arms' means
 * @param armSds      simulate: the Gaussian arms' standard deviations (absent: Bernoulli arms)
 * @param armNames    simulate: the arms' names (default arm1, arm2, ...)
 * @param horizon     simulate: pulls per run (default 10000)
 * @param runs        simulate: runs per algorithm (default 100)
 * @param algorithms  simulate: algorithms compared (default ucb1, thompson, epsilon_greedy)
 * @param alpha       1 - interval level, default 0.05
 * @param where       row filter
 * @param dropMissing drop rows with missing values in the columns read
 * @param seed        random seed, default 42
 */
public record BanditSpec(Mode mode, String algorithm, String arm, String reward, String count, String successes,
                         List<Double> prior, Double epsilon, Double discount, Integer window, String action, String propensity, List<String> context,
                         String target, String targetArm, List<String> estimators, List<Double> armMeans, List<Double> armSds, List<String> armNames, Long horizon,
                         Integer runs, List<String> algorithms, Double alpha, String where, Boolean dropMissing,
                         Long seed) implements AnalysisSpec {
    /** The family id. */
    public static final String FAMILY = "bandit";

    /** What the analysis does. */
    public enum Mode {
        RECOMMEND, EVALUATE, SIMULATE;

        @Override public String toString() { return name().toLowerCase(Locale.ROOT); }
    }

    public BanditSpec {
        if (mode == null) throw new UserInputException("spec field 'mode' is empty: say recommend, evaluate or simulate");
        prior = prior == null ? List.of(1.0, 1.0) : List.copyOf(prior);
        if (prior.size() != 2 || !(prior.get(0) > 0) || !(prior.get(1) > 0)) {
            throw new UserInputException("prior must be two positive numbers α,β (e.g. 1,1), got " + prior);
        }
        epsilon = epsilon == null ? 0.1 : epsilon;
        if (!(epsilon > 0 && epsilon <= 1)) throw new UserInputException("epsilon must be in (0, 1], got " + epsilon + "; e.g. 0.1");
        alpha = SpecChecks.alpha(alpha);
        dropMissing = dropMissing != null && dropMissing;
        seed = seed == null ? 42L : seed;
        context = context == null ? List.of() : List.copyOf(context);
        switch (mode) {
            case RECOMMEND -> {
                algorithm = algorithm == null ? "thompson" : algorithm.toLowerCase(Locale.ROOT);
                BanditMethod.algorithm(algorithm);
                if (arm == null || arm.isBlank()) throw new UserInputException("recommend needs 'arm', the column naming the arm pulled (--arm)");
                boolean aggregates = count != null || successes != null;
                if (aggregates && (count == null || successes == null)) {
                    throw new UserInputException("per-arm aggregates need both 'count' and 'successes' columns (--count, --successes)");
                }
                if (aggregates && reward != null) throw new UserInputException("give either 'reward' (one row per pull) or 'count' and 'successes', not both");
                if (!aggregates && (reward == null || reward.isBlank())) {
                    throw new UserInputException("recommend needs 'reward', the reward column (--reward), or --count and --successes");
                }
                if (discount != null && window != null) throw new UserInputException("give either a discount (--discount) or a window (--window), not both");
                if (discount != null && !(discount > 0 && discount <= 1)) throw new UserInputException("discount must be in (0, 1], got " + discount + "; e.g. 0.99");
                if (window != null && window < 1) throw new UserInputException("window must be at least 1 pull, got " + window);
                if (aggregates && (discount != null || window != null)) {
                    throw new UserInputException("per-arm aggregates have no order in time, so they cannot be discounted or windowed; give one row per pull (--reward)");
                }
            }
            case EVALUATE -> {
                if (action == null) throw new UserInputException("evaluate needs 'action', the column with the logged arm (--action)");
                if (reward == null) throw new UserInputException("evaluate needs 'reward', the reward column (--reward)");
                if (propensity == null) throw new UserInputException("evaluate needs 'propensity', the column with the logging probability (--propensity)");
                if ((target == null) == (targetArm == null)) {
                    throw new UserInputException("give the target policy as a column (--target COL) or one arm (--target-arm B), exactly one of them");
                }
                estimators = estimators == null ? List.of("ips", "snips", "dr") : List.copyOf(estimators);
                for (String e : estimators) {
                    if (!List.of("ips", "snips", "dr").contains(e)) throw new UserInputException("unknown estimator '" + e + "'; use ips, snips or dr");
                }
            }
            case SIMULATE -> {
                if (armMeans == null || armMeans.size() < 2) throw new UserInputException("simulate needs at least two arm means (--arms 0.04,0.05)");
                for (Double m : armMeans) {
                    if (m == null || !Double.isFinite(m)) throw new UserInputException("arm means must be numbers, got " + m);
                    if (armSds == null && !(m >= 0 && m <= 1)) {
                        throw new UserInputException("arm means are Bernoulli success rates in [0, 1], got " + m + "; for Gaussian arms give their standard deviations (--sd)");
                    }
                }
                armMeans = List.copyOf(armMeans);
                if (armSds != null) {
                    if (armSds.size() == 1 && armMeans.size() > 1) armSds = java.util.Collections.nCopies(armMeans.size(), armSds.get(0));
                    if (armSds.size() != armMeans.size()) throw new UserInputException("give one standard deviation for all arms or one per arm (" + armMeans.size() + "), got " + armSds.size());
                    for (Double sd : armSds) {
                        if (sd == null || !(sd > 0) || Double.isInfinite(sd)) throw new UserInputException("arm standard deviations must be positive numbers, got " + sd);
                    }
                    armSds = List.copyOf(armSds);
                }
                if (armNames != null) {
                    if (armNames.size() != armMeans.size()) throw new UserInputException("give one name per arm (" + armMeans.size() + "), got " + armNames.size());
                    if (new java.util.HashSet<>(armNames).size() != armNames.size()) throw new UserInputException("arm names repeat: " + armNames + "; name each arm once");
                    armNames = List.copyOf(armNames);
                }
                horizon = horizon == null ? 10_000L : horizon;
                if (horizon < 1 || horizon > 100_000_000L) throw new UserInputException("horizon must be between 1 and 100000000 pulls, got " + horizon);
                runs = runs == null ? 100 : runs;
                if (runs < 1 || runs > 100_000) throw new UserInputException("runs must be between 1 and 100000, got " + runs);
                algorithms = algorithms == null ? List.of("ucb1", "thompson", "epsilon_greedy") : List.copyOf(algorithms);
                for (String a : algorithms) {
                    BanditMethod.algorithm(a);
                    if (armSds != null && a.equals("kl_ucb")) throw new UserInputException("kl_ucb uses the Bernoulli divergence and needs rewards in [0, 1]; drop it for Gaussian arms or drop --sd");
                }
                if (where != null) throw new UserInputException("simulate reads no data, so it cannot take the row filter '" + where + "'; drop --where");
            }
        }
    }

    @Override public String family() { return FAMILY; }

    /** @return the columns read, none for simulate. */
    @Override public Set<String> columns() {
        Set<String> cols = new LinkedHashSet<>();
        for (String c : new String[] {arm, reward, count, successes, action, propensity, target}) if (c != null) cols.add(c);
        cols.addAll(context);
        return cols;
    }

    @Override public BanditSpec withWhere(String w) { return toBuilder().where(w).build(); }

    @Override public BanditSpec withSeed(long s) { return toBuilder().seed(s).build(); }

    @Override public BanditSpec withDropMissing(boolean d) { return toBuilder().dropMissing(d).build(); }

    public static Builder builder(Mode mode) { return new Builder(mode); }

    public Builder toBuilder() {
        Builder b = new Builder(mode);
        b.algorithm = algorithm; b.arm = arm; b.reward = reward; b.count = count; b.successes = successes; b.prior = prior;
        b.epsilon = epsilon; b.discount = discount; b.window = window; b.action = action; b.propensity = propensity; b.context = context; b.target = target;
        b.targetArm = targetArm; b.estimators = estimators; b.armMeans = armMeans; b.armSds = armSds; b.armNames = armNames; b.horizon = horizon; b.runs = runs;
        b.algorithms = algorithms; b.alpha = alpha; b.where = where; b.dropMissing = dropMissing; b.seed = seed;
        return b;
    }

    /** Fluent construction; unset fields take the record's defaults. */
    public static final class Builder {
        private final Mode mode;
        private String algorithm, arm, reward, count, successes, action, propensity, target, targetArm, where;
        private List<Double> prior, armMeans, armSds;
        private List<String> context, estimators, algorithms, armNames;
        private Double epsilon, discount, alpha;
        private Long horizon, seed;
        private Integer runs, window;
        private Boolean dropMissing;

        private Builder(Mode mode) { this.mode = mode; }

        public Builder algorithm(String v) { algorithm = v; return this; }
        public Builder arm(String v) { arm = v; return this; }
        public Builder reward(String v) { reward = v; return this; }
        public Builder count(String v) { count = v; return this; }
        public Builder successes(String v) { successes = v; return this; }
        public Builder prior(List<Double> v) { prior = v; return this; }
        public Builder epsilon(Double v) { epsilon = v; return this; }
        public Builder discount(Double v) { discount = v; return this; }
        public Builder window(Integer v) { window = v; return this; }
        public Builder action(String v) { action = v; return this; }
        public Builder propensity(String v) { propensity = v; return this; }
        public Builder context(List<String> v) { context = v; return this; }
        public Builder target(String v) { target = v; return this; }
        public Builder targetArm(String v) { targetArm = v; return this; }
        public Builder estimators(List<String> v) { estimators = v; return this; }
        public Builder armMeans(List<Double> v) { armMeans = v; return this; }
        public Builder armSds(List<Double> v) { armSds = v; return this; }
        public Builder armNames(List<String> v) { armNames = v; return this; }
        public Builder horizon(Long v) { horizon = v; return this; }
        public Builder runs(Integer v) { runs = v; return this; }
        public Builder algorithms(List<String> v) { algorithms = v; return this; }
        public Builder alpha(Double v) { alpha = v; return this; }
        public Builder where(String v) { where = v; return this; }
        public Builder dropMissing(Boolean v) { dropMissing = v; return this; }
        public Builder seed(Long v) { seed = v; return this; }

        public BanditSpec build() {
            return new BanditSpec(mode, algorithm, arm, reward, count, successes, prior, epsilon, discount, window, action, propensity, context,
                    target, targetArm, estimators, armMeans, armSds, armNames, horizon, runs, algorithms, alpha, where, dropMissing, seed);
        }
    }
}
