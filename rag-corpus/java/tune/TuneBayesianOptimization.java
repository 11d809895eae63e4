/*---
id: tune-bayesian-optimization-gp-tpe
title: Bayesian optimisation of an expensive objective - Gaussian process with expected improvement vs TPE
family: tune
methods: [tune.gp, tune.tpe]
language: java
data: mmm_weekly.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  Model-based search for the best settings when every evaluation is expensive (a long simulation, a
  model fit, a week of an experiment). A Gaussian process surrogate (squared-exponential kernel on
  parameters scaled to [0, 1]) predicts the objective and its uncertainty everywhere; the next point
  maximises expected improvement over the best value so far, balancing exploitation and
  exploration. The tree-structured Parzen estimator (TPE, as in Hyperopt and Optuna) instead splits
  past evaluations into the best 25% and the rest, fits a kernel density to each and picks the
  candidate maximising the ratio of the two. Both start from 5 Latin hypercube points and get 20
  more evaluations on the same MMM objective (TV adstock decay and half saturation). GP works best
  in a few continuous dimensions; TPE scales to many and to categorical parameters.
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
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** GP-EI and TPE searches over a 2-D box, each with 5 initial points and 20 iterations. */
public class TuneBayesianOptimization {

    static final double[] LOWER = {0.0, 10.0}, UPPER = {0.9, 300.0};
    static final NormalDistribution N01 = new NormalDistribution();
    static double[] sales, tv, search, social;

