/*---
id: causal-ipw-hajek-trimmed
title: Normalised (Hajek) inverse probability weighting with trimming, ATE and ATT
family: causal
methods: [causal.ipw]
language: java
data: causal_observational.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  The inverse probability weighting estimator most practitioners should use: weights 1/e(x) for the
  treated and 1/(1-e(x)) for the controls (ATE), or 1 for the treated and e/(1-e) for the controls
  (ATT, "make the controls look like the treated"), with each group's weighted mean normalised by
  the sum of its weights (Hajek), which is far more stable than Horvitz-Thompson when weights are
  large. Units with propensity scores outside [0.05, 0.95] are trimmed (Crump et al.), which
  changes the population the effect refers to - say so in the report. Balance is checked with
  weighted standardised mean differences. The standard error comes from a bootstrap that refits the
  propensity model. Assumes no unmeasured confounding.
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Hajek IPW estimates of the ATE and the ATT with propensity trimming and a bootstrap. */
public class CausalIpwHajekStabilized {

    static final double TRIM_LOW = 0.05, TRIM_HIGH = 0.95;

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
        double[] estimates = hajek(t, y, e);
        int trimmed = 0;
        for (double s : e) {
            if (s < TRIM_LOW || s > TRIM_HIGH) {
                trimmed++;
            }
        }

        Well19937c rng = new Well19937c(2024);
        SummaryStatistics bootAte = new SummaryStatistics(), bootAtt = new SummaryStatistics();
        for (int b = 0; b < bootstrap; b++) {
            double[][] bx = new double[n][];
            double[] bt = new double[n], by = new double[n];
            for (int i = 0; i < n; i++) {
                int k = rng.nextInt(n);
                bx[i] = x[k];
                bt[i] = t[k];
                by[i] = y[k];
            }
            double[] r = hajek(bt, by, scores(bx, bt));
            bootAte.addValue(r[0]);
            bootAtt.addValue(r[1]);
        }

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "causal");
        result.put("method", "causal.ipw");
        result.put("estimand", "ATE and ATT of " + treatment + " on " + outcome + " among units with "
                + TRIM_LOW + " <= e(x) <= " + TRIM_HIGH);
        ObjectNode sizes = result.putObject("sampleSizes");
        sizes.put("n", n);
        sizes.put("trimmed", trimmed);
        ArrayNode list = result.putArray("estimates");
        add(list, "ATE (Hajek)", estimates[0], bootAte.getStandardDeviation());
        add(list, "ATT (Hajek)", estimates[1], bootAtt.getStandardDeviation());
        ObjectNode balance = result.putObject("details").putObject("weighted_smd_ate");
        for (int j = 0; j < confounders.size(); j++) {
            balance.put(confounders.get(j), weightedSmd(x, j + 1, t, e));
        }
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    static void add(ArrayNode list, String label, double estimate, double se) {
        ObjectNode est = list.addObject();
        est.put("label", label);
        est.put("method", "causal.ipw");
        est.put("estimate", estimate);
        est.put("standardError", se);
        ObjectNode ci = est.putObject("interval");
        ci.put("lower", estimate - 1.959963984540054 * se);
        ci.put("upper", estimate + 1.959963984540054 * se);
        ci.put("level", 0.95);
        ci.put("kind", "confidence");
        est.put("pValue", 2 * new NormalDistribution().cumulativeProbability(-Math.abs(estimate / se)));
    }

    /** {ATE, ATT}: normalised weighted means of each group, trimmed units left out. */
    static double[] hajek(double[] t, double[] y, double[] e) {
        double t1 = 0, w1 = 0, c1 = 0, v1 = 0, cAtt = 0, vAtt = 0, treatedSum = 0, treatedN = 0;
        for (int i = 0; i < t.length; i++) {
            if (e[i] < TRIM_LOW || e[i] > TRIM_HIGH) {
                continue;
            }
            if (t[i] == 1) {
                t1 += y[i] / e[i];
                w1 += 1 / e[i];
                treatedSum += y[i];
                treatedN++;
            } else {
                c1 += y[i] / (1 - e[i]);
                v1 += 1 / (1 - e[i]);
                double odds = e[i] / (1 - e[i]);
                cAtt += odds * y[i];
                vAtt += odds;
            }
        }
        return new double[] {t1 / w1 - c1 / v1, treatedSum / treatedN - cAtt / vAtt};
    }

    /** Standardised mean difference of covariate col after ATE weighting. */
    static double weightedSmd(double[][] x, int col, double[] t, double[] e) {
        double[] sum = new double[2], sumSq = new double[2], w = new double[2];
        for (int i = 0; i < t.length; i++) {
            if (e[i] < TRIM_LOW || e[i] > TRIM_HIGH) {
                continue;
            }
            int g = (int) t[i];
            double wt = g == 1 ? 1 / e[i] : 1 / (1 - e[i]);
            sum[g] += wt * x[i][col];
            sumSq[g] += wt * x[i][col] * x[i][col];
            w[g] += wt;
        }
        double m1 = sum[1] / w[1], m0 = sum[0] / w[0];
        double v1 = sumSq[1] / w[1] - m1 * m1, v0 = sumSq[0] / w[0] - m0 * m0;
        return (m1 - m0) / Math.sqrt((v1 + v0) / 2);
    }

    static double[] scores(double[][] x, double[] t) {
        double[] beta = logisticRegression(x, t);
        double[] e = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double eta = 0;
            for (int a = 0; a < beta.length; a++) {
                eta += x[i][a] * beta[a];
            }
            e[i] = 1 / (1 + Math.exp(-eta));
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
