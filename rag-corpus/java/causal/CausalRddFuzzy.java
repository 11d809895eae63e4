/*---
id: causal-rdd-fuzzy
title: Fuzzy regression discontinuity - eligibility cutoff with imperfect take-up
family: causal
methods: [causal.fuzzy_rdd]
language: java
data: causal_rdd_fuzzy.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  Use when crossing a cutoff makes treatment more likely but not certain: students above a test
  score are offered a programme and only some enrol, customers above a tier are eligible for an
  offer and some use it. The jump in the outcome at the cutoff is divided by the jump in the
  probability of treatment, which is an instrumental-variables estimate (local 2SLS with the
  indicator of being above the cutoff as the instrument, local linear terms on both sides and a
  triangular kernel). It identifies the effect for compliers near the cutoff. Reports the
  first-stage jump: if it is small the estimate is weak and unstable. The usual RDD checks (no
  manipulation of the score, bandwidth sensitivity) apply.
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

/** Local weighted 2SLS at the cutoff: instrument = above cutoff, endogenous = treatment received. */
public class CausalRddFuzzy {

    public static void main(String[] args) throws Exception {
        String running = "score", treatment = "enrolled", outcome = "outcome";
        double cutoff = 0.0;
        double h = args.length > 1 ? Double.parseDouble(args[1]) : 0.4;
        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            rows = csv.getRecords();
        }
        int k = 4;
        RealMatrix zwx = new Array2DRowRealMatrix(k, k), zwz = new Array2DRowRealMatrix(k, k);
        double[] zwy = new double[k], zwd = new double[k];
        int n = rows.size(), used = 0;
        double[][] z = new double[n][], x = new double[n][];
        double[] y = new double[n], w = new double[n];
        for (int i = 0; i < n; i++) {
            double s = Double.parseDouble(rows.get(i).get(running)) - cutoff;
            double d = Double.parseDouble(rows.get(i).get(treatment));
            y[i] = Double.parseDouble(rows.get(i).get(outcome));
            w[i] = Math.max(0, 1 - Math.abs(s) / h);
            double above = s >= 0 ? 1 : 0;
            z[i] = new double[] {1, above, s, above * s};
            x[i] = new double[] {1, d, s, above * s};
            if (w[i] == 0) {
                continue;
            }
            used++;
            for (int a = 0; a < k; a++) {
                zwy[a] += w[i] * z[i][a] * y[i];
                zwd[a] += w[i] * z[i][a] * d;
                for (int b = 0; b < k; b++) {
                    zwx.addToEntry(a, b, w[i] * z[i][a] * x[i][b]);
                    zwz.addToEntry(a, b, w[i] * z[i][a] * z[i][b]);
                }
            }
        }
        // just identified: beta = (Z'WX)^-1 Z'Wy
        RealMatrix inv = new LUDecomposition(zwx).getSolver().getInverse();
        double[] beta = inv.operate(zwy);
        double firstStageJump = new LUDecomposition(zwz).getSolver().getInverse().operate(zwd)[1];
        RealMatrix meat = new Array2DRowRealMatrix(k, k);
        for (int i = 0; i < n; i++) {
            if (w[i] == 0) {
                continue;
            }
            double e = y[i];
            for (int a = 0; a < k; a++) {
                e -= x[i][a] * beta[a];
            }
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    meat.addToEntry(a, b, w[i] * w[i] * e * e * z[i][a] * z[i][b]);
                }
            }
        }
        RealMatrix cov = inv.multiply(meat).multiply(inv.transpose()).scalarMultiply((double) used / (used - k));
        double effect = beta[1], se = Math.sqrt(cov.getEntry(1, 1));

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "causal");
        result.put("method", "causal.fuzzy_rdd");
        result.put("estimand", "effect of " + treatment + " on " + outcome + " for compliers at the cutoff");
        result.putObject("sampleSizes").put("within_bandwidth", used);
        ObjectNode e = result.putArray("estimates").addObject();
        e.put("label", "LATE at cutoff (h = " + h + ")");
        e.put("method", "causal.fuzzy_rdd");
        e.put("estimate", effect);
        e.put("standardError", se);
        ObjectNode ci = e.putObject("interval");
        ci.put("lower", effect - 1.959963984540054 * se);
        ci.put("upper", effect + 1.959963984540054 * se);
        ci.put("level", 0.95);
        ci.put("kind", "confidence");
        e.put("pValue", 2 * new NormalDistribution().cumulativeProbability(-Math.abs(effect / se)));
        e.putObject("extra").put("first_stage_jump", firstStageJump);
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }
}
