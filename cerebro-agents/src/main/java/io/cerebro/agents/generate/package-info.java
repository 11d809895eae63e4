/**
 * Pipeline generators and the repair loop: the deterministic offline generator (family templates),
 * the LLM generator on a LangChain4j {@code ChatModel}, the prompt (role, rules, spec, dataset
 * profile, retrieved examples) and the loop that feeds validation diagnostics back until a program
 * validates or the attempt limit is reached.
 */
package io.cerebro.agents.generate;
