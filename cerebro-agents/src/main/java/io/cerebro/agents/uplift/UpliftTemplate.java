package io.cerebro.agents.uplift;

import io.cerebro.core.spec.UpliftSpec;

import java.util.stream.Collectors;

/** The offline template: a standalone AIPW program using Commons CSV and Commons Math only. */
final class UpliftTemplate {
    private UpliftTemplate() {
    }

    private static String lit(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String program(UpliftSpec u) {
        String features = u.features().stream().map(UpliftTemplate::lit).collect(Collectors.joining(", "));
        String propensity = u.propensity() == null ? "null" : lit(u.propensity());
        String categorical = u.categorical().stream().map(UpliftTemplate::lit).collect(Collectors.joining(", "));
        return """
                import org.apache.commons.csv.CSVFormat;
                import org.apache.commons.csv.CSVRecord;
                import org.apache.commons.math3.distribution.NormalDistribution;
                import org.apache.commons.math3.linear.Array2DRowRealMatrix;
                import org.apache.commons.math3.linear.ArrayRealVector;
                import org.apache.commons.math3.linear.LUDecomposition;
                import org.apache.commons.math3.linear.RealMatrix;
                import org.apache.commons.math3.linear.RealVector;

                import java.io.Reader;
                import java.nio.file.Files;
                import java.nio.file.Path;
                import java.util.ArrayList;
                import java.util.HashMap;
                import java.util.List;
                import java.util.Map;
                import java.util.Random;
                import java.util.TreeSet;

                /**
                 * Average effect of %1$s on %2$s by AIPW: %3$d folds stratified by treatment; in each, least squares
                 * of the outcome on the features (categorical ones as 0/1 columns) per arm and %4$s; phi = mu1 - mu0 + W(Y - mu1)/e - (1 - W)(Y - mu0)/(1 - e).
                 */
                public class Pipeline {
                    static final String TREATMENT = %5$s;
                    static final String OUTCOME = %6$s;
                    static final String[] FEATURES = {%7$s};
                    static final String[] CATEGORICAL = {%11$s};
                    static final String PROPENSITY = %8$s;
                    static final int FOLDS = %3$d;
                    static final double ALPHA = %9$s;

                    public static void main(String[] args) throws Exception {
                        if (args.length != 1) {
                            System.err.println("usage: java Pipeline.java DATA.csv");
                            return;
                        }
                        List<CSVRecord> records;
                        try (Reader in = Files.newBufferedReader(Path.of(args[0]))) {
                            records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
                        }
                        // a categorical feature becomes one 0/1 column per level but the first in sorted order (the reference)
                        Map<String, List<String>> levels = new HashMap<>();
                        for (String c : CATEGORICAL) {
                            TreeSet<String> seen = new TreeSet<>();
                            for (CSVRecord r : records) seen.add(r.get(c));
                            levels.put(c, new ArrayList<>(seen));
                        }
                        int n = records.size();
                        int p = 1;
                        for (String f : FEATURES) p += levels.containsKey(f) ? levels.get(f).size() - 1 : 1;
                        double[] w = new double[n];
                        double[] y = new double[n];
                        double[] known = new double[n];
                        double[][] x = new double[n][p];
                        for (int i = 0; i < n; i++) {
                            CSVRecord r = records.get(i);
                            w[i] = Double.parseDouble(r.get(TREATMENT));
                            y[i] = Double.parseDouble(r.get(OUTCOME));
                            known[i] = PROPENSITY == null ? Double.NaN : Double.parseDouble(r.get(PROPENSITY));
                            x[i][0] = 1;
                            int j = 1;
                            for (String f : FEATURES) {
                                List<String> lv = levels.get(f);
                                if (lv == null) {
                                    x[i][j++] = Double.parseDouble(r.get(f));
                                } else {
                                    String v = r.get(f);
                                    for (int k = 1; k < lv.size(); k++) x[i][j++] = v.equals(lv.get(k)) ? 1 : 0;
                                }
                            }
                        }
                        // folds stratified by treatment: each arm shuffled and dealt round-robin
                        int[] fold = new int[n];
                        Random random = new Random(%10$d);
                        for (int arm = 0; arm <= 1; arm++) {
                            List<Integer> idx = new ArrayList<>();
                            for (int i = 0; i < n; i++) {
                                if (w[i] == arm) idx.add(i);
                            }
                            java.util.Collections.shuffle(idx, random);
                            for (int k = 0; k < idx.size(); k++) fold[idx.get(k)] = k %% FOLDS;
                        }
                        double[] mu0 = new double[n];
                        double[] mu1 = new double[n];
                        double[] e = new double[n];
                        for (int f = 0; f < FOLDS; f++) {
                            double[] b0 = leastSquares(x, y, w, fold, f, 0);
                            double[] b1 = leastSquares(x, y, w, fold, f, 1);
                            double[] g = PROPENSITY == null ? logistic(x, w, fold, f) : null;
                            for (int i = 0; i < n; i++) {
                                if (fold[i] != f) continue;
                                mu0[i] = dot(b0, x[i]);
                                mu1[i] = dot(b1, x[i]);
                                e[i] = g == null ? known[i] : 1 / (1 + Math.exp(-dot(g, x[i])));
                                e[i] = Math.min(0.99, Math.max(0.01, e[i]));
                            }
                        }
                        double mean = 0;
                        double[] phi = new double[n];
                        for (int i = 0; i < n; i++) {
                            phi[i] = mu1[i] - mu0[i] + w[i] * (y[i] - mu1[i]) / e[i] - (1 - w[i]) * (y[i] - mu0[i]) / (1 - e[i]);
                            mean += phi[i];
                        }
                        mean /= n;
                        double ss = 0;
                        for (double v : phi) ss += (v - mean) * (v - mean);
                        double se = Math.sqrt(ss / (n - 1) / n);
                        double z = new NormalDistribution(0, 1).inverseCumulativeProbability(1 - ALPHA / 2);
                        String ci = "{\\"lower\\": " + (mean - z * se) + ", \\"upper\\": " + (mean + z * se) + ", \\"level\\": " + (1 - ALPHA)
                                + ", \\"kind\\": \\"confidence\\"}";
                        System.out.println("{\\"schema\\": \\"cerebro.result/1\\", \\"family\\": \\"uplift\\", \\"method\\": \\"uplift.ate\\", "
                                + "\\"estimates\\": [{\\"label\\": \\"ATE\\", \\"method\\": \\"uplift.ate\\", \\"estimate\\": " + mean
                                + ", \\"standardError\\": " + se + ", \\"interval\\": " + ci + "}]}");
                    }

                    static double dot(double[] b, double[] xi) {
                        double s = 0;
                        for (int j = 0; j < b.length; j++) s += b[j] * xi[j];
                        return s;
                    }

                    /** Least squares on the rows of arm {@code arm} outside fold {@code f} (a 1e-8 ridge keeps it solvable). */
                    static double[] leastSquares(double[][] x, double[] y, double[] w, int[] fold, int f, int arm) {
                        int p = x[0].length;
                        double[][] a = new double[p][p];
                        double[] b = new double[p];
                        for (int i = 0; i < x.length; i++) {
                            if (fold[i] == f || w[i] != arm) continue;
                            for (int r = 0; r < p; r++) {
                                b[r] += x[i][r] * y[i];
                                for (int s = 0; s < p; s++) a[r][s] += x[i][r] * x[i][s];
                            }
                        }
                        for (int r = 0; r < p; r++) a[r][r] += 1e-8 * (1 + a[r][r]);
                        return new LUDecomposition(new Array2DRowRealMatrix(a)).getSolver().solve(new ArrayRealVector(b)).toArray();
                    }

                    /** Logistic regression of the treatment by Newton's method on the rows outside fold {@code f}. */
                    static double[] logistic(double[][] x, double[] w, int[] fold, int f) {
                        int p = x[0].length;
                        double[] beta = new double[p];
                        for (int iter = 0; iter < 50; iter++) {
                            double[][] h = new double[p][p];
                            double[] g = new double[p];
                            for (int i = 0; i < x.length; i++) {
                                if (fold[i] == f) continue;
                                double pr = 1 / (1 + Math.exp(-dot(beta, x[i])));
                                double v = pr * (1 - pr);
                                for (int r = 0; r < p; r++) {
                                    g[r] += (w[i] - pr) * x[i][r];
                                    for (int s = 0; s < p; s++) h[r][s] += v * x[i][r] * x[i][s];
                                }
                            }
                            for (int r = 0; r < p; r++) h[r][r] += 1e-6 * (1 + h[r][r]);
                            RealVector step = new LUDecomposition(new Array2DRowRealMatrix(h)).getSolver().solve(new ArrayRealVector(g));
                            double size = 0;
                            for (int r = 0; r < p; r++) {
                                beta[r] += step.getEntry(r);
                                size = Math.max(size, Math.abs(step.getEntry(r)));
                            }
                            if (size < 1e-10) break;
                        }
                        return beta;
                    }
                }
                """.formatted(u.treatment(), u.outcome(), u.folds(),
                u.propensity() == null ? "a logistic propensity model" : "the known propensity column",
                lit(u.treatment()), lit(u.outcome()), features, propensity, Double.toString(u.alpha()), u.seed(), categorical);
    }
}
