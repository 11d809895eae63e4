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

    /**
     * Derives the cohorts from a 0/1 treatment column on a balanced panel: each unit's first period
     * with value 1 is its cohort; a unit that is never 1 is never treated. The designs assume
     * treatment stays on once it starts, so a unit whose value goes back to 0 ends the run.
     *
     * @throws UserInputException naming the first unit (and period) whose treatment switches off
     *                            again, or a missing or non-0/1 value (normally caught by the spec
     *                            validator first)
     */
    public static Cohorts fromSwitch(Dataset data, String column, Panel panel) {
        double[] d = data.doubles(column);
        double[][] byPeriod = new double[panel.units()][panel.periods()];
        for (int i = 0; i < d.length; i++) {
            double v = d[i];
            if (Double.isNaN(v) || (v != 0 && v != 1)) {
                throw new UserInputException("column '" + column + "' (treatment) must be 0 or 1 in every row, found "
                        + (Double.isNaN(v) ? "a missing value" : Panel.fmt(v)) + " for unit " + panel.unitLabels()[panel.unit()[i]]
                        + " in " + Panel.fmt(panel.times()[panel.period()[i]]) + "; recode it as 1 in the periods a unit is treated, else 0");
            }
            byPeriod[panel.unit()[i]][panel.period()[i]] = v;
        }
        int[] idx = new int[panel.units()];
        String firstOff = null;
        int off = 0;
        for (int u = 0; u < idx.length; u++) {
            idx[u] = -1;
            for (int k = 0; k < panel.periods(); k++) {
                if (byPeriod[u][k] == 1 && idx[u] < 0) {
                    idx[u] = k;
                } else if (byPeriod[u][k] == 0 && idx[u] >= 0) {
                    if (firstOff == null) {
                        firstOff = "unit " + panel.unitLabels()[u] + " is treated from " + Panel.fmt(panel.times()[idx[u]])
                                + " but not in " + Panel.fmt(panel.times()[k]);
                    }
                    off++;
                    break;
                }
            }
        }
        if (firstOff != null) {
            throw new UserInputException("column '" + column + "' (treatment) switches off again: " + firstOff
                    + (off > 1 ? " (and " + (off - 1) + " more units)" : "") + "; these designs need treatment that stays on"
                    + " once it starts: leave such units out with --where, or give each unit's first treated period with --first-treated");
        }
        return new Cohorts(idx);
    }

    /** @return whether unit u is treated in period k. */
    public boolean treatedAt(int u, int k) {
        return cohortIndex[u] >= 0 && k >= cohortIndex[u];
    }
}
