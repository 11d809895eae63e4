/** The reference-engine contract and the switch that picks an engine for a spec. */
package io.cerebro.core.engine;
