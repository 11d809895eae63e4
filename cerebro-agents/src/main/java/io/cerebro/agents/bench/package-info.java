/**
 * The benchmark of pipeline generation: cases (a spec, a seeded data generator and a planted effect,
 * bundled as resources), the runner that generates and validates a pipeline per case with a chosen
 * strategy, its report (pass rate, attempts, time, tokens per family), and an OpenAI-compatible replay
 * endpoint on loopback for running the LLM path without a model.
 */
package io.cerebro.agents.bench;
