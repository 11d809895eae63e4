/*---
id: causal-iv-2sls
title: Instrumental variables (2SLS) - returns to education using distance to college
family: causal
methods: [causal.iv]
language: java
data: causal_iv.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  When the treatment is confounded by something unmeasured (ability drives both schooling and
  wages; motivation drives both feature use and retention) but there is an instrument - a variable
  that shifts the treatment, is as good as random, and affects the outcome ONLY through the
  treatment (growing up near a college; a randomised encouragement; a staggered rollout) - two-stage
  least squares recovers the causal effect for compliers. First stage: treatment on instrument and
  controls; second stage: outcome on the fitted treatment. Reports the 2SLS estimate with
  heteroskedasticity-robust standard errors computed from the correct residuals (not the
  second-stage ones), the naive OLS for contrast and the first-stage F statistic; F below about 10
  signals a weak instrument and unreliable inference. Exclusion cannot be tested - argue it.
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Just-identified 2SLS with HC1 robust standard errors, first-stage F and OLS comparison. */
public class CausalIvTwoStageLeastSquares {

    public static void main(String[] args) throws Exception {
        String outcome = "log_wage", endogenous = "education", instrument = "near_college", control = "experience";
        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            rows = csv.getRecords();
        }
        int n = rows.size();
        double[][] x = new double[n][], z = new double[n][];
        double[] y = new double[n], d = new double[n];
        for (int i = 0; i < n; i++) {
            CSVRecord r = rows.get(i);
            double c = Double.parseDouble(r.get(control));
            d[i] = Double.parseDouble(r.get(endogenous));
            x[i] = new double[] {1, d[i], c};
            z[i] = new double[] {1, Double.parseDouble(r.get(instrument)), c};
            y[i] = Double.parseDouble(r.get(outcome));
        }
        RealMatrix xm = new Array2DRowRealMatrix(x, false), zm = new Array2DRowRealMatrix(z, false);
        RealMatrix inv = new LUDecomposition(zm.transpose().multiply(xm)).getSolver().getInverse();
        double[] beta = inv.operate(zm.transpose().operate(y));
        double[][] iv = robust(z, x, y, beta, inv);

        // first stage d ~ z with HC1: F = t^2 of the single instrument
        RealMatrix zzInv = new LUDecomposition(zm.transpose().multiply(zm)).getSolver().getInverse();
        double[] gamma = zzInv.operate(zm.transpose().operate(d));
        double firstF = Math.pow(gamma[1] / robust(z, z, d, gamma, zzInv)[1][1], 2);
        RealMatrix xxInv = new LUDecomposition(xm.transpose().multiply(xm)).getSolver().getInverse();
        double[] ols = xxInv.operate(xm.transpose().operate(y));

        double effect = beta[1], se = iv[1][1];
        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "causal");
        result.put("method", "causal.iv");
        result.put("estimand", "LATE of " + endogenous + " on " + outcome + " (instrument " + instrument + ")");
        result.putObject("sampleSizes").put("n", n);
        ObjectNode e = result.putArray("estimates").addObject();
        e.put("label", endogenous + " (2SLS)");
        e.put("method", "causal.iv");
        e.put("estimate", effect);
        e.put("standardError", se);
        ObjectNode ci = e.putObject("interval");
        ci.put("lower", effect - 1.959963984540054 * se);
        ci.put("upper", effect + 1.959963984540054 * se);
        ci.put("level", 0.95);
        ci.put("kind", "confidence");
        e.put("pValue", 2 * new NormalDistribution().cumulativeProbability(-Math.abs(effect / se)));
        ObjectNode stat = e.putObject("statistic");
        stat.put("name", "z");
        stat.put("value", effect / se);
        ObjectNode extra = e.putObject("extra");
        extra.put("first_stage_f", firstF);
        extra.put("ols_estimate", ols[1]);
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    /** {beta, HC1 se} for an estimator (Z'X)^-1 Z'y, residuals y - X beta. */
    static double[][] robust(double[][] z, double[][] x, double[] y, double[] beta, RealMatrix inv) {
        int n = y.length, k = beta.length;
        RealMatrix meat = new Array2DRowRealMatrix(k, k);
        for (int i = 0; i < n; i++) {
            double e = y[i];
            for (int a = 0; a < k; a++) {
                e -= x[i][a] * beta[a];
            }
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    meat.addToEntry(a, b, e * e * z[i][a] * z[i][b]);
                }
            }
        }
        RealMatrix cov = inv.multiply(meat).multiply(inv.transpose()).scalarMultiply((double) n / (n - k));
        double[] se = new double[k];
        for (int a = 0; a < k; a++) {
            se[a] = Math.sqrt(cov.getEntry(a, a));
        }
        return new double[][] {beta, se};
    }
}
