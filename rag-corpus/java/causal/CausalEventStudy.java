/*---
id: causal-event-study
title: Event study - dynamic effects and pre-trend check around a launch date
family: causal
methods: [causal.event_study, causal.did]
language: java
data: causal_panel.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  Extends difference-in-differences to one coefficient per period relative to adoption (leads and
  lags), with unit and period fixed effects and unit-clustered standard errors; the period just
  before adoption (-1) is the reference. The lags show how the effect builds up or fades after a
  launch; the leads are a placebo check of parallel trends - coefficients far from zero before
  adoption mean the groups were already diverging (or anticipated the change), and the DiD estimate
  is suspect. This version uses a single adoption cohort against never-treated units, for which the
  regression is clean; with staggered adoption, estimate event-time effects with Callaway-Sant'Anna
  or Sun-Abraham, because TWFE event studies are contaminated by other cohorts' effects.
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.TreeSet;

/** Event-study regression: relative-period dummies, unit and period fixed effects, clustered SEs. */
public class CausalEventStudy {

    public static void main(String[] args) throws Exception {
        int cohort = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        List<CSVRecord> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord r : csv) {
                int g = Integer.parseInt(r.get("first_treated"));
                if (g == 0 || g == cohort) {
                    rows.add(r);
                }
            }
        }
        TreeSet<Integer> periods = new TreeSet<>();
        rows.forEach(r -> periods.add(Integer.parseInt(r.get("period"))));
        List<Integer> relative = new ArrayList<>();
        for (int p : periods) {
            if (p - cohort != -1) {
                relative.add(p - cohort); // -1 is the omitted reference period
            }
        }
        List<String> unitLevels = rows.stream().map(r -> r.get("unit")).distinct().toList();
        List<Integer> periodLevels = new ArrayList<>(periods);
        int n = rows.size();
        int k = relative.size() + 1 + (unitLevels.size() - 1) + (periodLevels.size() - 1);
        double[][] x = new double[n][k];
        double[] y = new double[n];
        String[] cluster = new String[n];
        for (int i = 0; i < n; i++) {
            CSVRecord r = rows.get(i);
            int period = Integer.parseInt(r.get("period"));
            boolean treatedUnit = Integer.parseInt(r.get("first_treated")) == cohort;
            int col = 0;
            for (int rel : relative) {
                x[i][col++] = treatedUnit && period - cohort == rel ? 1 : 0;
            }
            x[i][col++] = 1; // intercept
            int u = unitLevels.indexOf(r.get("unit"));
            if (u > 0) {
                x[i][col + u - 1] = 1;
            }
            col += unitLevels.size() - 1;
            int p = periodLevels.indexOf(period);
            if (p > 0) {
                x[i][col + p - 1] = 1;
            }
            y[i] = Double.parseDouble(r.get("outcome"));
            cluster[i] = r.get("unit");
        }
        double[][] fit = clusterOls(x, y, cluster);
        int g = unitLevels.size();
        TDistribution t = new TDistribution(g - 1);
        double crit = t.inverseCumulativeProbability(0.975);

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "causal");
        result.put("method", "causal.event_study");
        result.put("estimand", "effect by period relative to adoption (reference: period -1)");
        ObjectNode sizes = result.putObject("sampleSizes");
        sizes.put("observations", n);
        sizes.put("units", g);
        ArrayNode list = result.putArray("estimates");
        double maxLeadT = 0;
        for (int j = 0; j < relative.size(); j++) {
            double b = fit[0][j], se = fit[1][j];
            ObjectNode e = list.addObject();
            e.put("label", "relative period " + relative.get(j));
            e.put("method", "causal.event_study");
            e.put("estimate", b);
            e.put("standardError", se);
            ObjectNode ci = e.putObject("interval");
            ci.put("lower", b - crit * se);
            ci.put("upper", b + crit * se);
            ci.put("level", 0.95);
            ci.put("kind", "confidence");
            e.put("pValue", 2 * t.cumulativeProbability(-Math.abs(b / se)));
            if (relative.get(j) < 0) {
                maxLeadT = Math.max(maxLeadT, Math.abs(b / se));
            }
        }
        result.putObject("details").put("max_abs_t_of_leads", maxLeadT);
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
