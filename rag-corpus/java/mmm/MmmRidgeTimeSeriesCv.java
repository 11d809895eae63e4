/*---
id: mmm-ridge-fit-time-series-cv
title: Regularised media mix model - ridge regression with transforms tuned by time-series cross-validation
family: mmm
methods: [mmm.fit, mmm.geometric_adstock, mmm.hill_saturation]
language: java
data: mmm_weekly.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  Media channels move together (budgets rise in the same seasons), so ordinary least squares gives
  unstable and sometimes negative channel effects. Ridge regression shrinks the coefficients of
  standardised predictors towards zero, trading a little bias for much less variance, as Robyn
  does. The penalty and each channel's adstock decay and saturation are chosen by rolling-origin
  time-series cross-validation (train on the past, predict the next 8 weeks, never the other way
  round), and the final model is scored on the last 13 weeks held out. Reports the out-of-sample
  error (MAPE), the chosen hyper-parameters and the channel coefficients on the original scale.
  Random k-fold cross-validation leaks the future into the past and overstates accuracy.
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Ridge MMM; hyper-parameters by rolling-origin CV; last 13 weeks as a final holdout. */
public class MmmRidgeTimeSeriesCv {

    static final int HOLDOUT = 13, HORIZON = 8;

    public static void main(String[] args) throws Exception {
        List<String> channels = List.of("tv", "search", "social");
        List<String> controls = List.of("price", "holiday");
        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            rows = csv.getRecords();
        }
        int weeks = rows.size();
        double[] sales = new double[weeks];
        double[][] spend = new double[channels.size()][weeks];
        double[][] control = new double[controls.size()][weeks];
        for (int w = 0; w < weeks; w++) {
            sales[w] = Double.parseDouble(rows.get(w).get("sales"));
            for (int c = 0; c < channels.size(); c++) {
                spend[c][w] = Double.parseDouble(rows.get(w).get(channels.get(c)));
            }
            for (int c = 0; c < controls.size(); c++) {
                control[c][w] = Double.parseDouble(rows.get(w).get(controls.get(c)));
            }
        }
        int train = weeks - HOLDOUT;
        double[] decays = {0.0, 0.2, 0.4, 0.6, 0.8};
        double[] lambdas = {0.01, 0.1, 1.0, 10.0};
        double[] decay = new double[channels.size()];
        Arrays.fill(decay, 0.3);
        double lambda = 1.0;
        for (int round = 0; round < 2; round++) {
            for (int c = 0; c < channels.size(); c++) {
                double best = Double.POSITIVE_INFINITY;
                for (double d : decays) {
                    for (double l : lambdas) {
                        double[] trial = decay.clone();
                        trial[c] = d;
                        double err = crossValidate(sales, spend, control, trial, l, train);
                        if (err < best) {
                            best = err;
                            decay[c] = d;
                            lambda = l;
                        }
                    }
                }
            }
        }
        double[][] x = features(spend, control, decay);
        Ridge model = Ridge.fit(x, sales, 0, train, lambda);
        double ape = 0;
        for (int t = train; t < weeks; t++) {
            ape += Math.abs(sales[t] - model.predict(x[t])) / sales[t] / HOLDOUT;
        }

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "mmm");
        result.put("method", "mmm.fit");
        result.put("estimand", "ridge MMM coefficients (sales per unit of saturated adstocked spend)");
        ObjectNode sizes = result.putObject("sampleSizes");
        sizes.put("train_weeks", train);
        sizes.put("holdout_weeks", HOLDOUT);
        ArrayNode list = result.putArray("estimates");
        for (int c = 0; c < channels.size(); c++) {
            ObjectNode e = list.addObject();
            e.put("label", channels.get(c));
            e.put("method", "mmm.fit");
            e.put("estimate", model.coefficient(c));
            e.putObject("extra").put("adstock_decay", decay[c]);
        }
        ObjectNode details = result.putObject("details");
        details.put("ridge_lambda", lambda);
        details.put("holdout_mape", ape);
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    /** Mean absolute percentage error over rolling origins inside the training period. */
    static double crossValidate(double[] y, double[][] spend, double[][] control, double[] decay, double lambda,
                                int train) {
        double[][] x = features(spend, control, decay);
        double error = 0;
        int count = 0;
        for (int origin = train / 2; origin + HORIZON <= train; origin += HORIZON) {
            Ridge m = Ridge.fit(x, y, 0, origin, lambda);
            for (int t = origin; t < origin + HORIZON; t++) {
                error += Math.abs(y[t] - m.predict(x[t])) / y[t];
                count++;
            }
        }
        return error / count;
    }

    /** Columns: geometric adstock of each channel passed through x / (x + mean), then the controls. */
    static double[][] features(double[][] spend, double[][] control, double[] decay) {
        int n = spend[0].length;
        double[][] x = new double[n][spend.length + control.length];
        for (int c = 0; c < spend.length; c++) {
            double[] a = new double[n];
            double carry = 0;
            for (int t = 0; t < n; t++) {
                carry = spend[c][t] + decay[c] * carry;
                a[t] = carry;
            }
            double half = Arrays.stream(a).average().orElseThrow(); // half saturation at average pressure
            for (int t = 0; t < n; t++) {
                x[t][c] = a[t] / (a[t] + half);
            }
        }
        for (int c = 0; c < control.length; c++) {
            for (int t = 0; t < n; t++) {
                x[t][spend.length + c] = control[c][t];
            }
        }
        return x;
    }

    /** Ridge regression on standardised columns (intercept unpenalised), fitted on rows [from, to). */
    record Ridge(double intercept, double[] beta, double[] mean, double[] sd) {
        static Ridge fit(double[][] x, double[] y, int from, int to, double lambda) {
            int k = x[0].length, n = to - from;
            double[] mean = new double[k], sd = new double[k];
            for (int j = 0; j < k; j++) {
                for (int t = from; t < to; t++) {
                    mean[j] += x[t][j] / n;
                }
                for (int t = from; t < to; t++) {
                    sd[j] += Math.pow(x[t][j] - mean[j], 2) / (n - 1);
                }
                sd[j] = Math.sqrt(sd[j]) + 1e-12;
            }
            double yMean = Arrays.stream(y, from, to).average().orElseThrow();
            RealMatrix z = new Array2DRowRealMatrix(n, k);
            double[] yc = new double[n];
            for (int t = from; t < to; t++) {
                for (int j = 0; j < k; j++) {
                    z.setEntry(t - from, j, (x[t][j] - mean[j]) / sd[j]);
                }
                yc[t - from] = y[t] - yMean;
            }
            RealMatrix gram = z.transpose().multiply(z);
            for (int j = 0; j < k; j++) {
                gram.addToEntry(j, j, lambda * n);
            }
            double[] beta = new LUDecomposition(gram).getSolver()
                    .solve(new ArrayRealVector(z.transpose().operate(yc), false)).toArray();
            return new Ridge(yMean, beta, mean, sd);
        }

        double predict(double[] row) {
            double p = intercept;
            for (int j = 0; j < beta.length; j++) {
                p += beta[j] * (row[j] - mean[j]) / sd[j];
            }
            return p;
        }

        /** Coefficient of column j on the original (unstandardised) scale. */
        double coefficient(int j) {
            return beta[j] / sd[j];
        }
    }
}
