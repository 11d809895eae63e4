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
 */
public record StudySpec(String name, List<String> command, List<Direction> directions, int repeats, Duration timeout,
                        ParameterSpace space, String sampler, SamplerOptions options, int trials, long seed, int parallel,
                        Path journal, Path workDir) {
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
     */
    public record SamplerOptions(int startupTrials, Integer candidates, boolean multivariate, double priorWeight) {
        public static final SamplerOptions DEFAULTS = new SamplerOptions(10, null, false, 1.0);

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
        }
    }

    public StudySpec {
        Objects.requireNonNull(space, "space");
        command = List.copyOf(command);
        directions = List.copyOf(directions);
        if (command.isEmpty()) {
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
    }

    /** @return a copy with the flags a command line gave (null keeps the file's value). */
    public StudySpec with(Integer trials, String sampler, Integer parallel, Long seed, Path journal) {
        return new StudySpec(name, command, directions, repeats, timeout, space, sampler == null ? this.sampler : sampler, options,
                trials == null ? this.trials : trials, seed == null ? this.seed : seed, parallel == null ? this.parallel : parallel,
                journal == null ? this.journal : journal, workDir);
    }
}
