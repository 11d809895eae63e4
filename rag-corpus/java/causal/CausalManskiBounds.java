/*---
id: causal-manski-bounds
title: Partial identification - Manski worst-case bounds on the effect for a binary outcome
family: causal
methods: [causal.bounds]
language: java
data: causal_observational.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  What can the data say about a treatment effect with no assumption about who got treated? For a
  bounded outcome (here purchased, 0 or 1), the unobserved potential outcomes can be anything
  between 0 and 1, which gives Manski's worst-case bounds on the average treatment effect; the
  width is always 1 for a binary outcome, so the bounds always contain zero, but they show how far
  the headline estimate relies on assumptions. Adding monotone treatment response (the treatment
  never hurts anyone) raises the lower bound to zero. Reports both sets of bounds and the
  Imbens-Manski 95% confidence interval for the identified set. Use it to communicate how much of
  a conclusion comes from the data and how much from untestable assumptions.
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;

/** Worst-case and monotone-treatment-response bounds on the ATE with Imbens-Manski intervals. */
public class CausalManskiBounds {

    public static void main(String[] args) throws Exception {
        String treatment = "coupon", outcome = "purchased";
        double yMin = 0, yMax = 1;
        SummaryStatistics lowerTerms = new SummaryStatistics(), upperTerms = new SummaryStatistics();
        SummaryStatistics treatedY = new SummaryStatistics(), controlY = new SummaryStatistics();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord r : csv) {
                double t = Double.parseDouble(r.get(treatment)), y = Double.parseDouble(r.get(outcome));
                // per-unit contributions: missing potential outcomes replaced by the extreme values
                lowerTerms.addValue(t * y + (1 - t) * yMin - (1 - t) * y - t * yMax);
                upperTerms.addValue(t * y + (1 - t) * yMax - (1 - t) * y - t * yMin);
                (t == 1 ? treatedY : controlY).addValue(y);
            }
        }
        double n = lowerTerms.getN();
        double lower = lowerTerms.getMean(), upper = upperTerms.getMean();
        double seL = lowerTerms.getStandardDeviation() / Math.sqrt(n), seU = upperTerms.getStandardDeviation() / Math.sqrt(n);
        double c = imbensManskiCritical(upper - lower, Math.max(seL, seU));

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "causal");
        result.put("method", "causal.bounds");
        result.put("estimand", "identified set for the ATE of " + treatment + " on " + outcome);
        result.putObject("sampleSizes").put("n", (long) n);
        ArrayNode list = result.putArray("estimates");
        ObjectNode worst = list.addObject();
        worst.put("label", "ATE bounds (no assumptions)");
        worst.put("method", "causal.bounds");
        worst.put("estimate", treatedY.getMean() - controlY.getMean());
        ObjectNode ci = worst.putObject("interval");
        ci.put("lower", lower - c * seL);
        ci.put("upper", upper + c * seU);
        ci.put("level", 0.95);
        ci.put("kind", "imbens_manski");
        ObjectNode extra = worst.putObject("extra");
        extra.put("lower_bound", lower);
        extra.put("upper_bound", upper);
        ObjectNode mtr = list.addObject();
        mtr.put("label", "ATE bounds (monotone treatment response)");
        mtr.put("method", "causal.bounds");
        mtr.put("estimate", treatedY.getMean() - controlY.getMean());
        ObjectNode mtrExtra = mtr.putObject("extra");
        mtrExtra.put("lower_bound", Math.max(0, lower));
        mtrExtra.put("upper_bound", upper);
        result.putObject("details").put("note", "estimate = naive difference in means, shown for reference only");
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    /** Solves Phi(c + width / se) - Phi(-c) = 0.95 for c (Imbens and Manski 2004). */
    static double imbensManskiCritical(double width, double se) {
        NormalDistribution n = new NormalDistribution();
        double lo = 0, hi = 3;
        for (int i = 0; i < 100; i++) {
            double mid = (lo + hi) / 2;
            if (n.cumulativeProbability(mid + width / se) - n.cumulativeProbability(-mid) < 0.95) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }
}
