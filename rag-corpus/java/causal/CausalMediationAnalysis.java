/*---
id: causal-mediation-analysis
title: Mediation analysis - how much of the coupon effect runs through extra sessions
family: causal
methods: [causal.mediation]
language: java
data: causal_observational.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  Splits a total treatment effect into an indirect part that flows through a mediator (the coupon
  brings customers back for more sessions, and sessions drive spend) and a direct part (everything
  else). With linear models and no treatment-mediator interaction, the average causal mediation
  effect (ACME) is a x b, where a is the effect of treatment on the mediator and b the effect of
  the mediator on the outcome holding treatment fixed; the direct effect (ADE) is the treatment
  coefficient in the outcome model; both models adjust for pre-treatment confounders. Confidence
  intervals come from a percentile bootstrap (the product a x b is not normal). Sequential
  ignorability is required: no unmeasured confounding of treatment-outcome AND mediator-outcome,
  which randomising the treatment alone does not guarantee.
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Product-of-coefficients mediation analysis with percentile bootstrap intervals. */
public class CausalMediationAnalysis {

    public static void main(String[] args) throws Exception {
        String treatment = "coupon", mediator = "sessions", outcome = "spend";
        List<String> confounders = List.of("age", "income_k", "prior_purchases", "loyalty_member");
        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            rows = csv.getRecords();
        }
        int n = rows.size(), p = confounders.size();
        double[][] data = new double[n][p + 3]; // treatment, mediator, outcome, confounders...
        for (int i = 0; i < n; i++) {
            CSVRecord r = rows.get(i);
            data[i][0] = Double.parseDouble(r.get(treatment));
            data[i][1] = Double.parseDouble(r.get(mediator));
            data[i][2] = Double.parseDouble(r.get(outcome));
            for (int j = 0; j < p; j++) {
                data[i][3 + j] = Double.parseDouble(r.get(confounders.get(j)));
            }
        }
        double[] point = effects(data);
        int reps = 500;
        double[][] boot = new double[3][reps];
        Well19937c rng = new Well19937c(99);
        for (int b = 0; b < reps; b++) {
            double[][] sample = new double[n][];
            for (int i = 0; i < n; i++) {
                sample[i] = data[rng.nextInt(n)];
            }
            double[] e = effects(sample);
            for (int k = 0; k < 3; k++) {
                boot[k][b] = e[k];
            }
        }
        String[] labels = {"ACME (indirect via " + mediator + ")", "ADE (direct)", "total effect"};

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "causal");
        result.put("method", "causal.mediation");
        result.put("estimand", "decomposition of the effect of " + treatment + " on " + outcome + " through " + mediator);
        result.putObject("sampleSizes").put("n", n);
        ArrayNode list = result.putArray("estimates");
        for (int k = 0; k < 3; k++) {
            Arrays.sort(boot[k]);
            ObjectNode est = list.addObject();
            est.put("label", labels[k]);
            est.put("method", "causal.mediation");
            est.put("estimate", point[k]);
            ObjectNode ci = est.putObject("interval");
            ci.put("lower", boot[k][(int) (0.025 * reps)]);
            ci.put("upper", boot[k][(int) (0.975 * reps) - 1]);
            ci.put("level", 0.95);
            ci.put("kind", "bootstrap_percentile");
        }
        result.putObject("details").put("proportion_mediated", point[0] / point[2]);
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    /** {ACME, ADE, total} from the mediator model M ~ T + X and the outcome model Y ~ T + M + X. */
    static double[] effects(double[][] data) {
        int n = data.length, p = data[0].length - 3;
        double[] m = new double[n], y = new double[n];
        double[][] xm = new double[n][1 + p], xy = new double[n][2 + p];
        for (int i = 0; i < n; i++) {
            m[i] = data[i][1];
            y[i] = data[i][2];
            xm[i][0] = data[i][0];
            xy[i][0] = data[i][0];
            xy[i][1] = data[i][1];
            for (int j = 0; j < p; j++) {
                xm[i][1 + j] = data[i][3 + j];
                xy[i][2 + j] = data[i][3 + j];
            }
        }
        OLSMultipleLinearRegression mediatorModel = new OLSMultipleLinearRegression();
        mediatorModel.newSampleData(m, xm);
        OLSMultipleLinearRegression outcomeModel = new OLSMultipleLinearRegression();
        outcomeModel.newSampleData(y, xy);
        double a = mediatorModel.estimateRegressionParameters()[1]; // [0] is the intercept
        double[] beta = outcomeModel.estimateRegressionParameters();
        double direct = beta[1], b = beta[2];
        return new double[] {a * b, direct, a * b + direct};
    }
}
