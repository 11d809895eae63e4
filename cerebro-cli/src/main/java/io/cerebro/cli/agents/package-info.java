/**
 * {@code cerebro agents}: the generation benchmark, strategy selection over the experience store,
 * and prompt evolution (see docs/agents.md).
 */
package io.cerebro.cli.agents;
