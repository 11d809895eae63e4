/*---
id: ab-post-stratification
title: Post-stratified A/B estimate by country
family: ab
methods: [ab.post_stratification]
language: java
data: ab_checkout.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  When users come from segments with very different baselines (countries, platforms, new versus
  returning), estimating the treatment effect inside each segment and averaging with the segment's
  share of all users removes the noise caused by chance imbalances in the segment mix between arms.
  The estimand is still the overall average effect, and the variance is the weighted sum of
  within-stratum variances, which is smaller than the plain difference in means when segments
  differ a lot. The strata must be defined before treatment (never by something the treatment could
  change), and every stratum needs users in both arms; merge tiny strata first.
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Post-stratification estimator: stratum-size weighted average of within-stratum differences. */
public class AbPostStratification {

    public static void main(String[] args) throws Exception {
        String armColumn = "variant";
        String outcomeColumn = args.length > 1 ? args[1] : "revenue";
        String strataColumn = args.length > 2 ? args[2] : "country";
        String control = "control";
        String treatment = "treatment";
        double alpha = 0.05;

        Map<String, SummaryStatistics[]> strata = new TreeMap<>(); // stratum -> {control, treatment}
        long total = 0;
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord row : csv) {
                String arm = row.get(armColumn);
                if (!arm.equals(control) && !arm.equals(treatment)) {
                    continue;
                }
                SummaryStatistics[] s = strata.computeIfAbsent(row.get(strataColumn),
                        k -> new SummaryStatistics[] {new SummaryStatistics(), new SummaryStatistics()});
                s[arm.equals(treatment) ? 1 : 0].addValue(Double.parseDouble(row.get(outcomeColumn)));
                total++;
            }
        }
        double estimate = 0, variance = 0;
        ObjectMapper json = new ObjectMapper();
        ObjectNode perStratum = json.createObjectNode();
        for (var entry : strata.entrySet()) {
            SummaryStatistics c = entry.getValue()[0], t = entry.getValue()[1];
            if (c.getN() < 2 || t.getN() < 2) {
                throw new IllegalArgumentException("stratum '" + entry.getKey()
                        + "' has fewer than 2 users in an arm; merge it with a neighbouring stratum");
            }
            double w = (double) (c.getN() + t.getN()) / total;
            double d = t.getMean() - c.getMean();
            estimate += w * d;
            variance += w * w * (t.getVariance() / t.getN() + c.getVariance() / c.getN());
            perStratum.put(entry.getKey(), d);
        }
        double se = Math.sqrt(variance);
        NormalDistribution normal = new NormalDistribution();
        double z = normal.inverseCumulativeProbability(1 - alpha / 2);

        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "ab");
        result.put("method", "ab.post_stratification");
        result.put("estimand", "difference in mean " + outcomeColumn + " (" + treatment + " - " + control + ")");
        ObjectNode e = result.putArray("estimates").addObject();
        e.put("label", treatment + " vs " + control);
        e.put("method", "ab.post_stratification");
        e.put("estimate", estimate);
        e.put("standardError", se);
        ObjectNode ci = e.putObject("interval");
        ci.put("lower", estimate - z * se);
        ci.put("upper", estimate + z * se);
        ci.put("level", 1 - alpha);
        ci.put("kind", "confidence");
        e.put("pValue", 2 * normal.cumulativeProbability(-Math.abs(estimate / se)));
        ObjectNode stat = e.putObject("statistic");
        stat.put("name", "z");
        stat.put("value", estimate / se);
        result.putObject("details").set("difference_by_stratum", perStratum);
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }
}
