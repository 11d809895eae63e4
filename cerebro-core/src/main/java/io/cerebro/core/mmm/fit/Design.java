package io.cerebro.core.mmm.fit;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The non-media columns of the design: a linear trend over [0, 1], yearly Fourier terms
 * {@code sin(2 pi k d / 365.25)}, {@code cos(2 pi k d / 365.25)} for {@code k = 1..harmonics} with
 * {@code d} the days since the first week, and the controls. The intercept is implicit (the ridge
 * centres every column).
 *
 * @param names   column names
 * @param columns {@code columns[j][t]}
 * @param trendColumns how many leading columns are the trend (0 or 1)
 * @param seasonColumns how many columns after the trend are Fourier terms
 */
public record Design(List<String> names, double[][] columns, int trendColumns, int seasonColumns) {
    /** Days per year of the Fourier period. */
    public static final double YEAR_DAYS = 365.25;

    /** @return the design of {@code data} with an optional trend and {@code harmonics} yearly harmonics. */
    public static Design of(MmmData data, boolean trend, int harmonics) {
        int n = data.weeks();
        List<String> names = new ArrayList<>();
        List<double[]> cols = new ArrayList<>();
        if (trend) {
            double[] t = new double[n];
            for (int i = 0; i < n; i++) {
                t[i] = n == 1 ? 0 : (double) i / (n - 1);
            }
            names.add("trend");
            cols.add(t);
        }
        for (int k = 1; k <= harmonics; k++) {
            double[] s = new double[n];
            double[] c = new double[n];
            for (int i = 0; i < n; i++) {
                double d = ChronoUnit.DAYS.between(data.dates()[0], data.dates()[i]);
                double a = 2 * Math.PI * k * d / YEAR_DAYS;
                s[i] = Math.sin(a);
                c[i] = Math.cos(a);
            }
            names.add("season_sin_" + k);
            cols.add(s);
            names.add("season_cos_" + k);
            cols.add(c);
        }
        for (int j = 0; j < data.controls().size(); j++) {
            names.add(data.controls().get(j));
            cols.add(data.controlValues()[j]);
        }
        return new Design(List.copyOf(names), cols.toArray(new double[0][]), trend ? 1 : 0, 2 * harmonics);
    }

    /** @return the number of columns. */
    public int size() {
        return columns.length;
    }
}
