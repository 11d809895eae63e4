/*---
id: causal-refute-placebo-checks
title: Refutation tests - placebo treatment, random common cause and data subsets
family: causal
methods: [causal.refute, causal.regression]
language: java
data: causal_observational.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  Stress tests for an observational effect estimate in the style of DoWhy's refuters. Placebo
  treatment: shuffle the treatment column and re-estimate; the effect should vanish (if it does
  not, the estimator picks up structure that is not the treatment). Random common cause: add a
  random covariate; the estimate should not move. Data subsets: re-estimate on random 80% subsets;
  the estimate should be stable. Each refuter runs many times and reports the distribution. Passing
  these checks does not prove the absence of unmeasured confounding - pair them with a sensitivity
  analysis such as the E-value or Rosenbaum bounds. The estimator under test here is regression
  adjustment; swap in any other.
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Placebo-treatment, random-common-cause and subset refuters around a regression estimate. */
public class CausalRefutationChecks {

    public static void main(String[] args) throws Exception {
        String treatment = "coupon", outcome = "spend";
        List<String> confounders = List.of("age", "income_k", "prior_purchases", "loyalty_member");
        int runs = 100;
        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            rows = csv.getRecords();
        }
        int n = rows.size(), p = confounders.size();
        double[] t = new double[n], y = new double[n];
        double[][] x = new double[n][p];
        for (int i = 0; i < n; i++) {
            t[i] = Double.parseDouble(rows.get(i).get(treatment));
            y[i] = Double.parseDouble(rows.get(i).get(outcome));
            for (int j = 0; j < p; j++) {
                x[i][j] = Double.parseDouble(rows.get(i).get(confounders.get(j)));
            }
        }
        double original = effect(t, x, y);
        Well19937c rng = new Well19937c(5);
        SummaryStatistics placebo = new SummaryStatistics(), common = new SummaryStatistics(), subset = new SummaryStatistics();
        for (int r = 0; r < runs; r++) {
            double[] shuffled = t.clone();
            for (int i = n - 1; i > 0; i--) { // Fisher-Yates shuffle
                int k = rng.nextInt(i + 1);
                double tmp = shuffled[i];
                shuffled[i] = shuffled[k];
                shuffled[k] = tmp;
            }
            placebo.addValue(effect(shuffled, x, y));

            double[][] withNoise = new double[n][p + 1];
            for (int i = 0; i < n; i++) {
                System.arraycopy(x[i], 0, withNoise[i], 0, p);
                withNoise[i][p] = rng.nextGaussian();
            }
            common.addValue(effect(t, withNoise, y));

            int m = (int) (0.8 * n);
            int[] idx = sample(n, m, rng);
            double[] st = new double[m], sy = new double[m];
            double[][] sx = new double[m][];
            for (int i = 0; i < m; i++) {
                st[i] = t[idx[i]];
                sy[i] = y[idx[i]];
                sx[i] = x[idx[i]];
            }
            subset.addValue(effect(st, sx, sy));
        }

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "causal");
        result.put("method", "causal.refute");
        result.put("estimand", "ATE of " + treatment + " on " + outcome + " (regression adjustment) under refutation");
        result.putObject("sampleSizes").put("n", n);
        ArrayNode list = result.putArray("estimates");
        add(list, "original estimate", "causal.regression", original, null);
        add(list, "placebo treatment", "causal.refute", placebo.getMean(), placebo);
        add(list, "random common cause", "causal.refute", common.getMean(), common);
        add(list, "80% data subsets", "causal.refute", subset.getMean(), subset);
        ObjectNode details = result.putObject("details");
        details.put("placebo_mean_over_sd", placebo.getMean() / placebo.getStandardDeviation());
        details.put("random_common_cause_shift", common.getMean() - original);
        details.put("runs", runs);
        details.put("placebo_max_abs_effect", Math.max(Math.abs(placebo.getMin()), Math.abs(placebo.getMax())));
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    static void add(ArrayNode list, String label, String method, double estimate, SummaryStatistics spread) {
        ObjectNode e = list.addObject();
        e.put("label", label);
        e.put("method", method);
        e.put("estimate", estimate);
        if (spread != null) {
            e.put("standardError", spread.getStandardDeviation());
        }
    }

    /** m distinct indices out of n (partial Fisher-Yates). */
    static int[] sample(int n, int m, Well19937c rng) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int i = 0; i < m; i++) {
            int k = i + rng.nextInt(n - i);
            int tmp = all[i];
            all[i] = all[k];
            all[k] = tmp;
        }
        return java.util.Arrays.copyOf(all, m);
    }

    /** Coefficient of the treatment in OLS of y on treatment and covariates. */
    static double effect(double[] t, double[][] x, double[] y) {
        double[][] design = new double[t.length][];
        for (int i = 0; i < t.length; i++) {
            design[i] = new double[x[i].length + 1];
            design[i][0] = t[i];
            System.arraycopy(x[i], 0, design[i], 1, x[i].length);
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.newSampleData(y, design);
        return ols.estimateRegressionParameters()[1];
    }
}
