package io.cerebro.agents.mmm;

import io.cerebro.core.spec.MMMSpec;
import io.cerebro.core.spec.SpecReader;

import java.util.stream.Collectors;

/**
 * The offline template of an MMM pipeline: a standalone program (JDK, Commons CSV and Jackson)
 * with its own implementation of everything: it reads the CSV, sorts by date, builds the design,
 * chooses each channel's adstock decay and saturation by a deterministic coordinate grid search
 * (41 points per parameter, the window halving over six rounds) on training NRMSE, fits the
 * sign-constrained ridge by an add/drop active set on the normal equations, refits on every week
 * and prints shares and ROAS. The engine searches differently (Latin hypercube and Nelder-Mead), so
 * the two land on nearby points of the same NRMSE valley: see {@link io.cerebro.core.mmm.MmmMethod}
 * for the tolerance.
 */
final class MmmTemplate {
    private MmmTemplate() {
    }

    static String program(MMMSpec s) {
        String spec = SpecReader.toTree(s).toString().replace("*/", "* /");
        return """
                import com.fasterxml.jackson.databind.ObjectMapper;
                import com.fasterxml.jackson.databind.node.ArrayNode;
                import com.fasterxml.jackson.databind.node.ObjectNode;
                import org.apache.commons.csv.CSVFormat;
                import org.apache.commons.csv.CSVParser;
                import org.apache.commons.csv.CSVRecord;

                import java.io.Reader;
                import java.nio.file.Files;
                import java.nio.file.Path;
                import java.time.LocalDate;
                import java.time.temporal.ChronoUnit;
                import java.util.ArrayList;
                import java.util.Comparator;
                import java.util.List;

                /**
                 * Marketing mix model: geometric adstock (normalised, L_MAX lags), logistic saturation on spend / max spend,
                 * ridge with non-negative media coefficients; contribution share and ROAS per channel.
                 * Written for the spec @SPEC@
                 */
                public class Pipeline {
                    static final String DATE = "@DATE@";
                    static final String OUTCOME = "@OUTCOME@";
                    static final String[] CHANNELS = {@CHANNELS@};
                    static final String[] CONTROLS = {@CONTROLS@};
                    static final int L_MAX = @LMAX@;
                    static final boolean TREND = @TREND@;
                    static final int HARMONICS = @HARMONICS@;
                    static final Integer HOLDOUT = @HOLDOUT@;
                    static final double RIDGE = @RIDGE@;
                    static final int BOOTSTRAP = @BOOTSTRAP@;
                    static final double ALPHA = @ALPHA@;
                    static final long SEED = @SEED@L;

                    static int n;
                    static double[] y;
                    static double[][] spend;
                    static double[][] base;

                    public static void main(String[] args) throws Exception {
                        List<CSVRecord> rows = new ArrayList<>();
                        try (Reader r = Files.newBufferedReader(Path.of(args[0]));
                             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
                            for (CSVRecord rec : p) {
                                rows.add(rec);
                            }
                        }
                        rows.sort(Comparator.comparing(rec -> LocalDate.parse(rec.get(DATE).trim().substring(0, 10))));
                        n = rows.size();
                        y = new double[n];
                        spend = new double[CHANNELS.length][n];
                        LocalDate first = LocalDate.parse(rows.get(0).get(DATE).trim().substring(0, 10));
                        List<double[]> cols = new ArrayList<>();
                        double[] trend = new double[n];
                        double[][] fourier = new double[2 * HARMONICS][n];
                        double[][] controls = new double[CONTROLS.length][n];
                        for (int t = 0; t < n; t++) {
                            CSVRecord rec = rows.get(t);
                            y[t] = Double.parseDouble(rec.get(OUTCOME));
                            for (int c = 0; c < CHANNELS.length; c++) {
                                spend[c][t] = Double.parseDouble(rec.get(CHANNELS[c]));
                            }
                            for (int j = 0; j < CONTROLS.length; j++) {
                                controls[j][t] = Double.parseDouble(rec.get(CONTROLS[j]));
                            }
                            trend[t] = (double) t / (n - 1);
                            long days = ChronoUnit.DAYS.between(first, LocalDate.parse(rec.get(DATE).trim().substring(0, 10)));
                            for (int k = 1; k <= HARMONICS; k++) {
                                fourier[2 * k - 2][t] = Math.sin(2 * Math.PI * k * days / 365.25);
                                fourier[2 * k - 1][t] = Math.cos(2 * Math.PI * k * days / 365.25);
                            }
                        }
                        if (TREND) {
                            cols.add(trend);
                        }
                        for (double[] f : fourier) {
                            cols.add(f);
                        }
                        for (double[] c : controls) {
                            cols.add(c);
                        }
                        base = cols.toArray(new double[0][]);
                        int train = n - (HOLDOUT != null ? HOLDOUT : (int) Math.round(0.1 * n));
                        int k = CHANNELS.length;
                        double[] lo = {0, 0.1};
                        double[] hi = {0.9, 10};
                        double[] theta = new double[2 * k];
                        for (int c = 0; c < k; c++) {
                            theta[2 * c] = 0.45;
                            theta[2 * c + 1] = 5.05;
                        }
                        double best = fit(theta, train).nrmse;
                        double window = 1;
                        for (int round = 0; round < 6; round++, window /= 2) {
                            for (int j = 0; j < theta.length; j++) {
                                double l = lo[j % 2];
                                double h = hi[j % 2];
                                double w = window * (h - l);
                                double a = Math.max(l, theta[j] - w);
                                double b = Math.min(h, theta[j] + w);
                                for (int g = 0; g <= 40; g++) {
                                    double[] trial = theta.clone();
                                    trial[j] = a + (b - a) * g / 40;
                                    double e = fit(trial, train).nrmse;
                                    if (e < best) {
                                        best = e;
                                        theta = trial;
                                    }
                                }
                            }
                        }
                        Fit all = fit(theta, n);
                        double[] point = stats(all, y);
                        // moving-block residual bootstrap; each replicate re-searches the parameters near the selected ones
                        double[] fitted = all.fitted;
                        double[] resid = new double[n];
                        double rm = 0;
                        for (int t = 0; t < n; t++) {
                            resid[t] = y[t] - fitted[t];
                            rm += resid[t] / n;
                        }
                        int block = Math.max(2, (int) Math.ceil(Math.cbrt(n)));
                        java.util.Random rng = new java.util.Random(SEED);
                        double[][] boot = new double[BOOTSTRAP][];
                        double[] original = y;
                        for (int bsi = 0; bsi < BOOTSTRAP; bsi++) {
                            double[] ys = new double[n];
                            int t = 0;
                            while (t < n) {
                                int from = rng.nextInt(n - block + 1);
                                for (int i = 0; i < block && t < n; i++, t++) {
                                    ys[t] = fitted[t] + resid[from + i] - rm;
                                }
                            }
                            y = ys;
                            double[] th = theta.clone();
                            double e0 = fit(th, n).nrmse;
                            for (double win : new double[] {0.1, 0.03}) {
                                for (int j = 0; j < th.length; j++) {
                                    double l = lo[j % 2];
                                    double h = hi[j % 2];
                                    for (int g = -5; g <= 5; g++) {
                                        double[] trial = th.clone();
                                        trial[j] = Math.min(h, Math.max(l, th[j] + win * (h - l) * g / 5));
                                        double e = fit(trial, n).nrmse;
                                        if (e < e0) {
                                            e0 = e;
                                            th = trial;
                                        }
                                    }
                                }
                            }
                            boot[bsi] = stats(fit(th, n), ys);
                        }
                        y = original;
                        ObjectMapper om = new ObjectMapper();
                        ObjectNode out = om.createObjectNode();
                        out.put("schema", "cerebro.result/1");
                        out.put("family", "mmm");
                        out.put("method", "mmm.contribution_share");
                        ArrayNode est = out.putArray("estimates");
                        for (int q = 0; q < 2 * k; q++) {
                            ObjectNode e = est.addObject();
                            e.put("label", CHANNELS[q % k]);
                            e.put("method", q < k ? "mmm.contribution_share" : "mmm.roas");
                            e.put("estimate", point[q]);
                            if (BOOTSTRAP > 0) {
                                double[] v = new double[BOOTSTRAP];
                                double m = 0;
                                for (int bsi = 0; bsi < BOOTSTRAP; bsi++) {
                                    v[bsi] = boot[bsi][q];
                                    m += v[bsi] / BOOTSTRAP;
                                }
                                double ss = 0;
                                for (double x : v) {
                                    ss += (x - m) * (x - m);
                                }
                                java.util.Arrays.sort(v);
                                e.put("standardError", Math.sqrt(ss / (BOOTSTRAP - 1)));
                                ObjectNode ci = e.putObject("interval");
                                ci.put("lower", quantile(v, ALPHA / 2));
                                ci.put("upper", quantile(v, 1 - ALPHA / 2));
                                ci.put("level", 1 - ALPHA);
                                ci.put("kind", "confidence");
                            }
                        }
                        System.out.println(om.writerWithDefaultPrettyPrinter().writeValueAsString(out));
                    }

                    record Fit(double[] coef, double[][] media, double[] fitted, double nrmse) {
                    }

                    /** Shares (sum of contributions / sum of the outcome) then ROAS (sum of contributions / sum of spend). */
                    static double[] stats(Fit f, double[] outcome) {
                        int k = CHANNELS.length;
                        double total = 0;
                        for (double v : outcome) {
                            total += v;
                        }
                        double[] out = new double[2 * k];
                        for (int c = 0; c < k; c++) {
                            double contribution = 0;
                            double spent = 0;
                            for (int t = 0; t < n; t++) {
                                contribution += f.coef[base.length + c] * f.media[c][t];
                                spent += spend[c][t];
                            }
                            out[c] = contribution / total;
                            out[k + c] = contribution / spent;
                        }
                        return out;
                    }

                    /** Linear interpolation between order statistics of sorted values (R's type 7). */
                    static double quantile(double[] sorted, double q) {
                        double h = (sorted.length - 1) * q;
                        int i = (int) Math.floor(h);
                        int j = Math.min(sorted.length - 1, i + 1);
                        return sorted[i] + (h - i) * (sorted[j] - sorted[i]);
                    }

                    /** Transforms the channels with theta, fits the ridge on rows 0..rows-1 and scores it there. */
                    static Fit fit(double[] theta, int rows) {
                        int k = CHANNELS.length;
                        double[][] media = new double[k][n];
                        for (int c = 0; c < k; c++) {
                            double alpha = theta[2 * c];
                            double lam = theta[2 * c + 1];
                            double norm = 0;
                            for (int l = 0; l < L_MAX; l++) {
                                norm += Math.pow(alpha, l);
                            }
                            double max = 0;
                            for (double v : spend[c]) {
                                max = Math.max(max, v);
                            }
                            for (int t = 0; t < n; t++) {
                                double ad = 0;
                                for (int l = 0; l < L_MAX && l <= t; l++) {
                                    ad += Math.pow(alpha, l) / norm * spend[c][t - l];
                                }
                                double e = Math.exp(-lam * ad / max);
                                media[c][t] = (1 - e) / (1 + e);
                            }
                        }
                        int p = base.length + k;
                        double[][] x = new double[p][];
                        for (int j = 0; j < base.length; j++) {
                            x[j] = base[j];
                        }
                        for (int c = 0; c < k; c++) {
                            x[base.length + c] = media[c];
                        }
                        double ym = 0;
                        for (int t = 0; t < rows; t++) {
                            ym += y[t] / rows;
                        }
                        double[] mean = new double[p];
                        double[] sd = new double[p];
                        for (int j = 0; j < p; j++) {
                            for (int t = 0; t < rows; t++) {
                                mean[j] += x[j][t] / rows;
                            }
                            for (int t = 0; t < rows; t++) {
                                sd[j] += (x[j][t] - mean[j]) * (x[j][t] - mean[j]) / rows;
                            }
                            sd[j] = Math.sqrt(sd[j]);
                        }
                        double[][] a = new double[p][p];
                        double[] g = new double[p];
                        boolean[] dead = new boolean[p];
                        for (int j = 0; j < p; j++) {
                            dead[j] = sd[j] <= 1e-12 * Math.max(1, Math.abs(mean[j]));
                        }
                        for (int i = 0; i < p; i++) {
                            for (int j = 0; j < p; j++) {
                                if (dead[i] || dead[j]) {
                                    continue;
                                }
                                double s = 0;
                                for (int t = 0; t < rows; t++) {
                                    s += (x[i][t] - mean[i]) * (x[j][t] - mean[j]);
                                }
                                a[i][j] = s / rows / sd[i] / sd[j] + (i == j ? RIDGE : 0);
                            }
                            if (!dead[i]) {
                                double s = 0;
                                for (int t = 0; t < rows; t++) {
                                    s += (x[i][t] - mean[i]) * (y[t] - ym);
                                }
                                g[i] = s / rows / sd[i];
                            }
                        }
                        // add/drop active set: zero the most negative media coefficient, or free the zeroed one whose gradient is largest
                        boolean[] zero = dead.clone();
                        double[] b = new double[p];
                        for (int iter = 0; iter < 20 * p; iter++) {
                            b = solve(a, g, zero);
                            int worst = -1;
                            for (int c = base.length; c < p; c++) {
                                if (!zero[c] && b[c] < 0 && (worst < 0 || b[c] < b[worst])) {
                                    worst = c;
                                }
                            }
                            if (worst >= 0) {
                                zero[worst] = true;
                                continue;
                            }
                            int enter = -1;
                            double most = 1e-12;
                            for (int c = base.length; c < p; c++) {
                                if (zero[c] && !dead[c]) {
                                    double grad = g[c];
                                    for (int j = 0; j < p; j++) {
                                        grad -= a[c][j] * b[j];
                                    }
                                    if (grad > most) {
                                        most = grad;
                                        enter = c;
                                    }
                                }
                            }
                            if (enter < 0) {
                                break;
                            }
                            zero[enter] = false;
                        }
                        double[] coef = new double[p];
                        double intercept = ym;
                        for (int j = 0; j < p; j++) {
                            coef[j] = dead[j] ? 0 : b[j] / sd[j];
                            intercept -= coef[j] * mean[j];
                        }
                        double sse = 0;
                        double ymin = Double.POSITIVE_INFINITY;
                        double ymax = Double.NEGATIVE_INFINITY;
                        double[] fitted = new double[n];
                        for (int t = 0; t < n; t++) {
                            double f = intercept;
                            for (int j = 0; j < p; j++) {
                                f += coef[j] * x[j][t];
                            }
                            fitted[t] = f;
                            if (t < rows) {
                                sse += (y[t] - f) * (y[t] - f);
                                ymin = Math.min(ymin, y[t]);
                                ymax = Math.max(ymax, y[t]);
                            }
                        }
                        return new Fit(coef, media, fitted, Math.sqrt(sse / rows) / (ymax - ymin));
                    }

                    /** Gaussian elimination with partial pivoting on the free rows and columns; fixed ones are 0. */
                    static double[] solve(double[][] a, double[] g, boolean[] fixed) {
                        int p = g.length;
                        List<Integer> free = new ArrayList<>();
                        for (int j = 0; j < p; j++) {
                            if (!fixed[j]) {
                                free.add(j);
                            }
                        }
                        int m = free.size();
                        double[][] s = new double[m][m + 1];
                        for (int i = 0; i < m; i++) {
                            for (int j = 0; j < m; j++) {
                                s[i][j] = a[free.get(i)][free.get(j)];
                            }
                            s[i][m] = g[free.get(i)];
                        }
                        for (int col = 0; col < m; col++) {
                            int piv = col;
                            for (int r = col + 1; r < m; r++) {
                                if (Math.abs(s[r][col]) > Math.abs(s[piv][col])) {
                                    piv = r;
                                }
                            }
                            double[] tmp = s[col];
                            s[col] = s[piv];
                            s[piv] = tmp;
                            for (int r = col + 1; r < m; r++) {
                                double f = s[r][col] / s[col][col];
                                for (int c = col; c <= m; c++) {
                                    s[r][c] -= f * s[col][c];
                                }
                            }
                        }
                        double[] z = new double[m];
                        for (int r = m - 1; r >= 0; r--) {
                            double v = s[r][m];
                            for (int c = r + 1; c < m; c++) {
                                v -= s[r][c] * z[c];
                            }
                            z[r] = v / s[r][r];
                        }
                        double[] b = new double[p];
                        for (int i = 0; i < m; i++) {
                            b[free.get(i)] = z[i];
                        }
                        return b;
                    }
                }
                """.replace("@SPEC@", spec).replace("@DATE@", esc(s.date())).replace("@OUTCOME@", esc(s.outcome()))
                .replace("@CHANNELS@", list(s.channels())).replace("@CONTROLS@", list(s.controls()))
                .replace("@LMAX@", Integer.toString(s.lMax())).replace("@TREND@", Boolean.toString(s.trend()))
                .replace("@HARMONICS@", Integer.toString(s.seasonality() == MMMSpec.Seasonality.YEARLY ? s.harmonics() : 0))
                .replace("@HOLDOUT@", s.holdoutWeeks() == null ? "null" : s.holdoutWeeks().toString())
                .replace("@RIDGE@", Double.toString(s.ridge()))
                .replace("@BOOTSTRAP@", Integer.toString(s.bootstrap())).replace("@ALPHA@", Double.toString(s.alpha()))
                .replace("@SEED@", Long.toString(s.seed()));
    }

    private static String esc(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String list(java.util.List<String> v) {
        return v.stream().map(x -> "\"" + esc(x) + "\"").collect(Collectors.joining(", "));
    }
}
