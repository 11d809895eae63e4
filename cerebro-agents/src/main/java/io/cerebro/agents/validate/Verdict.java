package io.cerebro.agents.validate;

/**
 * How a validation ended. Only {@link #PASSED} lets a pipeline reach the user; every other value
 * names the stage that stopped it.
 */
public enum Verdict {
    /** Parsed, passed the policy, compiled, ran and reproduced the engine on both datasets. */
    PASSED("the pipeline reproduced the reference engine on the data and on a synthetic dataset"),
    /** No Java code could be found or parsed. */
    PARSE_ERROR("the code does not parse as Java"),
    /** The safety policy rejected the code before it was compiled. */
    POLICY_VIOLATION("the code uses something the safety policy forbids"),
    /** javac rejected the code. */
    COMPILE_ERROR("the code does not compile against the pipeline classpath"),
    /** The program threw or exited with a non-zero status. */
    RUNTIME_ERROR("the program failed while running"),
    /** The program ran past the time limit and was killed. */
    TIMEOUT("the program ran past the time limit and was killed"),
    /** The program broke a resource cap of the sandbox (threads, processes, open files, CPU time) and was killed. */
    RESOURCE_LIMIT("the program broke a sandbox limit (threads, processes, open files or CPU time) and was killed"),
    /** The program exceeded the heap cap. */
    OUT_OF_MEMORY("the program ran out of its memory cap and was stopped"),
    /** The program printed no parsable result JSON. */
    BAD_OUTPUT("the program did not print a result JSON object"),
    /** The printed numbers differ from the engine's on the user's data. */
    MISMATCH("the printed result differs from the reference engine"),
    /** The numbers matched on the user's data but not on the synthetic dataset (hard-coded results). */
    SYNTHETIC_MISMATCH("the printed result differs from the reference engine on synthetic data with a planted effect");

    private final String meaning;

    Verdict(String meaning) {
        this.meaning = meaning;
    }

    /** @return the verdict in words. */
    public String meaning() {
        return meaning;
    }

    /** @return whether the pipeline passed. */
    public boolean passed() {
        return this == PASSED;
    }
}
