package io.cerebro.core.spec;

/**
 * A regression discontinuity design.
 *
 * @param running    the running (score) variable
 * @param cutoff     the threshold; treatment switches on at running &gt;= cutoff, default 0
 * @param fuzzy      for a fuzzy design, the 0/1 column of actual treatment take-up; null for sharp
 * @param kernel     triangular (default), epanechnikov or uniform
 * @param order      local polynomial order, 1 (default) or 2
 * @param bandwidth  a fixed bandwidth; null selects the MSE-optimal one (mserd)
 * @param vce        variance estimator: nn (nearest neighbour, default) or hc1
 */
public record RddDesign(String running, Double cutoff, String fuzzy, String kernel, Integer order,
                        Double bandwidth, String vce) {
    public RddDesign {
        cutoff = cutoff == null ? 0.0 : cutoff;
        kernel = kernel == null ? "triangular" : kernel;
        order = order == null ? 1 : order;
        vce = vce == null ? "nn" : vce;
    }
}
