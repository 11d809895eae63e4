package io.cerebro.core.geo;

import io.cerebro.core.spec.Alternative;
import io.cerebro.core.spec.GeoTestSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The analysis of one test cell: the counterfactual for the mean of its treated locations from the
 * donors, the effect, its conformal p-value and interval, the pre-period fit and a placebo in space.
 * The design's power simulation calls {@link #estimate} and {@link ConformalInference} exactly as
 * this class does, so the power it reports is the power of this analysis.
 */
public final class CellAnalysis {
    private CellAnalysis() {
    }

    /**
     * The fitted model, chosen as the spec asks.
     *
     * @param model  the model used (scm, augsynth or gsyn)
     * @param fit    its fit
     * @param fitter the estimator with its tuning fixed, for refits under nulls
     * @param reason why it was used, in words
     */
    public record Chosen(GeoTestSpec.Model model, GeoEstimator.Fit fit, GeoEstimator.Fitter fitter, String reason) {
    }

    /**
     * One cell's numbers.
     *
     * @param label          the treated locations joined by "+"
     * @param treated        the treated locations
     * @param donors         the donor locations
     * @param chosen         the model and its fit
     * @param att            average effect per treated location and test period
     * @param attInterval    its conformal interval
     * @param pValue         the conformal p-value of no effect in any test period (sharp null, absolute residuals)
     * @param pAverage       the conformal p-value of no average effect (the statistic the interval inverts)
     * @param smallestP      the smallest conformal p-value the permutations allow
     * @param incremental    the effect summed over treated locations and test periods
     * @param lift           incremental / counterfactual total over the test
     * @param liftInterval   the lift at the ends of the ATT interval
     * @param observedTotal  the treated locations' total outcome over the test
     * @param l2             GeoLift's L2 imbalance
     * @param scaledL2       L2 imbalance over that of equal donor weights
     * @param preRmse        root mean squared pre-period gap
     * @param preMape        mean absolute pre-period gap over the treated mean
     * @param placeboP       the placebo-in-space p-value (rank of the post/pre RMSE ratio)
     * @param placeboRatio   the cell's post/pre RMSE ratio
     * @param target         the treated mean, every period
     * @param preEnd         the first test period's index
     */
    public record Cell(String label, List<String> treated, List<String> donors, Chosen chosen, double att, double[] attInterval,
                       double pValue, double pAverage, double smallestP, double incremental, double lift, double[] liftInterval, double observedTotal,
                       double l2, double scaledL2, double preRmse, double preMape, double placeboP, double placeboRatio,
                       double[] target, int preEnd) {
        /** @return the number of test periods. */
        public int testPeriods() {
            return target.length - preEnd;
        }
    }

    /** @return the mean of the rows {@code rows} of {@code y}. */
    public static double[] mean(double[][] y, int[] rows) {
        double[] m = new double[y[0].length];
        for (int r : rows) {
            for (int t = 0; t < m.length; t++) {
                m[t] += y[r][t] / rows.length;
            }
        }
        return m;
    }

