/*---
id: uplift-x-learner
title: X-learner - uplift when treated and control groups differ in size
family: uplift
methods: [uplift.x_learner]
language: java
data: uplift_coupon.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  The X-learner (Kunzel et al. 2019) is built for the common marketing case where one group is
  much larger than the other (a small holdout, or a small treated pilot). Stage one fits outcome
  models per arm, as the T-learner does. Stage two imputes individual effects - for treated
  customers their outcome minus the control model's prediction, for control customers the treated
  model's prediction minus their outcome - and regresses those imputed effects on the features in
  each group. The two effect models are blended with the propensity score, giving more weight to
  the model learned from the larger group. Needs randomisation or unconfoundedness; the effect
  models here are linear, so they capture only smooth heterogeneity.
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

/** X-learner with logistic outcome models, linear effect models and an estimated propensity. */
public class UpliftXLearner {

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
        boolean[] treated = new boolean[n], control = new boolean[n];
        for (int i = 0; i < n; i++) {
            treated[i] = t[i] == 1;
            control[i] = t[i] == 0;
        }
        double[] mu1 = logisticRegression(rowsWhere(x, treated), valuesWhere(y, treated));
        double[] mu0 = logisticRegression(rowsWhere(x, control), valuesWhere(y, control));
        double[] imputed = new double[n];
        for (int i = 0; i < n; i++) {
            imputed[i] = treated[i] ? y[i] - sigmoid(dot(x[i], mu0)) : sigmoid(dot(x[i], mu1)) - y[i];
        }
        double[] tau1 = ols(x, imputed, treated), tau0 = ols(x, imputed, control);
        double[] propensity = logisticRegression(x, t);
        double[] cate = new double[n];
        for (int i = 0; i < n; i++) {
            double e = sigmoid(dot(x[i], propensity));
            // weight the effect model trained on the *other* group's imputations by its precision
            cate[i] = e * dot(x[i], tau0) + (1 - e) * dot(x[i], tau1);
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "uplift");
        result.put("method", "uplift.x_learner");
        result.put("estimand", "CATE of the coupon on conversion probability");
        result.putObject("sampleSizes").put("n", n);
        report(result, "uplift.x_learner", x, cate);
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
