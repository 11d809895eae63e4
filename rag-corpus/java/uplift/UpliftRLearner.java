/*---
id: uplift-r-learner
title: R-learner - residual-on-residual estimation of heterogeneous effects with cross-fitting
family: uplift
methods: [uplift.r_learner]
language: java
data: uplift_coupon.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  The R-learner (Nie and Wager 2021) generalises Robinson's partialling-out to heterogeneous
  effects. First, with cross-fitting (each customer's predictions come from models trained on the
  other folds), estimate the expected outcome m(x) ignoring treatment and the propensity e(x).
  Then fit the effect function tau(x) by minimising the squared error between the outcome residual
  Y - m(x) and tau(x) times the treatment residual T - e(x). It is robust to errors in the nuisance
  models and works with observational data under unconfoundedness as well as with experiments.
  Here tau(x) is linear in the features and the nuisance models are logistic regressions; swap in
  boosted trees for richer patterns. Customers with e(x) near 0 or 1 carry almost no information.
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
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** R-learner: cross-fitted m(x) and e(x), then least squares of (Y - m) on (T - e) x. */
public class UpliftRLearner {

    public static void main(String[] args) throws Exception {
        List<String> features = List.of("age", "tenure_months", "visits", "mobile");
        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            rows = csv.getRecords();
        }
        int n = rows.size();
        double[][] x = new double[n][features.size() + 1]; // intercept + features
        double[] t = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = 1;
            for (int j = 0; j < features.size(); j++) {
                x[i][j + 1] = Double.parseDouble(rows.get(i).get(features.get(j)));
            }
            t[i] = Double.parseDouble(rows.get(i).get("coupon"));
            y[i] = Double.parseDouble(rows.get(i).get("converted"));
        }
        int folds = 5;
        double[] m = new double[n], e = new double[n];
        for (int f = 0; f < folds; f++) {
            boolean[] train = new boolean[n];
            for (int i = 0; i < n; i++) {
                train[i] = i % folds != f;
            }
            double[] outcomeModel = logisticRegression(rowsWhere(x, train), valuesWhere(y, train));
            double[] propensityModel = logisticRegression(rowsWhere(x, train), valuesWhere(t, train));
            for (int i = 0; i < n; i++) {
                if (!train[i]) {
                    m[i] = sigmoid(dot(x[i], outcomeModel));
                    e[i] = sigmoid(dot(x[i], propensityModel));
                }
            }
        }
        double[][] scaled = new double[n][];
        double[] residual = new double[n];
        boolean[] all = new boolean[n];
        for (int i = 0; i < n; i++) {
            scaled[i] = new double[x[i].length];
            for (int j = 0; j < x[i].length; j++) {
                scaled[i][j] = (t[i] - e[i]) * x[i][j];
            }
            residual[i] = y[i] - m[i];
            all[i] = true;
        }
        double[] beta = ols(scaled, residual, all);
        double[] cate = new double[n];
        for (int i = 0; i < n; i++) {
            cate[i] = dot(x[i], beta);
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "uplift");
        result.put("method", "uplift.r_learner");
        result.put("estimand", "CATE of the coupon on conversion probability");
        result.putObject("sampleSizes").put("n", n);
        report(result, "uplift.r_learner", x, cate);
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** Rows of x (and entries of v) where keep is true. */
    static double[][] rowsWhere(double[][] x, boolean[] keep) {
        return java.util.stream.IntStream.range(0, x.length).filter(i -> keep[i]).mapToObj(i -> x[i])
                .toArray(double[][]::new);
    }

    static double[] valuesWhere(double[] v, boolean[] keep) {
        return java.util.stream.IntStream.range(0, v.length).filter(i -> keep[i]).mapToDouble(i -> v[i]).toArray();
    }

    /** Least squares coefficients (normal equations) of y on the rows of x selected by keep. */
    static double[] ols(double[][] x, double[] y, boolean[] keep) {
        int k = x[0].length;
        double[][] xtx = new double[k][k];
        double[] xty = new double[k];
        for (int i = 0; i < x.length; i++) {
            if (!keep[i]) {
                continue;
            }
            for (int a = 0; a < k; a++) {
                xty[a] += x[i][a] * y[i];
                for (int b = 0; b < k; b++) {
                    xtx[a][b] += x[i][a] * x[i][b];
                }
            }
        }
        return new LUDecomposition(new Array2DRowRealMatrix(xtx, false)).getSolver()
                .solve(new ArrayRealVector(xty, false)).toArray();
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Average predicted CATE overall and by segment, added as estimates. */
    static void report(ObjectNode result, String method, double[][] x, double[] cate) {
        ArrayNode list = result.putArray("estimates");
        String[] names = {"all customers", "tenure < 12 months, mobile", "tenure < 12 months, desktop",
                "tenure 12-36 months", "tenure >= 36 months"};
        for (int s = 0; s < names.length; s++) {
            SummaryStatistics stats = new SummaryStatistics();
            for (int i = 0; i < x.length; i++) {
                if (segment(x[i], s)) {
                    stats.addValue(cate[i]);
                }
            }
            ObjectNode e = list.addObject();
            e.put("label", "CATE: " + names[s]);
            e.put("method", method);
            e.put("estimate", stats.getMean());
            ObjectNode extra = e.putObject("extra");
            extra.put("n", stats.getN());
            extra.put("sd_of_individual_cate", stats.getStandardDeviation());
        }
    }

    /** Segment membership on the feature row [1, age, tenure_months, visits, mobile]. */
    static boolean segment(double[] row, int s) {
        double tenure = row[2], mobile = row[4];
        return switch (s) {
            case 0 -> true;
            case 1 -> tenure < 12 && mobile == 1;
            case 2 -> tenure < 12 && mobile == 0;
            case 3 -> tenure >= 12 && tenure < 36;
            default -> tenure >= 36;
        };
    }

    /** Logistic regression by Newton-Raphson (iteratively reweighted least squares). */
    static double[] logisticRegression(double[][] x, double[] t) {
        int k = x[0].length;
        double[] beta = new double[k];
        for (int iter = 0; iter < 100; iter++) {
            double[] gradient = new double[k];
            double[][] hessian = new double[k][k];
            for (int i = 0; i < x.length; i++) {
                double eta = 0;
                for (int a = 0; a < k; a++) {
                    eta += x[i][a] * beta[a];
                }
                double p = 1 / (1 + Math.exp(-eta));
                for (int a = 0; a < k; a++) {
                    gradient[a] += x[i][a] * (t[i] - p);
                    for (int b = 0; b < k; b++) {
                        hessian[a][b] += x[i][a] * x[i][b] * p * (1 - p);
                    }
                }
            }
            double[] step = new LUDecomposition(new Array2DRowRealMatrix(hessian, false)).getSolver()
                    .solve(new ArrayRealVector(gradient, false)).toArray();
            double norm = 0;
            for (int a = 0; a < k; a++) {
                beta[a] += step[a];
                norm += step[a] * step[a];
            }
            if (Math.sqrt(norm) < 1e-10) {
                break;
            }
        }
        return beta;
    }
}
