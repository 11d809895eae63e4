/*---
id: mmm-contributions-roas
title: Channel contributions, ROAS and marginal ROAS from a fitted media mix model
family: mmm
methods: [mmm.contributions, mmm.roas, mmm.fit]
language: java
data: mmm_weekly.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  Turns a fitted marketing mix model into the numbers a marketing team asks for: how many sales
  each channel drove (contribution = the channel's coefficient times its transformed spend, summed
  over the weeks, versus a baseline of intercept and controls), the share of media-driven sales per
  channel, the return on ad spend (ROAS = contribution / spend) and the marginal ROAS (extra sales
  from spending 1% more in every week, per extra dollar), which is what budget shifts should be
  based on - a channel with high average ROAS can be saturated at the margin. The model is geometric
  adstock plus Hill saturation tuned by grid search. Contributions inherit all the model's
  assumptions; validate with lift tests (geo experiments) where possible.
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
import org.apache.commons.math3.linear.RealMatrix;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Decomposition of sales into baseline and channel contributions, with ROAS and marginal ROAS. */
public class MmmContributionsRoas {

    public static void main(String[] args) throws Exception {
        List<String> channels = List.of("tv", "search", "social");
        List<String> controls = List.of("price", "holiday");
        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            rows = csv.getRecords();
        }
        int weeks = rows.size();
        double[] sales = new double[weeks];
        double[][] spend = new double[channels.size()][weeks];
        double[][] control = new double[controls.size()][weeks];
        for (int w = 0; w < weeks; w++) {
            sales[w] = Double.parseDouble(rows.get(w).get("sales"));
            for (int c = 0; c < channels.size(); c++) {
                spend[c][w] = Double.parseDouble(rows.get(w).get(channels.get(c)));
            }
            for (int c = 0; c < controls.size(); c++) {
                control[c][w] = Double.parseDouble(rows.get(w).get(controls.get(c)));
            }
        }
        double[][] params = tune(sales, spend, control);
        double[] beta = regress(sales, spend, params, control)[0];
        double totalSales = Arrays.stream(sales).sum();
        double[] contribution = new double[channels.size()];
        double mediaTotal = 0;
        for (int c = 0; c < channels.size(); c++) {
            contribution[c] = beta[1 + c] * Arrays.stream(transform(spend[c], params[c])).sum();
            mediaTotal += contribution[c];
        }

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "mmm");
        result.put("method", "mmm.roas");
        result.put("estimand", "sales attributed to each channel over the data period, per dollar spent");
        result.putObject("sampleSizes").put("weeks", weeks);
        ArrayNode list = result.putArray("estimates");
        for (int c = 0; c < channels.size(); c++) {
            double totalSpend = Arrays.stream(spend[c]).sum();
            double[] more = spend[c].clone();
            for (int t = 0; t < weeks; t++) {
                more[t] *= 1.01;
            }
            double extraSales = beta[1 + c] * (Arrays.stream(transform(more, params[c])).sum()
                    - Arrays.stream(transform(spend[c], params[c])).sum());
            ObjectNode e = list.addObject();
            e.put("label", channels.get(c) + " ROAS");
            e.put("method", "mmm.roas");
            e.put("estimate", contribution[c] / totalSpend);
            ObjectNode extra = e.putObject("extra");
            extra.put("contribution", contribution[c]);
            extra.put("share_of_sales", contribution[c] / totalSales);
            extra.put("share_of_media_effect", contribution[c] / mediaTotal);
            extra.put("spend", totalSpend);
            extra.put("marginal_roas", extraSales / (0.01 * totalSpend));
        }
        ObjectNode base = list.addObject();
        base.put("label", "baseline (intercept and controls)");
        base.put("method", "mmm.contributions");
        base.put("estimate", totalSales - mediaTotal);
        base.putObject("extra").put("share_of_sales", (totalSales - mediaTotal) / totalSales);
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    /** Geometric adstock: carry-over a_t = x_t + decay * a_{t-1}. */
    static double[] adstock(double[] x, double decay) {
        double[] out = new double[x.length];
        double carry = 0;
        for (int t = 0; t < x.length; t++) {
            carry = x[t] + decay * carry;
            out[t] = carry;
        }
        return out;
    }

    /** Hill saturation in [0, 1): x^s / (x^s + k^s), k = half-saturation point, s = shape. */
    static double hill(double x, double k, double s) {
        return x <= 0 ? 0 : Math.pow(x, s) / (Math.pow(x, s) + Math.pow(k, s));
    }

    static double[] transform(double[] x, double[] p) {
        double[] a = adstock(x, p[0]);
        for (int t = 0; t < a.length; t++) {
            a[t] = hill(a[t], p[1], p[2]);
        }
        return a;
    }

    /** OLS of sales on [1, transformed channels, controls]; returns {coefficients, {r2}}. */
    static double[][] regress(double[] y, double[][] spend, double[][] params, double[][] control) {
        int n = y.length, k = 1 + spend.length + control.length;
        double[][] x = new double[n][k];
        double[][] media = new double[spend.length][];
        for (int c = 0; c < spend.length; c++) {
            media[c] = transform(spend[c], params[c]);
        }
        for (int t = 0; t < n; t++) {
            x[t][0] = 1;
            for (int c = 0; c < spend.length; c++) {
                x[t][1 + c] = media[c][t];
            }
            for (int c = 0; c < control.length; c++) {
                x[t][1 + spend.length + c] = control[c][t];
            }
        }
        RealMatrix design = new Array2DRowRealMatrix(x, false);
        double[] beta = new LUDecomposition(design.transpose().multiply(design)).getSolver()
                .solve(new ArrayRealVector(design.transpose().operate(y), false)).toArray();
        double mean = Arrays.stream(y).average().orElseThrow(), rss = 0, tss = 0;
        for (int t = 0; t < n; t++) {
            double fit = 0;
            for (int j = 0; j < k; j++) {
                fit += x[t][j] * beta[j];
            }
            rss += (y[t] - fit) * (y[t] - fit);
            tss += (y[t] - mean) * (y[t] - mean);
        }
        return new double[][] {beta, {1 - rss / tss}};
    }

    /**
     * Coordinate-wise grid search over each channel's {decay, half-saturation, shape}, keeping the
     * other channels fixed, for a few rounds; half-saturation candidates are multiples of the
     * channel's mean adstocked spend so the grid adapts to the spend scale.
     */
    static double[][] tune(double[] y, double[][] spend, double[][] control) {
        double[][] params = new double[spend.length][];
        for (int c = 0; c < spend.length; c++) {
            params[c] = new double[] {0.3, Arrays.stream(spend[c]).average().orElseThrow(), 1.0};
        }
        for (int round = 0; round < 3; round++) {
            for (int c = 0; c < spend.length; c++) {
                double best = Double.NEGATIVE_INFINITY;
                double[] bestP = params[c];
                for (double decay = 0; decay <= 0.81; decay += 0.1) {
                    double scale = Arrays.stream(adstock(spend[c], decay)).average().orElseThrow();
                    for (double mult : new double[] {0.5, 0.75, 1.0, 1.5, 2.0}) {
                        for (double shape : new double[] {1.0, 1.5, 2.0}) {
                            params[c] = new double[] {decay, mult * scale, shape};
                            double r2 = regress(y, spend, params, control)[1][0];
                            if (r2 > best) {
                                best = r2;
                                bestP = params[c];
                            }
                        }
                    }
                }
                params[c] = bestP;
            }
        }
        return params;
    }

}
