package io.cerebro.core.causal.mediation;

import io.cerebro.core.causal.observational.CausalData;
import io.cerebro.core.causal.observational.LogisticRegression;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Diagnostic;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.result.Interval;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.stats.LinearModel;
import io.cerebro.core.stats.Matrices;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.hipparchus.analysis.integration.gauss.SymmetricGaussIntegrator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Natural direct and indirect effects of a 0/1 treatment through one mediator, as R's
 * {@code mediation} package and statsmodels' {@code Mediation} define them (Imai, Keele and Tingley
 * 2010). The mediator model is {@code M ~ T + X} (linear, or logistic for a 0/1 mediator), the
 * outcome model {@code Y ~ T + M + X} (linear, or logistic for a 0/1 outcome), X the confounders.
 *
 * <p>For each treatment arm t the effects average, over the sample's confounders, the predicted
 * outcome when treatment is set to t and the mediator to its distribution under t': ACME(t) =
 * E[Y(t, M(1)) - Y(t, M(0))], ADE(t) = E[Y(1, M(t)) - Y(0, M(t))], total = E[Y(1, M(1)) - Y(0, M(0))].
 * These expectations are computed exactly (a sum over the two values of a 0/1 mediator; Gauss-Hermite
 * quadrature over the normal residual of a linear mediator when the outcome model is logistic), where
 * statsmodels average simulated mediator values; so the point estimates carry no simulation noise.
 * Intervals are quasi-Bayesian as theirs: both models' coefficients are drawn from their asymptotic
 * normal distributions ({@value #DRAWS} draws, seeded), mediator values simulated per unit and arm,
 * the effects computed per draw, and the interval is the draws' percentiles.
 *
 * <p>Sensitivity (linear mediator and outcome only): ACME is zero when the correlation rho of the two
 * models' errors equals the correlation of the residuals of {@code M ~ T + X} and {@code Y ~ T + X}
 * (Imai, Keele and Yamamoto 2010, the linear structural equation model).
 */
public final class MediationAnalysis {
    /** Quasi-Bayesian draws per analysis. */
    public static final int DRAWS = 2000;
    private static final int NODES = 20;

    private MediationAnalysis() {
    }

    /** A fitted model: coefficients (intercept, treatment, [mediator,] confounders...), covariance, and kind. */
    private record Model(double[] beta, double[][] cov, boolean logistic, double scale) {
    }

    /**
     * The effects for one parameter draw.
     *
     * @param acme0 ACME with treatment held at control
     * @param acme1 ACME with treatment held at treated
     * @param ade0  ADE with the mediator at its control distribution
     * @param ade1  ADE with the mediator at its treated distribution
     */
    public record Effects(double acme0, double acme1, double ade0, double ade1) {
        /** @return the total effect, ACME(treated) + ADE(control). */
        public double total() {
            return acme1 + ade0;
        }

        /** @return the average ACME over the two arms. */
        public double acme() {
            return (acme0 + acme1) / 2;
        }

        /** @return the average ADE over the two arms. */
        public double ade() {
            return (ade0 + ade1) / 2;
        }

        /** @return the average proportion mediated, ACME / total. */
        public double proportion() {
            return acme() / total();
        }
    }

    /** Runs the mediation analysis the spec asks for. */
    public static AnalysisResult run(CausalSpec spec, Dataset data) {
        String med = spec.mediator();
        if (med == null) {
            throw new UserInputException("mediation analysis needs the mediator: pass --mediator COL");
        }
        if (med.equals(spec.treatment()) || med.equals(spec.outcome()) || spec.confounders().contains(med)) {
            throw new UserInputException("the mediator " + med + " is also the treatment, the outcome or a confounder; name a separate column");
        }
        CausalData d = CausalData.load(data, spec.treatment(), spec.outcome(), spec.confounders(), List.of(med), spec.dropMissing());
        double[] t = d.treatment();
        double[] m = d.extra(med);
        double[] y = d.outcome();
        double[][] x = d.design();
        int n = d.n();
        boolean binaryMediator = isBinary(m);
        boolean binaryOutcome = isBinary(y);
        int k = x[0].length - 1;
        // mediator design: 1, t, x...; outcome design: 1, t, m, x...
        String[] mNames = new String[k + 2];
        String[] yNames = new String[k + 3];
        mNames[0] = CausalData.INTERCEPT;
        mNames[1] = spec.treatment();
        yNames[0] = CausalData.INTERCEPT;
        yNames[1] = spec.treatment();
        yNames[2] = med;
        for (int j = 0; j < k; j++) {
            mNames[j + 2] = d.names()[j + 1];
            yNames[j + 3] = d.names()[j + 1];
        }
        double[][] xm = new double[n][k + 2];
        double[][] xy = new double[n][k + 3];
        for (int i = 0; i < n; i++) {
            xm[i][0] = 1;
            xm[i][1] = t[i];
            xy[i][0] = 1;
            xy[i][1] = t[i];
            xy[i][2] = m[i];
            for (int j = 0; j < k; j++) {
                xm[i][j + 2] = x[i][j + 1];
                xy[i][j + 3] = x[i][j + 1];
            }
        }
        Model mm = fit(mNames, xm, m, binaryMediator, "mediator model for " + med);
        Model ym = fit(yNames, xy, y, binaryOutcome, "outcome model for " + spec.outcome());
        double[][] conf = new double[n][k];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x[i], 1, conf[i], 0, k);
        }
        Effects point = effects(mm.beta(), ym.beta(), mm, ym, conf);

        SplittableRandom rng = new SplittableRandom(spec.seed());
        double[][] lm = Matrices.cholesky(mm.cov(), mNames, "mediator model coefficients");
        double[][] ly = Matrices.cholesky(ym.cov(), yNames, "outcome model coefficients");
        double[][] draws = new double[8][DRAWS];
        for (int r = 0; r < DRAWS; r++) {
            Effects e = simulatedEffects(draw(mm.beta(), lm, rng), draw(ym.beta(), ly, rng), mm, ym, conf, rng);
            double[] v = {e.acme(), e.ade(), e.total(), e.proportion(), e.acme0(), e.acme1(), e.ade0(), e.ade1()};
            for (int q = 0; q < v.length; q++) {
                draws[q][r] = v[q];
            }
        }
        double level = 1 - spec.alpha();
        String mid = spec.method().methodId();
        AnalysisResult.Builder b = AnalysisResult.builder("causal", mid)
                .estimand("natural direct and indirect effects of " + spec.treatment() + " on " + spec.outcome() + " through " + med);
        double[] pe = {point.total(), point.acme(), point.ade(), point.proportion()};
        int[] row = {2, 0, 1, 3};
        String[] labels = {"total effect", "ACME (indirect, through " + med + ")", "ADE (direct)", "proportion mediated"};
        for (int q = 0; q < 4; q++) {
            double[] s = draws[row[q]].clone();
            Arrays.sort(s);
            double lo = percentile(s, spec.alpha() / 2);
            double hi = percentile(s, 1 - spec.alpha() / 2);
            b.estimate(Estimate.builder(labels[q], mid).estimand(labels[q]).estimate(pe[q]).standardError(sd(s))
                    .interval(Interval.credible(lo, hi, level)).pValue(q == 3 ? null : twoSidedShare(s)).build());
        }
        Map<String, Object> byArm = new LinkedHashMap<>();
        String[] armNames = {"acme_control", "acme_treated", "ade_control", "ade_treated"};
        double[] armPoint = {point.acme0(), point.acme1(), point.ade0(), point.ade1()};
        for (int q = 0; q < 4; q++) {
            double[] s = draws[4 + q].clone();
            Arrays.sort(s);
            byArm.put(armNames[q], Map.of("estimate", armPoint[q], "lower", percentile(s, spec.alpha() / 2),
                    "upper", percentile(s, 1 - spec.alpha() / 2)));
        }
        b.detail("mediation", byArm);
        b.detail("mediation_models", Map.of(
                "mediator", (binaryMediator ? "logit P(" : "OLS ") + med + (binaryMediator ? ")" : "") + " ~ " + String.join(" + ", Arrays.copyOfRange(mNames, 1, mNames.length)),
                "outcome", (binaryOutcome ? "logit P(" : "OLS ") + spec.outcome() + (binaryOutcome ? ")" : "") + " ~ " + String.join(" + ", Arrays.copyOfRange(yNames, 1, yNames.length)),
                "intervals", "quasi-Bayesian, " + DRAWS + " draws of both models' coefficients, seed " + spec.seed(),
                "treatment_to_mediator", mm.beta()[1], "mediator_to_outcome", ym.beta()[2]));
        b.detail("fitted", "mediation (Imai, Keele & Tingley 2010): " + (binaryMediator ? "logistic" : "linear") + " mediator model, "
                + (binaryOutcome ? "logistic" : "linear") + " outcome model; quasi-Bayesian intervals");
        b.detail("baseline_mean", mean(y, t, 0));
        int n1 = d.treatedCount();
        b.sampleSize("treated", n1).sampleSize("control", n - n1).sampleSize("total", n);
        if (!binaryMediator && !binaryOutcome) {
            double rho = rhoAtZeroAcme(t, m, y, x);
            b.detail("sensitivity", Map.of("rho_at_zero_acme", rho, "acme_by_rho", acmeByRho(t, m, y, x, mm.beta()[1])));
            b.diagnostic(new Diagnostic("mediation_sensitivity", Math.abs(rho) < 0.2 ? Diagnostic.Status.WARN : Diagnostic.Status.PASS,
                    String.format(Locale.ROOT, "the ACME is zero when the mediator and outcome errors correlate at rho = %.3f"
                            + " (sequential ignorability has rho = 0)", rho), Map.of("rho_at_zero_acme", rho)));
        } else {
            b.warning("the rho sensitivity analysis is computed for linear mediator and outcome models only; it was skipped here");
        }
        if (Math.abs(point.acme0() - point.acme1()) > 1e-9 * Math.max(1, Math.abs(point.acme()))) {
            b.warning(String.format(Locale.ROOT, "the ACME differs by arm (%.4g with treatment held at control, %.4g at treated):"
                    + " the averages are reported, the per-arm values are in details.mediation", point.acme0(), point.acme1()));
        }
        b.warning("mediation effects rest on sequential ignorability: no unmeasured confounding of treatment and outcome, of treatment"
                + " and mediator, and of mediator and outcome (even with randomised treatment)");
        if (d.dropped() > 0) {
            b.warning(d.dropped() + " rows with missing values were dropped (--drop-missing)");
        }
        b.provenance(spec, data, MediationAnalysis.class, spec.seed());
        return b.build();
    }

    private static Model fit(String[] names, double[][] x, double[] v, boolean logistic, String what) {
        if (logistic) {
            LogisticRegression lr = LogisticRegression.fit(names, x, v, what);
            return new Model(lr.coefficients(), lr.covariance(), true, Double.NaN);
        }
        LinearModel lm = LinearModel.fit(names, x, v);
        return new Model(lm.coefficients(), lm.covClassical(), false, lm.rss() / lm.dfResid());
    }

    /** The four arm-specific effects at coefficients bm (mediator model) and by (outcome model). */
    static Effects effects(double[] bm, double[] by, Model mm, Model ym, double[][] conf) {
        double[][] mean = new double[2][2]; // mean[tY][tM] = E[Y(tY, M(tM))]
        SymmetricGaussIntegrator gh = mm.logistic() || !ym.logistic() ? null : new GaussIntegratorFactory().hermite(NODES);
        double sigma = Math.sqrt(mm.scale());
        int n = conf.length;
        int k = conf.length == 0 ? 0 : conf[0].length;
        for (double[] xi : conf) {
            double xm = bm[0];
            double xy = by[0];
            for (int j = 0; j < k; j++) {
                xm += bm[j + 2] * xi[j];
                xy += by[j + 3] * xi[j];
            }
            for (int tm = 0; tm < 2; tm++) {
                double etaM = xm + bm[1] * tm;
                for (int ty = 0; ty < 2; ty++) {
                    double etaY = xy + by[1] * ty;
                    double v;
                    if (mm.logistic()) {
                        double p = expit(etaM);
                        v = p * outcome(etaY + by[2], ym.logistic()) + (1 - p) * outcome(etaY, ym.logistic());
                    } else if (!ym.logistic()) {
                        v = etaY + by[2] * etaM;
                    } else {
                        // E over e ~ N(0, sigma^2) of expit(etaY + b (etaM + e)), by Gauss-Hermite
                        double s = 0;
                        for (int q = 0; q < gh.getNumberOfPoints(); q++) {
                            s += gh.getWeight(q) * expit(etaY + by[2] * (etaM + Math.sqrt(2) * sigma * gh.getPoint(q)));
                        }
                        v = s / Math.sqrt(Math.PI);
                    }
                    mean[ty][tm] += v / n;
                }
            }
        }
        return new Effects(mean[0][1] - mean[0][0], mean[1][1] - mean[1][0], mean[1][0] - mean[0][0], mean[1][1] - mean[0][1]);
    }

    /**
     * The effects for one parameter draw as R's mediation and statsmodels compute them: a mediator value
     * is simulated per unit under each arm (independently for the two arms), so each draw also carries
     * the sampling noise of the mediator, which widens the intervals as theirs.
     */
    static Effects simulatedEffects(double[] bm, double[] by, Model mm, Model ym, double[][] conf, SplittableRandom rng) {
        double[][] mean = new double[2][2];
        double sigma = Math.sqrt(mm.scale());
        int n = conf.length;
        int k = n == 0 ? 0 : conf[0].length;
        for (double[] xi : conf) {
            double xm = bm[0];
            double xy = by[0];
            for (int j = 0; j < k; j++) {
                xm += bm[j + 2] * xi[j];
                xy += by[j + 3] * xi[j];
            }
            for (int tm = 0; tm < 2; tm++) {
                double etaM = xm + bm[1] * tm;
                double mSim = mm.logistic() ? (rng.nextDouble() < expit(etaM) ? 1 : 0) : etaM + sigma * gaussian(rng);
                for (int ty = 0; ty < 2; ty++) {
                    mean[ty][tm] += outcome(xy + by[1] * ty + by[2] * mSim, ym.logistic()) / n;
                }
            }
        }
        return new Effects(mean[0][1] - mean[0][0], mean[1][1] - mean[1][0], mean[1][0] - mean[0][0], mean[1][1] - mean[0][1]);
    }

    private static double outcome(double eta, boolean logistic) {
        return logistic ? expit(eta) : eta;
    }

    private static double expit(double v) {
        return v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
    }

    private static double[] draw(double[] beta, double[][] chol, SplittableRandom rng) {
        int p = beta.length;
        double[] z = new double[p];
        for (int j = 0; j < p; j++) {
            z[j] = gaussian(rng);
        }
        double[] out = beta.clone();
        for (int a = 0; a < p; a++) {
            for (int c = 0; c <= a; c++) {
                out[a] += chol[a][c] * z[c];
            }
        }
        return out;
    }

    private static double gaussian(SplittableRandom rng) {
        // Box-Muller on two uniforms in (0, 1]
        double u = 1 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /**
     * The error correlation at which the ACME of the linear model vanishes: the correlation of the
     * residuals of M ~ T + X and Y ~ T + X.
     */
    static double rhoAtZeroAcme(double[] t, double[] m, double[] y, double[][] x) {
        double[] r1 = residuals(t, m, x);
        double[] r2 = residuals(t, y, x);
        return Matrices.dot(r1, r2) / Math.sqrt(Matrices.dot(r1, r1) * Matrices.dot(r2, r2));
    }

    /**
     * ACME(rho) = a sigma2 / sigma1 (rho~ - rho sqrt((1 - rho~^2) / (1 - rho^2))) on a grid of rho,
     * a the treatment-to-mediator coefficient, sigma1 and sigma2 the residual SDs of M ~ T + X and Y ~ T + X.
     */
    static Map<String, Double> acmeByRho(double[] t, double[] m, double[] y, double[][] x, double a) {
        double[] r1 = residuals(t, m, x);
        double[] r2 = residuals(t, y, x);
        double s1 = Math.sqrt(Matrices.dot(r1, r1));
        double s2 = Math.sqrt(Matrices.dot(r2, r2));
        double rt = Matrices.dot(r1, r2) / (s1 * s2);
        Map<String, Double> out = new LinkedHashMap<>();
        for (int g = -9; g <= 9; g++) {
            double rho = g / 10.0;
            out.put(String.format(Locale.ROOT, "%.1f", rho), a * s2 / s1 * (rt - rho * Math.sqrt((1 - rt * rt) / (1 - rho * rho))));
        }
        return out;
    }

    private static double[] residuals(double[] t, double[] v, double[][] x) {
        int n = t.length;
        int k = x[0].length - 1;
        double[][] z = new double[n][k + 2];
        String[] names = new String[k + 2];
        Arrays.fill(names, "x");
        for (int i = 0; i < n; i++) {
            z[i][0] = 1;
            z[i][1] = t[i];
            System.arraycopy(x[i], 1, z[i], 2, k);
        }
        return LinearModel.fit(names, z, v).residuals();
    }

    private static boolean isBinary(double[] v) {
        for (double d : v) {
            if (d != 0 && d != 1) {
                return false;
            }
        }
        return true;
    }

    private static double mean(double[] y, double[] t, int arm) {
        double s = 0;
        int c = 0;
        for (int i = 0; i < y.length; i++) {
            if (t[i] == arm) {
                s += y[i];
                c++;
            }
        }
        return s / c;
    }

    /** Linear-interpolated percentile of sorted values (numpy's default). */
    static double percentile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double sd(double[] v) {
        double mu = Arrays.stream(v).average().orElse(Double.NaN);
        double ss = 0;
        for (double d : v) {
            ss += (d - mu) * (d - mu);
        }
        return Math.sqrt(ss / (v.length - 1));
    }

    /** Twice the smaller share of draws on either side of zero, as R's mediation reports. */
    private static double twoSidedShare(double[] v) {
        long below = Arrays.stream(v).filter(d -> d < 0).count();
        long above = v.length - below;
        return Math.min(1, 2.0 * Math.min(below, above) / v.length);
    }
}
