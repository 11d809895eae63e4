package io.cerebro.core.pushdown;

import io.cerebro.core.CerebroVersion;
import io.cerebro.core.causal.CausalCheck;
import io.cerebro.core.causal.quasi.QuasiSupport;
import io.cerebro.core.causal.sensitivity.EValue;
import io.cerebro.core.causal.sensitivity.ManskiBounds;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Diagnostic;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.result.Interval;
import io.cerebro.core.result.Provenance;
import io.cerebro.core.result.Statistic;
import io.cerebro.core.spec.CausalMethod;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.Estimand;
import io.cerebro.core.spec.PanelDesign;
import io.cerebro.core.spec.SpecReader;
import org.hipparchus.distribution.continuous.NormalDistribution;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The causal methods that follow from cross-products, run where the rows live ({@code cerebro causal
 * --source}): regression adjustment of a continuous outcome (OLS of the outcome on the treatment and
 * the confounders, HC1 errors, a normal Wald interval, as {@code causal.regression} does locally) and
 * two-way fixed effects on a balanced panel ({@code causal.did} with a treatment indicator, unit and
 * time: errors clustered by the cluster column or the unit with a t interval on G - 1 degrees of
 * freedom, and HC1 errors on n - 1 - (units + periods - 1)). The fits are {@link RegressionPushdown}'s;
 * this class checks what the methods need and words the result as the local engines do, with the
 * regression's E-value and Manski bounds from aggregates too (its robustness value, balance table and
 * confounder benchmark read the rows and are reported by the local path only).
 *
 * <p>What needs the rows is refused with one line naming what to do: a 0/1 outcome (regression
 * adjustment is then g-computation over a logistic model), a causal graph (identification reads the
 * columns), refuters, the 2x2 and cohort forms of DiD, and every other method.
 */
