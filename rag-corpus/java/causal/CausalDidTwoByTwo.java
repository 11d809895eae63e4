/*---
id: causal-did-two-by-two
title: Difference-in-differences, treated vs comparison group before and after a policy
family: causal
methods: [causal.did]
language: java
data: causal_panel.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  The canonical 2x2 difference-in-differences: compare how the outcome changed from before to after
  a policy or launch in the units that got it (stores, regions, states, user cohorts) with how it
  changed over the same time in units that did not. Estimated by the regression y = a + b treated +
  c post + d treated x post, where d is the effect on the treated; standard errors are clustered by
  unit because outcomes of the same unit are correlated over time (ignoring this overstates
  precision badly). The key assumption is parallel trends: without the policy both groups would
  have moved in parallel - check pre-period trends with an event study. Units treated at different
  times need a staggered design instead.
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** 2x2 DiD regression with unit-clustered standard errors (one adoption date, never-treated comparison). */
public class CausalDidTwoByTwo {

    public static void main(String[] args) throws Exception {
        int policyPeriod = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        List<double[]> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        List<String> units = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord r : csv) {
                int cohort = Integer.parseInt(r.get("first_treated"));
                if (cohort != 0 && cohort != policyPeriod) {
                    continue; // keep the cohort adopting at policyPeriod and the never-treated units
                }
                double treated = cohort == policyPeriod ? 1 : 0;
                double post = Integer.parseInt(r.get("period")) >= policyPeriod ? 1 : 0;
                x.add(new double[] {1, treated, post, treated * post});
                y.add(Double.parseDouble(r.get("outcome")));
                units.add(r.get("unit"));
            }
        }
        double[][] fit = clusterOls(x.toArray(new double[0][]), y.stream().mapToDouble(Double::doubleValue).toArray(),
                units.toArray(new String[0]));
        double did = fit[0][3], se = fit[1][3];
        long clusters = units.stream().distinct().count();
        TDistribution t = new TDistribution(clusters - 1);
        double crit = t.inverseCumulativeProbability(0.975);

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "causal");
        result.put("method", "causal.did");
        result.put("estimand", "ATT: average post-period effect on units adopting in period " + policyPeriod);
        ObjectNode sizes = result.putObject("sampleSizes");
        sizes.put("observations", y.size());
        sizes.put("units", clusters);
        ObjectNode e = result.putArray("estimates").addObject();
        e.put("label", "ATT (treated x post)");
        e.put("method", "causal.did");
        e.put("estimate", did);
        e.put("standardError", se);
        ObjectNode ci = e.putObject("interval");
        ci.put("lower", did - crit * se);
        ci.put("upper", did + crit * se);
        ci.put("level", 0.95);
        ci.put("kind", "confidence");
        e.put("pValue", 2 * t.cumulativeProbability(-Math.abs(did / se)));
        ObjectNode stat = e.putObject("statistic");
        stat.put("name", "t");
        stat.put("value", did / se);
        stat.put("df", (double) (clusters - 1));
        ObjectNode details = result.putObject("details");
        details.put("pre_period_gap", fit[0][1]);
        details.put("common_time_change", fit[0][2]);
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    /** OLS coefficients and cluster-robust (CR1, small-sample factor G/(G-1)) standard errors. */
    static double[][] clusterOls(double[][] x, double[] y, String[] cluster) {
        int n = x.length, k = x[0].length;
        RealMatrix design = new Array2DRowRealMatrix(x, false);
        RealMatrix bread = new LUDecomposition(design.transpose().multiply(design)).getSolver().getInverse();
        double[] beta = bread.operate(design.transpose().operate(y));
        Map<String, double[]> scores = new HashMap<>();
        for (int i = 0; i < n; i++) {
            double e = y[i];
            for (int a = 0; a < k; a++) {
                e -= x[i][a] * beta[a];
            }
            double[] s = scores.computeIfAbsent(cluster[i], c -> new double[k]);
            for (int a = 0; a < k; a++) {
                s[a] += x[i][a] * e;
            }
        }
        RealMatrix meat = new Array2DRowRealMatrix(k, k);
        for (double[] s : scores.values()) {
            meat = meat.add(new Array2DRowRealMatrix(s).multiply(new Array2DRowRealMatrix(s).transpose()));
        }
        double g = scores.size();
        RealMatrix cov = bread.multiply(meat).multiply(bread).scalarMultiply(g / (g - 1));
        double[] se = new double[k];
        for (int a = 0; a < k; a++) {
            se[a] = Math.sqrt(cov.getEntry(a, a));
        }
        return new double[][] {beta, se};
    }
}
