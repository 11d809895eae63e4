/*---
id: causal-staggered-did-callaway-santanna
title: Staggered adoption difference-in-differences (Callaway and Sant'Anna)
family: causal
methods: [causal.staggered_did, causal.event_study]
language: java
data: causal_panel.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  For rollouts where units (stores, states, markets) adopt a treatment at different dates and the
  effect can differ by cohort and grow over time - exactly where two-way fixed effects breaks.
  Callaway and Sant'Anna (2021) estimate a separate group-time effect ATT(g,t) for each adoption
  cohort g and period t, comparing the cohort's change since the period before adoption with the
  change of never-treated units, so already-treated units are never used as controls. The ATT(g,t)
  are then aggregated into an overall ATT (weights by cohort size) and an event-time profile.
  Standard errors come from a bootstrap over units. Assumes parallel trends for each cohort versus
  the never-treated and no anticipation; it needs a never-treated (or not-yet-treated) group.
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** ATT(g,t) with never-treated controls, overall and event-time aggregation, unit bootstrap. */
public class CausalCallawaySantAnna {

    /** One unit's adoption period (0 = never) and outcome by period. */
    record Unit(int cohort, Map<Integer, Double> y) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Unit> units = new LinkedHashMap<>();
        TreeSet<Integer> periods = new TreeSet<>();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord r : csv) {
                Unit u = units.computeIfAbsent(r.get("unit"),
                        k -> new Unit(Integer.parseInt(r.get("first_treated")), new TreeMap<>()));
                int p = Integer.parseInt(r.get("period"));
                u.y().put(p, Double.parseDouble(r.get("outcome")));
                periods.add(p);
            }
        }
        List<Unit> all = new ArrayList<>(units.values());
        Map<String, Double> point = aggregate(all, periods);

        Well19937c rng = new Well19937c(3);
        Map<String, SummaryStatistics> boot = new LinkedHashMap<>();
        for (int b = 0; b < 299; b++) {
            List<Unit> sample = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                sample.add(all.get(rng.nextInt(all.size())));
            }
            aggregate(sample, periods).forEach((k, v) -> boot.computeIfAbsent(k, z -> new SummaryStatistics()).addValue(v));
        }

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "causal");
        result.put("method", "causal.staggered_did");
        result.put("estimand", "ATT aggregated over cohorts and post-adoption periods (never-treated controls)");
        result.putObject("sampleSizes").put("units", all.size());
        ArrayNode list = result.putArray("estimates");
        for (var entry : point.entrySet()) {
            SummaryStatistics s = boot.get(entry.getKey());
            double se = s == null ? Double.NaN : s.getStandardDeviation();
            ObjectNode e = list.addObject();
            e.put("label", entry.getKey());
            e.put("method", entry.getKey().startsWith("event time") ? "causal.event_study" : "causal.staggered_did");
            e.put("estimate", entry.getValue());
            if (Double.isFinite(se)) {
                e.put("standardError", se);
                ObjectNode ci = e.putObject("interval");
                ci.put("lower", entry.getValue() - 1.959963984540054 * se);
                ci.put("upper", entry.getValue() + 1.959963984540054 * se);
                ci.put("level", 0.95);
                ci.put("kind", "confidence");
            }
        }
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    /** Overall ATT (cohort-size weighted mean of post-period ATT(g,t)) and event-time averages. */
    static Map<String, Double> aggregate(List<Unit> units, TreeSet<Integer> periods) {
        TreeSet<Integer> cohorts = new TreeSet<>();
        units.forEach(u -> {
            if (u.cohort() > 0) {
                cohorts.add(u.cohort());
            }
        });
        Map<String, Double> out = new LinkedHashMap<>();
        double weighted = 0, weights = 0;
        Map<Integer, double[]> byEventTime = new TreeMap<>();
        for (int g : cohorts) {
            int base = g - 1;
            long size = units.stream().filter(u -> u.cohort() == g).count();
            for (int t : periods) {
                if (t == base || !periods.contains(base)) {
                    continue;
                }
                // pre-periods use the same long difference from g-1, giving placebo estimates
                double att = change(units, g, base, t) - change(units, 0, base, t);
                if (t >= g) {
                    weighted += size * att;
                    weights += size;
                }
                double[] acc = byEventTime.computeIfAbsent(t - g, k -> new double[2]);
                acc[0] += size * att;
                acc[1] += size;
            }
        }
        out.put("ATT (overall)", weighted / weights);
        byEventTime.forEach((e, acc) -> out.put("event time " + e, acc[0] / acc[1]));
        return out;
    }

    /** Mean change of the outcome from base to t among units of the given cohort. */
    static double change(List<Unit> units, int cohort, int base, int t) {
        SummaryStatistics s = new SummaryStatistics();
        for (Unit u : units) {
            if (u.cohort() == cohort) {
                s.addValue(u.y().get(t) - u.y().get(base));
            }
        }
        return s.getMean();
    }
}
