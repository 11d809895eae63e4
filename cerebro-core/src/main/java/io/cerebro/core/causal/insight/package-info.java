/**
 * Causal insights: a result turned into sentences a product manager can act on (the effect in the
 * outcome's units and as a relative change, the refuters it survived, how strong hidden confounding
 * would have to be, where it differs across subgroups, what the design cannot say), each written
 * from the numbers it quotes.
 */
package io.cerebro.core.causal.insight;
