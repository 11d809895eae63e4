/*---
id: causal-aipw-doubly-robust
title: Augmented IPW (doubly robust) estimate of the average treatment effect
family: causal
methods: [causal.aipw]
language: java
data: causal_observational.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  Combines an outcome model (a regression of the outcome on confounders fitted separately for
  treated and untreated units) with a propensity score model (logistic regression). The augmented
  inverse probability weighting estimator is consistent if EITHER model is right - hence "doubly
  robust" - and, when both are right, it is the most efficient estimator of the ATE under no
  unmeasured confounding. The standard error comes from the estimated influence function (the
  per-unit AIPW scores), as in DoWhy/EconML's DR estimators. Pitfalls: extreme propensity scores
  still blow up the variance; with flexible machine-learning models use cross-fitting (see the
  DR-learner example); never include post-treatment variables.
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** AIPW estimator of the ATE with an influence-function standard error. */
public class CausalAipwDoublyRobust {

    public static void main(String[] args) throws Exception {
        String treatment = "coupon";
        String outcome = "spend";
        List<String> confounders = List.of("age", "income_k", "prior_purchases", "loyalty_member");

        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            rows = csv.getRecords();
        }
        int n = rows.size();
        double[][] x = new double[n][confounders.size() + 1];
        double[] t = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = 1;
            for (int j = 0; j < confounders.size(); j++) {
                x[i][j + 1] = Double.parseDouble(rows.get(i).get(confounders.get(j)));
            }
            t[i] = Double.parseDouble(rows.get(i).get(treatment));
            y[i] = Double.parseDouble(rows.get(i).get(outcome));
        }
        double[] beta = logisticRegression(x, t);
        double[] mu1 = ols(x, y, t, 1), mu0 = ols(x, y, t, 0);
        double[] psi = new double[n];
        double ate = 0;
        for (int i = 0; i < n; i++) {
            double e = 1 / (1 + Math.exp(-dot(x[i], beta)));
            double m1 = dot(x[i], mu1), m0 = dot(x[i], mu0);
            // AIPW score: outcome-model prediction plus the weighted residual of the observed arm
            psi[i] = m1 - m0 + t[i] * (y[i] - m1) / e - (1 - t[i]) * (y[i] - m0) / (1 - e);
            ate += psi[i] / n;
        }
        double var = 0;
        for (double p : psi) {
            var += (p - ate) * (p - ate);
        }
        double se = Math.sqrt(var / (n - 1) / n);
        NormalDistribution normal = new NormalDistribution();

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "causal");
        result.put("method", "causal.aipw");
        result.put("estimand", "ATE of " + treatment + " on " + outcome);
        result.putObject("sampleSizes").put("n", n);
        ObjectNode est = result.putArray("estimates").addObject();
        est.put("label", "ATE");
        est.put("method", "causal.aipw");
        est.put("estimate", ate);
        est.put("standardError", se);
        ObjectNode ci = est.putObject("interval");
        ci.put("lower", ate - 1.959963984540054 * se);
        ci.put("upper", ate + 1.959963984540054 * se);
        ci.put("level", 0.95);
        ci.put("kind", "confidence");
        est.put("pValue", 2 * normal.cumulativeProbability(-Math.abs(ate / se)));
        ObjectNode stat = est.putObject("statistic");
        stat.put("name", "z");
        stat.put("value", ate / se);
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** OLS coefficients fitted on the units whose treatment equals arm. */
    static double[] ols(double[][] x, double[] y, double[] t, double arm) {
        int k = x[0].length;
        RealMatrix xtx = new Array2DRowRealMatrix(k, k);
        double[] xty = new double[k];
        for (int i = 0; i < x.length; i++) {
            if (t[i] != arm) {
                continue;
            }
            for (int a = 0; a < k; a++) {
                xty[a] += x[i][a] * y[i];
                for (int b = 0; b < k; b++) {
                    xtx.addToEntry(a, b, x[i][a] * x[i][b]);
                }
            }
        }
        return new LUDecomposition(xtx).getSolver().solve(new ArrayRealVector(xty, false)).toArray();
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
