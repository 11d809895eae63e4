package io.cerebro.core.uplift.model;

/** A fitted base learner: predicts one row of feature-major columns. */
public interface Model {
    /** @return the prediction for row {@code i} of {@code columns} ({@code columns[feature][row]}). */
    double predict(double[][] columns, int i);

    /**
     * Predictions for training rows {@code rows} of {@code x} (the matrix the model may have been fitted on); the same
     * numbers as {@link #predict} on {@code x.columns()}. A model fitted on {@code x}'s binning may route the rows by
     * their bin codes, a byte per value instead of a double.
     *
     * @return the predictions, in the order of {@code rows}
     */
    default double[] predictRows(FeatureMatrix x, int[] rows) {
        double[][] c = x.columns();
        double[] out = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            out[k] = predict(c, rows[k]);
        }
        return out;
    }

    /** @return predictions for every row of {@code columns}. */
    default double[] predictAll(double[][] columns) {
        double[] out = new double[columns.length == 0 ? 0 : columns[0].length];
        for (int i = 0; i < out.length; i++) {
            out[i] = predict(columns, i);
        }
        return out;
    }
}
