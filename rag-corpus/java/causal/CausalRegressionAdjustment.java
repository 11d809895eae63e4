/*---
id: causal-regression-adjustment
title: Effect of a coupon on spend by regression adjustment with robust standard errors
family: causal
methods: [causal.regression]
language: java
data: causal_observational.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  The first tool for observational data: regress the outcome on the treatment indicator and the
  confounders (variables that drive both who got treated and the outcome), and read the treatment
  coefficient as the average effect. Uses ordinary least squares with HC1 heteroskedasticity-robust
  standard errors (as Stata's robust or statsmodels cov_type='HC1'). Valid only if every
  confounder is measured and included (no unmeasured confounding), the outcome is roughly linear in
  them and the effect is similar for everyone; never adjust for variables that are themselves
  affected by the treatment (mediators or colliders such as sessions after the coupon). Compare
  with matching or weighting when treated and untreated customers look very different.
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** OLS of outcome on treatment + confounders with HC1 robust standard errors. */
public class CausalRegressionAdjustment {

    public static void main(String[] args) throws Exception {
        String treatment = "coupon";
        String outcome = "spend";
        List<String> confounders = List.of("age", "income_k", "prior_purchases", "loyalty_member");

        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            rows = csv.getRecords();
        }
        int n = rows.size(), k = 2 + confounders.size();
        double[][] x = new double[n][k];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            CSVRecord r = rows.get(i);
            x[i][0] = 1;
            x[i][1] = Double.parseDouble(r.get(treatment));
            for (int j = 0; j < confounders.size(); j++) {
                x[i][2 + j] = Double.parseDouble(r.get(confounders.get(j)));
            }
            y[i] = Double.parseDouble(r.get(outcome));
        }
        RealMatrix design = new Array2DRowRealMatrix(x, false);
        RealMatrix bread = new LUDecomposition(design.transpose().multiply(design)).getSolver().getInverse();
        double[] beta = bread.operate(design.transpose().operate(y));
        // HC1 sandwich: (X'X)^-1 [sum e_i^2 x_i x_i'] (X'X)^-1 * n / (n - k)
        RealMatrix meat = new Array2DRowRealMatrix(k, k);
        for (int i = 0; i < n; i++) {
            double e = y[i] - design.getRowVector(i).dotProduct(new org.apache.commons.math3.linear.ArrayRealVector(beta));
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    meat.addToEntry(a, b, e * e * x[i][a] * x[i][b]);
                }
            }
        }
        RealMatrix cov = bread.multiply(meat).multiply(bread).scalarMultiply((double) n / (n - k));
        double effect = beta[1];
        double se = Math.sqrt(cov.getEntry(1, 1));
        TDistribution t = new TDistribution(n - k);
        double crit = t.inverseCumulativeProbability(0.975);

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "causal");
        result.put("method", "causal.regression");
        result.put("estimand", "ATE of " + treatment + " on " + outcome + " (linear adjustment for " + confounders + ")");
        result.putObject("sampleSizes").put("n", n);
        ObjectNode e = result.putArray("estimates").addObject();
        e.put("label", "ATE");
        e.put("method", "causal.regression");
        e.put("estimate", effect);
        e.put("standardError", se);
        ObjectNode ci = e.putObject("interval");
        ci.put("lower", effect - crit * se);
        ci.put("upper", effect + crit * se);
        ci.put("level", 0.95);
        ci.put("kind", "confidence");
        e.put("pValue", 2 * t.cumulativeProbability(-Math.abs(effect / se)));
        ObjectNode stat = e.putObject("statistic");
        stat.put("name", "t");
        stat.put("value", effect / se);
        stat.put("df", (double) (n - k));
        result.putObject("details").put("formula", outcome + " ~ " + treatment + " + " + String.join(" + ", confounders)
                + " (OLS, HC1)");
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }
}
