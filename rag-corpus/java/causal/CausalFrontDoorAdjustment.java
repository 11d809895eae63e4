/*---
id: causal-frontdoor-adjustment
title: Front-door adjustment - effect of seeing an ad through site visits despite hidden confounding
family: causal
methods: [causal.frontdoor]
language: java
data: causal_frontdoor.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  When an unmeasured factor (say, a user's interest in the product) drives both the treatment (who
  sees an ad) and the outcome (purchases), backdoor adjustment fails. Pearl's front-door criterion
  still identifies the effect if the treatment acts ONLY through a measured mediator (site visits),
  the mediator is not confounded with the treatment, and everything confounding the mediator and
  the outcome is blocked by the treatment. With linear models the front-door estimate is the effect
  of treatment on mediator (regress visits on ad) times the effect of the mediator on the outcome
  holding treatment fixed (regress purchases on visits and ad). Bootstrap standard error. The naive
  comparison is printed for contrast; the assumptions are strong and untestable, so argue them.
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Linear front-door estimator (product of two regressions) with a bootstrap standard error. */
public class CausalFrontDoorAdjustment {

    public static void main(String[] args) throws Exception {
        String treatment = "saw_ad", mediator = "site_visits", outcome = "purchases";
        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            rows = csv.getRecords();
        }
        int n = rows.size();
        double[] t = new double[n], m = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = Double.parseDouble(rows.get(i).get(treatment));
            m[i] = Double.parseDouble(rows.get(i).get(mediator));
            y[i] = Double.parseDouble(rows.get(i).get(outcome));
        }
        double effect = frontDoor(t, m, y);
        Well19937c rng = new Well19937c(11);
        SummaryStatistics boot = new SummaryStatistics();
        for (int b = 0; b < 500; b++) {
            double[] bt = new double[n], bm = new double[n], by = new double[n];
            for (int i = 0; i < n; i++) {
                int k = rng.nextInt(n);
                bt[i] = t[k];
                bm[i] = m[k];
                by[i] = y[k];
            }
            boot.addValue(frontDoor(bt, bm, by));
        }
        SummaryStatistics treated = new SummaryStatistics(), untreated = new SummaryStatistics();
        for (int i = 0; i < n; i++) {
            (t[i] == 1 ? treated : untreated).addValue(y[i]);
        }
        double se = boot.getStandardDeviation();

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "causal");
        result.put("method", "causal.frontdoor");
        result.put("estimand", "ATE of " + treatment + " on " + outcome + " identified through " + mediator);
        result.putObject("sampleSizes").put("n", n);
        ArrayNode list = result.putArray("estimates");
        ObjectNode est = list.addObject();
        est.put("label", "ATE (front-door)");
        est.put("method", "causal.frontdoor");
        est.put("estimate", effect);
        est.put("standardError", se);
        ObjectNode ci = est.putObject("interval");
        ci.put("lower", effect - 1.959963984540054 * se);
        ci.put("upper", effect + 1.959963984540054 * se);
        ci.put("level", 0.95);
        ci.put("kind", "confidence");
        result.putObject("details").put("naive_difference_in_means", treated.getMean() - untreated.getMean());
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    /** (effect of T on M) x (effect of M on Y given T). */
    static double frontDoor(double[] t, double[] m, double[] y) {
        OLSMultipleLinearRegression first = new OLSMultipleLinearRegression();
        double[][] tx = new double[t.length][];
        double[][] mtx = new double[t.length][];
        for (int i = 0; i < t.length; i++) {
            tx[i] = new double[] {t[i]};
            mtx[i] = new double[] {m[i], t[i]};
        }
        first.newSampleData(m, tx);
        OLSMultipleLinearRegression second = new OLSMultipleLinearRegression();
        second.newSampleData(y, mtx);
        return first.estimateRegressionParameters()[1] * second.estimateRegressionParameters()[1];
    }
}
