/*---
id: mmm-response-curves-budget-allocation
title: Response curves and budget reallocation across channels from a media mix model
family: mmm
methods: [mmm.response_curves, mmm.budget_allocation, mmm.fit]
language: java
data: mmm_weekly.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  How should next quarter's weekly media budget be split across TV, search and social? From a
  fitted model with geometric adstock and Hill saturation, each channel's steady-state response
  curve gives the weekly sales produced by a constant weekly spend (adstock in steady state is
  spend / (1 - decay)). The budget is then allocated greedily in small increments to the channel
  with the highest marginal return, which is optimal for concave response curves, within bounds of
  50% to 200% of each channel's historical spend so the plan stays inside the range the model has
  seen. Reports the curves, the optimal split and the predicted uplift over the current split.
  Extrapolating far beyond observed spend levels is guesswork; test big shifts with experiments.
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

/** Steady-state response curves per channel and a greedy marginal-return budget allocation. */
public class MmmResponseCurvesBudget {

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
        int k = channels.size();
        double[] current = new double[k];
        for (int c = 0; c < k; c++) {
            current[c] = Arrays.stream(spend[c]).average().orElseThrow();
        }
        double budget = Arrays.stream(current).sum();

        // greedy allocation: start at the lower bounds, give each increment to the best marginal channel
        double step = budget / 1000;
        double[] plan = new double[k];
        double allocated = 0;
        for (int c = 0; c < k; c++) {
            plan[c] = 0.5 * current[c];
            allocated += plan[c];
        }
        while (allocated + step <= budget + 1e-9) {
            int best = -1;
            double bestGain = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (plan[c] + step > 2 * current[c]) {
                    continue;
                }
                double gain = response(plan[c] + step, beta[1 + c], params[c]) - response(plan[c], beta[1 + c], params[c]);
                if (gain > bestGain) {
                    bestGain = gain;
                    best = c;
                }
            }
            if (best < 0) {
                break;
            }
            plan[best] += step;
            allocated += step;
        }
        double currentSales = 0, plannedSales = 0;
        for (int c = 0; c < k; c++) {
            currentSales += response(current[c], beta[1 + c], params[c]);
            plannedSales += response(plan[c], beta[1 + c], params[c]);
        }

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "mmm");
        result.put("method", "mmm.budget_allocation");
        result.put("estimand", "weekly media-driven sales under the optimised split of the same budget");
        result.putObject("sampleSizes").put("weeks", weeks);
        ArrayNode list = result.putArray("estimates");
        for (int c = 0; c < k; c++) {
            ObjectNode e = list.addObject();
            e.put("label", channels.get(c) + " weekly spend (optimised)");
            e.put("method", "mmm.budget_allocation");
            e.put("estimate", plan[c]);
            ObjectNode extra = e.putObject("extra");
            extra.put("current_spend", current[c]);
            extra.put("response_at_current", response(current[c], beta[1 + c], params[c]));
            extra.put("response_at_plan", response(plan[c], beta[1 + c], params[c]));
        }
        ObjectNode total = list.addObject();
        total.put("label", "media-driven weekly sales uplift vs current split");
        total.put("method", "mmm.budget_allocation");
        total.put("estimate", plannedSales - currentSales);
        ObjectNode curves = result.putObject("details").putObject("response_curves");
        for (int c = 0; c < k; c++) {
            ArrayNode points = curves.putArray(channels.get(c));
            for (double f = 0; f <= 3.0001; f += 0.25) {
                points.addObject().put("weekly_spend", f * current[c])
                        .put("weekly_sales", response(f * current[c], beta[1 + c], params[c]));
            }
        }
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    /** Weekly sales from a constant weekly spend once the adstock has reached its steady state. */
    static double response(double weeklySpend, double coefficient, double[] p) {
        return coefficient * hill(weeklySpend / (1 - p[0]), p[1], p[2]);
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
