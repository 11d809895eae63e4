/*---
id: geo-matched-markets-tbr
title: Matched markets geo test analysed with time-based regression (TBR)
family: geo
methods: [geo.matched_markets]
language: java
data: geo_panel.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  For marketing tests randomised by region (a TV or billboard campaign in some cities, none in
  others) where user-level randomisation is impossible. Control markets are matched to the test
  markets by how well their pre-period daily series correlate; then, following Google's
  time-based regression (Kerman, Wang and Vaver 2017), the summed test-market outcome is regressed
  on the summed control-market outcome over the pre-period, the model predicts what the test
  markets would have done during the campaign, and the cumulative difference is the incremental
  effect. The interval accounts for both the regression's parameter uncertainty and the daily noise.
  Assumes the relationship between test and control markets is stable and the campaign does not
  spill over into control markets.
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Pick the best-correlated control geos, then TBR on the aggregated series. */
public class GeoMatchedMarketsTbr {

    public static void main(String[] args) throws Exception {
        String testCell = args.length > 1 ? args[1] : "cell_a";
        int testStart = args.length > 2 ? Integer.parseInt(args[2]) : 46;
        int controlsToKeep = 8;

        Map<String, TreeMap<Integer, Double>> series = new TreeMap<>();
        Map<String, String> cellOf = new TreeMap<>();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord r : csv) {
                series.computeIfAbsent(r.get("geo"), k -> new TreeMap<>())
                        .put(Integer.parseInt(r.get("day")), Double.parseDouble(r.get("conversions")));
                cellOf.put(r.get("geo"), r.get("cell"));
            }
        }
        List<Integer> days = new ArrayList<>(series.values().iterator().next().keySet());
        int pre = (int) days.stream().filter(d -> d < testStart).count();
        double[] test = new double[days.size()];
        List<String> candidates = new ArrayList<>();
        for (var e : series.entrySet()) {
            if (cellOf.get(e.getKey()).equals(testCell)) {
                for (int t = 0; t < days.size(); t++) {
                    test[t] += e.getValue().get(days.get(t));
                }
            } else if (cellOf.get(e.getKey()).equals("control")) {
                candidates.add(e.getKey());
            }
        }
        // matching: keep the control geos whose pre-period series correlate best with the test total
        double[] testPre = java.util.Arrays.copyOf(test, pre);
        Map<String, Double> corr = new TreeMap<>();
        for (String g : candidates) {
            double[] s = series.get(g).values().stream().mapToDouble(Double::doubleValue).limit(pre).toArray();
            corr.put(g, new PearsonsCorrelation().correlation(testPre, s));
        }
        candidates.sort(Comparator.comparingDouble(g -> -corr.get(g)));
        List<String> controls = candidates.subList(0, Math.min(controlsToKeep, candidates.size()));
        double[] control = new double[days.size()];
        for (String g : controls) {
            for (int t = 0; t < days.size(); t++) {
                control[t] += series.get(g).get(days.get(t));
            }
        }

        // TBR: test_t = a + b control_t + e_t fitted on the pre-period
        double mx = 0, my = 0;
        for (int t = 0; t < pre; t++) {
            mx += control[t] / pre;
            my += test[t] / pre;
        }
        double sxx = 0, sxy = 0;
        for (int t = 0; t < pre; t++) {
            sxx += (control[t] - mx) * (control[t] - mx);
            sxy += (control[t] - mx) * (test[t] - my);
        }
        double b = sxy / sxx, a = my - b * mx;
        double rss = 0;
        for (int t = 0; t < pre; t++) {
            rss += Math.pow(test[t] - a - b * control[t], 2);
        }
        double sigma2 = rss / (pre - 2);
        int post = days.size() - pre;
        double effect = 0, predicted = 0, sumControlDev = 0;
        for (int t = pre; t < days.size(); t++) {
            double counterfactual = a + b * control[t];
            predicted += counterfactual;
            effect += test[t] - counterfactual;
            sumControlDev += control[t] - mx;
        }
        // variance of the cumulative prediction error: daily noise + uncertainty in a and b
        double variance = sigma2 * (post + post * post / (double) pre + sumControlDev * sumControlDev / sxx);
        double se = Math.sqrt(variance);
        TDistribution dist = new TDistribution(pre - 2);
        double crit = dist.inverseCumulativeProbability(0.975);

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "geo");
        result.put("method", "geo.matched_markets");
        result.put("estimand", "cumulative incremental conversions in " + testCell + " during the test");
        ObjectNode sizes = result.putObject("sampleSizes");
        sizes.put("pre_days", pre);
        sizes.put("test_days", post);
        sizes.put("control_geos", controls.size());
        ObjectNode e = result.putArray("estimates").addObject();
        e.put("label", testCell + " vs matched controls");
        e.put("method", "geo.matched_markets");
        e.put("estimate", effect);
        e.put("standardError", se);
        ObjectNode ci = e.putObject("interval");
        ci.put("lower", effect - crit * se);
        ci.put("upper", effect + crit * se);
        ci.put("level", 0.95);
        ci.put("kind", "prediction");
        e.put("pValue", 2 * dist.cumulativeProbability(-Math.abs(effect / se)));
        ObjectNode extra = e.putObject("extra");
        extra.put("relative_lift", effect / predicted);
        extra.put("tbr_slope", b);
        ArrayNode chosen = result.putObject("details").putArray("control_geos");
        controls.forEach(chosen::add);
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }
}
