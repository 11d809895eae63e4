/*---
id: ab-chi-square-conversion
title: Chi-square test of independence on a 2x2 conversion table
family: ab
methods: [ab.chi_square]
language: java
data: ab_checkout.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  Tests whether converting (yes/no) is independent of the arm a user was assigned to, using the
  2x2 contingency table of counts. Without the continuity correction it is exactly the square of
  the pooled two-proportion z statistic; with Yates' correction (scipy's default for 2x2 tables,
  reported as the main statistic here) it is slightly conservative. Use it when a stakeholder asks
  for "a chi-square test" or when the table has more than two outcome categories; for the size of
  the effect report the difference in rates. Expected counts below 5 in any cell make the
  approximation unreliable: switch to Fisher's exact test.
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;

/** Pearson chi-square test on the arm x outcome 2x2 table, with and without Yates' correction. */
public class AbChiSquareConversion {

    public static void main(String[] args) throws Exception {
        String armColumn = args.length > 1 ? args[1] : "variant";
        String outcomeColumn = args.length > 2 ? args[2] : "converted";
        String control = args.length > 3 ? args[3] : "control";
        String treatment = args.length > 4 ? args[4] : "treatment";

        // rows: treatment, control; columns: converted, not converted
        double[][] observed = new double[2][2];
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord row : csv) {
                String arm = row.get(armColumn);
                int y = Integer.parseInt(row.get(outcomeColumn));
                int r = arm.equals(treatment) ? 0 : arm.equals(control) ? 1 : -1;
                if (r >= 0) {
                    observed[r][y == 1 ? 0 : 1]++;
                }
            }
        }
        double total = observed[0][0] + observed[0][1] + observed[1][0] + observed[1][1];
        double chi2 = 0;
        double chi2Yates = 0;
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 2; c++) {
                double expected = (observed[r][0] + observed[r][1]) * (observed[0][c] + observed[1][c]) / total;
                double dev = Math.abs(observed[r][c] - expected);
                chi2 += dev * dev / expected;
                // Yates: move each count 0.5 towards its expectation, never past it
                double corrected = Math.max(0, dev - Math.min(0.5, dev));
                chi2Yates += corrected * corrected / expected;
            }
        }
        ChiSquaredDistribution chi = new ChiSquaredDistribution(1);
        double p = 1 - chi.cumulativeProbability(chi2Yates);
        double pUncorrected = 1 - chi.cumulativeProbability(chi2);
        double n1 = observed[0][0] + observed[0][1];
        double n0 = observed[1][0] + observed[1][1];
        double diff = observed[0][0] / n1 - observed[1][0] / n0;

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "ab");
        result.put("method", "ab.chi_square");
        result.put("estimand", "difference in " + outcomeColumn + " rate (" + treatment + " - " + control + ")");
        ObjectNode sizes = result.putObject("sampleSizes");
        sizes.put(control, (long) n0);
        sizes.put(treatment, (long) n1);
        ObjectNode e = result.putArray("estimates").addObject();
        e.put("label", treatment + " vs " + control);
        e.put("method", "ab.chi_square");
        e.put("estimate", diff);
        e.put("pValue", p);
        ObjectNode stat = e.putObject("statistic");
        stat.put("name", "chi2");
        stat.put("value", chi2Yates);
        stat.put("df", 1.0);
        ObjectNode extra = e.putObject("extra");
        extra.put("chi2_uncorrected", chi2);
        extra.put("p_uncorrected", pUncorrected);
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }
}
