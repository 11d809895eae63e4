/*---
id: ab-student-t-pooled
title: Student's t-test with pooled variance for average order value
family: ab
methods: [ab.student]
language: java
data: ab_checkout.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  The classic two-sample t-test that pools the variance of both groups. Use it for a continuous
  metric (average order value, minutes watched) when the arms are of similar size and there is no
  reason to expect the treatment to change the spread, or when you must reproduce a legacy report
  that used it. If the arms differ in size and in variance the pooled test has the wrong false
  positive rate; Welch's test is the safer default and costs almost nothing in power. Assumes
  independent users randomised to the arms and a mean that is roughly normal (large samples).
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

/** Two-sample Student t-test (equal variances) of treatment minus control. */
public class AbStudentTTest {

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

        long n1 = t.getN();
        long n0 = c.getN();
        double df = n1 + n0 - 2;
        // one variance estimate shared by both arms
        double pooledVar = ((n1 - 1) * t.getVariance() + (n0 - 1) * c.getVariance()) / df;
        double se = Math.sqrt(pooledVar * (1.0 / n1 + 1.0 / n0));
        double diff = t.getMean() - c.getMean();
        double tStat = diff / se;
        TDistribution dist = new TDistribution(df);
        double p = 2 * dist.cumulativeProbability(-Math.abs(tStat));
        double crit = dist.inverseCumulativeProbability(1 - alpha / 2);

        double lift = t.getMean() / c.getMean() - 1;
        double liftSe = Math.sqrt(t.getVariance() / n1 / (c.getMean() * c.getMean())
                + t.getMean() * t.getMean() * c.getVariance() / n0 / Math.pow(c.getMean(), 4));
        double z = new NormalDistribution().inverseCumulativeProbability(1 - alpha / 2);

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "ab");
        result.put("method", "ab.student");
        result.put("estimand", "difference in mean " + outcomeColumn + " (" + treatment + " - " + control + ")");
        ObjectNode sizes = result.putObject("sampleSizes");
        sizes.put(control, n0);
        sizes.put(treatment, n1);
        ArrayNode arms = result.putArray("arms");
        arm(arms, control, c, alpha);
        arm(arms, treatment, t, alpha);

        ObjectNode e = result.putArray("estimates").addObject();
        e.put("label", treatment + " vs " + control);
        e.put("method", "ab.student");
        e.put("estimate", diff);
        e.put("standardError", se);
        interval(e, diff - crit * se, diff + crit * se, 1 - alpha);
        e.put("pValue", p);
        ObjectNode stat = e.putObject("statistic");
        stat.put("name", "t");
        stat.put("value", tStat);
        stat.put("df", df);
        ObjectNode extra = e.putObject("extra");
        extra.put("relative_lift", lift);
        extra.put("relative_lift_lower", lift - z * liftSe);
        extra.put("relative_lift_upper", lift + z * liftSe);
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    static void interval(ObjectNode parent, double lower, double upper, double level) {
        ObjectNode ci = parent.putObject("interval");
        ci.put("lower", lower);
        ci.put("upper", upper);
        ci.put("level", level);
        ci.put("kind", "confidence");
    }

    static void arm(ArrayNode arms, String name, SummaryStatistics s, double alpha) {
        double half = new TDistribution(s.getN() - 1).inverseCumulativeProbability(1 - alpha / 2)
                * s.getStandardDeviation() / Math.sqrt(s.getN());
        ObjectNode a = arms.addObject();
        a.put("arm", name);
        a.put("n", s.getN());
        a.put("mean", s.getMean());
        a.put("sd", s.getStandardDeviation());
        interval(a, s.getMean() - half, s.getMean() + half, 1 - alpha);
    }
}
