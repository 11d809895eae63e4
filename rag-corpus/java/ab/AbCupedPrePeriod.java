/*---
id: ab-cuped-variance-reduction
title: CUPED variance reduction with a pre-experiment covariate
family: ab
methods: [ab.cuped, ab.welch]
language: java
data: ab_checkout.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  CUPED (Controlled-experiment Using Pre-Experiment Data, Deng et al. 2013) makes an A/B test on a
  noisy metric such as revenue more sensitive by subtracting the part of each user's outcome that is
  predictable from the same user's behaviour before the experiment started. theta = cov(Y, X) /
  var(X) is estimated on both arms pooled, Y_adj = Y - theta (X - mean(X)), and Welch's t-test is run
  on Y_adj. The estimate stays unbiased because X was measured before randomisation; the standard
  error shrinks by sqrt(1 - rho^2). Pitfalls: the covariate must not be affected by the treatment
  (never use in-experiment data), and new users without history need a filled value (e.g. 0 plus an
  indicator).
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.correlation.Covariance;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.descriptive.moment.Variance;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** CUPED-adjusted Welch test of treatment minus control. */
public class AbCupedPrePeriod {

    public static void main(String[] args) throws Exception {
        String armColumn = "variant";
        String outcomeColumn = args.length > 1 ? args[1] : "revenue";
        String covariateColumn = args.length > 2 ? args[2] : "pre_revenue";
        String control = "control";
        String treatment = "treatment";
        double alpha = 0.05;

        List<double[]> data = new ArrayList<>(); // {treated, y, x}
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord row : csv) {
                String arm = row.get(armColumn);
                if (arm.equals(control) || arm.equals(treatment)) {
                    data.add(new double[] {arm.equals(treatment) ? 1 : 0,
                            Double.parseDouble(row.get(outcomeColumn)), Double.parseDouble(row.get(covariateColumn))});
                }
            }
        }
        double[] y = data.stream().mapToDouble(r -> r[1]).toArray();
        double[] x = data.stream().mapToDouble(r -> r[2]).toArray();
        double theta = new Covariance().covariance(y, x) / new Variance().evaluate(x);
        double meanX = java.util.Arrays.stream(x).average().orElseThrow();

        SummaryStatistics c = new SummaryStatistics(), t = new SummaryStatistics();
        SummaryStatistics rawC = new SummaryStatistics(), rawT = new SummaryStatistics();
        for (double[] r : data) {
            double adjusted = r[1] - theta * (r[2] - meanX);
            (r[0] == 1 ? t : c).addValue(adjusted);
            (r[0] == 1 ? rawT : rawC).addValue(r[1]);
        }
        double vc = c.getVariance() / c.getN(), vt = t.getVariance() / t.getN();
        double diff = t.getMean() - c.getMean();
        double se = Math.sqrt(vc + vt);
        double df = (vc + vt) * (vc + vt) / (vc * vc / (c.getN() - 1) + vt * vt / (t.getN() - 1));
        TDistribution dist = new TDistribution(df);
        double tStat = diff / se;
        double p = 2 * dist.cumulativeProbability(-Math.abs(tStat));
        double crit = dist.inverseCumulativeProbability(1 - alpha / 2);
        double rawVar = rawC.getVariance() / rawC.getN() + rawT.getVariance() / rawT.getN();
        // relative lift against the control mean (adjusted means keep the overall level)
        double lift = t.getMean() / c.getMean() - 1;
        double liftSe = Math.sqrt(vt / (c.getMean() * c.getMean()) + t.getMean() * t.getMean() * vc / Math.pow(c.getMean(), 4));
        double z = new NormalDistribution().inverseCumulativeProbability(1 - alpha / 2);

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "ab");
        result.put("method", "ab.cuped");
        result.put("estimand", "difference in mean " + outcomeColumn + " (" + treatment + " - " + control + ")");
        ObjectNode sizes = result.putObject("sampleSizes");
        sizes.put(control, c.getN());
        sizes.put(treatment, t.getN());
        ObjectNode e = result.putArray("estimates").addObject();
        e.put("label", treatment + " vs " + control);
        e.put("method", "ab.cuped");
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
        extra.put("theta", theta);
        extra.put("variance_reduction", 1 - (vc + vt) / rawVar);
        extra.put("relative_lift", lift);
        extra.put("relative_lift_lower", lift - z * liftSe);
        extra.put("relative_lift_upper", lift + z * liftSe);
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }
}
