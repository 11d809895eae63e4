package io.cerebro.rag.eval;

import java.util.List;

/**
 * One labelled evaluation query.
 *
 * @param query    the text, as an analyst would ask it
 * @param relevant ids of the examples that answer it
 * @param family   optional family, used as a filter only when the evaluation asks for it; may be null
 */
public record EvalQuery(String query, List<String> relevant, String family) {
    public EvalQuery {
        relevant = List.copyOf(relevant);
    }
}
