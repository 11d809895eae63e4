package io.cerebro.core.family;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.ReferenceEngine;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.AnalysisSpec;
import io.cerebro.core.spec.SpecViolation;

import java.util.List;
import java.util.Set;

/**
 * Everything the core knows about one analysis family, in one place: its name, its spec type, how
 * a spec is checked against data, its reference engine and its method catalogue. The agents module
 * adds the parts that write pipelines ({@code io.cerebro.agents.PipelineFamily}). Nothing else
 * switches on family names or method strings: callers ask {@link Families#of} for the descriptor.
 *
 * <p>A new family implements this interface in its own package and gets one line in
 * {@link Families}; forgetting a part does not compile, and {@code FamilyContractTest} checks what
 * the compiler cannot (see {@code docs/adding-a-family.md}).
 *
 * @param <S> the family's spec record
 */
public interface AnalysisFamily<S extends AnalysisSpec> {
    /** @return the family id written to specs and results ({@code ab}, {@code causal}). */
    String name();

    /** @return the spec record type that {@link io.cerebro.core.spec.SpecReader} reads for this family. */
    Class<S> specType();

    /** @return the {@code cerebro} subcommand that runs the family ({@code abtest}, {@code causal}). */
    String command();

    /** @return whether the family analyses a dataset (a power calculation does not). */
    boolean readsData();

    /** @return the method catalogue: every method id the family's results may carry. */
    List<? extends CatalogMethod> methods();

    /**
     * Checks a spec against the data's schema and contents.
     *
     * @return every violation at once, each naming the field, the value and the fix; empty when it fits
     */
    List<SpecViolation> validate(S spec, Dataset data);

    /** @return the engine that computes the reference answer. */
    ReferenceEngine<S> engine();

    /**
     * The methods whose estimates a generated pipeline must print for this spec, beyond the headline:
     * what the spec explicitly asks for (an A/B spec with a covariate asks for CUPED).
     */
    default Set<String> requiredMethods(S spec) {
        return Set.of();
    }

    /** @return {@code spec} as this family's type (it must be one). */
    default S cast(AnalysisSpec spec) {
        return specType().cast(spec);
    }

    /** Runs the engine on a spec of this family given as the general type. */
    default AnalysisResult run(AnalysisSpec spec, Dataset data) {
        return engine().run(cast(spec), data);
    }

    /** Validates a spec of this family given as the general type. */
    default List<SpecViolation> check(AnalysisSpec spec, Dataset data) {
        return validate(cast(spec), data);
    }

    /** The required methods of a spec of this family given as the general type. */
    default Set<String> required(AnalysisSpec spec) {
        return requiredMethods(cast(spec));
    }
}
