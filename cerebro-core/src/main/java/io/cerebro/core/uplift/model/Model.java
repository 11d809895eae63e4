package io.cerebro.core.uplift.model;

/** A fitted base learner: predicts one row of feature-major columns. */
public interface Model {
    /** @return the prediction for row {@code i} of {@code columns} ({@code columns[feature][row]}). */
    double predict(double[][] columns, int i);

    /** @return predictions for every row of {@code columns}. */
    default double[] predictAll(double[][] columns) {
        double[] out = new double[columns.length == 0 ? 0 : columns[0].length];
        for (int i = 0; i < out.length; i++) {
            out[i] = predict(columns, i);
        }
        return out;
    }
}
