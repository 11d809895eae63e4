/*---
id: ab-group-sequential-obf
title: Group sequential test with O'Brien-Fleming alpha spending and planned interim looks
family: ab
methods: [ab.group_sequential]
language: java
data: ab_checkout.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  For experiments where you want to stop early for a clear win but still control the false
  positive rate: plan K interim analyses (here 5, at equal fractions of the maximum sample size)
  and compare the z statistic at each look with a boundary from the Lan-DeMets O'Brien-Fleming
  alpha-spending function (one-sided alpha 0.025). Early boundaries are very strict, so the final
  look keeps almost the full alpha. Boundaries are computed by numerical integration of the joint
  distribution of the sequential z statistics. Reports the look where the boundary was crossed, the
  stage-wise-ordering p-value and the repeated confidence interval. Pitfalls: the estimate at an
  early stop is biased upwards (winner's curse), and looks must follow the plan, not the data.
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.distribution.NormalDistribution;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Lan-DeMets O'Brien-Fleming group sequential analysis of a conversion test (one-sided). */
public class AbGroupSequentialObrienFleming {

    static final NormalDistribution N01 = new NormalDistribution();
    static final int GRID = 600;
    static final double LOW = -10;

    public static void main(String[] args) throws Exception {
        String armColumn = "variant";
        String outcomeColumn = args.length > 1 ? args[1] : "converted";
        String control = "control";
        String treatment = "treatment";
        int looks = 5;
        double alpha = 0.025; // one-sided

        List<CSVRecord> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            csv.forEach(rows::add); // rows are in arrival order
        }
        int maxN = rows.size();
        double[] fractions = new double[looks];
        for (int k = 0; k < looks; k++) {
            fractions[k] = (k + 1.0) / looks;
        }
        double[] bounds = obrienFlemingBounds(fractions, alpha);

