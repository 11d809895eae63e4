/**
 * Difference-in-differences: 2x2, two-way fixed effects, event studies and Callaway-Sant'Anna staggered adoption.
 *
 * <p>Missing values in a used column end the run unless {@code drop_missing} is set; then the panel
 * designs drop every unit with a missing value (they need a balanced panel) and the 2x2 design drops
 * the incomplete rows, each with a warning. Units first treated after the panel's last period are
 * not treated within it and serve as controls (with a warning), as in R's did package.
 *
 * <p>Treatment timing comes from a first-treated column ({@code panel.first_treated}) or, as
 * analysts often store it, from the spec's 0/1 {@code treatment} column, 1 in the periods a unit is
 * treated ({@link io.cerebro.core.causal.quasi.did.PanelTreatment}): each unit's cohort is its first
 * period with 1, the result carries a {@code cohorts_from_treatment} diagnostic saying so, and a unit
 * whose treatment switches off again ends the run with one line naming the unit and the period
 * (all three designs assume treatment stays on). Giving both columns is an error. For did a
 * treatment column always means the two-way fixed-effects form on a balanced panel (with two
 * periods its coefficient is the 2x2 difference in differences); the treated-group/post coding
 * stays for 2x2 data that are not a balanced panel, and cannot be combined with a treatment column.
 */
package io.cerebro.core.causal.quasi.did;
