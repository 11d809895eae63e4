/*---
id: uplift-s-learner
title: S-learner - one model with the treatment as a feature, to find who responds to a coupon
family: uplift
methods: [uplift.s_learner]
language: java
data: uplift_coupon.csv
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  Which customers respond to the coupon? The S-learner ("single model") fits one model of the
  outcome on the customer features plus the treatment indicator (here a logistic regression with
  treatment-by-feature interactions, so the effect can vary), then predicts each customer's
  conversion probability with and without the coupon; the difference is the conditional average
  treatment effect (CATE) or uplift. Here the treatment interacts only with tenure and device, the
  features believed to drive the response; interacting it with every feature would make the
  S-learner identical to a T-learner. Simple and data-efficient, but a regularised or tree model
  may ignore the treatment feature and shrink the uplift towards zero. Needs data from a randomised
  campaign (or unconfoundedness). Reports the average effect and the average CATE in customer
  segments, which is what targeting decisions are made on; validate the ranking with a Qini curve.
---*/

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** S-learner: logistic regression on [features, treatment, treatment x (tenure, mobile)]. */
public class UpliftSLearner {

    public static void main(String[] args) throws Exception {
        List<String> features = List.of("age", "tenure_months", "visits", "mobile");
        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            rows = csv.getRecords();
        }
        int n = rows.size();
        double[][] x = new double[n][features.size() + 1]; // intercept + features
        double[] t = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = 1;
            for (int j = 0; j < features.size(); j++) {
                x[i][j + 1] = Double.parseDouble(rows.get(i).get(features.get(j)));
            }
            t[i] = Double.parseDouble(rows.get(i).get("coupon"));
            y[i] = Double.parseDouble(rows.get(i).get("converted"));
        }
        int p = x[0].length;
        double[][] design = new double[n][];
        for (int i = 0; i < n; i++) {
            design[i] = withTreatment(x[i], t[i]);
        }
        double[] beta = logisticRegression(design, y);
        double[] cate = new double[n];
        for (int i = 0; i < n; i++) {
            double p1 = 1 / (1 + Math.exp(-dot(withTreatment(x[i], 1), beta)));
            double p0 = 1 / (1 + Math.exp(-dot(withTreatment(x[i], 0), beta)));
            cate[i] = p1 - p0;
        }

        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("schema", "cerebro.result/1");
        result.put("family", "uplift");
        result.put("method", "uplift.s_learner");
        result.put("estimand", "CATE of the coupon on conversion probability");
        result.putObject("sampleSizes").put("n", n);
        report(result, "uplift.s_learner", x, cate);
        result.putObject("details").put("features", p - 1);
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    /** [x, t, t * tenure, t * mobile] on x = [1, age, tenure_months, visits, mobile]. */
    static double[] withTreatment(double[] x, double t) {
        double[] row = new double[x.length + 3];
        System.arraycopy(x, 0, row, 0, x.length);
        row[x.length] = t;
        row[x.length + 1] = t * x[2];
        row[x.length + 2] = t * x[4];
        return row;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Average predicted CATE overall and by segment, added as estimates. */
    static void report(ObjectNode result, String method, double[][] x, double[] cate) {
        ArrayNode list = result.putArray("estimates");
        String[] names = {"all customers", "tenure < 12 months, mobile", "tenure < 12 months, desktop",
                "tenure 12-36 months", "tenure >= 36 months"};
        for (int s = 0; s < names.length; s++) {
            SummaryStatistics stats = new SummaryStatistics();
            for (int i = 0; i < x.length; i++) {
                if (segment(x[i], s)) {
                    stats.addValue(cate[i]);
                }
            }
            ObjectNode e = list.addObject();
            e.put("label", "CATE: " + names[s]);
            e.put("method", method);
            e.put("estimate", stats.getMean());
            ObjectNode extra = e.putObject("extra");
            extra.put("n", stats.getN());
            extra.put("sd_of_individual_cate", stats.getStandardDeviation());
        }
    }

    /** Segment membership on the feature row [1, age, tenure_months, visits, mobile]. */
    static boolean segment(double[] row, int s) {
        double tenure = row[2], mobile = row[4];
        return switch (s) {
            case 0 -> true;
            case 1 -> tenure < 12 && mobile == 1;
            case 2 -> tenure < 12 && mobile == 0;
            case 3 -> tenure >= 12 && tenure < 36;
            default -> tenure >= 36;
        };
    }

    /** Logistic regression by Newton-Raphson (iteratively reweighted least squares). */
    static double[] logisticRegression(double[][] x, double[] t) {
        int k = x[0].length;
        double[] beta = new double[k];
        for (int iter = 0; iter < 100; iter++) {
            double[] gradient = new double[k];
            double[][] hessian = new double[k][k];
            for (int i = 0; i < x.length; i++) {
                double eta = 0;
                for (int a = 0; a < k; a++) {
                    eta += x[i][a] * beta[a];
                }
                double p = 1 / (1 + Math.exp(-eta));
                for (int a = 0; a < k; a++) {
                    gradient[a] += x[i][a] * (t[i] - p);
                    for (int b = 0; b < k; b++) {
                        hessian[a][b] += x[i][a] * x[i][b] * p * (1 - p);
                    }
                }
            }
            double[] step = new LUDecomposition(new Array2DRowRealMatrix(hessian, false)).getSolver()
                    .solve(new ArrayRealVector(gradient, false)).toArray();
            double norm = 0;
            for (int a = 0; a < k; a++) {
                beta[a] += step[a];
                norm += step[a] * step[a];
            }
            if (Math.sqrt(norm) < 1e-10) {
                break;
            }
        }
        return beta;
    }
}