    /** @return the rows {@code rows} of {@code y}. */
    public static double[][] rows(double[][] y, int[] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = y[rows[i]];
        }
        return out;
    }

    /**
     * Fits the model the spec asks for. {@code best} fits all three and keeps the smallest
     * pre-period L2 imbalance; the reason names the three figures. The generalised synthetic
     * control's number of factors is chosen by leave-one-pre-period-out cross-validation.
     */
    public static Chosen estimate(GeoTestSpec.Model model, double[] target, double[][] donors, int preEnd) {
        if (model == GeoTestSpec.Model.SCM) {
            return new Chosen(GeoTestSpec.Model.SCM, GeoEstimator.scm(target, donors, preEnd), GeoEstimator::scm,
                    "synthetic control with fixed effects, as asked");
        }
        if (model == GeoTestSpec.Model.GSYN) {
            return gsyn(target, donors, preEnd, ", as asked");
        }
        double lambda = GeoEstimator.chooseLambda(target, donors, preEnd);
        GeoEstimator.Fit aug = GeoEstimator.augmented(target, donors, preEnd, lambda);
        if (model == GeoTestSpec.Model.AUGSYNTH) {
            return new Chosen(GeoTestSpec.Model.AUGSYNTH, aug, GeoEstimator.augmentedWith(lambda),
                    "ridge-augmented synthetic control, as asked (ridge penalty " + num(lambda) + ")");
        }
        GeoEstimator.Fit scm = GeoEstimator.scm(target, donors, preEnd);
        Chosen gs = gsyn(target, donors, preEnd, "");
        double l2Scm = scm.l2(preEnd);
        double l2Aug = aug.l2(preEnd);
        double l2Gs = gs.fit().l2(preEnd);
        String figures = "pre-period L2 imbalance: scm " + num(l2Scm) + ", augsynth " + num(l2Aug) + " (ridge penalty " + num(lambda)
                + "), gsyn " + num(l2Gs) + " (" + gs.fit().factors() + " factors)";
        if (l2Gs < l2Scm && l2Gs < l2Aug) {
            return new Chosen(GeoTestSpec.Model.GSYN, gs.fit(), gs.fitter(), "best pre-period fit, generalised synthetic control; " + figures);
        }
        if (l2Aug < l2Scm) {
            return new Chosen(GeoTestSpec.Model.AUGSYNTH, aug, GeoEstimator.augmentedWith(lambda),
                    "best pre-period fit, ridge-augmented synthetic control; " + figures);
        }
        return new Chosen(GeoTestSpec.Model.SCM, scm, GeoEstimator::scm, "best pre-period fit, plain synthetic control; " + figures);
    }

    private static Chosen gsyn(double[] target, double[][] donors, int preEnd, String asked) {
        int r = GeoFactorModel.chooseFactors(target, donors, preEnd);
        return new Chosen(GeoTestSpec.Model.GSYN, GeoFactorModel.fit(target, donors, preEnd, r), GeoFactorModel.with(r),
                "generalised synthetic control" + asked + " (" + r + " latent factors, chosen from 0-" + GeoFactorModel.MAX_FACTORS
                        + " by leave-one-pre-period-out cross-validation)");
    }

    /**
     * The conformal inference of a fitted cell, with the spec's alternative, scheme, permutations and
     * seed. The analysis and the design's power simulation both build it here, so a simulated test
     * is tested exactly as a real one.
     */
    public static ConformalInference inference(Chosen chosen, double[] target, double[][] donors, int preEnd, GeoTestSpec spec) {
        return new ConformalInference(target, donors, preEnd, chosen.fitter(), spec.alternative(), spec.conformal(),
                spec.permutations(), spec.seed());
    }

    /** Analyses one cell, without covariates. */
    public static Cell analyse(GeoPanel panel, List<String> treated, List<String> donorNames, int preEnd, GeoTestSpec spec) {
        return analyse(panel, treated, donorNames, preEnd, spec, null);
    }

    /**
     * Analyses one cell; with covariates ({@code z}: each panel location's pre-period covariate
     * means, or null) the model, its conformal refits and the placebos all run on the outcome
     * residualised by {@link GeoCovariates}, and the reported counterfactual adds the treated
     * mean's covariate part back.
     */
    public static Cell analyse(GeoPanel panel, List<String> treated, List<String> donorNames, int preEnd, GeoTestSpec spec, double[][] z) {
        int[] tr = treated.stream().mapToInt(panel::location).toArray();
        int[] dn = donorNames.stream().mapToInt(panel::location).toArray();
        double[] observedMean = mean(panel.y(), tr);
        double[] target = observedMean;
        double[][] donors = rows(panel.y(), dn);
        GeoCovariates.Residuals res = null;
        if (z != null) {
            res = GeoCovariates.residualise(target, donors, mean(z, tr), rows(z, dn));
            target = res.target();
            donors = res.donors();
        }
        Chosen chosen = estimate(spec.model(), target, donors, preEnd);
        if (res != null) {
            GeoEstimator.Fit f = chosen.fit();
            double[] synth = f.synthetic().clone();
            for (int t = 0; t < synth.length; t++) {
                synth[t] += res.adjustment()[t];
            }
            chosen = new Chosen(chosen.model(), new GeoEstimator.Fit(f.weights(), synth, f.gaps(), f.lambda(), f.factors()), chosen.fitter(),
                    chosen.reason() + "; outcome residualised on covariates " + String.join(", ", spec.covariateColumns())
                            + " (their pre-period means, regressed across donors in each period)");
        }
        GeoEstimator.Fit fit = chosen.fit();
        int nt = target.length;
        int post = nt - preEnd;
        double att = 0;
        double observed = 0;
        for (int t = preEnd; t < nt; t++) {
            att += fit.gaps()[t] / post;
            observed += observedMean[t] * tr.length;
        }
        double incremental = att * tr.length * post;
        double lift = liftOf(att, observed, tr.length, post);
        ConformalInference ci = inference(chosen, target, donors, preEnd, spec);
        double p = ci.pValue(0, ConformalInference.Statistic.SHARP);
        double pAverage = ci.pValue(0, ConformalInference.Statistic.AVERAGE);
        double preRmse = rms(fit.gaps(), 0, preEnd);
        double[] attCi = ci.interval(att, preRmse, spec.alpha());
        double[] liftCi = {liftOf(attCi[0], observed, tr.length, post), liftOf(attCi[1], observed, tr.length, post)};
        double l2 = fit.l2(preEnd);
        double[] equal = new double[donors.length];
        Arrays.fill(equal, 1.0 / donors.length);
        double scaled = l2 / equalWeightL2(target, donors, preEnd);
        double mape = 0;
        int m = 0;
        for (int t = 0; t < preEnd; t++) {
            if (observedMean[t] != 0) {
                mape += Math.abs(fit.gaps()[t] / observedMean[t]);
                m++;
            }
        }
        mape = m == 0 ? Double.NaN : mape / m;
        // placebo in space: each donor in turn as the treated unit, from the other donors
        double ratio = rms(fit.gaps(), preEnd, nt) / preRmse;
        int larger = 0;
        for (int d = 0; d < donors.length; d++) {
            double[][] others = new double[donors.length - 1][];
            for (int j = 0, k = 0; j < donors.length; j++) {
                if (j != d) {
                    others[k++] = donors[j];
                }
            }
            GeoEstimator.Fit pf = chosen.fitter().fit(donors[d], others, preEnd);
            double r = rms(pf.gaps(), preEnd, nt) / rms(pf.gaps(), 0, preEnd);
            if (r >= ratio) {
                larger++;
            }
        }
        double placeboP = (larger + 1.0) / (donors.length + 1.0);
        return new Cell(String.join("+", treated), List.copyOf(treated), List.copyOf(donorNames), chosen, att, attCi, p,
                pAverage, ci.smallestPValue(), incremental, lift, liftCi, observed, l2, scaled, preRmse, mape, placeboP, ratio, observedMean, preEnd);
    }

    /** Lift over the counterfactual when the effect per location-period is {@code att}. */
    public static double liftOf(double att, double observedTotal, int treated, int post) {
        if (Double.isInfinite(att)) {
            return att;
        }
        double inc = att * treated * post;
        return inc / (observedTotal - inc);
    }

    /** The L2 imbalance of equal donor weights, with the same fixed effects (GeoLift's scale). */
    public static double equalWeightL2(double[] target, double[][] donors, int preEnd) {
        int n = donors.length;
        double m1 = 0;
        for (int t = 0; t < preEnd; t++) {
            m1 += target[t] / preEnd;
        }
        double[] md = new double[n];
        for (int j = 0; j < n; j++) {
            for (int t = 0; t < preEnd; t++) {
                md[j] += donors[j][t] / preEnd;
            }
        }
        double s = 0;
        for (int t = 0; t < preEnd; t++) {
            double syn = 0;
            for (int j = 0; j < n; j++) {
                syn += (donors[j][t] - md[j]) / n;
            }
            double g = target[t] - m1 - syn;
            s += g * g;
        }
        return Math.sqrt(s);
    }

    static double rms(double[] v, int from, int to) {
        double s = 0;
        for (int t = from; t < to; t++) {
            s += v[t] * v[t];
        }
        return Math.sqrt(s / (to - from));
    }

    static String num(double x) {
        return String.format(Locale.ROOT, "%.6g", x).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replaceAll("\\.(e|$)", "$1");
    }

    /** @return the donors of a cell: every location in no cell. */
    public static List<String> donorsOf(GeoPanel panel, List<List<String>> cells) {
        java.util.Set<String> treated = new java.util.HashSet<>();
        cells.forEach(treated::addAll);
        List<String> out = new ArrayList<>();
        for (String l : panel.locations()) {
            if (!treated.contains(l)) {
                out.add(l);
            }
        }
        return out;
    }

    /** @return whether the alternative is one-sided. */
    static boolean oneSided(Alternative a) {
        return a != Alternative.TWO_SIDED;
    }
}
