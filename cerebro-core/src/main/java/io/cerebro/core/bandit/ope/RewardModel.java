package io.cerebro.core.bandit.ope;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * The direct-method reward model of the doubly robust estimator: for every arm, least squares of the
 * reward on [1, context] over the rows that took that arm (the arm's mean when there is no context
 * or too few rows to fit the slopes; 0 for an arm never logged, which then only the target can pick
 * where the log has no support, and that is rejected earlier).
 */
final class RewardModel {
    private final double[][] coefficients;

    private RewardModel(double[][] coefficients) { this.coefficients = coefficients; }

    static RewardModel fit(LoggedFeedback log) {
        int d = log.contextDimension() + 1;
        double[][] coef = new double[log.arms()][];
        for (int a = 0; a < log.arms(); a++) {
            int rows = 0;
            for (int act : log.actions()) if (act == a) rows++;
            coef[a] = new double[d];
            if (rows == 0) continue;
            double mean = 0;
            for (int i = 0; i < log.size(); i++) if (log.actions()[i] == a) mean += log.rewards()[i];
            mean /= rows;
            coef[a][0] = mean;
            if (d == 1 || rows <= d) continue;
            RealMatrix x = new Array2DRowRealMatrix(rows, d);
            ArrayRealVector y = new ArrayRealVector(rows);
            int r = 0;
            for (int i = 0; i < log.size(); i++) {
                if (log.actions()[i] != a) continue;
                x.setEntry(r, 0, 1);
                for (int j = 1; j < d; j++) x.setEntry(r, j, log.contexts()[i][j - 1]);
                y.setEntry(r, log.rewards()[i]);
                r++;
            }
            var solver = new QRDecomposition(x, 1e-12).getSolver();
            if (solver.isNonSingular()) coef[a] = solver.solve(y).toArray();
        }
        return new RewardModel(coef);
    }

    double predict(int arm, double[] context) {
        double[] c = coefficients[arm];
        double v = c[0];
        if (context != null) for (int j = 1; j < c.length; j++) v += c[j] * context[j - 1];
        return v;
    }
}
