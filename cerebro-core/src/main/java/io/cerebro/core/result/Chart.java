package io.cerebro.core.result;

import java.util.List;

/**
 * Data for one chart in a report; the report renders it as inline SVG.
 *
 * <p>Kinds: {@code interval} (one point with an interval per category: arms, coefficients, a love
 * plot), {@code line} (series over x, with an optional band from lower/upper: posterior densities,
 * event studies, synthetic control paths), {@code scatter} (points, e.g. binned RDD means, with
 * optional fitted lines as further line series), {@code bar} and {@code dot} (one row per category with one
 * point per series, the points of a row joined: a love plot's before and after).
 *
 * @param id         stable id, e.g. {@code arms}
 * @param kind       interval, line, scatter or bar
 * @param title      chart title
 * @param xLabel     x axis label
 * @param yLabel     y axis label
 * @param categories category names for interval and bar charts (x positions 0..n-1)
 * @param series     the data
 * @param reference  a reference value of the outcome axis drawn as a dashed line (zero effect), or null
 * @param guides     marks drawn as dotted lines: on the value axis of interval and dot charts (a love
 *                   plot's ±0.1 balance threshold), at x values of line and scatter charts (an RD cutoff, a
 *                   treatment start); empty for none
 */
public record Chart(String id, String kind, String title, String xLabel, String yLabel, List<String> categories,
                    List<Series> series, Double reference, List<Double> guides) {
    public Chart {
        categories = categories == null ? List.of() : List.copyOf(categories);
        series = series == null ? List.of() : List.copyOf(series);
        guides = guides == null ? List.of() : List.copyOf(guides);
    }

    /** A chart without guide lines. */
    public Chart(String id, String kind, String title, String xLabel, String yLabel, List<String> categories,
                 List<Series> series, Double reference) {
        this(id, kind, title, xLabel, yLabel, categories, series, reference, List.of());
    }
}
