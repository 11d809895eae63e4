/*---
id: uplift-dr-learner
title: DR-learner - doubly robust pseudo-outcomes for targeting and an AIPW average effect
family: uplift
methods: [uplift.dr_learner, causal.aipw]
language: java
data: uplift_coupon.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  The DR-learner (Kennedy 2020) builds a doubly robust pseudo-outcome for every customer from
  cross-fitted outcome models per arm and a propensity model: mu1 - mu0 + T (Y - mu1) / e -
  (1 - T)(Y - mu0) / (1 - e). Its average is the AIPW estimate of the average treatment effect
  (reported with a standard error), and regressing it on the features gives the conditional effect
  used to decide whom to target. Consistent if either the outcome models or the propensity model is
  right, and cross-fitting prevents overfitting bias when flexible models are used. Extreme
  propensities make pseudo-outcomes explode; trim or clip them in observational data.
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

/** DR-learner with cross-fitting; linear final stage; AIPW ATE with influence-function SE. */
public class UpliftDrLearner {

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
        double[] pseudo = new double[n];
        for (int f = 0; f < folds; f++) {
            boolean[] train1 = new boolean[n], train0 = new boolean[n], train = new boolean[n];
            for (int i = 0; i < n; i++) {
                train[i] = i % folds != f;
                train1[i] = train[i] && t[i] == 1;
                train0[i] = train[i] && t[i] == 0;
            }
            double[] mu1 = logisticRegression(rowsWhere(x, train1), valuesWhere(y, train1));
            double[] mu0 = logisticRegression(rowsWhere(x, train0), valuesWhere(y, train0));
            double[] ps = logisticRegression(rowsWhere(x, train), valuesWhere(t, train));
            for (int i = 0; i < n; i++) {
                if (!train[i]) {
                    double m1 = sigmoid(dot(x[i], mu1)), m0 = sigmoid(dot(x[i], mu0));
                    double e = Math.min(0.99, Math.max(0.01, sigmoid(dot(x[i], ps))));
                    pseudo[i] = m1 - m0 + t[i] * (y[i] - m1) / e - (1 - t[i]) * (y[i] - m0) / (1 - e);
                }
            }
        }
        boolean[] all = new boolean[n];
        java.util.Arrays.fill(all, true);
        double[] beta = ols(x, pseudo, all);
        double[] cate = new double[n];
        SummaryStatistics ate = new SummaryStatistics();
        for (int i = 0; i < n; i++) {
            cate[i] = dot(x[i], beta);
            ate.addValue(pseudo[i]);
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "uplift");
        result.put("method", "uplift.dr_learner");
        result.put("estimand", "CATE of the coupon on conversion probability");
        result.putObject("sampleSizes").put("n", n);
        report(result, "uplift.dr_learner", x, cate);
        double se = ate.getStandardDeviation() / Math.sqrt(n);
        ObjectNode overall = ((ArrayNode) result.get("estimates")).addObject();
        overall.put("label", "ATE (AIPW, cross-fitted)");
        overall.put("method", "causal.aipw");
        overall.put("estimate", ate.getMean());
        overall.put("standardError", se);
        ObjectNode ci = overall.putObject("interval");
        ci.put("lower", ate.getMean() - 1.959963984540054 * se);
        ci.put("upper", ate.getMean() + 1.959963984540054 * se);
        ci.put("level", 0.95);
        ci.put("kind", "confidence");
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
