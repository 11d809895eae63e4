/*---
id: mmm-weibull-adstock-logistic
title: Weibull adstock and logistic saturation for channels with delayed peaks (TV, out-of-home)
family: mmm
methods: [mmm.weibull_adstock, mmm.logistic_saturation, mmm.fit]
language: java
data: mmm_weekly.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  Geometric adstock assumes the effect of a campaign is largest in the week it airs and then decays;
  for TV, out-of-home or sponsorships the effect often peaks a week or two later. The Weibull
  adstock (as in Meta's Robyn) spreads each week's spend over the following weeks with weights from
  a Weibull density, whose shape parameter allows a delayed peak and whose scale sets the length of
  the carry-over. The logistic saturation (PyMC-Marketing's (1 - e^{-lambda x}) / (1 + e^{-lambda x}))
  is a one-parameter alternative to the Hill curve that is concave from the first dollar. Both are
  tuned per channel by grid search on the regression fit with price and holiday controls. With
  short histories, flexible lag shapes overfit: compare the fit with a geometric adstock.
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
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

/** Weibull-PDF adstock + logistic saturation, tuned per channel by grid search. */
public class MmmWeibullAdstockLogistic {

    static final int MAX_LAG = 8;

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
        // params per channel: {weibull shape, weibull scale, logistic lambda}
        double[][] params = new double[channels.size()][];
        for (int c = 0; c < channels.size(); c++) {
            params[c] = new double[] {1.0, 1.0, 1 / Arrays.stream(spend[c]).average().orElseThrow()};
        }
        for (int round = 0; round < 3; round++) {
            for (int c = 0; c < channels.size(); c++) {
                double best = Double.NEGATIVE_INFINITY;
                double[] bestP = params[c];
                for (double shape : new double[] {0.5, 1.0, 1.5, 2.0, 3.0}) {
                    for (double scale : new double[] {0.5, 1.0, 2.0, 3.0, 4.0}) {
                        double level = Arrays.stream(weibullAdstock(spend[c], shape, scale)).average().orElseThrow();
                        for (double mult : new double[] {0.25, 0.5, 1.0, 2.0}) {
                            params[c] = new double[] {shape, scale, mult / level};
                            double r2 = regress(sales, spend, params, control)[1][0];
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
        double[][] fit = regress(sales, spend, params, control);

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "mmm");
        result.put("method", "mmm.fit");
        result.put("estimand", "weekly sales response to media (Weibull adstock, logistic saturation)");
        result.putObject("sampleSizes").put("weeks", weeks);
        var list = result.putArray("estimates");
        for (int c = 0; c < channels.size(); c++) {
            double[] w = lagWeights(params[c][0], params[c][1]);
            int peak = 0;
            for (int l = 1; l < w.length; l++) {
                peak = w[l] > w[peak] ? l : peak;
            }
            ObjectNode e = list.addObject();
            e.put("label", channels.get(c) + " (max weekly effect)");
            e.put("method", "mmm.logistic_saturation");
            e.put("estimate", fit[0][1 + c]);
            ObjectNode extra = e.putObject("extra");
            extra.put("weibull_shape", params[c][0]);
            extra.put("weibull_scale", params[c][1]);
            extra.put("peak_lag_weeks", peak);
            extra.put("logistic_lambda", params[c][2]);
        }
        result.putObject("details").put("r_squared", fit[1][0]);
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    /** Lag weights w_l proportional to the Weibull density at l + 0.5 (l = 0..MAX_LAG-1), summing to 1. */
    static double[] lagWeights(double shape, double scale) {
        double[] w = new double[MAX_LAG];
        double sum = 0;
        for (int l = 0; l < MAX_LAG; l++) {
            double z = (l + 0.5) / scale; // Weibull density (k / s) z^(k-1) exp(-z^k)
            w[l] = shape / scale * Math.pow(z, shape - 1) * Math.exp(-Math.pow(z, shape));
            sum += w[l];
        }
        for (int l = 0; l < MAX_LAG; l++) {
            w[l] /= sum;
        }
        return w;
    }

    static double[] weibullAdstock(double[] x, double shape, double scale) {
        double[] w = lagWeights(shape, scale);
        double[] out = new double[x.length];
        for (int t = 0; t < x.length; t++) {
            for (int l = 0; l < MAX_LAG && l <= t; l++) {
                out[t] += w[l] * x[t - l];
            }
        }
        return out;
    }

    /** Logistic saturation (1 - e^{-lambda x}) / (1 + e^{-lambda x}), in [0, 1). */
    static double logistic(double x, double lambda) {
        double e = Math.exp(-lambda * x);
        return (1 - e) / (1 + e);
    }

    static double[][] regress(double[] y, double[][] spend, double[][] params, double[][] control) {
        int n = y.length, k = 1 + spend.length + control.length;
        double[][] x = new double[n][k];
        for (int c = 0; c < spend.length; c++) {
            double[] a = weibullAdstock(spend[c], params[c][0], params[c][1]);
            for (int t = 0; t < n; t++) {
                x[t][1 + c] = logistic(a[t], params[c][2]);
            }
        }
        for (int t = 0; t < n; t++) {
            x[t][0] = 1;
            for (int c = 0; c < control.length; c++) {
                x[t][1 + spend.length + c] = control[c][t];
            }
        }
        RealMatrix design = new Array2DRowRealMatrix(x, false);
        double[] beta = new LUDecomposition(design.transpose().multiply(design)).getSolver()
                .solve(new ArrayRealVector(design.transpose().operate(y), false)).toArray();
        double mean = Arrays.stream(y).average().orElseThrow(), rss = 0, tss = 0;
        double[] fitted = design.operate(beta);
        for (int t = 0; t < n; t++) {
            rss += (y[t] - fitted[t]) * (y[t] - fitted[t]);
            tss += (y[t] - mean) * (y[t] - mean);
        }
        return new double[][] {beta, {1 - rss / tss}};
    }
}
