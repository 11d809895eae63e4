/*---
id: ab-srm-check
title: Sample ratio mismatch (SRM) check before reading an A/B test
family: ab
methods: [ab.srm]
language: java
data: ab_checkout.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  Before looking at any metric, check that the number of users in each arm matches the planned
  split (for example 50/50). A chi-square goodness-of-fit test compares observed counts with the
  expected ones; a p-value below 0.001 means the assignment or the logging is broken (bots filtered
  in one arm only, a redirect that loses users, a buggy bucketing hash) and the test result cannot
  be trusted, however significant it looks. Investigate the cause instead of re-weighting. Works
  for any number of arms and any planned allocation; the threshold is strict because SRM checks run
  on every experiment.
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Chi-square goodness-of-fit test of arm counts against the planned allocation. */
public class AbSampleRatioMismatch {

    public static void main(String[] args) throws Exception {
        String armColumn = args.length > 1 ? args[1] : "variant";
        Map<String, Long> counts = new TreeMap<>();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord row : csv) {
                counts.merge(row.get(armColumn), 1L, Long::sum);
            }
        }
        // planned allocation: equal split unless weights are given as arm=weight arguments
        Map<String, Double> planned = new LinkedHashMap<>();
        for (String arm : counts.keySet()) {
            planned.put(arm, 1.0);
        }
        for (int i = 2; i < args.length; i++) {
            String[] kv = args[i].split("=");
            planned.put(kv[0], Double.parseDouble(kv[1]));
        }
        double weightSum = planned.values().stream().mapToDouble(Double::doubleValue).sum();
        long n = counts.values().stream().mapToLong(Long::longValue).sum();
        double chi2 = 0;
        for (var entry : counts.entrySet()) {
            double expected = n * planned.get(entry.getKey()) / weightSum;
            chi2 += Math.pow(entry.getValue() - expected, 2) / expected;
        }
        int df = counts.size() - 1;
        double p = 1 - new ChiSquaredDistribution(df).cumulativeProbability(chi2);
        String status = p < 0.001 ? "fail" : "pass";

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "ab");
        result.put("method", "ab.srm");
        result.put("estimand", "arm counts versus planned allocation");
        ObjectNode sizes = result.putObject("sampleSizes");
        counts.forEach(sizes::put);
        ObjectNode e = result.putArray("estimates").addObject();
        e.put("label", "all arms");
        e.put("method", "ab.srm");
        e.put("estimate", chi2);
        e.put("pValue", p);
        ObjectNode stat = e.putObject("statistic");
        stat.put("name", "chi2");
        stat.put("value", chi2);
        stat.put("df", (double) df);
        ObjectNode d = result.putArray("diagnostics").addObject();
        d.put("name", "srm");
        d.put("status", status);
        d.put("message", status.equals("fail")
                ? "sample ratio mismatch: arm counts do not match the planned split; do not trust the results"
                : "arm counts are consistent with the planned split");
        ObjectNode values = d.putObject("values");
        values.put("chi2", chi2);
        values.put("p_value", p);
        ObjectNode srm = result.putObject("details").putObject("srm");
        srm.put("chi2", chi2);
        srm.put("p_value", p);
        srm.put("status", status);
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }
}
