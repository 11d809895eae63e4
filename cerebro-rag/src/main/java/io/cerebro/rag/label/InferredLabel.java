package io.cerebro.rag.label;

import java.util.List;

/**
 * A label inferred for an example without a header.
 *
 * @param family     the inferred family, or empty when no family reached the confidence floor
 * @param methods    inferred catalogue method ids, possibly empty
 * @param confidence the winning family's score in [0, 1]: half the share of the family's content
 *                   cues, half the similarity-weighted vote of the nearest labelled examples
 */
public record InferredLabel(String family, List<String> methods, double confidence) {
    public InferredLabel {
        methods = List.copyOf(methods);
    }

    /** Whether a family was assigned. */
    public boolean assigned() {
        return !family.isEmpty();
    }
}
