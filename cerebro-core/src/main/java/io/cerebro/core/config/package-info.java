/**
 * Cerebro's configuration: one object for the whole tool ({@link io.cerebro.core.config.CerebroConfig}),
 * loaded in the order defaults &lt; profile &lt; file &lt; environment &lt; flags, where every value remembers
 * the layer it came from. The keys are listed in {@link io.cerebro.core.config.Setting#ALL}, the six
 * profiles in {@link io.cerebro.core.config.Profile#ALL}.
 */
package io.cerebro.core.config;
