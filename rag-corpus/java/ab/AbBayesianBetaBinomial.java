/*---
id: ab-bayesian-beta-binomial
title: Bayesian A/B test of conversion with Beta-Binomial posteriors
family: ab
methods: [ab.bayesian_beta_binomial]
language: java
data: ab_checkout.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  Answers the question product teams actually ask: "what is the probability that the new version
  converts better than the old one, and how much do we lose if we ship it and are wrong?". Each
  arm's conversion rate gets a Beta(1,1) (uniform) prior that is updated with the observed
  conversions into a Beta posterior; P(treatment > control) is computed exactly (Evan Miller's
  closed-form sum) and the expected loss and a 95% credible interval for the difference by
  Monte Carlo draws with a fixed seed. Assumes independent users and a rate that is constant
  during the test. Pitfall: peeking every day and stopping when the probability crosses 95% still
  inflates wrong decisions; decide the sample size or a loss threshold up front.
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.special.Beta;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Beta-Binomial model with uniform priors: P(treatment > control), expected loss, credible interval. */
public class AbBayesianBetaBinomial {

    public static void main(String[] args) throws Exception {
        String armColumn = args.length > 1 ? args[1] : "variant";
        String outcomeColumn = args.length > 2 ? args[2] : "converted";
        String control = args.length > 3 ? args[3] : "control";
        String treatment = args.length > 4 ? args[4] : "treatment";
        int priorAlpha = 1;
        int priorBeta = 1;

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
        // posteriors Beta(alpha + conversions, beta + non-conversions)
        long aC = priorAlpha + x0, bC = priorBeta + n0 - x0;
        long aT = priorAlpha + x1, bT = priorBeta + n1 - x1;

        // exact P(p_T > p_C) = sum_{i=0}^{aT-1} B(aC+i, bC+bT) / ((bT+i) B(1+i, bT) B(aC, bC))
        double probBetter = 0;
        for (long i = 0; i < aT; i++) {
            probBetter += Math.exp(Beta.logBeta(aC + i, bC + bT) - Math.log(bT + i)
                    - Beta.logBeta(1 + i, bT) - Beta.logBeta(aC, bC));
        }

        // Monte Carlo for the expected loss and the credible interval of the difference
        int draws = 100_000;
        BetaDistribution postC = new BetaDistribution(new Well19937c(20261122L), aC, bC);
        BetaDistribution postT = new BetaDistribution(new Well19937c(20261123L), aT, bT);
        double[] diffs = new double[draws];
        double loss = 0;
        for (int k = 0; k < draws; k++) {
            double pc = postC.sample();
            double pt = postT.sample();
            diffs[k] = pt - pc;
            loss += Math.max(pc - pt, 0);
        }
        Arrays.sort(diffs);
        double meanDiff = (double) aT / (aT + bT) - (double) aC / (aC + bC);

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "ab");
        result.put("method", "ab.bayesian_beta_binomial");
        result.put("estimand", "posterior of the difference in " + outcomeColumn + " rate");
        ObjectNode sizes = result.putObject("sampleSizes");
        sizes.put(control, n0);
        sizes.put(treatment, n1);
        ObjectNode e = result.putArray("estimates").addObject();
        e.put("label", treatment + " vs " + control);
        e.put("method", "ab.bayesian_beta_binomial");
        e.put("estimate", meanDiff);
        ObjectNode ci = e.putObject("interval");
        ci.put("lower", diffs[(int) (0.025 * draws)]);
        ci.put("upper", diffs[(int) (0.975 * draws) - 1]);
        ci.put("level", 0.95);
        ci.put("kind", "credible");
        e.put("posteriorProbability", probBetter);
        ObjectNode extra = e.putObject("extra");
        extra.put("expected_loss", loss / draws);
        extra.put("prior_alpha", priorAlpha);
        extra.put("prior_beta", priorBeta);
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }
}
