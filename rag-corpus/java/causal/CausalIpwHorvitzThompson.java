/*---
id: causal-ipw-horvitz-thompson
title: Inverse probability weighting (Horvitz-Thompson) for the average treatment effect
family: causal
methods: [causal.ipw]
language: java
data: causal_observational.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  Reweights observational data so that the treated and untreated groups both look like the whole
  population: each treated unit counts 1/e(x) times and each untreated unit 1/(1-e(x)) times,
  where e(x) is the propensity score from a logistic regression on the confounders. The
  Horvitz-Thompson form divides the weighted sums by the sample size, which makes it unbiased but
  very noisy when some scores are close to 0 or 1 (huge weights); the normalised Hajek form is
  usually preferred. Reports the ATE with a bootstrap standard error that re-estimates the
  propensity model in every resample, plus the largest weight and the effective sample size as
  overlap diagnostics. Assumes no unmeasured confounding and scores away from 0 and 1.
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
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Horvitz-Thompson IPW estimate of the ATE with a nonparametric bootstrap. */
public class CausalIpwHorvitzThompson {

    public static void main(String[] args) throws Exception {
        String treatment = "coupon";
        String outcome = "spend";
        List<String> confounders = List.of("age", "income_k", "prior_purchases", "loyalty_member");
        int bootstrap = 200;

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
        double[] e = scores(x, t);
        double ate = horvitzThompson(t, y, e);

        double maxWeight = 0, sumW = 0, sumW2 = 0;
        for (int i = 0; i < n; i++) {
            double wt = t[i] == 1 ? 1 / e[i] : 1 / (1 - e[i]);
            maxWeight = Math.max(maxWeight, wt);
            sumW += wt;
            sumW2 += wt * wt;
        }
        Well19937c rng = new Well19937c(42);
        SummaryStatistics boot = new SummaryStatistics();
        for (int b = 0; b < bootstrap; b++) {
            double[][] bx = new double[n][];
            double[] bt = new double[n], by = new double[n];
            for (int i = 0; i < n; i++) {
                int k = rng.nextInt(n);
                bx[i] = x[k];
                bt[i] = t[k];
                by[i] = y[k];
            }
            boot.addValue(horvitzThompson(bt, by, scores(bx, bt)));
        }
        double se = boot.getStandardDeviation();
        NormalDistribution normal = new NormalDistribution();

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "causal");
        result.put("method", "causal.ipw");
        result.put("estimand", "ATE of " + treatment + " on " + outcome);
        result.putObject("sampleSizes").put("n", n);
        ObjectNode est = result.putArray("estimates").addObject();
        est.put("label", "ATE (Horvitz-Thompson)");
        est.put("method", "causal.ipw");
        est.put("estimate", ate);
        est.put("standardError", se);
        ObjectNode ci = est.putObject("interval");
        ci.put("lower", ate - 1.959963984540054 * se);
        ci.put("upper", ate + 1.959963984540054 * se);
        ci.put("level", 0.95);
        ci.put("kind", "confidence");
        est.put("pValue", 2 * normal.cumulativeProbability(-Math.abs(ate / se)));
        ObjectNode extra = est.putObject("extra");
        extra.put("max_weight", maxWeight);
        extra.put("effective_sample_size", sumW * sumW / sumW2);
        extra.put("bootstrap_replicates", bootstrap);
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    /** ATE = mean(T Y / e) - mean((1 - T) Y / (1 - e)). */
    static double horvitzThompson(double[] t, double[] y, double[] e) {
        double sum = 0;
        for (int i = 0; i < t.length; i++) {
            sum += t[i] * y[i] / e[i] - (1 - t[i]) * y[i] / (1 - e[i]);
        }
        return sum / t.length;
    }

    static double[] scores(double[][] x, double[] t) {
        RealVector beta = new ArrayRealVector(logisticRegression(x, t));
        double[] e = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            e[i] = 1 / (1 + Math.exp(-new ArrayRealVector(x[i]).dotProduct(beta)));
        }
        return e;
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
