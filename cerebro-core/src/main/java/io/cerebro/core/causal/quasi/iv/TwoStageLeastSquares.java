package io.cerebro.core.causal.quasi.iv;

import io.cerebro.core.stats.Matrices;
import io.cerebro.core.causal.quasi.QuasiSupport;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Diagnostic;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.result.Interval;
import io.cerebro.core.result.Statistic;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.IvDesign;
import io.cerebro.core.stats.LinearModel;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.hipparchus.distribution.continuous.FDistribution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two-stage least squares with one endogenous regressor ({@code causal.iv}), in the manner of
 * {@code AER::ivreg}: conventional and HC1 standard errors; the diagnostics of
 * {@code summary(ivreg, diagnostics = TRUE)} (first-stage F of the excluded instruments, Wu-Hausman,
 * Sargan with more instruments than endogenous regressors); the first-stage coefficients and
 * partial R²; and the Anderson-Rubin confidence set, which stays valid when instruments are weak.
 */
public final class TwoStageLeastSquares {
    static final String METHOD = "causal.iv";
    /** Staiger and Stock's rule of thumb for the first-stage F. */
    static final double WEAK_F = 10;

    private TwoStageLeastSquares() {
    }

    /** Fits the IV design of {@code spec}: the treatment is the endogenous regressor. */
    public static AnalysisResult run(CausalSpec spec, Dataset data) {
        IvDesign iv = spec.iv();
        if (iv == null || iv.instruments().isEmpty()) {
            throw new UserInputException("method iv needs at least one instrument; give --instruments z1[,z2...]");
        }
        String yName = spec.outcome();
        String dName = spec.treatment();
        List<String> controls = new ArrayList<>(iv.controls());
        controls.addAll(spec.confounders().stream().filter(c -> !controls.contains(c)).toList());
        List<String> used = new ArrayList<>(List.of(yName, dName));
        used.addAll(iv.instruments());
        used.addAll(controls);
        for (String z : iv.instruments()) {
            if (controls.contains(z) || z.equals(dName) || z.equals(yName)) {
                throw new UserInputException("instrument '" + z + "' is also the outcome, the treatment or a control; an"
                        + " excluded instrument must appear only in --instruments");
            }
        }
        boolean[] keep = QuasiSupport.completeOrFail(data, used, spec.dropMissing());
        int dropped = QuasiSupport.dropped(keep);
        double[] y = QuasiSupport.subset(data.doubles(yName), keep);
        double[] d = QuasiSupport.subset(data.doubles(dName), keep);
        double[][] wCols = new double[controls.size()][];
        for (int j = 0; j < controls.size(); j++) {
            wCols[j] = QuasiSupport.subset(data.doubles(controls.get(j)), keep);
        }
        double[][] zCols = new double[iv.instruments().size()][];
        for (int j = 0; j < zCols.length; j++) {
            zCols[j] = QuasiSupport.subset(data.doubles(iv.instruments().get(j)), keep);
        }
        Fit f = fit(y, d, wCols, zCols, dName, controls, iv.instruments(), spec.alpha());
        return report(spec, data, f, dropped);
    }

    /** Everything 2SLS computes, in the order of the coefficient names. */
    record Fit(String[] names, double[] beta, double[][] covConventional, double[][] covHc1, int n, int k,
               double firstStageF, double firstStageFp, double partialR2, Map<String, Double> firstStage,
               double wuHausman, double wuHausmanP, Double sargan, Double sarganP, int overid,
               double olsEstimate, double olsSe, double[] arSet, String arShape) {
    }

