package io.cerebro.core.causal.quasi.did;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;

/**
 * Treatment cohorts of a staggered design: the period index at which each unit is first treated,
 * or -1 for units never treated within the panel (a first-treated value of 0, missing, or after
 * the last period).
 *
 * @param cohortIndex per unit, the index of the first treated period or -1
 */
public record Cohorts(int[] cohortIndex) {

    /**
     * Reads the first-treated column, which must be constant within each unit. Units first treated
     * after the panel's last period are not treated within it and serve as controls (as in the did
     * package); {@code warnings} receives a note saying how many.
     *
     * @throws UserInputException when the column changes within a unit, names a value between periods,
     *                            or every treated unit is first treated after the last period
     */
    public static Cohorts of(Dataset data, String column, Panel panel, java.util.List<String> warnings) {
        double[] ft = data.doubles(column);
        double[] perUnit = new double[panel.units()];
        boolean[] set = new boolean[panel.units()];
        for (int i = 0; i < ft.length; i++) {
            int u = panel.unit()[i];
            double v = Double.isNaN(ft[i]) ? 0 : ft[i];
            if (set[u] && perUnit[u] != v) {
                throw new UserInputException("column '" + column + "' (first treated period) changes within unit "
                        + panel.unitLabels()[u] + " (" + Panel.fmt(perUnit[u]) + " and " + Panel.fmt(v)
                        + "); give each unit one first-treated period, 0 for never treated");
            }
            perUnit[u] = v;
            set[u] = true;
        }
        int[] idx = new int[panel.units()];
        double[] times = panel.times();
        double last = times[times.length - 1];
        int beyond = 0;
        int within = 0;
        double example = Double.NaN;
        for (int u = 0; u < idx.length; u++) {
            double v = perUnit[u];
            if (v == 0) {
                idx[u] = -1;
            } else if (v > last) {
                idx[u] = -1;
                beyond++;
                example = Double.isNaN(example) ? v : Math.min(example, v);
            } else if (v < times[0]) {
                idx[u] = 0;
            } else {
                int k = panel.periodIndex(v);
                if (k < 0) {
                    throw new UserInputException("unit " + panel.unitLabels()[u] + " is first treated in " + Panel.fmt(v)
                            + ", which is not a period of column '" + column + "'; use one of the panel's periods");
                }
                idx[u] = k;
            }
            within += idx[u] >= 0 ? 1 : 0;
        }
        if (beyond > 0 && within == 0) {
            throw new UserInputException("no unit is treated within the panel: column '" + column + "' gives first-treated periods"
                    + " from " + Panel.fmt(example) + " on, after the panel's last period " + Panel.fmt(last)
                    + "; check the first-treated column or extend the data to the treatment periods");
        }
        if (beyond > 0) {
            warnings.add(beyond + " units are first treated after the panel's last period " + Panel.fmt(last) + " (column '"
                    + column + "', from " + Panel.fmt(example) + "); they are not treated within the panel and serve as controls");
        }
        return new Cohorts(idx);
    }

    /** @return whether unit u is treated in period k. */
    public boolean treatedAt(int u, int k) {
        return cohortIndex[u] >= 0 && k >= cohortIndex[u];
    }
}
