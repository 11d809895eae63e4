package io.cerebro.core.spec;

/**
 * A panel for difference-in-differences, event studies and staggered adoption.
 *
 * @param unit          column identifying the unit (store, state)
 * @param time          column identifying the period
 * @param treatedGroup  0/1 column: unit belongs to the treated group (2x2 DiD)
 * @param post          0/1 column: period is after treatment (2x2 DiD)
 * @param firstTreated  column with the first treated period of each unit (0 or empty for never treated), for event studies and staggered designs
 * @param cluster       column to cluster standard errors on; default the unit
 * @param controlGroup  {@code never} (never-treated) or {@code notyet} (not-yet-treated) controls for staggered designs, default never
 * @param leads         event-study leads to estimate (periods before treatment), default all available
 * @param lags          event-study lags to estimate (periods after treatment), default all available
 */
public record PanelDesign(String unit, String time, String treatedGroup, String post, String firstTreated,
                          String cluster, String controlGroup, Integer leads, Integer lags) {
    public PanelDesign {
        controlGroup = controlGroup == null ? "never" : controlGroup;
    }
}