    public static void main(String[] args) throws Exception {
        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            rows = csv.getRecords();
        }
        sales = rows.stream().mapToDouble(r -> Double.parseDouble(r.get("sales"))).toArray();
        tv = rows.stream().mapToDouble(r -> Double.parseDouble(r.get("tv"))).toArray();
        search = rows.stream().mapToDouble(r -> Double.parseDouble(r.get("search"))).toArray();
        social = rows.stream().mapToDouble(r -> Double.parseDouble(r.get("social"))).toArray();

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "tune");
        result.put("method", "tune.gp");
        result.put("estimand", "best R-squared after 25 evaluations");
        ArrayNode list = result.putArray("estimates");
        add(list, "Gaussian process + expected improvement", "tune.gp", search(true, new Well19937c(21)));
        add(list, "tree-structured Parzen estimator", "tune.tpe", search(false, new Well19937c(21)));
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    static void add(ArrayNode list, String label, String method, List<double[]> history) {
        double[] best = history.stream().max(Comparator.comparingDouble(h -> h[2])).orElseThrow();
        ObjectNode e = list.addObject();
        e.put("label", label);
        e.put("method", method);
        e.put("estimate", best[2]);
        ObjectNode extra = e.putObject("extra");
        extra.put("best_decay", LOWER[0] + best[0] * (UPPER[0] - LOWER[0]));
        extra.put("best_half_saturation", LOWER[1] + best[1] * (UPPER[1] - LOWER[1]));
    }

    /** Returns the evaluated points as {u1, u2, objective} in unit-cube coordinates. */
    static List<double[]> search(boolean gaussianProcess, RandomGenerator rng) {
        List<double[]> history = new ArrayList<>();
        int init = 5;
        for (int i = 0; i < init; i++) { // Latin hypercube start
            double u1 = (i + rng.nextDouble()) / init, u2 = ((i * 2) % init + rng.nextDouble()) / init;
            history.add(new double[] {u1, u2, objective(u1, u2)});
        }
        for (int it = 0; it < 20; it++) {
            double[] next = gaussianProcess ? nextByExpectedImprovement(history, rng) : nextByTpe(history, rng);
            history.add(new double[] {next[0], next[1], objective(next[0], next[1])});
        }
        return history;
    }

    static double kernel(double[] a, double[] b) {
        double ls = 0.2, d = 0;
        for (int j = 0; j < 2; j++) {
            d += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return Math.exp(-d / (2 * ls * ls));
    }

    static double[] nextByExpectedImprovement(List<double[]> h, RandomGenerator rng) {
        int n = h.size();
        double mean = h.stream().mapToDouble(p -> p[2]).average().orElseThrow();
        double var = h.stream().mapToDouble(p -> (p[2] - mean) * (p[2] - mean)).sum() / n + 1e-12;
        RealMatrix k = new Array2DRowRealMatrix(n, n);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = (h.get(i)[2] - mean) / Math.sqrt(var); // standardised targets, unit signal variance
            for (int j = 0; j < n; j++) {
                k.setEntry(i, j, kernel(h.get(i), h.get(j)) + (i == j ? 1e-6 : 0));
            }
        }
        DecompositionSolver solver = new CholeskyDecomposition(k).getSolver();
        double[] alpha = solver.solve(new ArrayRealVector(y, false)).toArray();
        double bestY = java.util.Arrays.stream(y).max().orElseThrow();
        double[] best = null;
        double bestEi = -1;
        for (int c = 0; c < 2000; c++) {
            double[] x = {rng.nextDouble(), rng.nextDouble()};
            double[] kx = new double[n];
            for (int i = 0; i < n; i++) {
                kx[i] = kernel(x, h.get(i));
            }
            double mu = new ArrayRealVector(kx, false).dotProduct(new ArrayRealVector(alpha, false));
            double s2 = 1 - new ArrayRealVector(kx, false).dotProduct(solver.solve(new ArrayRealVector(kx, false)));
            double s = Math.sqrt(Math.max(s2, 1e-12));
            double z = (mu - bestY) / s;
            double ei = (mu - bestY) * N01.cumulativeProbability(z) + s * N01.density(z);
            if (ei > bestEi) {
                bestEi = ei;
                best = x;
            }
        }
        return best;
    }

    static double[] nextByTpe(List<double[]> h, RandomGenerator rng) {
        List<double[]> sorted = new ArrayList<>(h);
        sorted.sort(Comparator.comparingDouble(p -> -p[2]));
        int nGood = Math.max(1, (int) Math.ceil(0.25 * sorted.size()));
        List<double[]> good = sorted.subList(0, nGood), bad = sorted.subList(nGood, sorted.size());
        double[] best = null;
        double bestRatio = -1;
        for (int c = 0; c < 100; c++) { // candidates drawn from the "good" density
            double[] centre = good.get(rng.nextInt(good.size()));
            double[] x = {clip(centre[0] + 0.1 * rng.nextGaussian()), clip(centre[1] + 0.1 * rng.nextGaussian())};
            double ratio = density(x, good) / (density(x, bad) + 1e-12);
            if (ratio > bestRatio) {
                bestRatio = ratio;
                best = x;
            }
        }
        return best;
    }

    /** Gaussian kernel density estimate with bandwidth 0.1 on the unit square. */
    static double density(double[] x, List<double[]> points) {
        double s = 0;
        for (double[] p : points) {
            s += Math.exp(-((x[0] - p[0]) * (x[0] - p[0]) + (x[1] - p[1]) * (x[1] - p[1])) / (2 * 0.01));
        }
        return s / points.size();
    }

    static double clip(double u) {
        return Math.min(1, Math.max(0, u));
    }

    /** R-squared of sales on Hill(adstock(tv)) and raw search/social spend; u in [0, 1]^2. */
    static double objective(double u1, double u2) {
        double decay = LOWER[0] + u1 * (UPPER[0] - LOWER[0]), half = LOWER[1] + u2 * (UPPER[1] - LOWER[1]);
        double[][] x = new double[sales.length][3];
        double carry = 0;
        for (int t = 0; t < sales.length; t++) {
            carry = tv[t] + decay * carry;
            x[t][0] = carry / (carry + half);
            x[t][1] = search[t];
            x[t][2] = social[t];
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.newSampleData(sales, x);
        return ols.calculateRSquared();
    }
}
