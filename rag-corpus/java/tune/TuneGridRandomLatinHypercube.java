/*---
id: tune-grid-random-lhs-sweep
title: Parameter sweep with grid, random and Latin hypercube search under the same budget
family: tune
methods: [tune.grid, tune.random, tune.lhs]
language: java
data: mmm_weekly.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  Compares three ways to search a parameter space when each evaluation is costly, here the TV
  adstock decay and half-saturation point of a media mix model scored by the regression R-squared.
  Grid search tries every combination of a few values per parameter and wastes evaluations when one
  parameter barely matters; random search draws points uniformly and covers each dimension with
  more distinct values (Bergstra and Bengio 2012); Latin hypercube sampling stratifies every
  dimension into as many bins as evaluations and puts exactly one point in each bin, giving more
  even coverage than random draws. All three get the same budget of 25 evaluations with fixed seeds.
  For expensive objectives, model-based search (Bayesian optimisation) usually needs fewer
  evaluations.
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Grid vs random vs Latin hypercube search over (decay, half-saturation) for the TV channel. */
public class TuneGridRandomLatinHypercube {

    static double[] sales, tv, search, social;

    public static void main(String[] args) throws Exception {
        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            rows = csv.getRecords();
        }
        sales = column(rows, "sales");
        tv = column(rows, "tv");
        search = column(rows, "search");
        social = column(rows, "social");
        double[] lower = {0.0, 10.0}, upper = {0.9, 300.0}; // decay, half-saturation
        int budget = 25;

        double[][] grid = new double[budget][];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                grid[i * 5 + j] = new double[] {lower[0] + (upper[0] - lower[0]) * i / 4,
                        lower[1] + (upper[1] - lower[1]) * j / 4};
            }
        }
        RandomGenerator rng = new Well19937c(7);
        double[][] random = new double[budget][];
        for (int i = 0; i < budget; i++) {
            random[i] = new double[] {lower[0] + rng.nextDouble() * (upper[0] - lower[0]),
                    lower[1] + rng.nextDouble() * (upper[1] - lower[1])};
        }
        double[][] lhs = latinHypercube(budget, lower, upper, new Well19937c(8));

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "tune");
        result.put("method", "tune.lhs");
        result.put("estimand", "best R-squared found with " + budget + " evaluations");
        ArrayNode list = result.putArray("estimates");
        add(list, "grid search", "tune.grid", grid);
        add(list, "random search", "tune.random", random);
        add(list, "Latin hypercube", "tune.lhs", lhs);
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    static void add(ArrayNode list, String label, String method, double[][] points) {
        double best = Double.NEGATIVE_INFINITY;
        double[] arg = null;
        for (double[] p : points) {
            double r2 = objective(p);
            if (r2 > best) {
                best = r2;
                arg = p;
            }
        }
        ObjectNode e = list.addObject();
        e.put("label", label);
        e.put("method", method);
        e.put("estimate", best);
        ObjectNode extra = e.putObject("extra");
        extra.put("best_decay", arg[0]);
        extra.put("best_half_saturation", arg[1]);
    }

    /** One point per stratum in every dimension, strata paired at random across dimensions. */
    static double[][] latinHypercube(int n, double[] lower, double[] upper, RandomGenerator rng) {
        double[][] points = new double[n][lower.length];
        for (int d = 0; d < lower.length; d++) {
            int[] perm = new int[n];
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int tmp = perm[i];
                perm[i] = perm[j];
                perm[j] = tmp;
            }
            for (int i = 0; i < n; i++) {
                double u = (perm[i] + rng.nextDouble()) / n;
                points[i][d] = lower[d] + u * (upper[d] - lower[d]);
            }
        }
        return points;
    }

    /** R-squared of sales on Hill(adstock(tv)) plus raw search and social spend. */
    static double objective(double[] p) {
        double[][] x = new double[sales.length][3];
        double carry = 0;
        for (int t = 0; t < sales.length; t++) {
            carry = tv[t] + p[0] * carry;
            x[t][0] = carry / (carry + p[1]);
            x[t][1] = search[t];
            x[t][2] = social[t];
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.newSampleData(sales, x);
        return ols.calculateRSquared();
    }

    static double[] column(List<CSVRecord> rows, String name) {
        return rows.stream().mapToDouble(r -> Double.parseDouble(r.get(name))).toArray();
    }
}
