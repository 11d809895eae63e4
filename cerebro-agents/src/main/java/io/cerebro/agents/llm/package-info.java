/**
 * LLM configuration: provider (OpenAI-compatible or Ollama), base URL, model and key from
 * environment variables or {@code ~/.config/cerebro/llm.yaml}, turned into a LangChain4j
 * {@code ChatModel}.
 */
package io.cerebro.agents.llm;
