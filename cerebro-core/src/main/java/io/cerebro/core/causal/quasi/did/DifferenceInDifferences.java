package io.cerebro.core.causal.quasi.did;

import io.cerebro.core.causal.quasi.QuasiSupport;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Diagnostic;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.PanelDesign;
import io.cerebro.core.stats.LinearModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Difference-in-differences ({@code causal.did}).
 *
 * <ul>
 *   <li><b>2x2</b> (a treated-group and a post column, two periods or no time column): the pooled
 *   regression {@code y ~ treated + post + treated:post}, whose interaction is the DiD of the four
 *   cell means; HC1 and cluster-robust (by the cluster column, default the unit) errors.</li>
 *   <li><b>Two-way fixed effects</b> (more than two periods, or a first-treated column): y on the
 *   treatment indicator with unit and period effects absorbed by demeaning; the panel must be
 *   balanced. Cluster-robust errors count only the fixed effects not nested in the clusters (as
 *   fixest and reghdfe do); HC1 counts every absorbed level (as a dummy-variable regression does).
 *   When adoption is staggered a warning points to {@code causal.staggered_did}: TWFE then compares
 *   late with early adopters and can weight some effects negatively.</li>
 * </ul>
 * Inference for clustered errors uses a t distribution with G - 1 degrees of freedom.
 */
public final class DifferenceInDifferences {
    static final String METHOD = "causal.did";

    private DifferenceInDifferences() {
    }

    /** Runs the design described by {@code spec.panel()}. */
    public static AnalysisResult run(CausalSpec spec, Dataset data) {
        PanelDesign pd = requirePanel(spec);
        String problem = PanelTreatment.conflict(spec);
        if (problem != null) {
            throw new UserInputException(problem);
        }
        if (PanelTreatment.switchColumn(spec) != null) {
            // a 0/1 treatment column: the two-way fixed-effects form (with two periods, the 2x2 DiD)
            return twfe(spec, data, pd);
        }
        if (pd.treatedGroup() != null && pd.post() != null) {
            boolean twoPeriods = pd.time() == null || data.levels(pd.time()).size() <= 2;
            return twoPeriods ? twoByTwo(spec, data, pd) : twfe(spec, data, pd);
        }
        if (pd.firstTreated() != null) {
            return twfe(spec, data, pd);
        }
        throw new UserInputException("method did needs either panel.treated_group and panel.post (2x2) or "
                + "panel.first_treated (two-way fixed effects); give --treated-group and --post, or --first-treated,"
                + " or --treatment for a 0/1 column that is 1 in the periods a unit is treated");
    }

    static PanelDesign requirePanel(CausalSpec spec) {
        PanelDesign pd = spec.panel();
        if (pd == null) {
            throw new UserInputException("method " + spec.method().methodId() + " needs a panel block: give --unit, --time and "
                    + "--treated-group/--post, --first-treated or --treatment");
        }
        return pd;
    }

    private static AnalysisResult twoByTwo(CausalSpec spec, Dataset source, PanelDesign pd) {
        List<String> warnings = new ArrayList<>();
        Dataset data = CompleteUnits.of(source, Arrays.asList(spec.outcome(), pd.treatedGroup(), pd.post()), List.of(),
                Arrays.asList(pd.unit(), pd.cluster()), null, spec.dropMissing(), warnings);
        try {
            return twoByTwo(spec, data, source, pd, warnings);
        } finally {
            if (data != source) {
                data.close();
            }
        }
    }

