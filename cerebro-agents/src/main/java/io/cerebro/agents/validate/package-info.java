/**
 * Proves a generated (or hand-written) analysis program right before anyone sees it: extract and
 * parse the code, check it against an AST safety policy, compile it in memory against the fixed
 * pipeline classpath, run it in a sandboxed child JVM, and compare what it prints with the
 * reference engine — on the user's data and again on synthetic data with a planted effect.
 * {@link io.cerebro.agents.validate.PipelineValidator} runs the stages in order.
 */
package io.cerebro.agents.validate;
