/*---
id: geo-synthetic-control
title: Geo experiment with a synthetic control market and placebo inference
family: geo
methods: [geo.synthetic_control]
language: java
data: geo_panel.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  Measures the lift of a regional campaign by building a synthetic control: a weighted average of
  untreated markets (non-negative weights summing to one) that reproduces the test markets' daily
  conversions before launch. After launch the gap between the test markets and their synthetic twin
  is the effect. Works well when the test markets look like a mix of other markets and the
  pre-period is long; fails when the test market is larger than any control (use the augmented or
  intercept-shifted GeoLift variant instead). Inference uses placebo tests in space: each control
  market in turn plays the treated one, and the p-value is the rank of the real post/pre error
  ratio among them. Markets in other test cells are excluded from the donor pool.
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Synthetic control for the mean of the test-cell markets, with in-space placebos. */
public class GeoSyntheticControl {

    public static void main(String[] args) throws Exception {
        String testCell = args.length > 1 ? args[1] : "cell_a";
        int testStart = args.length > 2 ? Integer.parseInt(args[2]) : 46;
        Map<String, TreeMap<Integer, Double>> series = new TreeMap<>();
        Map<String, String> cellOf = new TreeMap<>();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord r : csv) {
                series.computeIfAbsent(r.get("geo"), k -> new TreeMap<>())
                        .put(Integer.parseInt(r.get("day")), Double.parseDouble(r.get("conversions")));
                cellOf.put(r.get("geo"), r.get("cell"));
            }
        }
        List<Integer> days = new ArrayList<>(series.values().iterator().next().keySet());
        int pre = (int) days.stream().filter(d -> d < testStart).count();
        List<double[]> rows = new ArrayList<>(); // row 0: mean of the test markets, then the donors
        double[] treated = new double[days.size()];
        long testGeos = cellOf.values().stream().filter(testCell::equals).count();
        for (var e : series.entrySet()) {
            double[] s = e.getValue().values().stream().mapToDouble(Double::doubleValue).toArray();
            if (cellOf.get(e.getKey()).equals(testCell)) {
                for (int t = 0; t < s.length; t++) {
                    treated[t] += s[t] / testGeos;
                }
            } else if (cellOf.get(e.getKey()).equals("control")) {
                rows.add(s);
            }
        }
        rows.add(0, treated);
        double[][] y = rows.toArray(new double[0][]);

        double[] gap = gaps(y, 0, fitWeights(y, 0, pre));
        double ratio = rmspe(gap, pre, gap.length) / rmspe(gap, 0, pre);
        int asExtreme = 1;
        for (int u = 1; u < y.length; u++) {
            double[] g = gaps(y, u, fitWeights(y, u, pre, 0));
            if (rmspe(g, pre, g.length) / rmspe(g, 0, pre) >= ratio) {
                asExtreme++;
            }
        }
        double perGeoEffect = 0, counterfactual = 0;
        for (int t = pre; t < gap.length; t++) {
            perGeoEffect += gap[t];
            counterfactual += treated[t] - gap[t];
        }

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "geo");
        result.put("method", "geo.synthetic_control");
        result.put("estimand", "incremental conversions of " + testCell + " over the test period");
        ObjectNode sizes = result.putObject("sampleSizes");
        sizes.put("test_geos", testGeos);
        sizes.put("donor_geos", y.length - 1);
        ObjectNode e = result.putArray("estimates").addObject();
        e.put("label", testCell + " vs synthetic control");
        e.put("method", "geo.synthetic_control");
        e.put("estimate", perGeoEffect * testGeos);
        e.put("pValue", (double) asExtreme / y.length);
        ObjectNode extra = e.putObject("extra");
        extra.put("relative_lift", perGeoEffect / counterfactual);
        extra.put("pre_rmspe", rmspe(gap, 0, pre));
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    static double rmspe(double[] gap, int from, int to) {
        double s = 0;
        for (int t = from; t < to; t++) {
            s += gap[t] * gap[t];
        }
        return Math.sqrt(s / (to - from));
    }

    static double[] gaps(double[][] y, int target, double[] w) {
        double[] gap = new double[y[0].length];
        for (int t = 0; t < gap.length; t++) {
            double synth = 0;
            for (int u = 0; u < y.length; u++) {
                synth += w[u] * y[u][t];
            }
            gap[t] = y[target][t] - synth;
        }
        return gap;
    }

    /** Simplex-constrained least squares on the pre-period by projected gradient descent. */
    static double[] fitWeights(double[][] y, int target, int pre, int... excluded) {
        int n = y.length;
        boolean[] donor = new boolean[n];
        Arrays.fill(donor, true);
        donor[target] = false;
        for (int e : excluded) {
            donor[e] = false;
        }
        double[] w = new double[n];
        long donors = java.util.stream.IntStream.range(0, n).filter(u -> donor[u]).count();
        double lipschitz = 0;
        for (int u = 0; u < n; u++) {
            w[u] = donor[u] ? 1.0 / donors : 0;
            for (int t = 0; t < pre && donor[u]; t++) {
                lipschitz += 2 * y[u][t] * y[u][t];
            }
        }
        for (int iter = 0; iter < 20000; iter++) {
            double[] residual = new double[pre];
            for (int t = 0; t < pre; t++) {
                residual[t] = -y[target][t];
                for (int u = 0; u < n; u++) {
                    residual[t] += w[u] * y[u][t];
                }
            }
            double[] v = new double[n];
            for (int u = 0; u < n; u++) {
                if (donor[u]) {
                    double grad = 0;
                    for (int t = 0; t < pre; t++) {
                        grad += 2 * residual[t] * y[u][t];
                    }
                    v[u] = w[u] - grad / lipschitz;
                }
            }
            w = projectOnSimplex(v, donor);
        }
        return w;
    }

    /** Euclidean projection onto the probability simplex over the donor coordinates. */
    static double[] projectOnSimplex(double[] v, boolean[] donor) {
        double[] sorted = java.util.stream.IntStream.range(0, v.length).filter(u -> donor[u])
                .mapToDouble(u -> v[u]).sorted().toArray();
        int m = sorted.length;
        double cumulative = 0, theta = 0;
        for (int j = m - 1; j >= 0; j--) {
            cumulative += sorted[j];
            double candidate = (cumulative - 1) / (m - j);
            if (sorted[j] - candidate > 0) {
                theta = candidate;
            }
        }
        double[] w = new double[v.length];
        for (int u = 0; u < v.length; u++) {
            w[u] = donor[u] ? Math.max(0, v[u] - theta) : 0;
        }
        return w;
    }
}
