/*---
id: uplift-causal-forest
title: Causal forest of honest trees for heterogeneous treatment effects
family: uplift
methods: [uplift.causal_forest]
language: java
data: uplift_coupon.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  A causal forest (Wager and Athey 2018, as in grf or EconML's CausalForestDML) discovers which
  combinations of features change the treatment effect without specifying them in advance. Each
  tree is grown on a random half-sample: one part chooses splits that maximise the difference in
  treatment effects between child nodes, the other, disjoint part estimates the effect in each leaf
  as the difference between treated and control outcomes ("honesty", which keeps leaf estimates
  unbiased). Predictions average the trees. Reports the average effect, CATE by segment and how
  often each feature was used to split, a rough importance measure. Needs randomised data (or
  residualised outcomes); leaves need both treated and control units; more trees give smoother
  estimates at more cost.
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Honest causal forest: split on effect heterogeneity, estimate leaf effects on held-out units. */
public class UpliftCausalForest {

    static final int TREES = 200, MAX_DEPTH = 4, MIN_PER_ARM = 10, THRESHOLDS = 9;

    /** A tree node: leaf when feature < 0. */
    static final class Node {
        int feature = -1;
        double threshold, effect;
        Node left, right;
    }

    public static void main(String[] args) throws Exception {
        List<String> features = List.of("age", "tenure_months", "visits", "mobile");
        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            rows = csv.getRecords();
        }
        int n = rows.size();
        double[][] x = new double[n][features.size() + 1]; // intercept + features
        double[] t = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = 1;
            for (int j = 0; j < features.size(); j++) {
                x[i][j + 1] = Double.parseDouble(rows.get(i).get(features.get(j)));
            }
            t[i] = Double.parseDouble(rows.get(i).get("coupon"));
            y[i] = Double.parseDouble(rows.get(i).get("converted"));
        }
        int p = x[0].length;
        Well19937c rng = new Well19937c(2018);
        double[] cate = new double[n];
        int[] splitsByFeature = new int[p];
        for (int b = 0; b < TREES; b++) {
            int[] perm = shuffle(n, rng);
            int half = n / 2;
            int[] splitSample = Arrays.copyOfRange(perm, 0, half / 2);
            int[] estimationSample = Arrays.copyOfRange(perm, half / 2, half);
            Node root = grow(x, t, y, splitSample, estimationSample, 0, rng, splitsByFeature, Double.NaN);
            for (int i = 0; i < n; i++) {
                cate[i] += predict(root, x[i]) / TREES;
            }
        }

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "uplift");
        result.put("method", "uplift.causal_forest");
        result.put("estimand", "CATE of the coupon on conversion probability");
        result.putObject("sampleSizes").put("n", n);
        report(result, "uplift.causal_forest", x, cate);
        ObjectNode importance = result.putObject("details").putObject("split_counts");
        for (int j = 1; j < p; j++) {
            importance.put(features.get(j - 1), splitsByFeature[j]);
        }
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    static Node grow(double[][] x, double[] t, double[] y, int[] split, int[] est, int depth, Well19937c rng,
                     int[] splitsByFeature, double parentEffect) {
        Node node = new Node();
        double honest = effect(t, y, est);
        node.effect = Double.isNaN(honest) ? parentEffect : honest;
        if (depth == MAX_DEPTH) {
            return node;
        }
        int p = x[0].length;
        double best = 0;
        int bestFeature = -1;
        double bestThreshold = 0;
        // try a random subset of features (mtry = half of them), thresholds at sample quantiles
        for (int j = 1; j < p; j++) {
            if (rng.nextDouble() < 0.5) {
                continue;
            }
            final int feature = j;
            double[] values = Arrays.stream(split).mapToDouble(i -> x[i][feature]).sorted().toArray();
            for (int q = 1; q <= THRESHOLDS; q++) {
                double threshold = values[values.length * q / (THRESHOLDS + 1)];
                int[][] parts = partition(x, split, feature, threshold);
                if (!enough(t, parts[0]) || !enough(t, parts[1])) {
                    continue;
                }
                double dl = effect(t, y, parts[0]), dr = effect(t, y, parts[1]);
                double gain = (double) parts[0].length * parts[1].length / ((double) split.length * split.length)
                        * (dl - dr) * (dl - dr);
                if (gain > best) {
                    best = gain;
                    bestFeature = feature;
                    bestThreshold = threshold;
                }
            }
        }
        if (bestFeature < 0) {
            return node;
        }
        splitsByFeature[bestFeature]++;
        node.feature = bestFeature;
        node.threshold = bestThreshold;
        int[][] s = partition(x, split, bestFeature, bestThreshold);
        int[][] e = partition(x, est, bestFeature, bestThreshold);
        node.left = grow(x, t, y, s[0], e[0], depth + 1, rng, splitsByFeature, node.effect);
        node.right = grow(x, t, y, s[1], e[1], depth + 1, rng, splitsByFeature, node.effect);
        return node;
    }

    static double predict(Node node, double[] row) {
        while (node.feature >= 0) {
            node = row[node.feature] <= node.threshold ? node.left : node.right;
        }
        return node.effect;
    }

    /** Difference in mean outcome, treated minus control; NaN if an arm has too few units. */
    static double effect(double[] t, double[] y, int[] idx) {
        if (!enough(t, idx)) {
            return Double.NaN;
        }
        double s1 = 0, n1 = 0, s0 = 0, n0 = 0;
        for (int i : idx) {
            if (t[i] == 1) {
                s1 += y[i];
                n1++;
            } else {
                s0 += y[i];
                n0++;
            }
        }
        return s1 / n1 - s0 / n0;
    }

    static boolean enough(double[] t, int[] idx) {
        int treated = 0;
        for (int i : idx) {
            treated += t[i] == 1 ? 1 : 0;
        }
        return treated >= MIN_PER_ARM && idx.length - treated >= MIN_PER_ARM;
    }

    static int[][] partition(double[][] x, int[] idx, int feature, double threshold) {
        List<Integer> left = new ArrayList<>(), right = new ArrayList<>();
        for (int i : idx) {
            (x[i][feature] <= threshold ? left : right).add(i);
        }
        return new int[][] {left.stream().mapToInt(Integer::intValue).toArray(),
                right.stream().mapToInt(Integer::intValue).toArray()};
    }

    static int[] shuffle(int n, Well19937c rng) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int k = rng.nextInt(i + 1);
            int tmp = perm[i];
            perm[i] = perm[k];
            perm[k] = tmp;
        }
        return perm;
    }

    /** Average predicted CATE overall and by segment, added as estimates. */
    static void report(ObjectNode result, String method, double[][] x, double[] cate) {
        ArrayNode list = result.putArray("estimates");
        String[] names = {"all customers", "tenure < 12 months, mobile", "tenure < 12 months, desktop",
                "tenure 12-36 months", "tenure >= 36 months"};
        for (int s = 0; s < names.length; s++) {
            SummaryStatistics stats = new SummaryStatistics();
            for (int i = 0; i < x.length; i++) {
                if (segment(x[i], s)) {
                    stats.addValue(cate[i]);
                }
            }
            ObjectNode e = list.addObject();
            e.put("label", "CATE: " + names[s]);
            e.put("method", method);
            e.put("estimate", stats.getMean());
            ObjectNode extra = e.putObject("extra");
            extra.put("n", stats.getN());
            extra.put("sd_of_individual_cate", stats.getStandardDeviation());
        }
    }

    /** Segment membership on the feature row [1, age, tenure_months, visits, mobile]. */
    static boolean segment(double[] row, int s) {
        double tenure = row[2], mobile = row[4];
        return switch (s) {
            case 0 -> true;
            case 1 -> tenure < 12 && mobile == 1;
            case 2 -> tenure < 12 && mobile == 0;
            case 3 -> tenure >= 12 && tenure < 36;
            default -> tenure >= 36;
        };
    }

}
