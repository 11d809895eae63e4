/*---
id: ab-anova-kruskal-omnibus
title: Omnibus tests across all arms - one-way ANOVA and Kruskal-Wallis
family: ab
methods: [ab.multi_arm]
language: java
data: ab_multiarm.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  Asks a single question about an experiment with three or more arms: is there any difference
  among the arms at all? One-way ANOVA compares the means (F test; assumes similar variances) and
  the Kruskal-Wallis H test compares the rank distributions (robust to skew and outliers, with a
  tie correction as in scipy.stats.kruskal). A significant omnibus test does not say which arm
  differs; follow it with pairwise comparisons against the control and a Holm or
  Benjamini-Hochberg correction. When the only question is "which variant beats control", skip the
  omnibus test and go straight to the corrected pairwise tests.
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.stat.inference.OneWayAnova;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One-way ANOVA F test and Kruskal-Wallis H test over all arms. */
public class AbAnovaKruskalWallis {

    public static void main(String[] args) throws Exception {
        String armColumn = "variant";
        String outcomeColumn = args.length > 1 ? args[1] : "revenue";

        Map<String, List<Double>> groups = new TreeMap<>();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord row : csv) {
                groups.computeIfAbsent(row.get(armColumn), k -> new ArrayList<>())
                        .add(Double.parseDouble(row.get(outcomeColumn)));
            }
        }
        List<double[]> samples = new ArrayList<>();
        groups.values().forEach(g -> samples.add(g.stream().mapToDouble(Double::doubleValue).toArray()));
        int k = samples.size();
        int n = samples.stream().mapToInt(s -> s.length).sum();
        OneWayAnova anova = new OneWayAnova();
        double f = anova.anovaFValue(samples);
        double pAnova = anova.anovaPValue(samples);

        // Kruskal-Wallis: ranks over the pooled sample, H corrected for ties
        double[] pooled = new double[n];
        int pos = 0;
        for (double[] s : samples) {
            System.arraycopy(s, 0, pooled, pos, s.length);
            pos += s.length;
        }
        double[] ranks = new NaturalRanking(TiesStrategy.AVERAGE).rank(pooled);
        double h = 0;
        pos = 0;
        for (double[] s : samples) {
            double rankSum = 0;
            for (int i = 0; i < s.length; i++) {
                rankSum += ranks[pos + i];
            }
            h += rankSum * rankSum / s.length;
            pos += s.length;
        }
        h = 12.0 / ((double) n * (n + 1)) * h - 3.0 * (n + 1);
        Map<Double, Integer> ties = new HashMap<>();
        for (double v : pooled) {
            ties.merge(v, 1, Integer::sum);
        }
        double tieSum = ties.values().stream().mapToDouble(t -> (double) t * t * t - t).sum();
        h /= 1 - tieSum / ((double) n * n * n - n);
        double pKruskal = 1 - new ChiSquaredDistribution(k - 1).cumulativeProbability(h);

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "ab");
        result.put("method", "ab.anova");
        result.put("estimand", "equality of " + outcomeColumn + " across all arms");
        ObjectNode sizes = result.putObject("sampleSizes");
        groups.forEach((name, g) -> sizes.put(name, g.size()));
        ArrayNode estimates = result.putArray("estimates");
        ObjectNode a = estimates.addObject();
        a.put("label", "all arms");
        a.put("method", "ab.anova");
        a.put("pValue", pAnova);
        ObjectNode fStat = a.putObject("statistic");
        fStat.put("name", "F");
        fStat.put("value", f);
        fStat.put("df", (double) (k - 1));
        a.putObject("extra").put("df_within", (double) (n - k));
        ObjectNode kw = estimates.addObject();
        kw.put("label", "all arms");
        kw.put("method", "ab.kruskal_wallis");
        kw.put("pValue", pKruskal);
        ObjectNode hStat = kw.putObject("statistic");
        hStat.put("name", "H");
        hStat.put("value", h);
        hStat.put("df", (double) (k - 1));
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }
}
