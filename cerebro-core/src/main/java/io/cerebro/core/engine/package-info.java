/** The reference-engine contract, and {@link io.cerebro.core.engine.Engines}, which validates a spec and runs its family's engine. */
package io.cerebro.core.engine;
