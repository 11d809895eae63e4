package io.cerebro.core.causal.quasi.sdid;

import io.cerebro.core.causal.quasi.did.Panel;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Chart;
import io.cerebro.core.result.Diagnostic;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.result.Interval;
import io.cerebro.core.result.Series;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.SynthDesign;
import org.hipparchus.distribution.continuous.NormalDistribution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Synthetic difference-in-differences ({@code causal.sdid}) for one treated unit, after
 * Arkhangelsky, Athey, Hirshberg, Imbens and Wager (2021, "Synthetic Difference-in-Differences",
 * AER), following their R package {@code synthdid} step by step.
 *
 * <p>Unit weights {@code omega} make the donors' pre-period path parallel to the treated unit's (an
 * intercept absorbs the level), with the ridge penalty {@code zeta = (N1 T1)^(1/4) sigma}, sigma the
 * standard deviation of the donors' first differences before treatment. Time weights {@code lambda}
 * make the weighted pre-periods predict the post-period average of the donors (penalty
 * {@code 1e-6 sigma}). The effect is the double difference
 * {@code (Y1,post - Y1,pre lambda) - omega'(Y0,post - Y0,pre lambda)}. Its standard error is the
 * placebo one (synthdid's {@code vcov(method = "placebo")}): each replication makes a random donor the
 * treated unit, re-fits the weights from the fitted ones with the same penalties, and the standard
 * deviation of the placebo effects is the error. The synthetic-control estimate (no intercept, no
 * time weights, a vanishing penalty) and the plain difference-in-differences (uniform weights) of the
 * same setup are reported beside it with their own placebo errors, as in the paper's Table 1.
 */
public final class SyntheticDid {
    /** The catalogue id of the headline. */
    public static final String METHOD = "causal.sdid";
    /** Placebo replications, synthdid's default. */
    public static final int PLACEBO_REPLICATIONS = 200;
    private static final int MAX_ITER_PRE_SPARSIFY = 100;
    private static final int MAX_ITER = 10_000;

    private SyntheticDid() {
    }

    /** Which of the three estimators of the paper's Table 1. */
    enum Kind { SDID, SC, DID }

    /** Penalties and the stopping rule, fixed from the real fit and reused by every placebo. */
    record Settings(double zetaOmega, double zetaLambda, double minDecrease, double noiseLevel) {
        static Settings of(double[][] y, int n0, int t0) {
            int n1 = y.length - n0;
            int t1 = y[0].length - t0;
            // the standard deviation of every donor's first differences over the pre-period, pooled
            double sum = 0;
            double ss = 0;
            int n = 0;
            for (int i = 0; i < n0; i++) {
                for (int t = 1; t < t0; t++) {
                    double d = y[i][t] - y[i][t - 1];
                    sum += d;
                    ss += d * d;
                    n++;
                }
            }
            double sigma = Math.sqrt((ss - sum * sum / n) / (n - 1));
            return new Settings(Math.pow(n1 * (double) t1, 0.25) * sigma, 1e-6 * sigma, 1e-5 * sigma, sigma);
        }
    }

    /** A fitted estimator: its weights and effect. */
    record Fit(double[] omega, double[] lambda, double tau) {
    }

    /**
     * Fits one estimator. Rows {@code 0..n0-1} of {@code y} are donors, the rest treated; columns
     * {@code 0..t0-1} are the pre-period. {@code omegaStart} and {@code lambdaStart} (null: uniform)
     * start the iterations, as synthdid's placebo replications do.
     */
    static Fit fit(Kind kind, double[][] y, int n0, int t0, Settings s, double[] omegaStart, double[] lambdaStart) {
        int n = y.length;
        int tt = y[0].length;
        int n1 = n - n0;
        int t1 = tt - t0;
        double[] omega;
        double[] lambda;
        if (kind == Kind.DID) {
            omega = uniform(n0);
            lambda = uniform(t0);
        } else {
            // the collapsed panel: donors and the treated average, pre-periods and the post average
            double[][] yc = new double[n0 + 1][t0 + 1];
            for (int i = 0; i < n; i++) {
                int r = Math.min(i, n0);
                double wr = i < n0 ? 1 : 1.0 / n1;
                for (int t = 0; t < tt; t++) {
                    int c = Math.min(t, t0);
                    double wc = t < t0 ? 1 : 1.0 / t1;
                    yc[r][c] += wr * wc * y[i][t];
                }
            }
            if (kind == Kind.SDID) {
                double[][] donorRows = java.util.Arrays.copyOf(yc, n0);
                double[] l = FrankWolfe.weights(donorRows, s.zetaLambda(), true, lambdaStart, s.minDecrease(), MAX_ITER_PRE_SPARSIFY);
                lambda = FrankWolfe.weights(donorRows, s.zetaLambda(), true, FrankWolfe.sparsify(l), s.minDecrease(), MAX_ITER);
            } else {
                lambda = new double[t0];
            }
            double[][] byPeriod = new double[t0][n0 + 1];
            for (int t = 0; t < t0; t++) {
                for (int i = 0; i <= n0; i++) {
                    byPeriod[t][i] = yc[i][t];
                }
            }
            boolean intercept = kind == Kind.SDID;
            double zeta = kind == Kind.SDID ? s.zetaOmega() : s.zetaLambda();
            double[] o = FrankWolfe.weights(byPeriod, zeta, intercept, omegaStart, s.minDecrease(), MAX_ITER_PRE_SPARSIFY);
            omega = FrankWolfe.weights(byPeriod, zeta, intercept, FrankWolfe.sparsify(o), s.minDecrease(), MAX_ITER);
        }
        double tau = 0;
        for (int i = 0; i < n; i++) {
            double wi = i < n0 ? -omega[i] : 1.0 / n1;
            for (int t = 0; t < tt; t++) {
                double wt = t < t0 ? -lambda[t] : 1.0 / t1;
                tau += wi * wt * y[i][t];
            }
        }
        return new Fit(omega, lambda, tau);
    }

    /** synthdid's placebo standard error: random donors play the treated unit, weights re-fitted from the fitted ones. */
    static double placeboSe(Kind kind, double[][] y, int n0, int t0, Settings s, Fit fit, int replications, long seed) {
        int n1 = y.length - n0;
        Random rng = new Random(seed);
        double[] taus = new double[replications];
        for (int r = 0; r < replications; r++) {
            int[] perm = permutation(n0, rng);
            double[][] yb = new double[n0][];
            for (int i = 0; i < n0; i++) {
                yb[i] = y[perm[i]];
            }
            int m0 = n0 - n1;
            double[] omegaStart = new double[m0];
            double sum = 0;
            for (int i = 0; i < m0; i++) {
                omegaStart[i] = fit.omega()[perm[i]];
                sum += omegaStart[i];
            }
            for (int i = 0; i < m0; i++) {
                omegaStart[i] = sum != 0 ? omegaStart[i] / sum : 1.0 / m0;
            }
            taus[r] = fit(kind, yb, m0, t0, s, omegaStart, fit.lambda()).tau();
        }
        double mean = 0;
        for (double t : taus) {
            mean += t / replications;
        }
        double ss = 0;
        for (double t : taus) {
            ss += (t - mean) * (t - mean);
        }
        // sqrt((R-1)/R) * sd(taus), the population standard deviation, as synthdid writes it
        return Math.sqrt(ss / replications);
    }

    private static int[] permutation(int n, Random rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }

    private static double[] uniform(int k) {
        double[] w = new double[k];
        java.util.Arrays.fill(w, 1.0 / k);
        return w;
    }

    /** Runs the design described by {@code spec.synth()} (unit, time, treated unit, treatment start, optional donors). */
    public static AnalysisResult run(CausalSpec spec, Dataset data) {
        SynthDesign sd = spec.synth();
        if (sd == null || sd.unit() == null || sd.time() == null || sd.treatedUnit() == null || sd.treatmentStart() == null) {
            throw new UserInputException("method sdid needs --unit, --time, --treated-unit and --treatment-start");
        }
        Panel panel = Panel.of(data, sd.unit(), sd.time(), false);
        double[] yRaw = data.doubles(spec.outcome());
        int nu = panel.units();
        int nt = panel.periods();
        double[][] byUnit = panel.byUnitAndPeriod(yRaw);
        int treated = panel.treatedUnitIndex(sd.treatedUnit(), sd.unit());
        int t0 = 0;
        while (t0 < nt && panel.times()[t0] < sd.treatmentStart()) {
            t0++;
        }
        if (t0 < 2) {
            throw new UserInputException("treated unit " + sd.treatedUnit() + " has " + (t0 == 0 ? "no" : "only one")
                    + " period before the treatment start " + Panel.fmt(sd.treatmentStart())
                    + "; synthetic DiD needs at least two: use an earlier --treatment-start or more history");
        }
        if (t0 == nt) {
            throw new UserInputException("no period at or after the treatment start " + Panel.fmt(sd.treatmentStart())
                    + ": the data end in " + Panel.fmt(panel.times()[nt - 1]) + "; use a --treatment-start within the data");
        }
        int[] donors = donors(sd, panel, treated);
        List<String> incomplete = new ArrayList<>();
        for (int u : concat(donors, treated)) {
            for (int t = 0; t < nt; t++) {
                if (Double.isNaN(byUnit[u][t])) {
                    incomplete.add(panel.unitLabels()[u] + " (" + Panel.fmt(panel.times()[t]) + ")");
                    break;
                }
            }
        }
        if (!incomplete.isEmpty()) {
            throw new UserInputException("synthetic DiD needs a balanced panel, but " + spec.outcome() + " is missing for "
                    + String.join(", ", incomplete.subList(0, Math.min(5, incomplete.size())))
                    + (incomplete.size() > 5 ? " and " + (incomplete.size() - 5) + " more units" : "")
                    + "; fill those periods or leave the units out with --donors");
        }
        int n0 = donors.length;
        double[][] y = new double[n0 + 1][];
        for (int i = 0; i < n0; i++) {
            y[i] = byUnit[donors[i]];
        }
        y[n0] = byUnit[treated];
        Settings s = Settings.of(y, n0, t0);
        if (!(s.noiseLevel() > 0)) {
            throw new UserInputException("the donors' " + spec.outcome() + " does not change over the pre-period; synthetic DiD"
                    + " scales its penalties by that variation: check the outcome column");
        }
        Map<Kind, Fit> fits = new LinkedHashMap<>();
        Map<Kind, Double> ses = new LinkedHashMap<>();
        for (Kind k : Kind.values()) {
            Fit f = fit(k, y, n0, t0, s, null, null);
            fits.put(k, f);
            ses.put(k, placeboSe(k, y, n0, t0, s, f, PLACEBO_REPLICATIONS, spec.seed()));
        }
        return report(spec, data, sd, panel, donors, y, t0, s, fits, ses);
    }

    private static int[] concat(int[] a, int b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = b;
        return out;
    }

    private static int[] donors(SynthDesign sd, Panel panel, int treated) {
        List<Integer> out = new ArrayList<>();
        if (sd.donors() == null || sd.donors().isEmpty()) {
            for (int u = 0; u < panel.units(); u++) {
                if (u != treated) {
                    out.add(u);
                }
            }
        } else {
            Map<String, Integer> idx = new LinkedHashMap<>();
            for (int u = 0; u < panel.units(); u++) {
                idx.put(panel.unitLabels()[u], u);
            }
            for (String d : sd.donors()) {
                Integer u = idx.get(d);
                if (u == null) {
                    throw new UserInputException("donor '" + d + "' is not in column '" + sd.unit() + "'");
                }
                if (u == treated) {
                    throw new UserInputException("the treated unit " + sd.treatedUnit() + " cannot also be a donor");
                }
                out.add(u);
            }
        }
        if (out.size() < 2) {
            throw new UserInputException("synthetic DiD needs at least two donors (the placebo standard error makes one of them"
                    + " the treated unit), got " + out.size() + "; add donor units");
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static AnalysisResult report(CausalSpec spec, Dataset data, SynthDesign sd, Panel panel, int[] donors, double[][] y,
                                         int t0, Settings s, Map<Kind, Fit> fits, Map<Kind, Double> ses) {
        int nt = y[0].length;
        double z = new NormalDistribution(0, 1).inverseCumulativeProbability(1 - spec.alpha() / 2);
        String period = Panel.fmt(panel.times()[t0]) + (t0 == nt - 1 ? "" : "-" + Panel.fmt(panel.times()[nt - 1]));
        String what = "average effect on " + spec.outcome() + " of " + sd.treatedUnit() + " over " + period
                + " (synthetic difference-in-differences)";
        AnalysisResult.Builder r = AnalysisResult.builder("causal", METHOD).estimand(what);
        Map<Kind, String[]> names = Map.of(
                Kind.SDID, new String[]{sd.treatedUnit(), METHOD, what},
                Kind.SC, new String[]{sd.treatedUnit() + " (synthetic control)", "causal.synth",
                        "average gap over " + period + ", synthdid's synthetic control (no intercept, no time weights)"},
                Kind.DID, new String[]{sd.treatedUnit() + " (difference-in-differences)", "causal.did",
                        "average effect over " + period + ", uniform unit and time weights"});
        for (Kind k : Kind.values()) {
            Fit f = fits.get(k);
            double se = ses.get(k);
            double p = 2 * (1 - new NormalDistribution(0, 1).cumulativeProbability(Math.abs(f.tau() / se)));
            String[] n = names.get(k);
            r.estimate(Estimate.builder(n[0], n[1]).estimand(n[2]).estimate(f.tau()).standardError(se)
                    .interval(Interval.confidence(f.tau() - z * se, f.tau() + z * se, 1 - spec.alpha())).pValue(p).build());
        }
        Fit sdid = fits.get(Kind.SDID);
        Map<String, Double> unitWeights = new LinkedHashMap<>();
        Integer[] order = new Integer[donors.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(sdid.omega()[b], sdid.omega()[a]));
        for (int i : order) {
            if (sdid.omega()[i] > 1e-6) {
                unitWeights.put(panel.unitLabels()[donors[i]], sdid.omega()[i]);
            }
        }
        Map<String, Double> timeWeights = new LinkedHashMap<>();
        for (int t = 0; t < t0; t++) {
            if (sdid.lambda()[t] > 1e-6) {
                timeWeights.put(Panel.fmt(panel.times()[t]), sdid.lambda()[t]);
            }
        }
        r.detail("unit_weights", unitWeights);
        r.detail("time_weights", timeWeights);
        r.detail("noise_level", s.noiseLevel());
        r.detail("zeta_omega", s.zetaOmega());
        r.detail("zeta_lambda", s.zetaLambda());
        r.detail("placebo_replications", PLACEBO_REPLICATIONS);
        r.sampleSize("donors", donors.length).sampleSize("pre_periods", t0).sampleSize("post_periods", nt - t0);
        // the pre-period the time weights pick, and how closely the weighted donors track the treated unit there
        double[] control = new double[nt];
        for (int t = 0; t < nt; t++) {
            for (int i = 0; i < donors.length; i++) {
                control[t] += sdid.omega()[i] * y[i][t];
            }
        }
        double preGap = 0;
        for (int t = 0; t < t0; t++) {
            preGap += sdid.lambda()[t] * (y[donors.length][t] - control[t]);
        }
        double ss = 0;
        for (int t = 0; t < t0; t++) {
            ss += Math.pow(y[donors.length][t] - control[t] - preGap, 2);
        }
        double preRmse = Math.sqrt(ss / t0);
        r.detail("pre_period_rmse", preRmse);
        double treatedPost = 0;
        for (int t = t0; t < nt; t++) {
            treatedPost += y[donors.length][t] / (nt - t0);
        }
        // the treated unit's post-period average less the effect: what it would have averaged untreated
        r.detail("baseline_mean", treatedPost - sdid.tau());
        r.diagnostic(new Diagnostic("pre_period_fit", preRmse <= 2 * s.noiseLevel() ? Diagnostic.Status.PASS : Diagnostic.Status.WARN,
                String.format(Locale.ROOT, "the weighted donors, shifted by %.3f, track %s before %s with RMSE %.3f"
                                + " (%.2f times the donors' typical period-to-period change %.3f)",
                        preGap, sd.treatedUnit(), Panel.fmt(panel.times()[t0]), preRmse, preRmse / s.noiseLevel(), s.noiseLevel()),
                Map.of("rmse", preRmse, "noise_level", s.noiseLevel(), "intercept", preGap)));
        double[] shifted = new double[nt];
        for (int t = 0; t < nt; t++) {
            shifted[t] = control[t] + preGap;
        }
        r.chart(new Chart("sdid_paths", "line", sd.treatedUnit() + " and its synthetic DiD control (shifted by the intercept)",
                sd.time(), spec.outcome(), null,
                List.of(Series.of(sd.treatedUnit(), panel.times(), y[donors.length].clone()),
                        Series.of("weighted donors + intercept", panel.times(), shifted)),
                null, List.of(sd.treatmentStart())));
        return r.provenance(spec, data, SyntheticDid.class, spec.seed()).build();
    }
}
