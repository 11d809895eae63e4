/**
 * Sensitivity of causal estimates to unmeasured confounding and to missing assumptions: E-values
 * (VanderWeele and Ding 2017), Rosenbaum bounds for matched pairs, the Cinelli-Hazlett robustness
 * value for regression adjustment, and Manski's no-assumption bounds.
 */
package io.cerebro.core.causal.sensitivity;
