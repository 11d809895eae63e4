/*---
id: bandit-thompson-sampling
title: Thompson sampling for headline testing - earn while you learn
family: bandit
methods: [bandit.thompson]
language: java
data: bandit_arms.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  A multi-armed bandit shifts traffic towards the better variants while the test runs instead of
  splitting it evenly until the end, which reduces the cost of showing losing variants (regret).
  Thompson sampling keeps a Beta posterior for each arm's click or conversion rate, draws one
  sample from each posterior for every visitor and shows the arm with the highest draw, so arms are
  chosen with the probability that they are the best. This example simulates visitors from known
  rates (replace the simulator with live traffic) and compares the regret with an even A/B split.
  Use bandits for short-lived decisions (headlines, promotions); for learning an effect size with a
  valid confidence interval a fixed A/B test is better, because adaptive allocation biases naive
  estimates.
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Beta-Bernoulli Thompson sampling on simulated visitors, versus an even split. */
public class BanditThompsonSampling {

    public static void main(String[] args) throws Exception {
        int visitors = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        List<String> arms = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord r : csv) {
                arms.add(r.get("arm"));
                rates.add(Double.parseDouble(r.get("true_rate")));
            }
        }
        int k = arms.size();
        double bestRate = rates.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        RandomGenerator rng = new Well19937c(1234);
        long[] successes = new long[k], failures = new long[k];
        double regret = 0;
        for (int v = 0; v < visitors; v++) {
            int choice = 0;
            double bestDraw = -1;
            for (int a = 0; a < k; a++) {
                double draw = new BetaDistribution(rng, 1 + successes[a], 1 + failures[a]).sample();
                if (draw > bestDraw) {
                    bestDraw = draw;
                    choice = a;
                }
            }
            boolean click = rng.nextDouble() < rates.get(choice);
            if (click) {
                successes[choice]++;
            } else {
                failures[choice]++;
            }
            regret += bestRate - rates.get(choice);
        }
        double evenSplitRegret = 0;
        for (double r : rates) {
            evenSplitRegret += (bestRate - r) * visitors / k;
        }
        // probability each arm is best, from posterior draws
        int draws = 20_000;
        int[] wins = new int[k];
        for (int d = 0; d < draws; d++) {
            int best = 0;
            double top = -1;
            for (int a = 0; a < k; a++) {
                double s = new BetaDistribution(rng, 1 + successes[a], 1 + failures[a]).sample();
                if (s > top) {
                    top = s;
                    best = a;
                }
            }
            wins[best]++;
        }

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "bandit");
        result.put("method", "bandit.thompson");
        result.put("estimand", "posterior click rate per arm after " + visitors + " visitors");
        ObjectNode sizes = result.putObject("sampleSizes");
        ArrayNode list = result.putArray("estimates");
        for (int a = 0; a < k; a++) {
            long n = successes[a] + failures[a];
            sizes.put(arms.get(a), n);
            ObjectNode e = list.addObject();
            e.put("label", arms.get(a));
            e.put("method", "bandit.thompson");
            e.put("estimate", (1.0 + successes[a]) / (2.0 + n));
            e.put("posteriorProbability", (double) wins[a] / draws);
            e.putObject("extra").put("prob_best", (double) wins[a] / draws);
        }
        ObjectNode details = result.putObject("details");
        details.put("cumulative_regret", regret);
        details.put("even_split_regret", evenSplitRegret);
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }
}
