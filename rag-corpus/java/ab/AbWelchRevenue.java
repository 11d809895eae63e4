/*---
id: ab-welch-revenue
title: Welch's t-test on revenue per user
family: ab
methods: [ab.welch]
language: java
data: ab_checkout.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  Compares the average revenue per user (or any continuous metric such as order value, time on
  page or items per basket) between a treatment and a control group of a randomised A/B test.
  Welch's t-test does not assume both groups have the same variance, so it is the safe default for
  continuous metrics; with thousands of users the central limit theorem covers skewed revenue.
  Pitfalls: a handful of whales can dominate the mean (consider winsorising or a Mann-Whitney test
  as a check), and users must be the randomisation unit (not sessions or page views). The relative
  lift interval uses the delta method.
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;

/** Welch's unequal-variance t-test of treatment minus control on a continuous outcome. */
public class AbWelchRevenue {

    public static void main(String[] args) throws Exception {
        String armColumn = args.length > 1 ? args[1] : "variant";
        String outcomeColumn = args.length > 2 ? args[2] : "revenue";
        String control = args.length > 3 ? args[3] : "control";
        String treatment = args.length > 4 ? args[4] : "treatment";
        double alpha = 0.05;

        SummaryStatistics c = new SummaryStatistics();
        SummaryStatistics t = new SummaryStatistics();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord row : csv) {
                String arm = row.get(armColumn);
                double y = Double.parseDouble(row.get(outcomeColumn));
                if (arm.equals(control)) {
                    c.addValue(y);
                } else if (arm.equals(treatment)) {
                    t.addValue(y);
                }
            }
        }

        // Welch: each arm keeps its own variance; Welch-Satterthwaite degrees of freedom
        double vc = c.getVariance() / c.getN();
        double vt = t.getVariance() / t.getN();
        double diff = t.getMean() - c.getMean();
        double se = Math.sqrt(vc + vt);
        double df = (vc + vt) * (vc + vt)
                / (vc * vc / (c.getN() - 1) + vt * vt / (t.getN() - 1));
        double tStat = diff / se;
        TDistribution dist = new TDistribution(df);
        double p = 2 * dist.cumulativeProbability(-Math.abs(tStat));
        double crit = dist.inverseCumulativeProbability(1 - alpha / 2);

        // relative lift (mean_t / mean_c - 1) with a delta-method standard error
        double lift = t.getMean() / c.getMean() - 1;
        double liftSe = Math.sqrt(vt / (c.getMean() * c.getMean())
                + t.getMean() * t.getMean() * vc / Math.pow(c.getMean(), 4));

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "ab");
        result.put("method", "ab.welch");
        result.put("estimand", "difference in mean " + outcomeColumn + " (" + treatment + " - " + control + ")");
        ObjectNode sizes = result.putObject("sampleSizes");
        sizes.put(control, c.getN());
        sizes.put(treatment, t.getN());
        ArrayNode arms = result.putArray("arms");
        arm(arms, control, c, alpha);
        arm(arms, treatment, t, alpha);

        ObjectNode e = result.putArray("estimates").addObject();
        e.put("label", treatment + " vs " + control);
        e.put("method", "ab.welch");
        e.put("estimate", diff);
        e.put("standardError", se);
        ObjectNode ci = e.putObject("interval");
        ci.put("lower", diff - crit * se);
        ci.put("upper", diff + crit * se);
        ci.put("level", 1 - alpha);
        ci.put("kind", "confidence");
        e.put("pValue", p);
        ObjectNode stat = e.putObject("statistic");
        stat.put("name", "t");
        stat.put("value", tStat);
        stat.put("df", df);
        ObjectNode extra = e.putObject("extra");
        double z = new NormalDistribution().inverseCumulativeProbability(1 - alpha / 2);
        extra.put("relative_lift", lift);
        extra.put("relative_lift_lower", lift - z * liftSe);
        extra.put("relative_lift_upper", lift + z * liftSe);
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    /** Per-arm summary with a t interval for the mean. */
    static void arm(ArrayNode arms, String name, SummaryStatistics s, double alpha) {
        double half = new TDistribution(s.getN() - 1).inverseCumulativeProbability(1 - alpha / 2)
                * s.getStandardDeviation() / Math.sqrt(s.getN());
        ObjectNode a = arms.addObject();
        a.put("arm", name);
        a.put("n", s.getN());
        a.put("mean", s.getMean());
        a.put("sd", s.getStandardDeviation());
        ObjectNode ci = a.putObject("interval");
        ci.put("lower", s.getMean() - half);
        ci.put("upper", s.getMean() + half);
        ci.put("level", 1 - alpha);
        ci.put("kind", "confidence");
    }
}
