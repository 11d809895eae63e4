/**
 * Causal graphs (DAGs) and identification: parsing {@code "a -> b; b -> c"} or DOT files, d-separation,
 * backdoor adjustment sets (finding a minimal one, checking a user's), front-door identification
 * and the identified estimand as a formula.
 */
package io.cerebro.core.causal.graph;
