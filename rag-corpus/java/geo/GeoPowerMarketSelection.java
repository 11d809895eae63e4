/*---
id: geo-power-market-selection
title: Choosing test markets and the detectable lift for a geo experiment by simulation
family: geo
methods: [geo.power, geo.matched_markets]
language: java
data: geo_panel.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  Planning step before a geo test: which markets should get the campaign, and what lift could the
  test detect? Using only historical (pre-launch) data, every candidate pair of markets is tried as
  the test group; for a grid of planted lifts (0%, 2%, ... 12%) the lift is injected into rolling
  historical test windows and the windows are analysed exactly as the real test will be (time-based
  regression against the remaining markets). The share of windows where the effect is detected is
  the power; the share of false detections at 0% checks the false positive rate. Markets are ranked
  by their minimum detectable lift at 80% power, the same idea as GeoLift's market selection. Use
  the longest history available and the planned test length.
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.distribution.TDistribution;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Simulated power of a TBR geo test for candidate pairs of test markets. */
public class GeoPowerMarketSelection {

    /** A candidate set of test markets with its simulated power curve. */
    record Candidate(String markets, Map<String, Double> powerByLift, double minDetectableLift) {
    }

    public static void main(String[] args) throws Exception {
        int historyEnd = args.length > 1 ? Integer.parseInt(args[1]) : 45; // last pre-launch day
        int testLength = 14, minTraining = 15, stride = 2;
        double alpha = 0.10; // one-sided detection threshold for a positive lift
        double[] lifts = {0, 0.02, 0.04, 0.06, 0.08, 0.10, 0.12};

        Map<String, double[]> series = new TreeMap<>();
        Map<String, List<Double>> raw = new TreeMap<>();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord r : csv) {
                if (Integer.parseInt(r.get("day")) <= historyEnd) {
                    raw.computeIfAbsent(r.get("geo"), k -> new ArrayList<>()).add(Double.parseDouble(r.get("conversions")));
                }
            }
        }
        raw.forEach((g, v) -> series.put(g, v.stream().mapToDouble(Double::doubleValue).toArray()));
        List<String> geos = new ArrayList<>(series.keySet());
        List<String> candidates = geos.subList(0, Math.min(8, geos.size())); // limit the search for speed

        List<Candidate> ranked = new ArrayList<>();
        for (int a = 0; a < candidates.size(); a++) {
            for (int b = a + 1; b < candidates.size(); b++) {
                List<String> test = List.of(candidates.get(a), candidates.get(b));
                double[] treated = new double[historyEnd], control = new double[historyEnd];
                for (String g : geos) {
                    double[] s = series.get(g);
                    for (int t = 0; t < historyEnd; t++) {
                        (test.contains(g) ? treated : control)[t] += s[t];
                    }
                }
                Map<String, Double> power = new LinkedHashMap<>();
                double mde = Double.NaN;
                for (double lift : lifts) {
                    int detected = 0, windows = 0;
                    for (int start = minTraining; start + testLength <= historyEnd; start += stride) {
                        double[] pValueAndEffect = tbr(treated, control, start, start + testLength, lift);
                        detected += pValueAndEffect[0] < alpha ? 1 : 0;
                        windows++;
                    }
                    double p = (double) detected / windows;
                    power.put(String.format(java.util.Locale.ROOT, "%.2f", lift), p);
                    if (lift > 0 && p >= 0.8 && Double.isNaN(mde)) {
                        mde = lift;
                    }
                }
                ranked.add(new Candidate(String.join("+", test), power, Double.isNaN(mde) ? Double.POSITIVE_INFINITY : mde));
            }
        }
        ranked.sort(Comparator.comparingDouble(Candidate::minDetectableLift)
                .thenComparingDouble(c -> c.powerByLift().get("0.00"))); // then the lowest false positive rate

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "geo");
        result.put("method", "geo.power");
        result.put("estimand", "minimum lift detected in 80% of simulated " + testLength + "-day tests");
        ArrayNode list = result.putArray("estimates");
        for (Candidate c : ranked.subList(0, Math.min(5, ranked.size()))) {
            ObjectNode e = list.addObject();
            e.put("label", c.markets());
            e.put("method", "geo.power");
            e.put("estimate", c.minDetectableLift());
            ObjectNode extra = e.putObject("extra");
            c.powerByLift().forEach((lift, p) -> extra.put("power_at_" + lift, p));
        }
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    /** TBR on [0, start) training, planted multiplicative lift on [start, end); {one-sided p, effect}. */
    static double[] tbr(double[] treated, double[] control, int start, int end, double lift) {
        double mx = 0, my = 0;
        for (int t = 0; t < start; t++) {
            mx += control[t] / start;
            my += treated[t] / start;
        }
        double sxx = 0, sxy = 0;
        for (int t = 0; t < start; t++) {
            sxx += (control[t] - mx) * (control[t] - mx);
            sxy += (control[t] - mx) * (treated[t] - my);
        }
        double b = sxy / sxx, a = my - b * mx, rss = 0;
        for (int t = 0; t < start; t++) {
            rss += Math.pow(treated[t] - a - b * control[t], 2);
        }
        double sigma2 = rss / (start - 2), effect = 0, dev = 0;
        int post = end - start;
        for (int t = start; t < end; t++) {
            effect += treated[t] * (1 + lift) - (a + b * control[t]);
            dev += control[t] - mx;
        }
        double se = Math.sqrt(sigma2 * (post + (double) post * post / start + dev * dev / sxx));
        return new double[] {1 - new TDistribution(start - 2).cumulativeProbability(effect / se), effect};
    }
}
