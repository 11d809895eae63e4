package io.cerebro.core.result;

import java.util.List;

/**
 * Data for one chart in a report; the report renders it as inline SVG.
 *
 * <p>Kinds: {@code interval} (one point with an interval per category: arms, coefficients, a love
 * plot), {@code line} (series over x, with an optional band from lower/upper: posterior densities,
 * event studies, synthetic control paths), {@code scatter} (points, e.g. binned RDD means, with
 * optional fitted lines as further line series) and {@code bar}.
 *
 * @param id         stable id, e.g. {@code arms}
 * @param kind       interval, line, scatter or bar
 * @param title      chart title
 * @param xLabel     x axis label
 * @param yLabel     y axis label
 * @param categories category names for interval and bar charts (x positions 0..n-1)
 * @param series     the data
 * @param reference  a reference value drawn as a dashed line (zero effect, cutoff), or null
 */
public record Chart(String id, String kind, String title, String xLabel, String yLabel, List<String> categories,
                    List<Series> series, Double reference) {
    public Chart {
        categories = categories == null ? List.of() : List.copyOf(categories);
        series = series == null ? List.of() : List.copyOf(series);
    }
}
