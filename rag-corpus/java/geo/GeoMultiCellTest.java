/*---
id: geo-multi-cell
title: Multi-cell geo test - comparing two campaign strategies against shared control markets
family: geo
methods: [geo.multi_cell, geo.matched_markets]
language: java
data: geo_panel.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  A geo experiment with several test cells - for example cell A gets TV plus search, cell B gets
  search only - and one pool of untouched control markets. Each cell is analysed against the same
  controls with time-based regression (pre-period fit of the cell's daily total on the control
  total, counterfactual prediction during the test), giving incremental conversions and lift per
  cell; the difference in lifts between cells answers "which strategy works better". Because both
  cells share the controls, their errors are positively correlated and the standard error of the
  difference that treats them as independent is conservative. Cells must not border each other
  (spillover) and should be similar in size and baseline.
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Time-based regression per test cell against shared controls, plus the difference between cells. */
public class GeoMultiCellTest {

    public static void main(String[] args) throws Exception {
        int testStart = args.length > 1 ? Integer.parseInt(args[1]) : 46;
        Map<String, TreeMap<Integer, Double>> byCell = new TreeMap<>(); // cell -> day -> total
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord r : csv) {
                byCell.computeIfAbsent(r.get("cell"), k -> new TreeMap<>())
                        .merge(Integer.parseInt(r.get("day")), Double.parseDouble(r.get("conversions")), Double::sum);
            }
        }
        double[] control = byCell.remove("control").values().stream().mapToDouble(Double::doubleValue).toArray();
        int pre = (int) byCell.values().iterator().next().keySet().stream().filter(d -> d < testStart).count();

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "geo");
        result.put("method", "geo.multi_cell");
        result.put("estimand", "incremental conversions and lift per test cell, and the difference in lift");
        ArrayNode list = result.putArray("estimates");
        Map<String, double[]> fits = new TreeMap<>();
        for (var cell : byCell.entrySet()) {
            double[] y = cell.getValue().values().stream().mapToDouble(Double::doubleValue).toArray();
            double[] f = tbr(y, control, pre); // {effect, se, counterfactual, df}
            fits.put(cell.getKey(), f);
            TDistribution t = new TDistribution(f[3]);
            double crit = t.inverseCumulativeProbability(0.975);
            ObjectNode e = list.addObject();
            e.put("label", cell.getKey() + " vs control");
            e.put("method", "geo.multi_cell");
            e.put("estimate", f[0]);
            e.put("standardError", f[1]);
            ObjectNode ci = e.putObject("interval");
            ci.put("lower", f[0] - crit * f[1]);
            ci.put("upper", f[0] + crit * f[1]);
            ci.put("level", 0.95);
            ci.put("kind", "prediction");
            e.put("pValue", 2 * t.cumulativeProbability(-Math.abs(f[0] / f[1])));
            e.putObject("extra").put("relative_lift", f[0] / f[2]);
        }
        if (fits.size() == 2) {
            String[] names = fits.keySet().toArray(new String[0]);
            double[] a = fits.get(names[0]), b = fits.get(names[1]);
            double diff = a[0] / a[2] - b[0] / b[2];
            double se = Math.sqrt(Math.pow(a[1] / a[2], 2) + Math.pow(b[1] / b[2], 2));
            ObjectNode e = list.addObject();
            e.put("label", names[0] + " vs " + names[1] + " (difference in relative lift)");
            e.put("method", "geo.multi_cell");
            e.put("estimate", diff);
            e.put("standardError", se);
            e.put("pValue", 2 * new NormalDistribution().cumulativeProbability(-Math.abs(diff / se)));
        }
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    /** TBR of a cell's daily total on the control total. */
    static double[] tbr(double[] y, double[] x, int pre) {
        double mx = 0, my = 0;
        for (int t = 0; t < pre; t++) {
            mx += x[t] / pre;
            my += y[t] / pre;
        }
        double sxx = 0, sxy = 0;
        for (int t = 0; t < pre; t++) {
            sxx += (x[t] - mx) * (x[t] - mx);
            sxy += (x[t] - mx) * (y[t] - my);
        }
        double b = sxy / sxx, a = my - b * mx, rss = 0;
        for (int t = 0; t < pre; t++) {
            rss += Math.pow(y[t] - a - b * x[t], 2);
        }
        double sigma2 = rss / (pre - 2), effect = 0, counterfactual = 0, dev = 0;
        int post = y.length - pre;
        for (int t = pre; t < y.length; t++) {
            counterfactual += a + b * x[t];
            effect += y[t] - (a + b * x[t]);
            dev += x[t] - mx;
        }
        double se = Math.sqrt(sigma2 * (post + (double) post * post / pre + dev * dev / sxx));
        return new double[] {effect, se, counterfactual, pre - 2};
    }
}
