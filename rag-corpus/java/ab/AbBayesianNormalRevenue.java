/*---
id: ab-bayesian-normal-revenue
title: Bayesian analysis of revenue per user with a normal model and a skeptical prior
family: ab
methods: [ab.bayesian_normal]
language: java
data: ab_checkout.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  A Bayesian counterpart of the t-test for continuous metrics (revenue per user, basket size,
  watch time). With large samples the difference in means is approximately normal, so a normal
  prior on the true difference gives a normal posterior in closed form. The prior here is
  skeptical: centred on zero with a standard deviation equal to a plausible effect, which pulls
  surprising results from small tests towards "no effect". Reports P(treatment > control), the
  expected loss of shipping the treatment and a 95% credible interval. Assumes a large enough sample
  that the sampling distribution of the mean is normal; heavy-tailed revenue needs more data.
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

/** Normal-normal conjugate model for the difference in mean revenue. */
public class AbBayesianNormalRevenue {

    public static void main(String[] args) throws Exception {
        String armColumn = "variant";
        String outcomeColumn = args.length > 1 ? args[1] : "revenue";
        String control = "control";
        String treatment = "treatment";
        double priorMean = 0.0;
        double priorSd = args.length > 2 ? Double.parseDouble(args[2]) : 2.0;

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
        double diff = t.getMean() - c.getMean();
        double likelihoodVar = t.getVariance() / t.getN() + c.getVariance() / c.getN();
        // precision-weighted combination of prior and data
        double postPrecision = 1 / (priorSd * priorSd) + 1 / likelihoodVar;
        double postVar = 1 / postPrecision;
        double postMean = postVar * (priorMean / (priorSd * priorSd) + diff / likelihoodVar);
        double postSd = Math.sqrt(postVar);
        NormalDistribution std = new NormalDistribution();
        double probBetter = 1 - std.cumulativeProbability(-postMean / postSd);
        // E[max(control - treatment, 0)] under the normal posterior
        double expectedLoss = postSd * std.density(postMean / postSd) - postMean * std.cumulativeProbability(-postMean / postSd);
        double z = std.inverseCumulativeProbability(0.975);

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "ab");
        result.put("method", "ab.bayesian_normal");
        result.put("estimand", "posterior of the difference in mean " + outcomeColumn);
        ObjectNode sizes = result.putObject("sampleSizes");
        sizes.put(control, c.getN());
        sizes.put(treatment, t.getN());
        ObjectNode e = result.putArray("estimates").addObject();
        e.put("label", treatment + " vs " + control);
        e.put("method", "ab.bayesian_normal");
        e.put("estimate", postMean);
        e.put("standardError", postSd);
        ObjectNode ci = e.putObject("interval");
        ci.put("lower", postMean - z * postSd);
        ci.put("upper", postMean + z * postSd);
        ci.put("level", 0.95);
        ci.put("kind", "credible");
        e.put("posteriorProbability", probBetter);
        ObjectNode extra = e.putObject("extra");
        extra.put("expected_loss", expectedLoss);
        extra.put("observed_difference", diff);
        extra.put("prior_sd", priorSd);
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }
}
