/*---
id: causal-evalue-sensitivity
title: E-value - how strong would unmeasured confounding need to be to explain away the effect
family: causal
methods: [causal.evalue, causal.ipw]
language: java
data: causal_observational.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  A sensitivity analysis for any observational result on the risk-ratio scale (VanderWeele and
  Ding 2017). The E-value is the minimum strength of association, as a risk ratio, that an
  unmeasured confounder would need to have with both the treatment and the outcome, beyond the
  measured confounders, to fully explain away the observed effect; the E-value of the confidence
  limit closest to 1 says how strong it must be to make the effect non-significant. Here the
  adjusted risk ratio of purchasing with versus without a coupon comes from Hajek inverse
  probability weighting, with a bootstrap interval. Large E-values (say above 2) mean only strong
  hidden confounding could overturn the conclusion; compare them with the associations of the
  measured confounders.
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** IPW-adjusted risk ratio and its E-values (point estimate and confidence limit). */
public class CausalEValueSensitivity {

    public static void main(String[] args) throws Exception {
        String treatment = "coupon", outcome = "purchased";
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
        double logRr = logRiskRatio(x, t, y);
        Well19937c rng = new Well19937c(17);
        SummaryStatistics boot = new SummaryStatistics();
        for (int b = 0; b < 200; b++) {
            double[][] bx = new double[n][];
            double[] bt = new double[n], by = new double[n];
            for (int i = 0; i < n; i++) {
                int k = rng.nextInt(n);
                bx[i] = x[k];
                bt[i] = t[k];
                by[i] = y[k];
            }
            boot.addValue(logRiskRatio(bx, bt, by));
        }
        double se = boot.getStandardDeviation();
        double rr = Math.exp(logRr);
        double lower = Math.exp(logRr - 1.959963984540054 * se), upper = Math.exp(logRr + 1.959963984540054 * se);
        // the confidence limit closest to the null
        double limit = rr >= 1 ? lower : upper;
        boolean crossesNull = lower <= 1 && upper >= 1;

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "causal");
        result.put("method", "causal.evalue");
        result.put("estimand", "risk ratio of " + outcome + " (" + treatment + " = 1 vs 0), IPW-adjusted");
        result.putObject("sampleSizes").put("n", n);
        ObjectNode e = result.putArray("estimates").addObject();
        e.put("label", "risk ratio");
        e.put("method", "causal.evalue");
        e.put("estimate", rr);
        e.put("standardError", se);
        ObjectNode ci = e.putObject("interval");
        ci.put("lower", lower);
        ci.put("upper", upper);
        ci.put("level", 0.95);
        ci.put("kind", "confidence");
        ObjectNode extra = e.putObject("extra");
        extra.put("evalue_point", eValue(rr));
        extra.put("evalue_confidence_limit", crossesNull ? 1.0 : eValue(limit));
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    /** E-value for a risk ratio: RR + sqrt(RR (RR - 1)), after inverting protective ratios. */
    static double eValue(double rr) {
        double r = rr < 1 ? 1 / rr : rr;
        return r + Math.sqrt(r * (r - 1));
    }

    /** log(risk if everyone treated / risk if no one treated), Hajek-weighted. */
    static double logRiskRatio(double[][] x, double[] t, double[] y) {
        double[] beta = logisticRegression(x, t);
        double y1 = 0, w1 = 0, y0 = 0, w0 = 0;
        for (int i = 0; i < t.length; i++) {
            double eta = 0;
            for (int a = 0; a < beta.length; a++) {
                eta += x[i][a] * beta[a];
            }
            double e = 1 / (1 + Math.exp(-eta));
            if (t[i] == 1) {
                y1 += y[i] / e;
                w1 += 1 / e;
            } else {
                y0 += y[i] / (1 - e);
                w0 += 1 / (1 - e);
            }
        }
        return Math.log((y1 / w1) / (y0 / w0));
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
