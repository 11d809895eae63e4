package io.cerebro.core.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The method-specific {@code details} of a result as short lines for people: scalars as they are,
 * small maps on one line, weights as their largest non-zero entries, and anything larger (gap
 * series, group-time tables) as a count that points to {@code --format json}, where all of it is.
 */
final class DetailLines {
    /** Most entries of a map printed on one line. */
    private static final int MAP_ENTRIES = 10;
    /** Most weights printed. */
    private static final int WEIGHTS = 8;

    private DetailLines() {
    }

    /** @return one line per detail, without indentation. */
    static List<String> of(Map<String, Object> details) {
        return of(details, java.util.Set.of());
    }

    /** @return one line per detail not already shown as a check of the same name. */
    static List<String> of(io.cerebro.core.result.AnalysisResult r) {
        return of(r.details(), r.diagnostics().stream().map(io.cerebro.core.result.Diagnostic::name)
                .collect(java.util.stream.Collectors.toSet()));
    }

    private static List<String> of(Map<String, Object> details, java.util.Set<String> shown) {
        List<String> out = new ArrayList<>();
        details.forEach((k, v) -> {
            if (!shown.contains(k)) {
                out.add(k + ": " + value(k, v));
            }
        });
        return out;
    }

    private static String value(String key, Object v) {
        if (v instanceof Map<?, ?> m) {
            if (key.toLowerCase(java.util.Locale.ROOT).contains("weight") && m.values().stream().allMatch(x -> x instanceof Number)) {
                return weights(m);
            }
            List<String> parts = new ArrayList<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (e.getValue() instanceof Map<?, ?> inner && inner.size() <= MAP_ENTRIES
                        && inner.values().stream().noneMatch(x -> x instanceof Map<?, ?> || x instanceof List<?>)) {
                    List<String> in = new ArrayList<>();
                    inner.forEach((a, b) -> in.add(a + " " + scalar(b)));
                    parts.add(e.getKey() + " (" + String.join(", ", in) + ")");
                } else if (!(e.getValue() instanceof Map<?, ?>) && !(e.getValue() instanceof List<?>)) {
                    parts.add(e.getKey() + " " + scalar(e.getValue()));
                }
            }
            if (m.size() > MAP_ENTRIES || parts.isEmpty()) {
                return m.size() + " entries (--format json lists them)";
            }
            return String.join(", ", parts);
        }
        if (v instanceof List<?> l) {
            return l.size() + " rows (--format json lists them)";
        }
        return scalar(v);
    }

    private static String weights(Map<?, ?> m) {
        List<Map.Entry<?, ?>> nonZero = new ArrayList<>(m.entrySet().stream()
                .filter(e -> Math.abs(((Number) e.getValue()).doubleValue()) >= 5e-4).toList());
        nonZero.sort(Comparator.comparingDouble((Map.Entry<?, ?> e) -> -Math.abs(((Number) e.getValue()).doubleValue())));
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < Math.min(WEIGHTS, nonZero.size()); i++) {
            parts.add(nonZero.get(i).getKey() + " " + Format.num(((Number) nonZero.get(i).getValue()).doubleValue()));
        }
        String more = nonZero.size() > WEIGHTS ? ", and " + (nonZero.size() - WEIGHTS) + " more" : "";
        int zero = m.size() - nonZero.size();
        return String.join(", ", parts) + more + (zero > 0 ? " (" + zero + " below 0.0005)" : "");
    }

    private static String scalar(Object v) {
        if (v instanceof Double || v instanceof Float) {
            return Format.num(((Number) v).doubleValue());
        }
        return String.valueOf(v);
    }
}
