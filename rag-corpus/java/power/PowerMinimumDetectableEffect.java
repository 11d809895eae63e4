/*---
id: power-mde-fixed-traffic
title: Minimum detectable effect for a test with fixed traffic and duration
family: power
methods: [power.mde]
language: java
data: ab_checkout.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  The reverse of a sample-size calculation: traffic is what it is, so what is the smallest effect
  this test can reliably detect if it runs for one, two, three or four weeks? For a conversion rate
  and for revenue per user it computes the minimum detectable effect (absolute and relative) at
  alpha 0.05 and 80% power from the historical daily traffic, baseline rate and standard deviation,
  using MDE = (z_{1-alpha/2} + z_{power}) * sqrt(var_treatment/n_t + var_control/n_c). If the MDE is
  larger than any plausible effect, the test is not worth running as designed: extend it, pool
  pages, use a more sensitive metric or CUPED.
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
import java.util.HashSet;
import java.util.Set;

/** MDE table by test duration for a conversion rate and a continuous metric. */
public class PowerMinimumDetectableEffect {

    public static void main(String[] args) throws Exception {
        double alpha = 0.05, power = 0.80, treatedShare = 0.5;
        SummaryStatistics conversion = new SummaryStatistics();
        SummaryStatistics revenue = new SummaryStatistics();
        Set<String> days = new HashSet<>();
        long rows = 0;
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord row : csv) {
                rows++;
                days.add(row.get("day"));
                if (row.get("variant").equals("control")) {
                    conversion.addValue(Double.parseDouble(row.get("converted")));
                    revenue.addValue(Double.parseDouble(row.get("revenue")));
                }
            }
        }
        double dailyUsers = (double) rows / days.size();
        NormalDistribution n01 = new NormalDistribution();
        double multiplier = n01.inverseCumulativeProbability(1 - alpha / 2) + n01.inverseCumulativeProbability(power);
        double p = conversion.getMean();

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "power");
        result.put("method", "power.mde");
        result.put("estimand", "minimum detectable effect at alpha " + alpha + " and power " + power);
        ArrayNode estimates = result.putArray("estimates");
        for (int weeks = 1; weeks <= 4; weeks++) {
            double n = dailyUsers * 7 * weeks;
            double nT = n * treatedShare, nC = n * (1 - treatedShare);
            double mdeConversion = multiplier * Math.sqrt(p * (1 - p) * (1 / nT + 1 / nC));
            double mdeRevenue = multiplier * revenue.getStandardDeviation() * Math.sqrt(1 / nT + 1 / nC);
            ObjectNode c = estimates.addObject();
            c.put("label", "converted, " + weeks + " week(s)");
            c.put("method", "power.mde");
            c.put("estimate", mdeConversion);
            ObjectNode ce = c.putObject("extra");
            ce.put("relative_mde", mdeConversion / p);
            ce.put("users_total", n);
            ObjectNode r = estimates.addObject();
            r.put("label", "revenue, " + weeks + " week(s)");
            r.put("method", "power.mde");
            r.put("estimate", mdeRevenue);
            ObjectNode re = r.putObject("extra");
            re.put("relative_mde", mdeRevenue / revenue.getMean());
            re.put("users_total", n);
        }
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }
}
