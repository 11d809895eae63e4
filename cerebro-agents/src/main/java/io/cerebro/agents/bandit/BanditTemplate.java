package io.cerebro.agents.bandit;

import io.cerebro.core.spec.BanditSpec;
import io.cerebro.core.spec.SpecReader;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The offline template of a bandit pipeline: a standalone program (JDK, Commons CSV, Commons Math 3
 * and Jackson) with its own implementation of the spec's analysis. Recommend computes the arm
 * statistics, the UCB1 index, the ε-greedy probabilities, or the Beta posteriors and P(best) by
 * composite 10-point Gauss-Legendre quadrature over each arm's posterior mass (the engine uses a
 * 20-point rule on other panels, so the two agree to the quadrature error only). Evaluate computes
 * IPS, SNIPS and DR, fitting the DR reward model by the normal equations (the engine uses QR).
 */
final class BanditTemplate {
    private BanditTemplate() {
    }

    static String program(BanditSpec s) {
        String spec = SpecReader.toTree(s).toString().replace("*/", "* /");
        return """
                import com.fasterxml.jackson.databind.ObjectMapper;
                import com.fasterxml.jackson.databind.node.ArrayNode;
                import com.fasterxml.jackson.databind.node.ObjectNode;
                import org.apache.commons.csv.CSVFormat;
                import org.apache.commons.csv.CSVParser;
                import org.apache.commons.csv.CSVRecord;
                import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
                import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
                import org.apache.commons.math3.distribution.BetaDistribution;
                import org.apache.commons.math3.distribution.NormalDistribution;
                import org.apache.commons.math3.linear.Array2DRowRealMatrix;
                import org.apache.commons.math3.linear.ArrayRealVector;
                import org.apache.commons.math3.linear.DecompositionSolver;
                import org.apache.commons.math3.linear.LUDecomposition;

                import java.io.Reader;
                import java.nio.file.Files;
                import java.nio.file.Path;
                import java.util.ArrayList;
                import java.util.List;
                import java.util.TreeMap;

                /**
                 * Bandit analysis: the next-arm quantities of recommend (UCB1, Thompson sampling, epsilon-greedy) or the
                 * off-policy value of a target policy (IPS, SNIPS, doubly robust).
                 * Written for the spec @SPEC@
                 */
                public class Pipeline {
                    static final String MODE = "@MODE@";
                    static final String ALGORITHM = "@ALGORITHM@";
                    static final String ARM = @ARM@;
                    static final String REWARD = @REWARD@;
                    static final String COUNT = @COUNT@;
                    static final String SUCCESSES = @SUCCESSES@;
                    static final double PRIOR_A = @PRIOR_A@;
                    static final double PRIOR_B = @PRIOR_B@;
                    static final double EPSILON = @EPSILON@;
                    static final String ACTION = @ACTION@;
                    static final String PROPENSITY = @PROPENSITY@;
                    static final String[] CONTEXT = {@CONTEXT@};
                    static final String TARGET = @TARGET@;
                    static final String TARGET_ARM = @TARGET_ARM@;
                    static final List<String> ESTIMATORS = List.of(@ESTIMATORS@);
                    static final double ALPHA = @ALPHA@;
                    static final ObjectMapper JSON = new ObjectMapper();

                    public static void main(String[] args) throws Exception {
                        List<CSVRecord> rows = new ArrayList<>();
                        try (Reader in = Files.newBufferedReader(Path.of(args[0]));
                             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
                            for (CSVRecord r : p) {
                                rows.add(r);
                            }
                        }
                        double z = new NormalDistribution(0, 1).inverseCumulativeProbability(1 - ALPHA / 2);
                        ObjectNode out = JSON.createObjectNode();
                        out.put("schema", "cerebro.result/1");
                        out.put("family", "bandit");
                        ArrayNode estimates = out.putArray("estimates");
                        if (MODE.equals("recommend")) {
                            recommend(rows, z, out, estimates);
                        } else {
                            evaluate(rows, z, out, estimates);
                        }
                        System.out.println(JSON.writeValueAsString(out));
                    }

                    static boolean blank(CSVRecord r, String col) {
                        return col != null && (r.get(col) == null || r.get(col).isBlank());
                    }

                    static void recommend(List<CSVRecord> rows, double z, ObjectNode out, ArrayNode estimates) {
                        // per arm: pulls, reward sum, reward sum of squares
                        TreeMap<String, double[]> arms = new TreeMap<>();
                        for (CSVRecord r : rows) {
                            if (blank(r, ARM) || blank(r, REWARD) || blank(r, COUNT) || blank(r, SUCCESSES)) {
                                continue;
                            }
                            double[] a = arms.computeIfAbsent(r.get(ARM).strip(), k -> new double[3]);
                            if (COUNT != null) {
                                double n = Double.parseDouble(r.get(COUNT));
                                double s = Double.parseDouble(r.get(SUCCESSES));
                                a[0] += n;
                                a[1] += s;
                                a[2] += s;
                            } else {
                                double x = Double.parseDouble(r.get(REWARD));
                                a[0] += 1;
                                a[1] += x;
                                a[2] += x * x;
                            }
                        }
                        List<String> names = new ArrayList<>(arms.keySet());
                        int k = names.size();
                        double total = 0;
                        for (double[] a : arms.values()) {
                            total += a[0];
                        }
                        String method = "bandit." + ALGORITHM;
                        out.put("method", method);
                        double[] decide = new double[k];
                        double[] postA = new double[k];
                        double[] postB = new double[k];
                        if (ALGORITHM.equals("thompson")) {
                            for (int i = 0; i < k; i++) {
                                double[] a = arms.get(names.get(i));
                                postA[i] = PRIOR_A + a[1];
                                postB[i] = PRIOR_B + a[0] - a[1];
                            }
                            decide = probabilityBest(postA, postB);
                        } else if (ALGORITHM.equals("ucb1")) {
                            for (int i = 0; i < k; i++) {
                                double[] a = arms.get(names.get(i));
                                decide[i] = a[0] > 0 ? a[1] / a[0] + Math.sqrt(2 * Math.log(total) / a[0]) : Double.POSITIVE_INFINITY;
                            }
                        } else {
                            int greedy = 0;
                            double best = Double.NEGATIVE_INFINITY;
                            for (int i = 0; i < k; i++) {
                                double[] a = arms.get(names.get(i));
                                double m = a[0] > 0 ? a[1] / a[0] : Double.POSITIVE_INFINITY;
                                if (m > best) {
                                    best = m;
                                    greedy = i;
                                }
                            }
                            for (int i = 0; i < k; i++) {
                                decide[i] = EPSILON / k + (i == greedy ? 1 - EPSILON : 0);
                            }
                        }
                        for (int i = 0; i < k; i++) {
                            double[] a = arms.get(names.get(i));
                            double n = a[0];
                            ObjectNode e = estimates.addObject();
                            e.put("label", names.get(i));
                            e.put("method", method);
                            if (Double.isFinite(decide[i])) {
                                e.put("estimate", decide[i]);
                            }
                            ObjectNode extra = JSON.createObjectNode();
                            extra.put("pulls", n);
                            if (ALGORITHM.equals("thompson")) {
                                BetaDistribution post = new BetaDistribution(postA[i], postB[i], 1e-14);
                                extra.put("posterior_alpha", postA[i]);
                                extra.put("posterior_beta", postB[i]);
                                extra.put("posterior_mean", postA[i] / (postA[i] + postB[i]));
                                interval(e, post.inverseCumulativeProbability(ALPHA / 2), post.inverseCumulativeProbability(1 - ALPHA / 2));
                            } else if (n > 0) {
                                double mean = a[1] / n;
                                extra.put("mean", mean);
                                if (n > 1) {
                                    double sampleVariance = Math.max(0, (a[2] - n * mean * mean) / (n - 1));
                                    double se = Math.sqrt(sampleVariance / n);
                                    interval(e, mean - z * se, mean + z * se);
                                }
                            }
                            e.set("extra", extra);
                        }
                    }

                    /** P(arm i has the largest rate) = integral f_i(x) prod_{j != i} F_j(x) dx over arm i's posterior mass. */
                    static double[] probabilityBest(double[] a, double[] b) {
                        int k = a.length;
                        BetaDistribution[] d = new BetaDistribution[k];
                        for (int i = 0; i < k; i++) {
                            d[i] = new BetaDistribution(a[i], b[i], 1e-14);
                        }
                        GaussIntegrator rule = new GaussIntegratorFactory().legendre(10, 0, 1);
                        double[] p = new double[k];
                        for (int i = 0; i < k; i++) {
                            double sd = Math.sqrt(d[i].getNumericalVariance());
                            double lo = Math.max(0, d[i].getNumericalMean() - 30 * sd);
                            double hi = Math.min(1, d[i].getNumericalMean() + 30 * sd);
                            int panels = 1500;
                            double h = (hi - lo) / panels;
                            double sum = 0;
                            for (int q = 0; q < panels; q++) {
                                for (int m = 0; m < rule.getNumberOfPoints(); m++) {
                                    double x = lo + h * (q + rule.getPoint(m));
                                    double f = d[i].density(x);
                                    for (int j = 0; j < k; j++) {
                                        if (j != i) {
                                            f *= d[j].cumulativeProbability(x);
                                        }
                                    }
                                    sum += h * rule.getWeight(m) * f;
                                }
                            }
                            p[i] = sum;
                        }
                        return p;
                    }

                    static void evaluate(List<CSVRecord> rows, double z, ObjectNode out, ArrayNode estimates) {
                        List<CSVRecord> used = new ArrayList<>();
                        for (CSVRecord r : rows) {
                            boolean skip = blank(r, ACTION) || blank(r, REWARD) || blank(r, PROPENSITY) || blank(r, TARGET);
                            for (String c : CONTEXT) {
                                skip |= blank(r, c);
                            }
                            if (!skip) {
                                used.add(r);
                            }
                        }
                        int n = used.size();
                        TreeMap<String, Integer> armIndex = new TreeMap<>();
                        for (CSVRecord r : used) {
                            armIndex.put(r.get(ACTION).strip(), 0);
                        }
                        int idx = 0;
                        for (String a : armIndex.keySet()) {
                            armIndex.put(a, idx++);
                        }
                        int k = armIndex.size();
                        int d = CONTEXT.length + 1;
                        int[] act = new int[n];
                        int[] tgt = new int[n];
                        double[] r = new double[n];
                        double[] w = new double[n];
                        double[][] x = new double[n][d];
                        for (int i = 0; i < n; i++) {
                            CSVRecord row = used.get(i);
                            act[i] = armIndex.get(row.get(ACTION).strip());
                            tgt[i] = armIndex.get(TARGET_ARM != null ? TARGET_ARM : row.get(TARGET).strip());
                            r[i] = Double.parseDouble(row.get(REWARD));
                            w[i] = act[i] == tgt[i] ? 1 / Double.parseDouble(row.get(PROPENSITY)) : 0;
                            x[i][0] = 1;
                            for (int j = 1; j < d; j++) {
                                x[i][j] = Double.parseDouble(row.get(CONTEXT[j - 1]));
                            }
                        }
                        String headline = ESTIMATORS.contains("dr") ? "bandit.ope.dr" : ESTIMATORS.contains("ips") ? "bandit.ope.ips" : "bandit.ope.snips";
                        out.put("method", headline);
                        if (ESTIMATORS.contains("ips")) {
                            double[] t = new double[n];
                            for (int i = 0; i < n; i++) {
                                t[i] = w[i] * r[i];
                            }
                            meanEstimate(estimates, "IPS", "bandit.ope.ips", t, z);
                        }
                        if (ESTIMATORS.contains("snips")) {
                            double sw = 0;
                            double swr = 0;
                            for (int i = 0; i < n; i++) {
                                sw += w[i];
                                swr += w[i] * r[i];
                            }
                            double v = swr / sw;
                            double ss = 0;
                            for (int i = 0; i < n; i++) {
                                ss += w[i] * w[i] * (r[i] - v) * (r[i] - v);
                            }
                            estimate(estimates, "SNIPS", "bandit.ope.snips", v, Math.sqrt(ss) / sw, z);
                        }
                        if (ESTIMATORS.contains("dr")) {
                            double[][] beta = new double[k][d];
                            for (int a = 0; a < k; a++) {
                                int m = 0;
                                double mean = 0;
                                double[][] xtx = new double[d][d];
                                double[] xty = new double[d];
                                for (int i = 0; i < n; i++) {
                                    if (act[i] != a) {
                                        continue;
                                    }
                                    m++;
                                    mean += r[i];
                                    for (int p = 0; p < d; p++) {
                                        xty[p] += x[i][p] * r[i];
                                        for (int q = 0; q < d; q++) {
                                            xtx[p][q] += x[i][p] * x[i][q];
                                        }
                                    }
                                }
                                beta[a][0] = m > 0 ? mean / m : 0;
                                if (d > 1 && m > d) {
                                    DecompositionSolver solver = new LUDecomposition(new Array2DRowRealMatrix(xtx), 1e-13).getSolver();
                                    if (solver.isNonSingular()) {
                                        beta[a] = solver.solve(new ArrayRealVector(xty)).toArray();
                                    }
                                }
                            }
                            double[] t = new double[n];
                            for (int i = 0; i < n; i++) {
                                t[i] = predict(beta[tgt[i]], x[i]) + w[i] * (r[i] - predict(beta[act[i]], x[i]));
                            }
                            meanEstimate(estimates, "DR", "bandit.ope.dr", t, z);
                        }
                    }

                    static double predict(double[] beta, double[] x) {
                        double v = 0;
                        for (int j = 0; j < beta.length; j++) {
                            v += beta[j] * x[j];
                        }
                        return v;
                    }

                    static void meanEstimate(ArrayNode estimates, String label, String method, double[] t, double z) {
                        int n = t.length;
                        double mean = 0;
                        for (double v : t) {
                            mean += v;
                        }
                        mean /= n;
                        double ss = 0;
                        for (double v : t) {
                            ss += (v - mean) * (v - mean);
                        }
                        estimate(estimates, label, method, mean, n > 1 ? Math.sqrt(ss / (n - 1) / n) : 0, z);
                    }

                    static void estimate(ArrayNode estimates, String label, String method, double value, double se, double z) {
                        ObjectNode e = estimates.addObject();
                        e.put("label", label);
                        e.put("method", method);
                        e.put("estimate", value);
                        e.put("standardError", se);
                        interval(e, value - z * se, value + z * se);
                    }

                    static void interval(ObjectNode e, double lower, double upper) {
                        ObjectNode i = e.putObject("interval");
                        i.put("lower", lower);
                        i.put("upper", upper);
                        i.put("level", 1 - ALPHA);
                    }
                }
                """.replace("@SPEC@", spec)
                .replace("@MODE@", s.mode().toString())
                .replace("@ALGORITHM@", s.algorithm() == null ? "" : s.algorithm())
                .replace("@ARM@", lit(s.arm()))
                .replace("@REWARD@", lit(s.reward()))
                .replace("@COUNT@", lit(s.count()))
                .replace("@SUCCESSES@", lit(s.successes()))
                .replace("@PRIOR_A@", Double.toString(s.prior().get(0)))
                .replace("@PRIOR_B@", Double.toString(s.prior().get(1)))
                .replace("@EPSILON@", Double.toString(s.epsilon()))
                .replace("@ACTION@", lit(s.action()))
                .replace("@PROPENSITY@", lit(s.propensity()))
                .replace("@CONTEXT@", s.context().stream().map(BanditTemplate::lit).collect(Collectors.joining(", ")))
                .replace("@TARGET@", lit(s.target()))
                .replace("@TARGET_ARM@", lit(s.targetArm()))
                .replace("@ESTIMATORS@", (s.estimators() == null ? List.<String>of() : s.estimators()).stream()
                        .map(BanditTemplate::lit).collect(Collectors.joining(", ")))
                .replace("@ALPHA@", Double.toString(s.alpha()));
    }

    /** A Java string literal for {@code v}, or {@code null}. */
    static String lit(String v) {
        if (v == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : v.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