    static Fit fit(double[] y, double[] d, double[][] w, double[][] z, String dName, List<String> controls,
                   List<String> instruments, double alpha) {
        int n = y.length;
        int kw = w.length + 1;
        int q = z.length;
        String[] wNames = new String[kw];
        wNames[0] = "(Intercept)";
        for (int j = 0; j < w.length; j++) {
            wNames[j + 1] = controls.get(j);
        }
        double[][] wm = new double[n][kw];
        double[][] zm = new double[n][kw + q];
        double[][] xm = new double[n][kw + 1];
        for (int i = 0; i < n; i++) {
            wm[i][0] = 1;
            zm[i][0] = 1;
            xm[i][0] = 1;
            xm[i][1] = d[i];
            for (int j = 0; j < w.length; j++) {
                wm[i][j + 1] = w[j][i];
                zm[i][j + 1] = w[j][i];
                xm[i][j + 2] = w[j][i];
            }
            for (int j = 0; j < q; j++) {
                zm[i][kw + j] = z[j][i];
            }
        }
        String[] zNames = new String[kw + q];
        System.arraycopy(wNames, 0, zNames, 0, kw);
        for (int j = 0; j < q; j++) {
            zNames[kw + j] = instruments.get(j);
        }
        String[] xNames = new String[kw + 1];
        xNames[0] = "(Intercept)";
        xNames[1] = dName;
        for (int j = 0; j < w.length; j++) {
            xNames[j + 2] = controls.get(j);
        }
        LinearModel restricted;
        try {
            restricted = LinearModel.fit(wNames, wm, d);
        } catch (UserInputException e) {
            throw new UserInputException("the controls are collinear among themselves: " + e.getMessage());
        }
        LinearModel first;
        try {
            first = LinearModel.fit(zNames, zm, d);
        } catch (UserInputException e) {
            throw new UserInputException("an instrument is collinear with the controls (" + e.getMessage()
                    + "); an instrument must vary beyond what the controls explain: drop it or the control it duplicates");
        }
        double rssR = restricted.rss();
        double rssF = first.rss();
        double fStat = ((rssR - rssF) / q) / (rssF / (n - kw - q));
        double fP = 1 - new FDistribution(q, n - kw - q).cumulativeProbability(fStat);
        double partialR2 = (rssR - rssF) / rssR;
        Map<String, Double> firstStage = new LinkedHashMap<>();
        double[] pi = first.coefficients();
        for (int j = 0; j < q; j++) {
            firstStage.put(instruments.get(j), pi[kw + j]);
        }
        double[] vhat = first.residuals();
        double[][] xhat = new double[n][];
        for (int i = 0; i < n; i++) {
            xhat[i] = xm[i].clone();
            xhat[i][1] = d[i] - vhat[i];
        }
        int k = kw + 1;
        double[][] xhxInv = Matrices.inverse(Matrices.crossprod(xhat, xhat, null));
        double[] xhy = new double[k];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < k; a++) {
                xhy[a] += xhat[i][a] * y[i];
            }
        }
        double[] beta = Matrices.multiply(xhxInv, xhy);
        double[] e = new double[n];
        double rss = 0;
        for (int i = 0; i < n; i++) {
            double fit = 0;
            for (int a = 0; a < k; a++) {
                fit += xm[i][a] * beta[a];
            }
            e[i] = y[i] - fit;
            rss += e[i] * e[i];
        }
        double s2 = rss / (n - k);
        double[][] covConv = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                covConv[a][b] = s2 * xhxInv[a][b];
            }
        }
        double[][] meat = new double[k][k];
        for (int i = 0; i < n; i++) {
            double e2 = e[i] * e[i];
            for (int a = 0; a < k; a++) {
                double v = e2 * xhat[i][a];
                for (int b = 0; b < k; b++) {
                    meat[a][b] += v * xhat[i][b];
                }
            }
        }
        double[][] covHc1 = Matrices.multiply(Matrices.multiply(xhxInv, meat), xhxInv);
        double scale = (double) n / (n - k);
        for (double[] row : covHc1) {
            for (int b = 0; b < k; b++) {
                row[b] *= scale;
            }
        }
        // Wu-Hausman: the first-stage residual added to the structural equation (control function)
        double[][] xv = new double[n][k + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(xm[i], 0, xv[i], 0, k);
            xv[i][k] = vhat[i];
        }
        String[] xvNames = java.util.Arrays.copyOf(xNames, k + 1);
        xvNames[k] = "first-stage residual";
        LinearModel cf = LinearModel.fit(xvNames, xv, y);
        double tv = cf.coefficients()[k] / Math.sqrt(cf.covClassical()[k][k]);
        double wh = tv * tv;
        double whP = 1 - new FDistribution(1, n - k - 1).cumulativeProbability(wh);
        Double sargan = null;
        Double sarganP = null;
        int overid = q - 1;
        if (overid > 0) {
            LinearModel aux = LinearModel.fit(zNames, zm, e);
            double mean = 0;
            for (double v : e) {
                mean += v / n;
            }
            double tss = 0;
            for (double v : e) {
                tss += (v - mean) * (v - mean);
            }
            sargan = n * (1 - aux.rss() / tss);
            sarganP = 1 - new ChiSquaredDistribution(overid).cumulativeProbability(sargan);
        }
        String[] olsNames = xNames;
        LinearModel ols = LinearModel.fit(olsNames, xm, y);
        double olsB = ols.coefficients()[1];
        double olsSe = Math.sqrt(ols.covClassical()[1][1]);
        double[] ar = new double[2];
        String shape = andersonRubin(y, d, wm, z, n, kw, q, alpha, ar);
        return new Fit(xNames, beta, covConv, covHc1, n, k, fStat, fP, partialR2, firstStage, wh, whP, sargan, sarganP,
                overid, olsB, olsSe, ar, shape);
    }

    /**
     * The Anderson-Rubin set {b : F-test that the instruments do not explain y - b d, given the
     * controls, does not reject}. The F statistic is a ratio of quadratics in b, so the set is the
     * solution of one quadratic inequality: a bounded interval, the line minus an interval, the whole
     * line, or empty.
     *
     * @param out receives the two roots (lower, upper) where they exist
     * @return {@code interval}, {@code union of rays}, {@code whole line} or {@code empty}
     */
    static String andersonRubin(double[] y, double[] d, double[][] wm, double[][] z, int n, int kw, int q, double alpha,
                                double[] out) {
        // residualise y, d and the instruments on the controls; then P projects on the residualised instruments
        double[] yt = LinearModel.fit(names(kw), wm, y).residuals();
        double[] dt = LinearModel.fit(names(kw), wm, d).residuals();
        double[][] zt = new double[n][q];
        for (int j = 0; j < q; j++) {
            double[] r = LinearModel.fit(names(kw), wm, z[j]).residuals();
            for (int i = 0; i < n; i++) {
                zt[i][j] = r[i];
            }
        }
        double[][] ztzInv = Matrices.inverse(Matrices.crossprod(zt, zt, null));
        double[] zy = new double[q];
        double[] zd = new double[q];
        double yy = 0;
        double yd = 0;
        double dd = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < q; j++) {
                zy[j] += zt[i][j] * yt[i];
                zd[j] += zt[i][j] * dt[i];
            }
            yy += yt[i] * yt[i];
            yd += yt[i] * dt[i];
            dd += dt[i] * dt[i];
        }
        double pyy = dot(zy, Matrices.multiply(ztzInv, zy));
        double pyd = dot(zy, Matrices.multiply(ztzInv, zd));
        double pdd = dot(zd, Matrices.multiply(ztzInv, zd));
        int dfDen = n - kw - q;
        double c = new FDistribution(q, dfDen).inverseCumulativeProbability(1 - alpha);
        // AR(b) <= c  <=>  u'Pu * dfDen - c q u'(I-P)u <= 0 with u = y - b d
        double a11 = dfDen * pyy - c * q * (yy - pyy);
        double a12 = dfDen * pyd - c * q * (yd - pyd);
        double a22 = dfDen * pdd - c * q * (dd - pdd);
        // a22 b^2 - 2 a12 b + a11 <= 0
        double disc = a12 * a12 - a22 * a11;
        if (a22 > 0) {
            if (disc < 0) {
                return "empty";
            }
            double s = Math.sqrt(disc);
            out[0] = (a12 - s) / a22;
            out[1] = (a12 + s) / a22;
            return "interval";
        }
        if (disc < 0 || a22 == 0) {
            out[0] = Double.NEGATIVE_INFINITY;
            out[1] = Double.POSITIVE_INFINITY;
            return "whole line";
        }
        double s = Math.sqrt(disc);
        double r1 = (a12 + s) / a22;
        double r2 = (a12 - s) / a22;
        out[0] = Math.min(r1, r2);
        out[1] = Math.max(r1, r2);
        return "union of rays";
    }

    /**
     * The Anderson-Rubin set as text a reader can use: {@code [-0.2, 0.5]} for an interval,
     * {@code (-inf, -1.46] U [0.119, inf)} for a union of rays, {@code (-inf, inf)} for the whole
     * line, and {@code empty} when no coefficient is consistent with the data.
     */
    static String arSetText(String shape, double[] bounds) {
        return switch (shape) {
            case "interval" -> "[" + setNum(bounds[0]) + ", " + setNum(bounds[1]) + "]";
            case "union of rays" -> "(-inf, " + setNum(bounds[0]) + "] U [" + setNum(bounds[1]) + ", inf)";
            case "whole line" -> "(-inf, inf)";
            default -> "empty";
        };
    }

    /** Three significant digits, as a report shows them. */
    private static String setNum(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e6 || a < 1e-4) {
            return String.format(java.util.Locale.ROOT, "%.2e", v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private static String[] names(int k) {
        String[] s = new String[k];
        for (int j = 0; j < k; j++) {
            s[j] = "w" + j;
        }
        s[0] = "(Intercept)";
        return s;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static AnalysisResult report(CausalSpec spec, Dataset data, Fit f, int dropped) {
        String dName = spec.treatment();
        double b = f.beta()[1];
        double seConv = Math.sqrt(f.covConventional()[1][1]);
        double seHc1 = Math.sqrt(f.covHc1()[1][1]);
        int df = f.n() - f.k();
        String estimand = "local average effect of a unit change in " + dName + " on " + spec.outcome()
                + " (2SLS, instruments " + String.join(", ", spec.iv().instruments()) + ")";
        Estimate conv = QuasiSupport.waldT(dName, METHOD, estimand + ", conventional errors", b, seConv, df, spec.alpha());
        Estimate hc1 = QuasiSupport.waldT(dName, METHOD, estimand + ", HC1 errors", b, seHc1, df, spec.alpha());
        AnalysisResult.Builder r = AnalysisResult.builder("causal", METHOD).estimand(estimand);
        if (spec.iv().vce().equals("hc1")) {
            r.estimate(hc1).estimate(conv);
        } else {
            r.estimate(conv).estimate(hc1);
        }
        double[] ar = f.arSet();
        String arSet = arSetText(f.arShape(), ar);
        Estimate.Builder arEst = Estimate.builder(dName + " (Anderson-Rubin)", METHOD)
                .estimand("Anderson-Rubin " + Math.round((1 - spec.alpha()) * 100) + "% confidence set (" + f.arShape() + "): " + arSet);
        if (f.arShape().equals("interval") || f.arShape().equals("whole line")) {
            arEst.interval(Interval.confidence(ar[0], ar[1], 1 - spec.alpha()));
        } else if (f.arShape().equals("union of rays")) {
            arEst.extra("excluded_lower", ar[0]).extra("excluded_upper", ar[1]);
        }
        r.estimate(arEst.build());
        r.detail("anderson_rubin_set", Math.round((1 - spec.alpha()) * 100) + "% " + arSet);
        r.estimate(QuasiSupport.waldT(dName + " (OLS)", "causal.regression", "OLS coefficient, for comparison (biased if "
                + dName + " is endogenous)", f.olsEstimate(), f.olsSe(), df, spec.alpha()));
        boolean weak = f.firstStageF() < WEAK_F;
        r.diagnostic(new Diagnostic("weak_instruments", weak ? Diagnostic.Status.WARN : Diagnostic.Status.PASS,
                String.format(java.util.Locale.ROOT, "first-stage F = %.2f on %d instrument(s)%s", f.firstStageF(),
                        spec.iv().instruments().size(), weak ? " (below 10: weak)" : ""),
                Map.of("F", f.firstStageF(), "p_value", f.firstStageFp(), "partial_r2", f.partialR2())));
        r.diagnostic(new Diagnostic("wu_hausman", f.wuHausmanP() < spec.alpha() ? Diagnostic.Status.WARN : Diagnostic.Status.PASS,
                f.wuHausmanP() < spec.alpha() ? dName + " appears endogenous: 2SLS and OLS differ"
                        : "no evidence that " + dName + " is endogenous; OLS would be consistent and more precise",
                Map.of("F", f.wuHausman(), "df1", 1.0, "df2", (double) (f.n() - f.k() - 1), "p_value", f.wuHausmanP())));
        if (f.sargan() != null) {
            r.diagnostic(new Diagnostic("sargan", f.sarganP() < spec.alpha() ? Diagnostic.Status.WARN : Diagnostic.Status.PASS,
                    f.sarganP() < spec.alpha() ? "over-identifying restrictions rejected: some instrument may be invalid"
                            : "over-identifying restrictions not rejected",
                    Map.of("chi2", f.sargan(), "df", (double) f.overid(), "p_value", f.sarganP())));
        }
        if (weak) {
            r.warning(String.format(java.util.Locale.ROOT, "weak instruments: first-stage F = %.2f < 10, so 2SLS is biased"
                    + " towards OLS and its t-based interval can undercover; rely on the Anderson-Rubin set", f.firstStageF()));
        }
        if (dropped > 0) {
            r.warning(dropped + " rows with missing values were dropped");
        }
        Map<String, Double> coef = new LinkedHashMap<>();
        for (int j = 0; j < f.names().length; j++) {
            coef.put(f.names()[j], f.beta()[j]);
        }
        r.detail("coefficients", coef);
        r.detail("first_stage", f.firstStage());
        r.detail("first_stage_f", f.firstStageF());
        r.detail("partial_r2", f.partialR2());
        r.sampleSize("total", f.n());
        return r.provenance(spec, data, TwoStageLeastSquares.class, spec.seed()).build();
    }
}
