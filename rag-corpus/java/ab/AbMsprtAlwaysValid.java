/*---
id: ab-msprt-always-valid
title: Always-valid p-values with the mixture sequential probability ratio test (mSPRT)
family: ab
methods: [ab.msprt]
language: java
data: ab_checkout.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  Lets you look at an A/B test every day and stop as soon as it is significant without inflating
  the false positive rate, the problem known as peeking. The mixture SPRT (Johari, Pekelis and
  Walsh; used by Optimizely) compares the likelihood of the observed difference under "no effect"
  with its likelihood averaged over a normal mixture of effects with standard deviation tau; the
  always-valid p-value is the running minimum of 1 / likelihood ratio and the matching confidence
  sequence is valid at every look. Choose tau near the effect size you expect; a poor tau costs
  power but never validity. The price of continuous monitoring is a wider interval than a single
  fixed-horizon test at the same sample size.
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** mSPRT with a normal mixture over the difference in means, evaluated at each daily look. */
public class AbMsprtAlwaysValid {

    public static void main(String[] args) throws Exception {
        String armColumn = "variant";
        String dayColumn = "day";
        String outcomeColumn = args.length > 1 ? args[1] : "converted";
        String control = "control";
        String treatment = "treatment";
        double alpha = 0.05;
        double tau = args.length > 2 ? Double.parseDouble(args[2]) : 0.05; // mixing sd of the effect

        TreeMap<Integer, List<CSVRecord>> byDay = new TreeMap<>();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord row : csv) {
                byDay.computeIfAbsent(Integer.parseInt(row.get(dayColumn)), d -> new ArrayList<>()).add(row);
            }
        }
        SummaryStatistics c = new SummaryStatistics();
        SummaryStatistics t = new SummaryStatistics();
        double pAlwaysValid = 1.0;
        double diff = 0, v = 0, lower = Double.NEGATIVE_INFINITY, upper = Double.POSITIVE_INFINITY;
        int stopDay = -1;
        ObjectMapper json = new ObjectMapper();
        ArrayNode looks = json.createArrayNode();
        for (var day : byDay.entrySet()) {
            for (CSVRecord row : day.getValue()) {
                double y = Double.parseDouble(row.get(outcomeColumn));
                if (row.get(armColumn).equals(control)) {
                    c.addValue(y);
                } else if (row.get(armColumn).equals(treatment)) {
                    t.addValue(y);
                }
            }
            if (c.getN() < 2 || t.getN() < 2) {
                continue;
            }
            diff = t.getMean() - c.getMean();
            v = t.getVariance() / t.getN() + c.getVariance() / c.getN();
            if (v <= 0) {
                continue;
            }
            double tau2 = tau * tau;
            // mixture likelihood ratio of N(diff; theta, v) integrated over theta ~ N(0, tau^2)
            double logLr = 0.5 * Math.log(v / (v + tau2)) + tau2 * diff * diff / (2 * v * (v + tau2));
            pAlwaysValid = Math.min(pAlwaysValid, Math.min(1.0, Math.exp(-logLr)));
            double half = Math.sqrt(v * (v + tau2) / tau2 * (2 * Math.log(1 / alpha) + Math.log((v + tau2) / v)));
            // the confidence sequence is the running intersection of the per-look intervals
            lower = Math.max(lower, diff - half);
            upper = Math.min(upper, diff + half);
            ObjectNode look = looks.addObject();
            look.put("day", day.getKey());
            look.put("n", c.getN() + t.getN());
            look.put("difference", diff);
            look.put("p_always_valid", pAlwaysValid);
            if (pAlwaysValid < alpha && stopDay < 0) {
                stopDay = day.getKey();
            }
        }

        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "ab");
        result.put("method", "ab.msprt");
        result.put("estimand", "difference in mean " + outcomeColumn + " (" + treatment + " - " + control + ")");
        ObjectNode sizes = result.putObject("sampleSizes");
        sizes.put(control, c.getN());
        sizes.put(treatment, t.getN());
        ObjectNode e = result.putArray("estimates").addObject();
        e.put("label", treatment + " vs " + control);
        e.put("method", "ab.msprt");
        e.put("estimate", diff);
        e.put("standardError", Math.sqrt(v));
        ObjectNode ci = e.putObject("interval");
        ci.put("lower", lower);
        ci.put("upper", upper);
        ci.put("level", 1 - alpha);
        ci.put("kind", "confidence_sequence");
        e.put("pValue", pAlwaysValid);
        ObjectNode stat = e.putObject("statistic");
        stat.put("name", "z");
        stat.put("value", diff / Math.sqrt(v));
        ObjectNode extra = e.putObject("extra");
        extra.put("tau", tau);
        extra.put("first_significant_day", stopDay);
        result.putObject("details").set("looks", looks);
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }
}
