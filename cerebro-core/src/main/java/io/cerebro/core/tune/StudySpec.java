package io.cerebro.core.tune;

import io.cerebro.core.error.UserInputException;
import io.cerebro.core.tune.space.ParameterSpace;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A tuning study as its YAML file describes it, after flags were applied.
 *
 * @param name       the study's name (the journal is keyed by it)
 * @param command    the objective command as argv tokens with {@code {param}} placeholders (never run through a shell)
 * @param directions one direction per objective value: minimize or maximize
 * @param repeats    runs per configuration, aggregated by their mean
 * @param timeout    the time limit of one run
 * @param space      the parameter space
 * @param sampler    grid, random, lhs, sobol, tpe or gp
 * @param options    the sampler's options
 * @param trials     the trial budget (finished trials, of any state)
 * @param seed       the seed every sampler's draw for trial n derives from
 * @param parallel   trials run at once
 * @param journal    the append-only trial journal
 * @param workDir    the directory the objective runs in (the study file's)
 * @param pruner     how trials are stopped early by their intermediate values
 * @param budget     the multi-fidelity budget parameter, or null
 * @param inProcess  an objective Cerebro evaluates in its own process ({@code objective: {cerebro: NAME}}), or null for a command
 */
public record StudySpec(String name, List<String> command, List<Direction> directions, int repeats, Duration timeout,
                        ParameterSpace space, String sampler, SamplerOptions options, int trials, long seed, int parallel,
                        Path journal, Path workDir, PrunerSpec pruner, Budget budget, InProcess inProcess) {
    /**
     * An objective Cerebro runs in process instead of a command.
     *
     * @param name     which one: {@value #CORPUS_EVAL} (the retrieval evaluation of {@code cerebro corpus eval})
     * @param metric   the metric the trial's value is, e.g. {@code ndcg@10}
     * @param settings the objective's other fields as text (paths relative to the study file resolved), e.g. {@code queries}
     */
    public record InProcess(String name, String metric, java.util.Map<String, String> settings) {
        /** The retrieval evaluation of the corpus index. */
        public static final String CORPUS_EVAL = "corpus-eval";
        /** The in-process objectives there are. */
        public static final List<String> NAMES = List.of(CORPUS_EVAL);

        public InProcess {
            if (!NAMES.contains(name)) {
                throw new UserInputException("objective.cerebro '" + name + "' is unknown; use one of " + String.join(", ", NAMES));
            }
            settings = java.util.Map.copyOf(settings);
        }
    }

    /**
     * A multi-fidelity budget (epochs, data size, simulation length): a parameter the sampler does not
     * choose; the tuner runs each configuration at its pruner's rungs from {@code min} and raises it
     * towards {@code max} while the configuration stays among the best.
     *
     * @param name the parameter's name (its {@code {name}} placeholder receives the budget)
     * @param min  the smallest budget
     * @param max  the largest budget, the one a complete trial was measured at
     */
    public record Budget(String name, long min, long max) {
        public Budget {
            if (min < 1 || max < min) {
                throw new UserInputException("parameter_space." + name + ": a budget needs range: [min, max] with 1 <= min <= max, got [" + min + ", " + max + "]");
            }
        }
    }

    /** The pruners a study may name. */
    public static final List<String> PRUNERS = List.of("none", "median", "successive_halving", "hyperband");

    /**
     * The pruner and its options, with Optuna's defaults.
     *
     * @param type                 none, median, successive_halving or hyperband
     * @param startupTrials        median: completed trials before pruning (5)
     * @param warmupSteps          median: steps never pruned (0)
     * @param intervalSteps        median: prune every this many steps (1)
     * @param minResource          successive halving and hyperband: the first rung (1, or the budget's min)
     * @param maxResource          hyperband: the last rung (the budget's max; required without a budget)
     * @param reductionFactor      successive halving and hyperband: eta (4 for successive halving, 3 for hyperband)
     * @param minEarlyStoppingRate successive halving: rungs skipped (0)
     */
    public record PrunerSpec(String type, int startupTrials, long warmupSteps, long intervalSteps, Long minResource, Long maxResource,
                             Integer reductionFactor, int minEarlyStoppingRate) {
        public static final PrunerSpec NONE = new PrunerSpec("none", 5, 0, 1, null, null, null, 0);

        public PrunerSpec {
            if (!PRUNERS.contains(type)) {
                throw new UserInputException("pruner '" + type + "' is unknown; use one of " + String.join(", ", PRUNERS));
            }
        }

        /** @return this spec with another type. */
        public PrunerSpec withType(String t) {
            return new PrunerSpec(t, startupTrials, warmupSteps, intervalSteps, minResource, maxResource, reductionFactor, minEarlyStoppingRate);
        }

        /** @return the pruner, given the study's budget parameter (or null). */
        public io.cerebro.core.tune.prune.Pruner build(Budget budget) {
            long min = minResource != null ? minResource : budget != null ? budget.min() : 1;
            return switch (type) {
                case "median" -> new io.cerebro.core.tune.prune.MedianPruner(startupTrials, warmupSteps, intervalSteps);
                case "successive_halving" -> new io.cerebro.core.tune.prune.SuccessiveHalvingPruner(min,
                        reductionFactor == null ? 4 : reductionFactor, minEarlyStoppingRate);
                case "hyperband" -> {
                    Long max = maxResource != null ? maxResource : budget != null ? budget.max() : null;
                    if (max == null) {
                        throw new UserInputException("pruner hyperband needs max_resource (the last step the objective reports) or a budget parameter");
                    }
                    yield new io.cerebro.core.tune.prune.HyperbandPruner(min, max, reductionFactor == null ? 3 : reductionFactor);
                }
                default -> io.cerebro.core.tune.prune.Pruner.NONE;
            };
        }
    }
    /** An objective's direction. */
    public enum Direction { MINIMIZE, MAXIMIZE }

    /** The samplers a study may name. */
    public static final List<String> SAMPLERS = List.of("grid", "random", "lhs", "sobol", "tpe", "gp");

    /**
     * Options of the model-based samplers, with Optuna's defaults.
     *
     * @param startupTrials trials drawn at random (Latin hypercube for gp) before the model is used: 10
     * @param candidates    candidates scored by the acquisition per trial: 24 for TPE (Optuna's n_ei_candidates), 2000 for GP
     * @param multivariate  TPE models the parameters jointly (Optuna's multivariate=True) instead of one by one
     * @param priorWeight   weight of the prior kernel in TPE's Parzen estimators: 1.0
     * @param localFraction share of TPE's model-based trials that refine the incumbent locally
     *                      ({@link io.cerebro.core.tune.sampler.TpeSampler}): 1/2; 0 gives plain Optuna TPE
     */
    public record SamplerOptions(int startupTrials, Integer candidates, boolean multivariate, double priorWeight, double localFraction) {
        /** The default share of TPE's model-based trials spent on local refinement. */
        public static final double DEFAULT_LOCAL_FRACTION = 0.5;
        public static final SamplerOptions DEFAULTS = new SamplerOptions(10, null, false, 1.0, DEFAULT_LOCAL_FRACTION);

        public SamplerOptions {
            if (startupTrials < 0) {
                throw new UserInputException("sampler_options.n_startup_trials must be >= 0, got " + startupTrials);
            }
            if (candidates != null && candidates < 1) {
                throw new UserInputException("sampler_options.n_candidates must be >= 1, got " + candidates);
            }
            if (!(priorWeight > 0)) {
                throw new UserInputException("sampler_options.prior_weight must be positive, got " + priorWeight);
            }
            if (!(localFraction >= 0 && localFraction < 1)) {
                throw new UserInputException("sampler_options.local_fraction must be in [0, 1), got " + localFraction + " (0 turns local refinement off)");
            }
        }
    }

    public StudySpec {
        Objects.requireNonNull(space, "space");
        command = List.copyOf(command);
        directions = List.copyOf(directions);
        if (command.isEmpty() && inProcess == null) {
            throw new UserInputException("objective.command is empty: give the program to run, e.g. \"python3 objective.py {x}\"");
        }
        if (directions.isEmpty()) {
            throw new UserInputException("objective.direction is empty: give minimize or maximize");
        }
        if (repeats < 1) {
            throw new UserInputException("objective.repeats must be at least 1, got " + repeats);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new UserInputException("objective.timeout must be positive, e.g. 60s, got " + timeout);
        }
        if (!SAMPLERS.contains(sampler)) {
            throw new UserInputException("sampler '" + sampler + "' is unknown; use one of " + String.join(", ", SAMPLERS));
        }
        if (trials < 1) {
            throw new UserInputException("trials must be at least 1, got " + trials);
        }
        if (parallel < 1) {
            throw new UserInputException("parallel must be at least 1, got " + parallel);
        }
        pruner = pruner == null ? PrunerSpec.NONE : pruner;
        if (budget != null && pruner.type().equals("none")) {
            throw new UserInputException("parameter_space." + budget.name() + " is a budget, which needs a pruner to raise it: add pruner: hyperband (or successive_halving, median)");
        }
    }

    /** @return a copy with the flags a command line gave (null keeps the file's value). */
    public StudySpec with(Integer trials, String sampler, Integer parallel, Long seed, Path journal) {
        return new StudySpec(name, command, directions, repeats, timeout, space, sampler == null ? this.sampler : sampler, options,
                trials == null ? this.trials : trials, seed == null ? this.seed : seed, parallel == null ? this.parallel : parallel,
                journal == null ? this.journal : journal, workDir, pruner, budget, inProcess);
    }

    /** @return a copy with another pruner type (null keeps the file's). */
    public StudySpec withPruner(String type) {
        return type == null ? this : new StudySpec(name, command, directions, repeats, timeout, space, sampler, options, trials, seed, parallel,
                journal, workDir, pruner.withType(type), budget, inProcess);
    }
}
