/*---
id: causal-synthetic-control-state-policy
title: Synthetic control - effect of a state tobacco policy using a weighted combination of other states
family: causal
methods: [causal.synth]
language: java
data: state_policy.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  For a policy that hits one unit (a state, a country, a big city) when no single untreated unit is
  a good comparison: find non-negative weights summing to one over the untreated units (the donor
  pool) so that their weighted average tracks the treated unit's outcome before the policy, and use
  that synthetic unit as the counterfactual afterwards (Abadie, Diamond and Hainmueller 2010,
  California's Proposition 99). Weights are found by projected gradient descent on the simplex.
  Inference is by in-space placebos: refit pretending each donor was treated, and compare ratios of
  post- to pre-period prediction error; the p-value is the treated unit's rank. Needs a long
  pre-period with a good fit, and donors untouched by the policy or by spillovers.
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Synthetic control on the outcome path with simplex weights and placebo-in-space inference. */
public class CausalSyntheticControl {

    public static void main(String[] args) throws Exception {
        String unitColumn = "state", timeColumn = "year", outcome = "packs_per_capita";
        String treatedUnit = args.length > 1 ? args[1] : "treated_state";
        int policyStart = args.length > 2 ? Integer.parseInt(args[2]) : 2008;

        Map<String, Map<Integer, Double>> panel = new LinkedHashMap<>();
        TreeSet<Integer> times = new TreeSet<>();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord r : csv) {
                int t = Integer.parseInt(r.get(timeColumn));
                panel.computeIfAbsent(r.get(unitColumn), k -> new TreeMap<>()).put(t, Double.parseDouble(r.get(outcome)));
                times.add(t);
            }
        }
        List<String> units = new ArrayList<>(panel.keySet());
        List<Integer> timeList = new ArrayList<>(times);
        double[][] y = new double[units.size()][timeList.size()];
        for (int u = 0; u < units.size(); u++) {
            for (int t = 0; t < timeList.size(); t++) {
                y[u][t] = panel.get(units.get(u)).get(timeList.get(t));
            }
        }
        int pre = (int) timeList.stream().filter(t -> t < policyStart).count();
        int treated = units.indexOf(treatedUnit);

        double[] weights = fitWeights(y, treated, pre);
        double[] gap = gaps(y, treated, weights);
        double att = Arrays.stream(gap, pre, gap.length).average().orElseThrow();
        double ratio = rmspe(gap, pre, gap.length) / rmspe(gap, 0, pre);
        int asExtreme = 1;
        for (int u = 0; u < units.size(); u++) {
            if (u == treated) {
                continue;
            }
            double[] placeboGap = gaps(y, u, fitWeights(y, u, pre, treated));
            if (rmspe(placeboGap, pre, gap.length) / rmspe(placeboGap, 0, pre) >= ratio) {
                asExtreme++;
            }
        }

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "causal");
        result.put("method", "causal.synth");
        result.put("estimand", "average post-period gap between " + treatedUnit + " and its synthetic control");
        ObjectNode sizes = result.putObject("sampleSizes");
        sizes.put("donors", units.size() - 1);
        sizes.put("pre_periods", pre);
        ObjectNode e = result.putArray("estimates").addObject();
        e.put("label", "ATT (" + treatedUnit + ")");
        e.put("method", "causal.synth");
        e.put("estimate", att);
        e.put("pValue", (double) asExtreme / units.size());
        ObjectNode extra = e.putObject("extra");
        extra.put("pre_rmspe", rmspe(gap, 0, pre));
        extra.put("post_pre_rmspe_ratio", ratio);
        ObjectNode details = result.putObject("details");
        ObjectNode w = details.putObject("weights");
        for (int u = 0; u < units.size(); u++) {
            if (weights[u] > 1e-4) {
                w.put(units.get(u), weights[u]);
            }
        }
        ArrayNode path = details.putArray("gap_by_period");
        for (int t = 0; t < gap.length; t++) {
            path.addObject().put("period", timeList.get(t)).put("gap", gap[t]);
        }
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

    /** Minimises the pre-period squared error over weights on the simplex (excluded units get 0). */
    static double[] fitWeights(double[][] y, int target, int pre, int... excluded) {
        int n = y.length;
        boolean[] donor = new boolean[n];
        Arrays.fill(donor, true);
        donor[target] = false;
        for (int e : excluded) {
            donor[e] = false;
        }
        double[] w = new double[n];
        int donors = 0;
        for (boolean d : donor) {
            donors += d ? 1 : 0;
        }
        for (int u = 0; u < n; u++) {
            w[u] = donor[u] ? 1.0 / donors : 0;
        }
        double lipschitz = 0; // Frobenius bound on the largest eigenvalue of 2 Y0 Y0'
        for (int u = 0; u < n; u++) {
            for (int t = 0; t < pre; t++) {
                lipschitz += donor[u] ? 2 * y[u][t] * y[u][t] : 0;
            }
        }
        double step = 1 / lipschitz;
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
                    v[u] = w[u] - step * grad;
                }
            }
            w = projectOnSimplex(v, donor);
        }
        return w;
    }

    /** Euclidean projection onto {w >= 0, sum w = 1} over the donor coordinates (Duchi et al. 2008). */
    static double[] projectOnSimplex(double[] v, boolean[] donor) {
        double[] sorted = new double[v.length];
        int m = 0;
        for (int u = 0; u < v.length; u++) {
            if (donor[u]) {
                sorted[m++] = v[u];
            }
        }
        sorted = Arrays.copyOf(sorted, m);
        Arrays.sort(sorted);
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
