/*---
id: ab-multi-arm-bh-proportions
title: Many variants of a landing page, conversion z-tests with Benjamini-Hochberg FDR control
family: ab
methods: [ab.multi_arm, ab.z_proportions]
language: java
data: ab_multiarm.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  For screening several variants (headlines, button colours, price points) against one control on a
  conversion rate. Each variant gets a two-proportion z-test against the control, and the p-values
  are adjusted with the Benjamini-Hochberg step-up procedure, which controls the false discovery
  rate: among the variants you declare winners, the expected share of false ones stays below alpha.
  This is more permissive than Holm or Bonferroni (family-wise error), so it suits exploration; for
  a final launch decision between a few arms prefer Holm. Also reports each arm's lift so that
  significance is not confused with importance.
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.distribution.NormalDistribution;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Two-proportion z-tests of each arm against the control with Benjamini-Hochberg adjustment. */
public class AbMultiArmBenjaminiHochberg {

    public static void main(String[] args) throws Exception {
        String armColumn = "variant";
        String outcomeColumn = args.length > 1 ? args[1] : "converted";
        String control = args.length > 2 ? args[2] : "A";
        double alpha = 0.05;

        Map<String, long[]> counts = new TreeMap<>(); // arm -> {n, conversions}
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord row : csv) {
                long[] c = counts.computeIfAbsent(row.get(armColumn), k -> new long[2]);
                c[0]++;
                c[1] += Integer.parseInt(row.get(outcomeColumn));
            }
        }
        NormalDistribution normal = new NormalDistribution();
        double z = normal.inverseCumulativeProbability(1 - alpha / 2);
        long[] c = counts.get(control);
        double p0 = (double) c[1] / c[0];
        List<String> names = new ArrayList<>(counts.keySet());
        names.remove(control);
        double[] p = new double[names.size()];
        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "ab");
        result.put("method", "ab.z_proportions");
        result.put("estimand", "difference in " + outcomeColumn + " rate (arm - " + control + ")");
        ObjectNode sizes = result.putObject("sampleSizes");
        counts.forEach((k, v) -> sizes.put(k, v[0]));
        ArrayNode estimates = result.putArray("estimates");
        for (int i = 0; i < names.size(); i++) {
            long[] t = counts.get(names.get(i));
            double p1 = (double) t[1] / t[0];
            double pooled = (double) (c[1] + t[1]) / (c[0] + t[0]);
            double zStat = (p1 - p0) / Math.sqrt(pooled * (1 - pooled) * (1.0 / c[0] + 1.0 / t[0]));
            p[i] = 2 * normal.cumulativeProbability(-Math.abs(zStat));
            double se = Math.sqrt(p0 * (1 - p0) / c[0] + p1 * (1 - p1) / t[0]);
            ObjectNode e = estimates.addObject();
            e.put("label", names.get(i) + " vs " + control);
            e.put("method", "ab.z_proportions");
            e.put("estimate", p1 - p0);
            e.put("standardError", se);
            ObjectNode ci = e.putObject("interval");
            ci.put("lower", p1 - p0 - z * se);
            ci.put("upper", p1 - p0 + z * se);
            ci.put("level", 1 - alpha);
            ci.put("kind", "confidence");
            e.put("pValue", p[i]);
            ObjectNode stat = e.putObject("statistic");
            stat.put("name", "z");
            stat.put("value", zStat);
            e.putObject("extra").put("relative_lift", p1 / p0 - 1);
        }
        double[] adjusted = benjaminiHochberg(p);
        for (int i = 0; i < p.length; i++) {
            ((ObjectNode) estimates.get(i)).put("adjustedPValue", adjusted[i]);
        }
        result.putObject("details").put("correction", "bh");
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    /** Benjamini-Hochberg step-up: p_(k) * m / k, cumulative minimum from the largest down. */
    static double[] benjaminiHochberg(double[] p) {
        int m = p.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double[] adjusted = new double[m];
        double running = 1.0;
        for (int k = m - 1; k >= 0; k--) {
            running = Math.min(running, p[order[k]] * m / (k + 1));
            adjusted[order[k]] = running;
        }
        return adjusted;
    }
}
