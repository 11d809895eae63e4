/*---
id: ab-fisher-exact-small
title: Fisher's exact test for conversions in a small pilot test
family: ab
methods: [ab.fisher]
language: java
data: ab_checkout.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  An exact test for a 2x2 table of arm by converted/not converted that does not rely on a large
  sample approximation. Use it for small pilots, B2B tests with few accounts, or rare events (a
  handful of purchases or complaints) where a cell of the table has an expected count below 5.
  The effect is the sample odds ratio (treatment odds of converting divided by control odds); the
  two-sided p-value sums the probabilities of all tables at most as likely as the observed one,
  conditional on the margins (as scipy.stats.fisher_exact). It is conservative for large samples,
  where the z-test or chi-square test has more power. The odds-ratio interval is Woolf's logit
  interval (with 0.5 added to every cell when one is empty).
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.distribution.HypergeometricDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;

/** Fisher's exact test and the sample odds ratio for treatment against control. */
public class AbFisherExactSmallSample {

    public static void main(String[] args) throws Exception {
        String armColumn = args.length > 1 ? args[1] : "variant";
        String outcomeColumn = args.length > 2 ? args[2] : "converted";
        String control = args.length > 3 ? args[3] : "control";
        String treatment = args.length > 4 ? args[4] : "treatment";
        double alpha = 0.05;

        int a = 0, b = 0, c = 0, d = 0; // a,b: treatment yes/no; c,d: control yes/no
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord row : csv) {
                String arm = row.get(armColumn);
                boolean y = Integer.parseInt(row.get(outcomeColumn)) == 1;
                if (arm.equals(treatment)) {
                    if (y) a++; else b++;
                } else if (arm.equals(control)) {
                    if (y) c++; else d++;
                }
            }
        }
        int n = a + b + c + d;
        // conditional on the margins, a follows a hypergeometric distribution
        HypergeometricDistribution h = new HypergeometricDistribution(n, a + c, a + b);
        double pObserved = h.probability(a);
        double p = 0;
        for (int k = Math.max(0, (a + b) - (b + d)); k <= Math.min(a + b, a + c); k++) {
            double pk = h.probability(k);
            if (pk <= pObserved * (1 + 1e-7)) {
                p += pk;
            }
        }
        p = Math.min(1.0, p);
        double oddsRatio = ((double) a * d) / ((double) b * c);
        // Woolf interval on the log odds ratio; with an empty cell add 0.5 to every cell (Haldane-Anscombe)
        double k = (a == 0 || b == 0 || c == 0 || d == 0) ? 0.5 : 0.0;
        double logOr = Math.log(((a + k) * (d + k)) / ((b + k) * (c + k)));
        double seLog = Math.sqrt(1 / (a + k) + 1 / (b + k) + 1 / (c + k) + 1 / (d + k));
        double z = new NormalDistribution().inverseCumulativeProbability(1 - alpha / 2);

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "ab");
        result.put("method", "ab.fisher");
        result.put("estimand", "odds ratio of " + outcomeColumn + " (" + treatment + " / " + control + ")");
        ObjectNode sizes = result.putObject("sampleSizes");
        sizes.put(control, c + d);
        sizes.put(treatment, a + b);
        ObjectNode e = result.putArray("estimates").addObject();
        e.put("label", treatment + " vs " + control);
        e.put("method", "ab.fisher");
        e.put("estimate", oddsRatio);
        ObjectNode ci = e.putObject("interval");
        ci.put("lower", Math.exp(logOr - z * seLog));
        ci.put("upper", Math.exp(logOr + z * seLog));
        ci.put("level", 1 - alpha);
        ci.put("kind", "confidence");
        e.put("pValue", p);
        e.putObject("extra").put("difference_in_rates", (double) a / (a + b) - (double) c / (c + d));
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }
}
