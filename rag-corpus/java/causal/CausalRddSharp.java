/*---
id: causal-rdd-sharp
title: Sharp regression discontinuity - effect of crossing a score cutoff
family: causal
methods: [causal.rdd]
language: java
data: causal_rdd_sharp.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  When treatment is assigned by a rule on a continuous score - a scholarship above an exam grade,
  a discount above a spend threshold, a credit limit above a risk score - units just above and just
  below the cutoff are comparable, so the jump in the outcome at the cutoff is the causal effect
  for units near it. Fits local linear regressions on each side within a bandwidth h with a
  triangular kernel (weights falling to zero at the bandwidth edge) and robust standard errors,
  and repeats the estimate at h/2 and 2h as a sensitivity check. Pitfalls: units must not be able
  to manipulate their score around the cutoff (check the density of the score), other policies must
  not change at the same cutoff, and the effect is local, not an average over everyone.
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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

/** Local linear sharp RDD with a triangular kernel and HC1-type robust standard errors. */
public class CausalRddSharp {

    public static void main(String[] args) throws Exception {
        String running = "score", outcome = "outcome";
        double cutoff = 0.0;
        double bandwidth = args.length > 1 ? Double.parseDouble(args[1]) : 0.4;
        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            rows = csv.getRecords();
        }
        double[] s = new double[rows.size()], y = new double[rows.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = Double.parseDouble(rows.get(i).get(running)) - cutoff;
            y[i] = Double.parseDouble(rows.get(i).get(outcome));
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "causal");
        result.put("method", "causal.rdd");
        result.put("estimand", "jump in " + outcome + " at " + running + " = " + cutoff);
        ArrayNode list = result.putArray("estimates");
        double[] hs = {bandwidth, bandwidth / 2, bandwidth * 2};
        for (double h : hs) {
            double[] fit = localLinearJump(s, y, h);
            ObjectNode e = list.addObject();
            e.put("label", "jump at cutoff (h = " + h + ")");
            e.put("method", "causal.rdd");
            e.put("estimate", fit[0]);
            e.put("standardError", fit[1]);
            ObjectNode ci = e.putObject("interval");
            ci.put("lower", fit[0] - 1.959963984540054 * fit[1]);
            ci.put("upper", fit[0] + 1.959963984540054 * fit[1]);
            ci.put("level", 0.95);
            ci.put("kind", "confidence");
            e.put("pValue", 2 * new NormalDistribution().cumulativeProbability(-Math.abs(fit[0] / fit[1])));
            e.putObject("extra").put("effective_n", fit[2]);
        }
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    /** {jump, robust se, n used}: WLS of y on [1, above, s, above*s] with triangular weights. */
    static double[] localLinearJump(double[] s, double[] y, double h) {
        int k = 4;
        RealMatrix xtwx = new Array2DRowRealMatrix(k, k);
        double[] xtwy = new double[k];
        int used = 0;
        for (int i = 0; i < s.length; i++) {
            double w = Math.max(0, 1 - Math.abs(s[i]) / h);
            if (w == 0) {
                continue;
            }
            used++;
            double[] x = row(s[i]);
            for (int a = 0; a < k; a++) {
                xtwy[a] += w * x[a] * y[i];
                for (int b = 0; b < k; b++) {
                    xtwx.addToEntry(a, b, w * x[a] * x[b]);
                }
            }
        }
        RealMatrix inv = new LUDecomposition(xtwx).getSolver().getInverse();
        double[] beta = inv.operate(xtwy);
        RealMatrix meat = new Array2DRowRealMatrix(k, k);
        for (int i = 0; i < s.length; i++) {
            double w = Math.max(0, 1 - Math.abs(s[i]) / h);
            if (w == 0) {
                continue;
            }
            double[] x = row(s[i]);
            double e = y[i];
            for (int a = 0; a < k; a++) {
                e -= x[a] * beta[a];
            }
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    meat.addToEntry(a, b, w * w * e * e * x[a] * x[b]);
                }
            }
        }
        RealMatrix cov = inv.multiply(meat).multiply(inv).scalarMultiply((double) used / (used - k));
        return new double[] {beta[1], Math.sqrt(cov.getEntry(1, 1)), used};
    }

    static double[] row(double s) {
        double above = s >= 0 ? 1 : 0;
        return new double[] {1, above, s, above * s};
    }
}
