/*---
id: ab-z-test-conversion
title: Two-proportion z-test for a checkout conversion rate
family: ab
methods: [ab.z_proportions]
language: java
data: ab_checkout.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  The standard test for a binary metric such as conversion, click-through, sign-up or retention:
  did the share of users who converted differ between treatment and control? The test statistic
  uses the pooled proportion (the null hypothesis says both rates are equal); the confidence
  interval for the difference uses the unpooled Wald standard error, and a Newcombe (Wilson score)
  interval is added because it behaves better for small rates or small samples. Assumes users are
  randomised and independent, and enough conversions per arm (at least ~10); with fewer use
  Fisher's exact test. Count each user once: per-session conversion violates independence. The
  relative lift (treatment rate / control rate - 1) gets a delta-method interval.
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

/** Two-proportion z-test of treatment minus control with Wald and Newcombe intervals. */
public class AbZTestConversion {

    public static void main(String[] args) throws Exception {
        String armColumn = args.length > 1 ? args[1] : "variant";
        String outcomeColumn = args.length > 2 ? args[2] : "converted";
        String control = args.length > 3 ? args[3] : "control";
        String treatment = args.length > 4 ? args[4] : "treatment";
        double alpha = 0.05;

        long n0 = 0, x0 = 0, n1 = 0, x1 = 0;
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord row : csv) {
                String arm = row.get(armColumn);
                int y = Integer.parseInt(row.get(outcomeColumn));
                if (arm.equals(control)) {
                    n0++;
                    x0 += y;
                } else if (arm.equals(treatment)) {
                    n1++;
                    x1 += y;
                }
            }
        }
        double p0 = (double) x0 / n0;
        double p1 = (double) x1 / n1;
        double diff = p1 - p0;
        NormalDistribution normal = new NormalDistribution();
        double z = normal.inverseCumulativeProbability(1 - alpha / 2);

        // test: pooled proportion under H0 (p1 == p0)
        double pooled = (double) (x0 + x1) / (n0 + n1);
        double sePooled = Math.sqrt(pooled * (1 - pooled) * (1.0 / n0 + 1.0 / n1));
        double zStat = diff / sePooled;
        double p = 2 * normal.cumulativeProbability(-Math.abs(zStat));

        // interval: unpooled Wald, plus Newcombe's hybrid score interval built from Wilson intervals
        double se = Math.sqrt(p0 * (1 - p0) / n0 + p1 * (1 - p1) / n1);
        double[] w0 = wilson(x0, n0, z);
        double[] w1 = wilson(x1, n1, z);
        double newcombeLower = diff - Math.sqrt(Math.pow(p1 - w1[0], 2) + Math.pow(w0[1] - p0, 2));
        double newcombeUpper = diff + Math.sqrt(Math.pow(w1[1] - p1, 2) + Math.pow(p0 - w0[0], 2));

        double lift = p1 / p0 - 1;
        double liftSe = Math.sqrt(p1 * (1 - p1) / n1 / (p0 * p0) + p1 * p1 * p0 * (1 - p0) / n0 / Math.pow(p0, 4));

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "ab");
        result.put("method", "ab.z_proportions");
        result.put("estimand", "difference in " + outcomeColumn + " rate (" + treatment + " - " + control + ")");
        ObjectNode sizes = result.putObject("sampleSizes");
        sizes.put(control, n0);
        sizes.put(treatment, n1);
        ArrayNode arms = result.putArray("arms");
        arm(arms, control, n0, p0, w0, 1 - alpha);
        arm(arms, treatment, n1, p1, w1, 1 - alpha);

        ObjectNode e = result.putArray("estimates").addObject();
        e.put("label", treatment + " vs " + control);
        e.put("method", "ab.z_proportions");
        e.put("estimate", diff);
        e.put("standardError", se);
        interval(e, diff - z * se, diff + z * se, 1 - alpha);
        e.put("pValue", p);
        ObjectNode stat = e.putObject("statistic");
        stat.put("name", "z");
        stat.put("value", zStat);
        ObjectNode extra = e.putObject("extra");
        extra.put("relative_lift", lift);
        extra.put("relative_lift_lower", lift - z * liftSe);
        extra.put("relative_lift_upper", lift + z * liftSe);
        extra.put("newcombe_lower", newcombeLower);
        extra.put("newcombe_upper", newcombeUpper);
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    /** Wilson score interval for x successes out of n. */
    static double[] wilson(long x, long n, double z) {
        double p = (double) x / n;
        double denom = 1 + z * z / n;
        double centre = (p + z * z / (2.0 * n)) / denom;
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / denom;
        return new double[] {centre - half, centre + half};
    }

    static void interval(ObjectNode parent, double lower, double upper, double level) {
        ObjectNode ci = parent.putObject("interval");
        ci.put("lower", lower);
        ci.put("upper", upper);
        ci.put("level", level);
        ci.put("kind", "confidence");
    }

    static void arm(ArrayNode arms, String name, long n, double rate, double[] wilson, double level) {
        ObjectNode a = arms.addObject();
        a.put("arm", name);
        a.put("n", n);
        a.put("mean", rate);
        a.put("sd", Math.sqrt(rate * (1 - rate)));
        interval(a, wilson[0], wilson[1], level);
    }
}
