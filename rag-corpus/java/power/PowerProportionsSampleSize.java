/*---
id: power-proportions-sample-size
title: Sample size per arm to detect a lift in conversion rate
family: power
methods: [power.proportions]
language: java
data: ab_checkout.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  Before launching a conversion test, how many users does each arm need? Takes the baseline
  conversion rate from historical data (the control users of a past test or last month's traffic),
  the smallest relative lift worth detecting, the significance level and the power, and solves for
  the sample size per arm of a two-sided two-proportion test using Cohen's effect size h (the
  arcsine transform, as statsmodels NormalIndPower with proportion_effectsize). Also converts the
  answer into days of traffic. Pitfalls: small baselines and small lifts need very large samples;
  planning on an optimistic lift gives an underpowered test whose "significant" results exaggerate
  the effect.
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.distribution.NormalDistribution;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** Sample size per arm for a two-sided two-proportion test (Cohen's h, normal approximation). */
public class PowerProportionsSampleSize {

    static final NormalDistribution N01 = new NormalDistribution();

    public static void main(String[] args) throws Exception {
        double relativeLift = args.length > 1 ? Double.parseDouble(args[1]) : 0.10;
        double alpha = 0.05;
        double power = 0.80;

        long users = 0, conversions = 0;
        Set<String> days = new HashSet<>();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord row : csv) {
                days.add(row.get("day"));
                if (row.get("variant").equals("control")) { // baseline = the unchanged experience
                    users++;
                    conversions += Integer.parseInt(row.get("converted"));
                }
            }
        }
        double baseline = (double) conversions / users;
        double target = baseline * (1 + relativeLift);
        double h = 2 * Math.asin(Math.sqrt(target)) - 2 * Math.asin(Math.sqrt(baseline));
        double zAlpha = N01.inverseCumulativeProbability(1 - alpha / 2);

        // solve power(n) = target power by bisection; power counts both rejection tails
        double lo = 2, hi = 1e9;
        for (int i = 0; i < 200; i++) {
            double mid = Math.sqrt(lo * hi);
            if (power(mid, h, zAlpha) < power) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double nPerArm = hi;
        double dailyUsers = 2.0 * users / days.size(); // both arms of the historical test

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "power");
        result.put("method", "power.proportions");
        result.put("estimand", "users per arm to detect a " + relativeLift * 100 + "% relative lift");
        ObjectNode e = result.putArray("estimates").addObject();
        e.put("label", "n per arm");
        e.put("method", "power.proportions");
        e.put("estimate", nPerArm);
        ObjectNode extra = e.putObject("extra");
        extra.put("n_per_arm_rounded_up", Math.ceil(nPerArm));
        extra.put("baseline_rate", baseline);
        extra.put("target_rate", target);
        extra.put("cohens_h", h);
        extra.put("alpha", alpha);
        extra.put("power", power);
        extra.put("days_at_current_traffic", Math.ceil(2 * Math.ceil(nPerArm) / dailyUsers));
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    static double power(double n, double h, double zAlpha) {
        double shift = Math.abs(h) * Math.sqrt(n / 2);
        return N01.cumulativeProbability(shift - zAlpha) + N01.cumulativeProbability(-shift - zAlpha);
    }
}
