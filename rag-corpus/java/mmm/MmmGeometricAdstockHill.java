/*---
id: mmm-geometric-adstock-hill
title: Media mix model with geometric adstock and Hill saturation fitted by grid search
family: mmm
methods: [mmm.geometric_adstock, mmm.hill_saturation, mmm.fit]
language: java
data: mmm_weekly.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  The building blocks of a marketing mix model on weekly data. Advertising works with a delay and
  decays (adstock: this week's effective pressure is this week's spend plus a fraction, the decay
  rate, of last week's pressure), and each extra dollar buys less response as spend grows
  (saturation: the Hill curve, with a half-saturation point where the channel reaches half its
  maximum effect and a shape parameter). For each channel (TV, search, social) the decay, half
  saturation and shape are chosen by coordinate-wise grid search maximising the fit of a linear
  regression of sales on the transformed channels plus price and holiday controls. Pitfalls: media
  spend is not randomised, so seasonality and demand confound it; few weeks of data cannot pin down
  many parameters; check that decay rates and saturation points make business sense.
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

/** Tune geometric adstock + Hill saturation per channel, then fit the regression. */
public class MmmGeometricAdstockHill {

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
        double[][] fit = regress(sales, spend, params, control);

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "mmm");
        result.put("method", "mmm.fit");
        result.put("estimand", "weekly sales response to media after adstock and saturation");
        result.putObject("sampleSizes").put("weeks", weeks);
        var list = result.putArray("estimates");
        for (int c = 0; c < channels.size(); c++) {
            ObjectNode e = list.addObject();
            e.put("label", channels.get(c) + " (max weekly effect)");
            e.put("method", "mmm.hill_saturation");
            e.put("estimate", fit[0][1 + c]);
            ObjectNode extra = e.putObject("extra");
            extra.put("adstock_decay", params[c][0]);
            extra.put("half_saturation", params[c][1]);
            extra.put("hill_shape", params[c][2]);
        }
        ObjectNode details = result.putObject("details");
        details.put("r_squared", fit[1][0]);
        details.put("intercept", fit[0][0]);
        for (int c = 0; c < controls.size(); c++) {
            details.put("coef_" + controls.get(c), fit[0][1 + channels.size() + c]);
        }
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