public final class CausalPushdown {
    private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);
    private static final String DID = "causal.did";

    private CausalPushdown() {
    }

    /**
     * @return the result of {@code spec} computed by SQL in {@code engine} over {@code relation}
     * @throws UserInputException when the method or an option needs the rows themselves
     */
    public static AnalysisResult run(CausalSpec spec, SqlEngine engine, SqlRelation relation) {
        if (spec.refute() != null && !spec.refute().isEmpty()) {
            throw new UserInputException("--refute re-fits on perturbed rows and needs them locally; with --source, leave it out "
                    + "or export the columns to a file");
        }
        return switch (spec.method()) {
            case REGRESSION -> regression(spec, engine, relation);
            case DID -> twfe(spec, engine, relation);
            default -> throw new UserInputException("--source runs --method regression (continuous outcome) and --method did "
                    + "(two-way fixed effects with --treatment, --unit and --time) in the engine; for --method "
                    + spec.method().name().toLowerCase(java.util.Locale.ROOT) + " export the columns it reads to a file (Parquet or CSV) and pass that");
        };
    }

    private static AnalysisResult regression(CausalSpec spec, SqlEngine engine, SqlRelation relation) {
        if (spec.graph() != null) {
            throw new UserInputException("--graph: finding the adjustment set reads the columns locally; with --source, name the "
                    + "adjustment set with --confounders");
        }
        if (spec.mediator() != null) {
            throw new UserInputException("--mediator is for --method frontdoor or mediation, which need the rows; leave it out with --source");
        }
        SqlDialect d = engine.dialect();
        List<String> confounders = spec.confounders() == null ? List.of() : spec.confounders();
        List<String> cols = new ArrayList<>();
        cols.add(spec.outcome());
        cols.add(spec.treatment());
        cols.addAll(confounders);
        String complete = completeRows(d, relation, cols);
        String y = d.asDouble(d.quote(spec.outcome()));
        String t = d.asDouble(d.quote(spec.treatment()));
        Object[] shape = engine.rows("SELECT count(*), sum(CASE WHEN " + y + " IN (0, 1) THEN 1 ELSE 0 END), "
                + "sum(CASE WHEN " + t + " = 1 THEN 1 ELSE 0 END), sum(CASE WHEN " + t + " IN (0, 1) THEN 0 ELSE 1 END) FROM " + complete).get(0);
        long n = Values.l(shape[0]);
        if (n > 0 && Values.l(shape[1]) == n) {
            throw new UserInputException("'" + spec.outcome() + "' is 0/1: regression adjustment of a binary outcome is g-computation over "
                    + "a logistic model, which needs the rows; export the columns to a file, or use 'cerebro abtest --source' for a randomised test");
        }
        if (n > 0 && Values.l(shape[3]) > 0) {
            throw new UserInputException("treatment '" + spec.treatment() + "' must be 0/1, but " + Values.l(shape[3])
                    + " rows hold other values; recode it (e.g. with --query \"SELECT ..., CASE WHEN arm = 'B' THEN 1 ELSE 0 END AS treated ...\")");
        }
        List<String> regressors = new ArrayList<>();
        regressors.add(spec.treatment());
        regressors.addAll(confounders);
        MomentFit fit = RegressionPushdown.ols(engine, relation, spec.outcome(), regressors, null, Boolean.TRUE.equals(spec.dropMissing()));
        long fitted = fit.n();
        long n1 = Values.l(shape[2]);
        double est = fit.coefficient(spec.treatment());
        double se = fit.seHC1(spec.treatment());
        double z = NORMAL.inverseCumulativeProbability(1 - spec.alpha() / 2);
        double stat = est / se;
        double p = 2 * (1 - NORMAL.cumulativeProbability(Math.abs(stat)));
        String estimand = switch (spec.estimand()) {
            case ATE -> "ATE: average effect over everyone";
            case ATT -> "ATT: average effect on the treated";
            case ATC -> "ATC: average effect on the controls";
        } + " of " + spec.treatment() + " on " + spec.outcome();
        String method = CausalMethod.REGRESSION.methodId();
        AnalysisResult.Builder r = AnalysisResult.builder("causal", method).estimand(estimand);
        r.estimate(Estimate.builder(spec.treatment() + " = 1 vs 0", method).estimand(estimand).estimate(est).standardError(se)
                .interval(Interval.confidence(est - z * se, est + z * se, 1 - spec.alpha())).pValue(p).statistic(Statistic.of("z", stat)).build());
        sensitivity(r, engine, complete, y, t, est, est - z * se, est + z * se);
        r.sampleSize("treated", n1).sampleSize("control", fitted - n1).sampleSize("total", fitted);
        r.detail("fitted", "OLS y ~ " + String.join(" + ", regressors) + " (HC1 errors)");
        r.detail("identification", Map.of("adjustment_set", confounders, "basis", "confounders given"));
        r.detail("pushdown", "computed by SQL in " + engine.describe() + " from cross-products; only aggregates left the engine");
        if (spec.estimand() != Estimand.ATE) {
            r.warning("the linear model has no treatment-by-confounder interactions, so its coefficient is the same for the ATE, ATT and ATC");
        }
        r.warning("no causal graph given: the confounder list is assumed to be a sufficient adjustment set (no unmeasured confounding)");
        provenance(r, spec, engine, relation, fitted, fit);
        return r.build();
    }

    private static AnalysisResult twfe(CausalSpec spec, SqlEngine engine, SqlRelation relation) {
        PanelDesign pd = spec.panel();
        if (pd == null || pd.unit() == null || pd.time() == null) {
            throw new UserInputException("--method did with --source needs --unit COL and --time COL (two-way fixed effects on the treatment indicator)");
        }
        if (pd.treatedGroup() != null || pd.post() != null || pd.firstTreated() != null) {
            throw new UserInputException("with --source, --method did is two-way fixed effects on --treatment (1 while a unit is treated) "
                    + "with --unit and --time; the --treated-group/--post and --first-treated forms read the rows locally");
        }
        SqlDialect d = engine.dialect();
        String t = d.asDouble(d.quote(spec.treatment()));
        String complete = completeRows(d, relation, List.of(spec.outcome(), spec.treatment(), pd.unit(), pd.time()));
        Object[] bad = engine.rows("SELECT sum(CASE WHEN " + t + " IN (0, 1) THEN 0 ELSE 1 END) FROM " + complete).get(0);
        if (bad[0] != null && Values.l(bad[0]) > 0) {
            throw new UserInputException("treatment '" + spec.treatment() + "' must be 0/1 (1 while a unit is treated), but "
                    + Values.l(bad[0]) + " rows hold other values");
        }
        MomentFit fit = RegressionPushdown.twfe(engine, relation, spec.outcome(), List.of(spec.treatment()), pd.unit(), pd.time(),
                pd.cluster(), Boolean.TRUE.equals(spec.dropMissing()));
        Object[] shape = engine.rows("SELECT count(DISTINCT " + d.quote(pd.unit()) + "), count(DISTINCT " + d.quote(pd.time()) + ") FROM " + complete).get(0);
        long units = Values.l(shape[0]);
        long periods = Values.l(shape[1]);
        Object[] starts = engine.rows("SELECT count(DISTINCT cb_first) FROM (SELECT " + d.quote(pd.unit()) + ", min(CASE WHEN " + t
                + " = 1 THEN " + d.quote(pd.time()) + " END) AS cb_first FROM " + complete + " GROUP BY " + d.quote(pd.unit())
                + ") cb_s WHERE cb_first IS NOT NULL").get(0);
        long startCount = Values.l(starts[0]);
        long n = fit.n();
        long absorbed = units + periods - 1;
        String clusterCol = pd.cluster() != null ? pd.cluster() : pd.unit();
        double b = fit.coefficient(spec.treatment());
        AnalysisResult.Builder r = AnalysisResult.builder("causal", DID)
                .estimand("ATT under parallel trends: two-way fixed-effects coefficient on the treatment indicator");
        r.estimate(QuasiSupport.waldT("treated", DID, "TWFE coefficient, errors clustered by " + clusterCol, b,
                fit.seCluster(spec.treatment()), fit.clusters() - 1, spec.alpha()));
        r.estimate(QuasiSupport.waldT("treated", DID, "TWFE coefficient, HC1 errors", b, fit.seHC1(spec.treatment()),
                n - 1 - absorbed, spec.alpha()));
        r.sampleSize("total", n).sampleSize("units", units).sampleSize("periods", periods);
        r.detail("clusters", fit.clusters());
        r.detail("formula", spec.outcome() + " ~ treated | " + pd.unit() + " + " + pd.time());
        r.detail("pushdown", "computed by SQL in " + engine.describe() + " (within transformation by group means); only aggregates left the engine");
        r.diagnostic(new Diagnostic("staggered_adoption", startCount > 1 ? Diagnostic.Status.WARN : Diagnostic.Status.PASS,
                startCount > 1 ? "treatment timing varies across units; TWFE may be biased" : "one treatment start",
                Map.of("treatment_starts", (double) startCount)));
        if (startCount > 1) {
            r.warning("treatment starts in " + startCount + " different periods (staggered adoption): the two-way"
                    + " fixed-effects coefficient mixes already-treated units into the controls and can be biased when effects"
                    + " change over time; use --method staggered-did (Callaway-Sant'Anna) for a heterogeneity-robust estimate");
        }
        provenance(r, spec, engine, relation, n, fit);
        return r.build();
    }

    /**
     * The E-value on the standardised difference and the Manski no-assumption bounds over the
     * outcome's observed range, as the local engine reports them, from one aggregate query. (The
     * robustness value needs the classical standard error of the fit and is left to the local path.)
     */
    private static void sensitivity(AnalysisResult.Builder r, SqlEngine engine, String complete, String y, String t,
                                    double est, double lo, double hi) {
        Object[] a = engine.rows("SELECT count(*), sum(CASE WHEN " + t + " = 1 THEN 1 ELSE 0 END), sum(CASE WHEN " + t + " = 1 THEN " + y
                + " ELSE 0 END), sum(CASE WHEN " + t + " = 1 THEN 0 ELSE " + y + " END), min(" + y + "), max(" + y + "), stddev_samp(" + y
                + ") FROM " + complete).get(0);
        double n = Values.l(a[0]);
        double n1 = Values.l(a[1]);
        double s1 = Values.d(a[2]);
        double s0 = Values.d(a[3]);
        double min = Values.d(a[4]);
        double max = Values.d(a[5]);
        double sdY = Values.d(a[6]);
        double rr = EValue.riskRatioOfStandardizedDifference(est / sdY);
        double rrLo = EValue.riskRatioOfStandardizedDifference(lo / sdY);
        double rrHi = EValue.riskRatioOfStandardizedDifference(hi / sdY);
        if (rr > 0 && rrLo > 0 && Double.isFinite(rr)) {
            r.estimate(Estimate.builder("E-value", CausalCheck.EVALUE.id()).estimand("E-value (VanderWeele-Ding) on the approximate risk ratio "
                    + "exp(0.91 d) of the standardised difference d = effect / SD(outcome)").estimate(EValue.ofRiskRatio(rr))
                    .extra("risk_ratio", rr).extra("evalue_interval_limit", EValue.ofInterval(rrLo, rrHi)).build());
        }
        double p1 = n1 / n;
        double p0 = 1 - p1;
        double ey1 = s1 / n;
        double ey0 = s0 / n;
        ManskiBounds mb = new ManskiBounds(ey1 + min * p0 - (ey0 + max * p1), ey1 + max * p0 - (ey0 + min * p1));
        r.estimate(Estimate.builder("Manski bounds", CausalCheck.BOUNDS.id()).estimand("no-assumption bounds on the ATE for an outcome in ["
                        + String.format(java.util.Locale.ROOT, "%.6g", min) + ", " + String.format(java.util.Locale.ROOT, "%.6g", max) + "] (its observed range)")
                .interval(new Interval(mb.lower(), mb.upper(), 1.0, "bounds")).build());
    }

    /** The relation's rows with every listed column present (and not NaN), as a FROM item. */
    private static String completeRows(SqlDialect d, SqlRelation relation, List<String> cols) {
        StringBuilder w = new StringBuilder();
        for (String c : cols) {
            String q = d.quote(c);
            w.append(w.length() == 0 ? "" : " AND ").append(q).append(" IS NOT NULL");
        }
        return "(SELECT * FROM " + relation.from(d) + " WHERE " + w + ") cb_c";
    }

    /** Source: the engine and relation; SHA-256 over the coefficients and covariances the engine's aggregates gave. */
    private static void provenance(AnalysisResult.Builder r, CausalSpec spec, SqlEngine engine, SqlRelation relation, long rows, MomentFit fit) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder b = new StringBuilder();
        for (double v : fit.coefficients()) {
            b.append(Double.doubleToLongBits(v)).append(',');
        }
        for (double[] row : fit.covHC1()) {
            for (double v : row) {
                b.append(Double.doubleToLongBits(v)).append(',');
            }
        }
        b.append(fit.n()).append(',').append(fit.clusters());
        String sha = HexFormat.of().formatHex(md.digest(b.toString().getBytes(StandardCharsets.UTF_8)));
        r.provenance(new Provenance(CerebroVersion.get(), CausalPushdown.class.getName(), SpecReader.toTree(spec),
                engine.describe() + " " + relation.describe(), sha, rows, spec.seed(), Runtime.version().toString(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
    }
}
