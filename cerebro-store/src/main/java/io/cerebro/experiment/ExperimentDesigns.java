package io.cerebro.experiment;

import io.cerebro.core.error.UserInputException;
import io.cerebro.store.MetricDefinition;
import io.cerebro.store.MetricKind;
import io.cerebro.store.Variant;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads the parts of an experiment's design that users type: allocations and metrics. */
public final class ExperimentDesigns {
    /** How far the shares may be from summing to 1 (rounding in typed decimals such as 0.333). */
    static final double SUM_TOLERANCE = 1e-3;

    private ExperimentDesigns() {
    }

    /**
     * Reads {@code control:0.5,treatment:0.5}: at least two distinct names, positive shares summing
     * to 1 (within {@value #SUM_TOLERANCE}; they are then scaled to sum to exactly 1).
     */
    public static List<Variant> variants(String text) {
        if (text == null || text.isBlank()) {
            throw new UserInputException("--variants is empty; give name:share pairs, e.g. control:0.5,treatment:0.5");
        }
        List<Variant> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        double sum = 0;
        for (String part : text.split(",")) {
            String[] kv = part.strip().split(":");
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new UserInputException("variant '" + part.strip() + "' is not name:share; write e.g. control:0.5,treatment:0.5");
            }
            double w;
            try {
                w = Double.parseDouble(kv[1].strip());
            } catch (NumberFormatException e) {
                throw new UserInputException("variant '" + kv[0].strip() + "' has share '" + kv[1].strip() + "', not a number; e.g. control:0.5");
            }
            if (!(w > 0) || w > 1) {
                throw new UserInputException("variant '" + kv[0].strip() + "' has share " + kv[1].strip() + "; shares are in (0, 1]");
            }
            if (!seen.add(kv[0].strip())) {
                throw new UserInputException("variant '" + kv[0].strip() + "' is named twice in --variants; give each once");
            }
            out.add(new Variant(kv[0].strip(), w));
            sum += w;
        }
        if (out.size() < 2) {
            throw new UserInputException("an experiment needs at least two variants (a control first), got " + out.size()
                    + "; e.g. control:0.5,treatment:0.5");
        }
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
            throw new UserInputException(String.format(Locale.ROOT,
                    "the variant shares sum to %s, not 1; make them add up to 1, e.g. control:0.5,treatment:0.5", trim(sum)));
        }
        double total = sum;
        return out.stream().map(v -> new Variant(v.name(), v.weight() / total)).toList();
    }

    /** Reads {@code converted:binary} or {@code revenue:continuous}. */
    public static MetricDefinition metric(String text) {
        String[] kv = text == null ? new String[0] : text.strip().split(":");
        if (kv.length != 2 || kv[0].isBlank()) {
            throw new UserInputException("metric '" + text + "' is not name:kind; write e.g. converted:binary or revenue:continuous");
        }
        MetricKind kind = switch (kv[1].strip().toLowerCase(Locale.ROOT)) {
            case "binary" -> MetricKind.BINARY;
            case "continuous" -> MetricKind.CONTINUOUS;
            default -> throw new UserInputException("metric '" + kv[0] + "' has kind '" + kv[1] + "'; use binary or continuous");
        };
        return new MetricDefinition(kv[0].strip(), kind);
    }

    private static String trim(double v) {
        return String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
