/*---
id: bandit-ucb-epsilon-greedy
title: UCB1 versus epsilon-greedy - comparing bandit policies by simulated regret
family: bandit
methods: [bandit.ucb, bandit.epsilon_greedy]
language: java
data: bandit_arms.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  Two classic bandit policies for allocating traffic among variants. Epsilon-greedy shows the
  currently best arm most of the time and a random arm with probability epsilon (here 10%), which is
  simple but keeps wasting epsilon of the traffic on bad arms forever. UCB1 (upper confidence bound)
  shows the arm with the highest optimistic estimate, mean plus sqrt(2 ln t / n), so rarely tried
  arms get explored and the exploration fades automatically; its regret grows only logarithmically
  in the long run, but with click rates of a few percent its exploration bonus dominates for tens of
  thousands of visitors, as this simulation shows. The example averages cumulative regret over
  repeated simulations from the arm rates in the data file to compare the policies fairly; in
  production, delayed feedback and changing rates (seasonality) favour randomised policies such as
  Thompson sampling.
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Average cumulative regret of UCB1 and epsilon-greedy over repeated simulations. */
public class BanditUcbEpsilonGreedy {

    public static void main(String[] args) throws Exception {
        int horizon = 10_000, repetitions = 20;
        double epsilon = 0.10;
        List<Double> rates = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord r : csv) {
                rates.add(Double.parseDouble(r.get("true_rate")));
            }
        }
        double[] p = rates.stream().mapToDouble(Double::doubleValue).toArray();
        SummaryStatistics ucb = new SummaryStatistics(), greedy = new SummaryStatistics();
        SummaryStatistics ucbBestShare = new SummaryStatistics(), greedyBestShare = new SummaryStatistics();
        for (int rep = 0; rep < repetitions; rep++) {
            double[] u = run(p, horizon, new Well19937c(100 + rep), true, epsilon);
            double[] g = run(p, horizon, new Well19937c(100 + rep), false, epsilon);
            ucb.addValue(u[0]);
            ucbBestShare.addValue(u[1]);
            greedy.addValue(g[0]);
            greedyBestShare.addValue(g[1]);
        }

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "bandit");
        result.put("method", "bandit.ucb");
        result.put("estimand", "mean cumulative regret after " + horizon + " visitors (" + repetitions + " runs)");
        ArrayNode list = result.putArray("estimates");
        add(list, "UCB1", "bandit.ucb", ucb, ucbBestShare);
        add(list, "epsilon-greedy (epsilon = " + epsilon + ")", "bandit.epsilon_greedy", greedy, greedyBestShare);
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    static void add(ArrayNode list, String label, String method, SummaryStatistics regret, SummaryStatistics share) {
        ObjectNode e = list.addObject();
        e.put("label", label);
        e.put("method", method);
        e.put("estimate", regret.getMean());
        e.put("standardError", regret.getStandardDeviation() / Math.sqrt(regret.getN()));
        e.putObject("extra").put("share_of_traffic_on_best_arm", share.getMean());
    }

    /** One simulation: {cumulative regret, share of pulls on the best arm}. */
    static double[] run(double[] p, int horizon, RandomGenerator rng, boolean useUcb, double epsilon) {
        int k = p.length, bestArm = 0;
        for (int a = 1; a < k; a++) {
            bestArm = p[a] > p[bestArm] ? a : bestArm;
        }
        long[] pulls = new long[k];
        double[] rewards = new double[k];
        double regret = 0;
        for (int t = 0; t < horizon; t++) {
            int choice;
            if (t < k) {
                choice = t; // play each arm once
            } else if (useUcb) {
                choice = 0;
                double best = Double.NEGATIVE_INFINITY;
                for (int a = 0; a < k; a++) {
                    double index = rewards[a] / pulls[a] + Math.sqrt(2 * Math.log(t) / pulls[a]);
                    if (index > best) {
                        best = index;
                        choice = a;
                    }
                }
            } else if (rng.nextDouble() < epsilon) {
                choice = rng.nextInt(k);
            } else {
                choice = 0;
                for (int a = 1; a < k; a++) {
                    choice = rewards[a] / pulls[a] > rewards[choice] / pulls[choice] ? a : choice;
                }
            }
            pulls[choice]++;
            rewards[choice] += rng.nextDouble() < p[choice] ? 1 : 0;
            regret += p[bestArm] - p[choice];
        }
        return new double[] {regret, (double) pulls[bestArm] / horizon};
    }
}