        ObjectMapper json = new ObjectMapper();
        ArrayNode lookNodes = json.createArrayNode();
        double diff = 0, se = 0, z = 0;
        int stopLook = looks - 1;
        for (int k = 0; k < looks; k++) {
            int upTo = (int) Math.round(fractions[k] * maxN);
            double n0 = 0, s0 = 0, n1 = 0, s1 = 0;
            for (CSVRecord row : rows.subList(0, upTo)) {
                double y = Double.parseDouble(row.get(outcomeColumn));
                if (row.get(armColumn).equals(control)) {
                    n0++;
                    s0 += y;
                } else if (row.get(armColumn).equals(treatment)) {
                    n1++;
                    s1 += y;
                }
            }
            double p0 = s0 / n0, p1 = s1 / n1;
            diff = p1 - p0;
            se = Math.sqrt(p0 * (1 - p0) / n0 + p1 * (1 - p1) / n1);
            z = diff / se;
            ObjectNode look = lookNodes.addObject();
            look.put("look", k + 1);
            look.put("information_fraction", fractions[k]);
            look.put("n", upTo);
            look.put("z", z);
            look.put("boundary_z", bounds[k]);
            if (z >= bounds[k]) {
                stopLook = k;
                break;
            }
        }
        double pValue = stagewisePValue(fractions, bounds, stopLook, z);

        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "ab");
        result.put("method", "ab.group_sequential");
        result.put("estimand", "difference in " + outcomeColumn + " rate (" + treatment + " - " + control + ")");
        ObjectNode e = result.putArray("estimates").addObject();
        e.put("label", treatment + " vs " + control);
        e.put("method", "ab.group_sequential");
        e.put("estimate", diff);
        e.put("standardError", se);
        ObjectNode ci = e.putObject("interval");
        ci.put("lower", diff - bounds[stopLook] * se); // one-sided repeated confidence bound
        ci.put("upper", Double.POSITIVE_INFINITY);
        ci.put("level", 1 - alpha);
        ci.put("kind", "repeated_confidence");
        e.put("pValue", pValue);
        ObjectNode stat = e.putObject("statistic");
        stat.put("name", "z");
        stat.put("value", z);
        ObjectNode extra = e.putObject("extra");
        extra.put("look", stopLook + 1);
        extra.put("boundary_z", bounds[stopLook]);
        extra.put("information_fraction", fractions[stopLook]);
        result.putObject("details").set("looks", lookNodes);
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    /** Lan-DeMets O'Brien-Fleming spending: alpha(t) = 2 - 2 Phi(z_{1-alpha/2} / sqrt(t)). */
    static double spent(double t, double alpha) {
        return 2 - 2 * N01.cumulativeProbability(N01.inverseCumulativeProbability(1 - alpha / 2) / Math.sqrt(t));
    }

    /** Efficacy boundaries so that the null crossing probability at look k equals the alpha spent there. */
    static double[] obrienFlemingBounds(double[] t, double alpha) {
        double[] b = new double[t.length];
        b[0] = N01.inverseCumulativeProbability(1 - spent(t[0], alpha));
        double[][] density = initialDensity(b[0]);
        for (int k = 1; k < t.length; k++) {
            double target = spent(t[k], alpha) - spent(t[k - 1], alpha);
            double lo = 0, hi = 10;
            for (int it = 0; it < 60; it++) { // bisection on the boundary
                double mid = (lo + hi) / 2;
                if (crossing(density, t[k - 1], t[k], mid) > target) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            b[k] = (lo + hi) / 2;
            density = propagate(density, t[k - 1], t[k], b[k]);
        }
        return b;
    }

    /** Stage-wise ordering p-value: alpha spent before the stopping look plus P(reach it and Z >= z). */
    static double stagewisePValue(double[] t, double[] b, int stop, double z) {
        if (stop == 0) {
            return 1 - N01.cumulativeProbability(z);
        }
        double p = 1 - N01.cumulativeProbability(b[0]);
        double[][] density = initialDensity(b[0]);
        for (int k = 1; k < stop; k++) {
            p += crossing(density, t[k - 1], t[k], b[k]);
            density = propagate(density, t[k - 1], t[k], b[k]);
        }
        return p + crossing(density, t[stop - 1], t[stop], z);
    }

    /** Density of Z_1 on a grid below the first boundary: {points, weights*density}. */
    static double[][] initialDensity(double upper) {
        double[] x = new double[GRID];
        double[] f = new double[GRID];
        double h = (upper - LOW) / (GRID - 1);
        for (int i = 0; i < GRID; i++) {
            x[i] = LOW + i * h;
            double w = (i == 0 || i == GRID - 1) ? 0.5 : 1.0;
            f[i] = w * h * N01.density(x[i]);
        }
        return new double[][] {x, f};
    }

    /** P(continue to look k-1 and Z_k > bound) using independent increments. */
    static double crossing(double[][] density, double t0, double t1, double bound) {
        double r = Math.sqrt(t0 / t1), s = Math.sqrt((t1 - t0) / t1);
        double p = 0;
        for (int i = 0; i < GRID; i++) {
            p += density[1][i] * (1 - N01.cumulativeProbability((bound - r * density[0][i]) / s));
        }
        return p;
    }

    /** Density of Z_k on the continuation region (below bound), as grid weights. */
    static double[][] propagate(double[][] density, double t0, double t1, double bound) {
        double r = Math.sqrt(t0 / t1), s = Math.sqrt((t1 - t0) / t1);
        double[] x = new double[GRID];
        double[] f = new double[GRID];
        double h = (bound - LOW) / (GRID - 1);
        for (int j = 0; j < GRID; j++) {
            x[j] = LOW + j * h;
            double sum = 0;
            for (int i = 0; i < GRID; i++) {
                sum += density[1][i] * N01.density((x[j] - r * density[0][i]) / s) / s;
            }
            double w = (j == 0 || j == GRID - 1) ? 0.5 : 1.0;
            f[j] = w * h * sum;
        }
        return new double[][] {x, f};
    }
}
