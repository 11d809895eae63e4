/*---
id: ab-multi-arm-holm
title: Three-arm test on revenue with Welch comparisons and Holm correction
family: ab
methods: [ab.multi_arm, ab.welch]
language: java
data: ab_multiarm.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  When a test has several variants (A/B/C/n), comparing every variant with the control multiplies
  the chances of a false winner. Each variant is compared with the control using Welch's t-test and
  the p-values are adjusted with Holm's step-down procedure, which controls the family-wise error
  rate (the chance of any false positive) and is uniformly more powerful than Bonferroni. Use Holm
  when a single wrong "ship it" is costly; use Benjamini-Hochberg when you screen many variants and
  can tolerate a controlled share of false discoveries. Decide on the correction before looking at
  the data.
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Welch t-test of every arm against the control, Holm-adjusted. */
public class AbMultiArmHolmWelch {

    public static void main(String[] args) throws Exception {
        String armColumn = "variant";
        String outcomeColumn = args.length > 1 ? args[1] : "revenue";
        String control = args.length > 2 ? args[2] : "A";
        double alpha = 0.05;

        Map<String, SummaryStatistics> arms = new TreeMap<>();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord row : csv) {
                arms.computeIfAbsent(row.get(armColumn), k -> new SummaryStatistics())
                        .addValue(Double.parseDouble(row.get(outcomeColumn)));
            }
        }
        SummaryStatistics c = arms.get(control);
        List<String> names = new ArrayList<>(arms.keySet());
        names.remove(control);
        int m = names.size();
        double[] p = new double[m];
        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "ab");
        result.put("method", "ab.welch");
        result.put("estimand", "difference in mean " + outcomeColumn + " (arm - " + control + ")");
        ObjectNode sizes = result.putObject("sampleSizes");
        arms.forEach((k, v) -> sizes.put(k, v.getN()));
        ArrayNode estimates = result.putArray("estimates");
        for (int i = 0; i < m; i++) {
            SummaryStatistics t = arms.get(names.get(i));
            double vc = c.getVariance() / c.getN(), vt = t.getVariance() / t.getN();
            double diff = t.getMean() - c.getMean();
            double se = Math.sqrt(vc + vt);
            double df = (vc + vt) * (vc + vt) / (vc * vc / (c.getN() - 1) + vt * vt / (t.getN() - 1));
            TDistribution dist = new TDistribution(df);
            p[i] = 2 * dist.cumulativeProbability(-Math.abs(diff / se));
            double crit = dist.inverseCumulativeProbability(1 - alpha / 2);
            ObjectNode e = estimates.addObject();
            e.put("label", names.get(i) + " vs " + control);
            e.put("method", "ab.welch");
            e.put("estimate", diff);
            e.put("standardError", se);
            ObjectNode ci = e.putObject("interval");
            ci.put("lower", diff - crit * se);
            ci.put("upper", diff + crit * se);
            ci.put("level", 1 - alpha);
            ci.put("kind", "confidence");
            e.put("pValue", p[i]);
            ObjectNode stat = e.putObject("statistic");
            stat.put("name", "t");
            stat.put("value", diff / se);
            stat.put("df", df);
        }
        double[] adjusted = holm(p);
        for (int i = 0; i < m; i++) {
            ((ObjectNode) estimates.get(i)).put("adjustedPValue", adjusted[i]);
        }
        result.putObject("details").put("correction", "holm");
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    /** Holm step-down: sort ascending, multiply the k-th smallest by (m - k), enforce monotonicity. */
    static double[] holm(double[] p) {
        int m = p.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double[] adjusted = new double[m];
        double running = 0;
        for (int k = 0; k < m; k++) {
            running = Math.max(running, Math.min(1.0, (m - k) * p[order[k]]));
            adjusted[order[k]] = running;
        }
        return adjusted;
    }
}
