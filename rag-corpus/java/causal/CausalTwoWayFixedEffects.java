/*---
id: causal-twfe-did
title: Two-way fixed effects difference-in-differences on a panel (and why it fails with staggered timing)
family: causal
methods: [causal.did]
language: java
data: causal_panel.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  The regression many analysts run for panel data: outcome on a treatment-status dummy with unit
  fixed effects (each store or state has its own level) and period fixed effects (shocks common to
  everyone), fitted here by two-way demeaning of a balanced panel, with standard errors clustered
  by unit. With one adoption date it equals the 2x2 difference-in-differences. When units adopt at
  different times AND effects grow or differ across cohorts, the TWFE coefficient is a weighted
  average that uses already-treated units as controls and can even have the wrong sign
  (Goodman-Bacon 2021); use Callaway-Sant'Anna or another heterogeneity-robust estimator instead,
  and keep TWFE only as a comparison.
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.distribution.TDistribution;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** TWFE DiD: within (unit and period demeaned) regression with unit-clustered standard errors. */
public class CausalTwoWayFixedEffects {

    public static void main(String[] args) throws Exception {
        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            rows = csv.getRecords();
        }
        int n = rows.size();
        String[] unit = new String[n];
        String[] period = new String[n];
        double[] d = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            unit[i] = rows.get(i).get("unit");
            period[i] = rows.get(i).get("period");
            d[i] = Double.parseDouble(rows.get(i).get("treated"));
            y[i] = Double.parseDouble(rows.get(i).get("outcome"));
        }
        // balanced panel: x_it - mean_i - mean_t + grand mean removes both sets of fixed effects
        double[] dt = demean(d, unit, period), yt = demean(y, unit, period);
        double sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += dt[i] * dt[i];
            sxy += dt[i] * yt[i];
        }
        double beta = sxy / sxx;
        Map<String, Double> score = new HashMap<>();
        for (int i = 0; i < n; i++) {
            score.merge(unit[i], dt[i] * (yt[i] - beta * dt[i]), Double::sum);
        }
        double meat = score.values().stream().mapToDouble(s -> s * s).sum();
        double g = score.size();
        double se = Math.sqrt(meat / (sxx * sxx) * g / (g - 1));
        TDistribution t = new TDistribution(g - 1);
        double crit = t.inverseCumulativeProbability(0.975);

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "causal");
        result.put("method", "causal.did");
        result.put("estimand", "TWFE coefficient on treatment status (a weighted average of cohort effects)");
        ObjectNode sizes = result.putObject("sampleSizes");
        sizes.put("observations", n);
        sizes.put("units", (long) g);
        ObjectNode e = result.putArray("estimates").addObject();
        e.put("label", "TWFE treatment coefficient");
        e.put("method", "causal.did");
        e.put("estimate", beta);
        e.put("standardError", se);
        ObjectNode ci = e.putObject("interval");
        ci.put("lower", beta - crit * se);
        ci.put("upper", beta + crit * se);
        ci.put("level", 0.95);
        ci.put("kind", "confidence");
        e.put("pValue", 2 * t.cumulativeProbability(-Math.abs(beta / se)));
        ObjectNode stat = e.putObject("statistic");
        stat.put("name", "t");
        stat.put("value", beta / se);
        stat.put("df", g - 1);
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    static double[] demean(double[] v, String[] unit, String[] period) {
        Map<String, double[]> byUnit = new HashMap<>(), byPeriod = new HashMap<>();
        double grand = 0;
        for (int i = 0; i < v.length; i++) {
            double[] u = byUnit.computeIfAbsent(unit[i], k -> new double[2]);
            u[0] += v[i];
            u[1]++;
            double[] p = byPeriod.computeIfAbsent(period[i], k -> new double[2]);
            p[0] += v[i];
            p[1]++;
            grand += v[i];
        }
        grand /= v.length;
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double[] u = byUnit.get(unit[i]), p = byPeriod.get(period[i]);
            out[i] = v[i] - u[0] / u[1] - p[0] / p[1] + grand;
        }
        return out;
    }
}
