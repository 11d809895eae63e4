/*---
id: power-means-sample-size
title: Sample size for a revenue test from the historical standard deviation
family: power
methods: [power.means]
language: java
data: ab_checkout.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  How many users per arm are needed to detect a given change in average revenue, order value or
  time spent? The noise level comes from the standard deviation of the metric in historical data,
  which matters far more than the mean: revenue per user is mostly zeros and a few large orders, so
  its standard deviation is large. Solves for the per-arm sample size of a two-sided two-sample t
  test at the chosen alpha and power (standardised effect d = difference / sd), with the power of
  the t test computed from the noncentral t distribution by numerical integration. A pre-period
  covariate (CUPED) would cut the required sample by the factor 1 - rho^2.
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.analysis.integration.SimpsonIntegrator;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;

/** Per-arm sample size of a two-sample t test, exact power from the noncentral t distribution. */
public class PowerMeansSampleSize {

    static final NormalDistribution N01 = new NormalDistribution();

    public static void main(String[] args) throws Exception {
        String metric = args.length > 1 ? args[1] : "revenue";
        double relativeLift = args.length > 2 ? Double.parseDouble(args[2]) : 0.15;
        double alpha = 0.05;
        double power = 0.80;

        SummaryStatistics history = new SummaryStatistics();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord row : csv) {
                if (row.get("variant").equals("control")) {
                    history.addValue(Double.parseDouble(row.get(metric)));
                }
            }
        }
        double difference = relativeLift * history.getMean();
        double d = difference / history.getStandardDeviation();
        double lo = 2, hi = 1e8;
        for (int i = 0; i < 100; i++) {
            double mid = Math.sqrt(lo * hi);
            if (tTestPower(mid, d, alpha) < power) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double normalApprox = 2 * Math.pow((N01.inverseCumulativeProbability(1 - alpha / 2)
                + N01.inverseCumulativeProbability(power)) / d, 2);

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "power");
        result.put("method", "power.means");
        result.put("estimand", "users per arm to detect a " + relativeLift * 100 + "% change in mean " + metric);
        ObjectNode e = result.putArray("estimates").addObject();
        e.put("label", "n per arm");
        e.put("method", "power.means");
        e.put("estimate", hi);
        ObjectNode extra = e.putObject("extra");
        extra.put("n_per_arm_rounded_up", Math.ceil(hi));
        extra.put("n_per_arm_normal_approximation", normalApprox);
        extra.put("baseline_mean", history.getMean());
        extra.put("baseline_sd", history.getStandardDeviation());
        extra.put("absolute_difference", difference);
        extra.put("cohens_d", d);
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    /** Power of the two-sided equal-n two-sample t test: P(|T'| > t_crit), T' noncentral t. */
    static double tTestPower(double nPerArm, double d, double alpha) {
        double df = 2 * nPerArm - 2;
        double ncp = d * Math.sqrt(nPerArm / 2);
        double crit = new TDistribution(df).inverseCumulativeProbability(1 - alpha / 2);
        // T' = (Z + ncp) / sqrt(V/df), V ~ chi2(df): integrate P(|Z + ncp| > crit sqrt(v/df)) over v
        ChiSquaredDistribution chi = new ChiSquaredDistribution(df);
        double lower = Math.max(0, df - 12 * Math.sqrt(2 * df)), upper = df + 12 * Math.sqrt(2 * df);
        return new SimpsonIntegrator(1e-10, 1e-12, 3, 20).integrate(200_000, v -> {
            double c = crit * Math.sqrt(v / df);
            return chi.density(v) * (1 - N01.cumulativeProbability(c - ncp) + N01.cumulativeProbability(-c - ncp));
        }, lower, upper);
    }
}
