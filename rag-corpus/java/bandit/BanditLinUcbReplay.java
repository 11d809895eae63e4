/*---
id: bandit-linucb-offline-replay
title: Contextual bandit (LinUCB) evaluated offline by replaying logged random traffic
family: bandit
methods: [bandit.linucb]
language: java
data: bandit_logged.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  When the best offer depends on who is visiting (mobile or desktop, new or returning), a
  contextual bandit learns a policy instead of a single winner. LinUCB (Li et al. 2010) fits a
  ridge regression of reward on context features for each offer and picks the offer with the
  highest upper confidence bound x'theta + alpha sqrt(x' A^-1 x). Before going live, the policy is
  evaluated offline with the replay method on logs collected under uniformly random assignment:
  step through the log, and whenever the policy would have chosen the logged offer, count the
  logged reward and let the policy learn from it. The replayed click-through rate is unbiased only
  if logging was uniformly random; it is compared with the logging policy and the best single offer.
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Disjoint LinUCB with replay evaluation on uniformly logged data. */
public class BanditLinUcbReplay {

    public static void main(String[] args) throws Exception {
        double alpha = args.length > 1 ? Double.parseDouble(args[1]) : 0.1;
        List<CSVRecord> log;
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            log = csv.getRecords();
        }
        List<String> offers = log.stream().map(r -> r.get("offer")).distinct().sorted().toList();
        int k = offers.size(), d = 3;
        RealMatrix[] a = new RealMatrix[k];
        RealVector[] b = new RealVector[k];
        for (int i = 0; i < k; i++) {
            a[i] = MatrixUtils.createRealIdentityMatrix(d);
            b[i] = MatrixUtils.createRealVector(new double[d]);
        }
        double matchedReward = 0, loggedReward = 0;
        int matched = 0;
        Map<String, double[]> perOffer = new TreeMap<>(); // offer -> {clicks, shows}
        for (CSVRecord r : log) {
            RealVector x = MatrixUtils.createRealVector(new double[] {1,
                    Double.parseDouble(r.get("mobile")), Double.parseDouble(r.get("returning"))});
            double reward = Double.parseDouble(r.get("clicked"));
            loggedReward += reward;
            double[] stats = perOffer.computeIfAbsent(r.get("offer"), o -> new double[2]);
            stats[0] += reward;
            stats[1]++;
            int choice = 0;
            double best = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < k; i++) {
                RealMatrix inv = new LUDecomposition(a[i]).getSolver().getInverse();
                RealVector theta = inv.operate(b[i]);
                double ucb = x.dotProduct(theta) + alpha * Math.sqrt(x.dotProduct(inv.operate(x)));
                if (ucb > best) {
                    best = ucb;
                    choice = i;
                }
            }
            // replay: only events where the policy agrees with the log are usable
            if (offers.get(choice).equals(r.get("offer"))) {
                matched++;
                matchedReward += reward;
                a[choice] = a[choice].add(x.outerProduct(x));
                b[choice] = b[choice].add(x.mapMultiply(reward));
            }
        }
        double bestSingle = perOffer.values().stream().mapToDouble(s -> s[0] / s[1]).max().orElseThrow();

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "bandit");
        result.put("method", "bandit.linucb");
        result.put("estimand", "click-through rate of the LinUCB policy (replay estimate)");
        ObjectNode sizes = result.putObject("sampleSizes");
        sizes.put("logged_events", log.size());
        sizes.put("replayed_events", matched);
        ArrayNode list = result.putArray("estimates");
        ObjectNode e = list.addObject();
        e.put("label", "LinUCB (alpha = " + alpha + ")");
        e.put("method", "bandit.linucb");
        e.put("estimate", matchedReward / matched);
        double se = Math.sqrt(matchedReward / matched * (1 - matchedReward / matched) / matched);
        e.put("standardError", se);
        ObjectNode extra = e.putObject("extra");
        extra.put("logging_policy_ctr", loggedReward / log.size());
        extra.put("best_single_offer_ctr", bestSingle);
        ObjectNode coefficients = result.putObject("details").putObject("theta");
        for (int i = 0; i < k; i++) {
            double[] theta = new LUDecomposition(a[i]).getSolver().getInverse().operate(b[i]).toArray();
            ArrayNode arr = coefficients.putArray(offers.get(i));
            for (double v : theta) {
                arr.add(v);
            }
        }
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }
}
