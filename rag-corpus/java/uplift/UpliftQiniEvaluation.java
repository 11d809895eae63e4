/*---
id: uplift-qini-curve
title: Qini curve, AUUC and policy value - evaluating an uplift model on held-out customers
family: uplift
methods: [uplift.qini, uplift.t_learner]
language: java
data: uplift_coupon.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  How good is an uplift model at ranking customers by how much the coupon changes their behaviour?
  Individual effects are never observed, so uplift models are evaluated on a held-out part of a
  randomised campaign: sort held-out customers by predicted uplift, and for each top fraction
  compare treated and control conversions. The Qini curve plots incremental conversions (treated
  conversions minus control conversions scaled to the treated count) against the fraction
  targeted; the Qini coefficient is the area between it and the random-targeting diagonal, and the
  AUUC the area under the uplift curve. The policy value estimates the conversion rate if only the
  top 30% were treated, by inverse probability weighting, compared with treating everyone or no
  one. The scores here come from a T-learner trained on the other half.
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

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Train a T-learner on half the data, evaluate its ranking on the other half with Qini and AUUC. */
public class UpliftQiniEvaluation {

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
        boolean[] train1 = new boolean[n], train0 = new boolean[n];
        List<Integer> holdout = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean train = i % 2 == 0;
            train1[i] = train && t[i] == 1;
            train0[i] = train && t[i] == 0;
            if (!train) {
                holdout.add(i);
            }
        }
        double[] mu1 = logisticRegression(rowsWhere(x, train1), valuesWhere(y, train1));
        double[] mu0 = logisticRegression(rowsWhere(x, train0), valuesWhere(y, train0));
        double[] score = new double[n];
        for (int i = 0; i < n; i++) {
            score[i] = sigmoid(dot(x[i], mu1)) - sigmoid(dot(x[i], mu0));
        }
        holdout.sort((a, b) -> Double.compare(score[b], score[a]));

        int m = holdout.size();
        double treatedShare = holdout.stream().filter(i -> t[i] == 1).count() / (double) m;
        double yt = 0, nt = 0, yc = 0, nc = 0, qiniArea = 0, upliftArea = 0;
        double[] qini = new double[m + 1];
        ObjectMapper json = new ObjectMapper();
        ArrayNode curve = json.createArrayNode();
        for (int k = 1; k <= m; k++) {
            int i = holdout.get(k - 1);
            if (t[i] == 1) {
                yt += y[i];
                nt++;
            } else {
                yc += y[i];
                nc++;
            }
            qini[k] = yt - (nc > 0 ? yc * nt / nc : 0);
            double uplift = nt > 0 && nc > 0 ? (yt / nt - yc / nc) * k : 0;
            qiniArea += qini[k] / m;
            upliftArea += uplift / m;
            if (k % (m / 10) == 0 || k == m) {
                curve.addObject().put("fraction_targeted", (double) k / m).put("incremental_conversions", qini[k]);
            }
        }
        // random targeting: a straight line from 0 to the total incremental conversions
        double randomArea = qini[m] * (m + 1) / (2.0 * m);
        double qiniCoefficient = (qiniArea - randomArea) / m;
        double auuc = upliftArea / m;

        int top = (int) Math.round(0.3 * m);
        double policy = 0, treatAll = 0, treatNone = 0;
        for (int k = 0; k < m; k++) {
            int i = holdout.get(k);
            double ipwTreated = t[i] * y[i] / treatedShare, ipwControl = (1 - t[i]) * y[i] / (1 - treatedShare);
            policy += (k < top ? ipwTreated : ipwControl) / m;
            treatAll += ipwTreated / m;
            treatNone += ipwControl / m;
        }

        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "uplift");
        result.put("method", "uplift.qini");
        result.put("estimand", "ranking quality of the uplift model on held-out customers");
        result.putObject("sampleSizes").put("holdout", m);
        ArrayNode list = result.putArray("estimates");
        list.addObject().put("label", "Qini coefficient").put("method", "uplift.qini").put("estimate", qiniCoefficient);
        list.addObject().put("label", "AUUC (per customer)").put("method", "uplift.qini").put("estimate", auuc);
        ObjectNode p = list.addObject();
        p.put("label", "policy value: treat top 30%").put("method", "uplift.qini").put("estimate", policy);
        p.putObject("extra").put("treat_everyone", treatAll).put("treat_no_one", treatNone);
        result.putObject("details").set("qini_curve", curve);
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

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
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
