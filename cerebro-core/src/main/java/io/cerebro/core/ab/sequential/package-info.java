/**
 * Sequential A/B testing. {@link io.cerebro.core.ab.sequential.MixtureSprt}: the mixture SPRT with
 * an always-valid p-value and confidence sequence, so results may be read at any time.
 * {@link io.cerebro.core.ab.sequential.GroupSequentialDesign}: Lan-DeMets O'Brien-Fleming-type and
 * Pocock-type alpha spending ({@link io.cerebro.core.ab.sequential.AlphaSpending}) with boundaries
 * by recursive numerical integration. {@link io.cerebro.core.ab.sequential.SequentialEstimates}
 * turns both into the A/B engine's {@code ab.msprt} and {@code ab.group_sequential} estimates.
 */
package io.cerebro.core.ab.sequential;
