package io.cerebro.core.geo;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.spec.GeoTestSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * A geo test from a dataset: the panel, the checks of the test window and the treated locations
 * against it, and one {@link CellAnalysis.Cell} per cell.
 */
public final class GeoAnalysis {
    private GeoAnalysis() {
    }

    /**
     * The analysed test.
     *
     * @param panel   the panel, cut at the test's last period
     * @param preEnd  the index of the first test period
     * @param donors  the donor pool shared by the cells
     * @param cells   one analysis per cell, in the spec's order
     */
    public record Test(GeoPanel panel, int preEnd, List<String> donors, List<CellAnalysis.Cell> cells) {
    }

    /** Reads the panel the spec names from the data. */
    public static GeoPanel panel(GeoTestSpec spec, Dataset data) {
        data.require(spec.location(), "location");
        data.require(spec.time(), "time");
        data.require(spec.outcome(), "outcome");
        return GeoPanel.of(data.strings(spec.location()), data.strings(spec.time()), data.doubles(spec.outcome()), spec.fill(),
                spec.location(), spec.time(), spec.outcome());
    }

    /** Analyses the test the spec describes. */
    public static Test run(GeoTestSpec spec, Dataset data) {
        GeoPanel panel = panel(spec, data);
        List<double[][]> covariates = new ArrayList<>();
        for (String c : spec.covariateColumns()) {
            data.require(c, "covariate");
            // the same rows as the outcome, so the covariate panel has the outcome panel's locations and periods
            GeoPanel cp = GeoPanel.of(data.strings(spec.location()), data.strings(spec.time()), data.doubles(c), spec.fill(),
                    spec.location(), spec.time(), c);
            double[][] z = new double[panel.locations().length][];
            for (int i = 0; i < z.length; i++) {
                z[i] = cp.y()[cp.location(panel.locations()[i])];
            }
            covariates.add(z);
        }
        return run(spec, panel, covariates);
    }

    /** Analyses the test the spec describes on a panel, without covariates. */
    public static Test run(GeoTestSpec spec, GeoPanel full) {
        return run(spec, full, List.of());
    }

    /**
     * Analyses the test the spec describes on a panel.
     *
     * @throws UserInputException when a treated location is not in the panel, the window is not in
     *                            the data, or the pre-period is shorter than {@code min_pre_periods}
     * @param covariates          one panel per covariate, rows in {@code full}'s location order (empty: none)
     */
    public static Test run(GeoTestSpec spec, GeoPanel full, List<double[][]> covariates) {
        String range = " (the data runs from " + full.periods()[0] + " to " + full.periods()[full.periods().length - 1] + ")";
        int start = full.period(spec.start());
        if (start < 0) {
            throw new UserInputException("start '" + spec.start() + "' is not a period in column '" + spec.time() + "'" + range
                    + "; give the first test period as written in the data");
        }
        int end = spec.end() == null ? full.periods().length - 1 : full.period(spec.end());
        if (end < 0) {
            throw new UserInputException("end '" + spec.end() + "' is not a period in column '" + spec.time() + "'" + range
                    + "; give the last test period as written in the data, or leave it out");
        }
        if (end < start) {
            throw new UserInputException("end " + spec.end() + " comes before start " + spec.start() + "; swap them");
        }
        if (start < spec.minPrePeriods()) {
            throw new UserInputException("a geo test needs at least " + spec.minPrePeriods() + " periods before the start; " + spec.start()
                    + " leaves " + start + range + "; start later or lower min_pre_periods");
        }
        GeoPanel panel = full.upTo(end);
        for (List<String> cell : spec.testCells()) {
            for (String l : cell) {
                if (panel.location(l) < 0) {
                    throw new UserInputException(full.dropped().contains(l)
                            ? "treated location '" + l + "' lacks periods and --fill drop left it out; use --fill zero or fix its rows"
                            : "treated location '" + l + "' is not in column '" + spec.location() + "' (" + panel.locations().length
                            + " locations, e.g. " + String.join(", ", List.of(panel.locations()).subList(0, Math.min(3, panel.locations().length)))
                            + "); check the spelling");
                }
            }
        }
        List<String> donors = CellAnalysis.donorsOf(panel, spec.testCells());
        if (donors.size() < 2) {
            throw new UserInputException("a synthetic control needs at least 2 donor locations outside the test cells, the data has "
                    + donors.size() + "; treat fewer locations");
        }
        List<CellAnalysis.Cell> cells = new ArrayList<>();
        for (List<String> cell : spec.testCells()) {
            cells.add(CellAnalysis.analyse(panel, cell, donors, start, spec, covariateMeans(covariates, start)));
        }
        return new Test(panel, start, donors, List.copyOf(cells));
    }

    /** @return each location's pre-period means of the covariates (locations by covariates), or null when none. */
    static double[][] covariateMeans(List<double[][]> covariates, int preEnd) {
        if (covariates.isEmpty()) {
            return null;
        }
        int n = covariates.get(0).length;
        double[][] z = new double[n][covariates.size()];
        for (int k = 0; k < covariates.size(); k++) {
            double[] m = GeoCovariates.preMeans(covariates.get(k), preEnd);
            for (int i = 0; i < n; i++) {
                z[i][k] = m[i];
            }
        }
        return z;
    }
}