    private static AnalysisResult twoByTwo(CausalSpec spec, Dataset data, Dataset source, PanelDesign pd, List<String> warnings) {
        double[] y = QuasiSupport.numeric(data, spec.outcome(), "outcome");
        double[] g = QuasiSupport.numeric(data, pd.treatedGroup(), "treated group");
        double[] post = QuasiSupport.numeric(data, pd.post(), "post");
        QuasiSupport.requireZeroOne(g, pd.treatedGroup(), "treated group");
        QuasiSupport.requireZeroOne(post, pd.post(), "post");
        int n = y.length;
        String clusterCol = pd.cluster() != null ? pd.cluster() : pd.unit();
        if (pd.unit() != null) {
            String[] units = data.strings(pd.unit());
            Set<String> seen = new HashSet<>();
            Map<String, Double> groupOf = new LinkedHashMap<>();
            Set<String> both = new java.util.TreeSet<>();
            List<String> dups = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (units[i] == null) {
                    throw new UserInputException("column '" + pd.unit() + "' (unit) is missing in row " + (i + 1) + "; drop or fill those rows");
                }
                Double prev = groupOf.putIfAbsent(units[i], g[i]);
                if (prev != null && prev != g[i]) {
                    both.add(units[i]);
                }
                // a unit id reused across the two groups is two different units (Card & Krueger's store 407)
                if (!seen.add(units[i] + "\u0000" + g[i] + "\u0000" + post[i]) && dups.size() < 5) {
                    dups.add(units[i] + "/" + (post[i] == 1 ? "post" : "pre"));
                }
            }
            if (!dups.isEmpty()) {
                throw new UserInputException("the panel has more than one row for " + pd.unit() + "/period " + String.join(", ", dups)
                        + "; keep one row per unit and period (aggregate or deduplicate first)");
            }
            if (!both.isEmpty()) {
                warnings.add(pd.unit() + " " + String.join(", ", both) + " appears in both groups; its rows are treated as two units"
                        + " but share one cluster");
            }
        }
        double[][] x = new double[n][];
        double[][] cells = new double[2][2];
        long[][] counts = new long[2][2];
        for (int i = 0; i < n; i++) {
            x[i] = new double[]{1, g[i], post[i], g[i] * post[i]};
            cells[(int) g[i]][(int) post[i]] += y[i];
            counts[(int) g[i]][(int) post[i]]++;
        }
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                if (counts[a][b] == 0) {
                    throw new UserInputException("the 2x2 design has no rows with " + pd.treatedGroup() + "=" + a + " and "
                            + pd.post() + "=" + b + "; each group needs pre and post observations");
                }
                cells[a][b] /= counts[a][b];
            }
        }
        String[] names = {"(Intercept)", pd.treatedGroup(), pd.post(), pd.treatedGroup() + ":" + pd.post()};
        LinearModel m = LinearModel.fit(names, x, y);
        double did = m.coefficients()[3];
        double seHc1 = LinearModel.standardErrors(m.covHC1())[3];
        AnalysisResult.Builder r = AnalysisResult.builder("causal", METHOD)
                .estimand("ATT: difference-in-differences of mean " + spec.outcome() + " (treated - control, post - pre)");
        String label = "treated x post";
        String estimand = "(treated post - treated pre) - (control post - control pre)";
        Estimate hc1 = QuasiSupport.waldT(label, METHOD, estimand + ", HC1 errors", did, seHc1, m.dfResid(), spec.alpha());
        if (clusterCol != null) {
            int[] cl = QuasiSupport.ids(data.strings(clusterCol));
            int gCount = LinearModel.clusterCount(cl);
            double seCl = LinearModel.standardErrors(m.covCluster(cl))[3];
            r.estimate(QuasiSupport.waldT(label, METHOD, estimand + ", errors clustered by " + clusterCol, did, seCl,
                    gCount - 1, spec.alpha()));
            r.detail("clusters", gCount);
        }
        r.estimate(hc1);
        r.sampleSize("total", n);
        String[] gl = {"control", "treated"};
        String[] pl = {"pre", "post"};
        Map<String, Double> means = new LinkedHashMap<>();
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                r.sampleSize(gl[a] + "_" + pl[b], counts[a][b]);
                means.put(gl[a] + "_" + pl[b], cells[a][b]);
            }
        }
        r.detail("cell_means", means);
        r.detail("formula", spec.outcome() + " ~ " + pd.treatedGroup() + " * " + pd.post());
        warnings.forEach(r::warning);
        return r.provenance(spec, source, DifferenceInDifferences.class, spec.seed()).build();
    }

    private static AnalysisResult twfe(CausalSpec spec, Dataset source, PanelDesign pd) {
        if (pd.unit() == null || pd.time() == null) {
            throw new UserInputException("two-way fixed effects need panel.unit and panel.time; give --unit and --time");
        }
        List<String> warnings = new ArrayList<>();
        Dataset data = completeUnits(spec, source, pd, warnings);
        try {
            return twfe(spec, data, source, pd, warnings);
        } finally {
            if (data != source) {
                data.close();
            }
        }
    }

    /**
     * The panel without its incomplete units (with {@code drop_missing}; otherwise fails on missing
     * values); the caller closes the result when it is not {@code source}.
     */
    static Dataset completeUnits(CausalSpec spec, Dataset source, PanelDesign pd, List<String> warnings) {
        // a missing treatment value is a missing value; a missing first-treated value means "never treated"
        String treatment = PanelTreatment.switchColumn(spec);
        boolean byDummies = pd.firstTreated() == null && treatment == null;
        return CompleteUnits.of(source, Arrays.asList(spec.outcome(), pd.time(), byDummies ? pd.treatedGroup() : null,
                        byDummies ? pd.post() : null, treatment), Arrays.asList(pd.firstTreated()), Arrays.asList(pd.unit(), pd.cluster()),
                pd.unit(), spec.dropMissing(), warnings);
    }

    private static AnalysisResult twfe(CausalSpec spec, Dataset data, Dataset source, PanelDesign pd, List<String> warnings) {
        Panel panel = Panel.of(data, pd.unit(), pd.time(), true);
        double[] y = QuasiSupport.numeric(data, spec.outcome(), "outcome");
        int n = y.length;
        double[] d = new double[n];
        Set<Double> cohorts = new java.util.TreeSet<>();
        Diagnostic derived = null;
        if (pd.firstTreated() != null || PanelTreatment.switchColumn(spec) != null) {
            Cohorts c = PanelTreatment.cohorts(spec, data, panel, warnings);
            derived = PanelTreatment.derivedNote(spec, c, panel);
            for (int i = 0; i < n; i++) {
                d[i] = c.treatedAt(panel.unit()[i], panel.period()[i]) ? 1 : 0;
            }
            for (int u = 0; u < panel.units(); u++) {
                if (c.cohortIndex()[u] >= 0) {
                    cohorts.add(panel.times()[c.cohortIndex()[u]]);
                }
            }
        } else {
            double[] g = QuasiSupport.numeric(data, pd.treatedGroup(), "treated group");
            double[] post = QuasiSupport.numeric(data, pd.post(), "post");
            QuasiSupport.requireZeroOne(g, pd.treatedGroup(), "treated group");
            QuasiSupport.requireZeroOne(post, pd.post(), "post");
            for (int i = 0; i < n; i++) {
                d[i] = g[i] * post[i];
            }
        }
        // treatment timing: the first period each unit is treated
        int[] first = new int[panel.units()];
        java.util.Arrays.fill(first, Integer.MAX_VALUE);
        for (int i = 0; i < n; i++) {
            if (d[i] == 1) {
                first[panel.unit()[i]] = Math.min(first[panel.unit()[i]], panel.period()[i]);
            }
        }
        Set<Integer> starts = new HashSet<>();
        for (int f : first) {
            if (f != Integer.MAX_VALUE) {
                starts.add(f);
            }
        }
        if (starts.size() > 1) {
            warnings.add("treatment starts in " + starts.size() + " different periods (staggered adoption): the two-way"
                    + " fixed-effects coefficient mixes already-treated units into the controls and can be biased when effects"
                    + " change over time; use --method staggered-did (Callaway-Sant'Anna) for a heterogeneity-robust estimate");
        }
        FixedEffectsFit fit = FixedEffectsFit.fit(panel, y, new double[][]{d}, new String[]{"treated"});
        String clusterCol = pd.cluster() != null ? pd.cluster() : pd.unit();
        int[] cl = pd.cluster() != null ? QuasiSupport.ids(data.strings(pd.cluster())) : panel.unit();
        double[][] covCl = fit.covCluster(cl);
        double[][] covHc1 = fit.model().covHC1(fit.absorbedAll());
        double b = fit.model().coefficients()[0];
        int gCount = LinearModel.clusterCount(cl);
        AnalysisResult.Builder r = AnalysisResult.builder("causal", METHOD)
                .estimand("ATT under parallel trends: two-way fixed-effects coefficient on the treatment indicator");
        r.estimate(QuasiSupport.waldT("treated", METHOD, "TWFE coefficient, errors clustered by " + clusterCol, b,
                Math.sqrt(covCl[0][0]), gCount - 1, spec.alpha()));
        r.estimate(QuasiSupport.waldT("treated", METHOD, "TWFE coefficient, HC1 errors", b, Math.sqrt(covHc1[0][0]),
                n - 1 - fit.absorbedAll(), spec.alpha()));
        r.sampleSize("total", n).sampleSize("units", panel.units()).sampleSize("periods", panel.periods());
        r.detail("clusters", gCount);
        r.detail("formula", spec.outcome() + " ~ treated | " + pd.unit() + " + " + pd.time());
        if (!cohorts.isEmpty()) {
            r.detail("cohorts", new ArrayList<>(cohorts));
        }
        r.diagnostic(new Diagnostic("staggered_adoption", starts.size() > 1 ? Diagnostic.Status.WARN : Diagnostic.Status.PASS,
                starts.size() > 1 ? "treatment timing varies across units; TWFE may be biased" : "one treatment start",
                Map.of("treatment_starts", (double) starts.size())));
        if (derived != null) {
            r.diagnostic(derived);
            r.detail("cohort_source", "treatment column " + spec.treatment());
        }
        warnings.forEach(r::warning);
        return r.provenance(spec, source, DifferenceInDifferences.class, spec.seed()).build();
    }
}
