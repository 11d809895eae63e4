package io.cerebro.core.causal.quasi.did;

import io.cerebro.core.causal.quasi.QuasiSupport;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Chart;
import io.cerebro.core.result.Diagnostic;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.result.Series;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.PanelDesign;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Staggered adoption by Callaway and Sant'Anna (2021), {@code causal.staggered_did}, without
 * covariates on a balanced panel: every group-time effect ATT(g,t) is a 2x2 comparison of cohort g
 * with the never-treated (or not-yet-treated) units between period t and a base period (g-1 for
 * t &gt;= g; t-1 before, the "varying" base of the did package). They are aggregated as the did
 * package does: overall ("simple": post-treatment cells weighted by cohort size), by event time and
 * by cohort. Standard errors come from the influence functions, including the estimation of the
 * aggregation weights; all are clustered by unit.
 */
public final class CallawaySantAnna {
    static final String METHOD = "causal.staggered_did";

    private CallawaySantAnna() {
    }

    /** One group-time effect with its influence function over units. */
    record Cell(int g, int t, double att, double[] inf) {
    }

    /** The estimator's output on a panel matrix. */
    record Result(List<Cell> cells, int[] cohort, double[] share, int units, Aggregate overall,
                  Map<Integer, Aggregate> byEventTime, Map<Integer, Aggregate> byCohort, List<String> warnings) {
    }

    /** An aggregated effect. */
    record Aggregate(double estimate, double se) {
    }

    /** Runs the design described by {@code spec.panel()}. */
    public static AnalysisResult run(CausalSpec spec, Dataset data) {
        PanelDesign pd = DifferenceInDifferences.requirePanel(spec);
        String problem = PanelTreatment.conflict(spec);
        if (problem != null) {
            throw new UserInputException(problem);
        }
        if (pd.unit() == null || pd.time() == null || PanelTreatment.timingColumn(spec) == null) {
            throw new UserInputException("staggered adoption needs --unit, --time and --first-treated (or --treatment, a 0/1"
                    + " column that is 1 from each unit's first treated period on)");
        }
        boolean notYet = switch (pd.controlGroup().toLowerCase(java.util.Locale.ROOT).replace("-", "").replace("_", "")) {
            case "never", "nevertreated" -> false;
            case "notyet", "notyettreated" -> true;
            default -> throw new UserInputException("panel.control_group must be never or notyet, got '" + pd.controlGroup() + "'");
        };
        List<String> notes = new ArrayList<>();
        Dataset used = DifferenceInDifferences.completeUnits(spec, data, pd, notes);
        try {
            Panel panel = Panel.of(used, pd.unit(), pd.time(), true);
            Cohorts cohorts = PanelTreatment.cohorts(spec, used, panel, notes);
            double[] yRaw = QuasiSupport.numeric(used, spec.outcome(), "outcome");
            double[][] y = new double[panel.units()][panel.periods()];
            for (int i = 0; i < panel.rows(); i++) {
                y[panel.unit()[i]][panel.period()[i]] = yRaw[i];
            }
            Result res = estimate(y, cohorts.cohortIndex(), notYet);
            notes.addAll(res.warnings());
            return report(spec, data, pd, panel, res, notYet, notes, PanelTreatment.derivedNote(spec, cohorts, panel));
        } finally {
            if (used != data) {
                used.close();
            }
        }
    }

    /**
     * Estimates every ATT(g,t) and the aggregates.
     *
     * @param y      outcome per unit and period
     * @param cohort per unit, the first treated period index or -1 for never treated
     */
    static Result estimate(double[][] y, int[] cohort, boolean notYet) {
        int n = y.length;
        int t = y[0].length;
        List<String> warnings = new ArrayList<>();
        TreeMap<Integer, Integer> sizes = new TreeMap<>();
        int always = 0;
        int never = 0;
        for (int g : cohort) {
            if (g == 0) {
                always++;
            } else if (g > 0) {
                sizes.merge(g, 1, Integer::sum);
            } else {
                never++;
            }
        }
        if (always > 0) {
            warnings.add(always + " units are treated from the first period on; they have no pre-period and are left out");
        }
        if (sizes.isEmpty()) {
            throw new UserInputException("no cohort is treated after the first period, so no group-time effect can be estimated");
        }
        if (!notYet && never == 0) {
            throw new UserInputException("there are no never-treated units to compare with; use --control-group notyet");
        }
        double[] share = new double[t];
        for (Map.Entry<Integer, Integer> e : sizes.entrySet()) {
            share[e.getKey()] = (double) e.getValue() / n;
        }
        List<Cell> cells = new ArrayList<>();
        for (int g : sizes.keySet()) {
            for (int s = 1; s < t; s++) {
                int base = s >= g ? g - 1 : s - 1;
                double sumG = 0;
                double sumC = 0;
                int nG = 0;
                int nC = 0;
                boolean[] inC = new boolean[n];
                for (int i = 0; i < n; i++) {
                    int gi = cohort[i];
                    if (gi == g) {
                        sumG += y[i][s] - y[i][base];
                        nG++;
                    } else if (gi < 0 || (notYet && gi > Math.max(s, base))) {
                        inC[i] = true;
                        sumC += y[i][s] - y[i][base];
                        nC++;
                    }
                }
                if (nC == 0) {
                    continue;
                }
                double mG = sumG / nG;
                double mC = sumC / nC;
                double[] inf = new double[n];
                for (int i = 0; i < n; i++) {
                    double d = y[i][s] - y[i][base];
                    if (cohort[i] == g) {
                        inf[i] = (d - mG) * n / nG;
                    } else if (inC[i]) {
                        inf[i] = -(d - mC) * n / nC;
                    }
                }
                cells.add(new Cell(g, s, mG - mC, inf));
            }
        }
        List<Cell> postCells = cells.stream().filter(c -> c.t() >= c.g()).toList();
        if (postCells.isEmpty()) {
            throw new UserInputException("no post-treatment group-time cell has a comparison group; with not-yet-treated"
                    + " controls the last cohort needs later-treated or never-treated units");
        }
        Aggregate overall = aggregate(postCells, cohort, share, n, true);
        Map<Integer, Aggregate> byE = new TreeMap<>();
        TreeMap<Integer, List<Cell>> groupedE = new TreeMap<>();
        for (Cell c : cells) {
            groupedE.computeIfAbsent(c.t() - c.g(), k -> new ArrayList<>()).add(c);
        }
        groupedE.forEach((e, list) -> byE.put(e, aggregate(list, cohort, share, n, true)));
        Map<Integer, Aggregate> byG = new TreeMap<>();
        TreeMap<Integer, List<Cell>> groupedG = new TreeMap<>();
        for (Cell c : postCells) {
            groupedG.computeIfAbsent(c.g(), k -> new ArrayList<>()).add(c);
        }
        groupedG.forEach((g, list) -> byG.put(g, aggregate(list, cohort, share, n, false)));
        return new Result(cells, cohort, share, n, overall, byE, byG, warnings);
    }

    /**
     * A weighted mean of cells. With {@code cohortWeights} the weights are cohort shares normalised
     * over the cells (their estimation enters the influence function, as in the did package);
     * otherwise the cells are averaged with equal, fixed weights.
     */
    static Aggregate aggregate(List<Cell> cells, int[] cohort, double[] share, int n, boolean cohortWeights) {
        int k = cells.size();
        double[] w = new double[k];
        double total = 0;
        for (int j = 0; j < k; j++) {
            w[j] = cohortWeights ? share[cells.get(j).g()] : 1;
            total += w[j];
        }
        double est = 0;
        for (int j = 0; j < k; j++) {
            w[j] /= total;
            est += w[j] * cells.get(j).att();
        }
        double[] inf = new double[n];
        for (int j = 0; j < k; j++) {
            double[] f = cells.get(j).inf();
            for (int i = 0; i < n; i++) {
                inf[i] += w[j] * f[i];
            }
        }
        if (cohortWeights) {
            // influence of the estimated weights p_g / sum(p_g): (psi_g - w_g sum_k psi_k) / sum(p_g), psi_g,i = 1{G_i = g} - p_g
            for (int i = 0; i < n; i++) {
                double sumPsi = 0;
                for (int j = 0; j < k; j++) {
                    int g = cells.get(j).g();
                    sumPsi += (cohort[i] == g ? 1 : 0) - share[g];
                }
                double adj = 0;
                for (int j = 0; j < k; j++) {
                    int g = cells.get(j).g();
                    double psi = (cohort[i] == g ? 1 : 0) - share[g];
                    double dw = (psi * total - share[g] * sumPsi) / (total * total);
                    adj += dw * cells.get(j).att();
                }
                inf[i] += adj;
            }
        }
        double ss = 0;
        for (double v : inf) {
            ss += v * v;
        }
        return new Aggregate(est, Math.sqrt(ss) / n);
    }

    private static double se(Cell c, int n) {
        double ss = 0;
        for (double v : c.inf()) {
            ss += v * v;
        }
        return Math.sqrt(ss) / n;
    }

    private static AnalysisResult report(CausalSpec spec, Dataset data, PanelDesign pd, Panel panel, Result res, boolean notYet,
                                         List<String> warnings, Diagnostic derived) {
        double alpha = spec.alpha();
        String controls = notYet ? "not-yet-treated" : "never-treated";
        AnalysisResult.Builder r = AnalysisResult.builder("causal", METHOD)
                .estimand("ATT averaged over post-treatment group-time cells, weighted by cohort size (Callaway-Sant'Anna, "
                        + controls + " controls)");
        r.estimate(QuasiSupport.wald("overall ATT", METHOD, "simple aggregation of post-treatment ATT(g,t)",
                res.overall().estimate(), res.overall().se(), alpha));
        List<String> cats = new ArrayList<>();
        int m = res.byEventTime().size();
        double[] xs = new double[m];
        double[] ys = new double[m];
        double[] lo = new double[m];
        double[] hi = new double[m];
        double z = QuasiSupport.z(alpha);
        int j = 0;
        for (Map.Entry<Integer, Aggregate> e : res.byEventTime().entrySet()) {
            Aggregate a = e.getValue();
            r.estimate(QuasiSupport.wald("event time " + e.getKey(), METHOD, "ATT " + e.getKey()
                    + " periods after adoption, cohorts weighted by size", a.estimate(), a.se(), alpha));
            cats.add(Integer.toString(e.getKey()));
            xs[j] = j;
            ys[j] = a.estimate();
            lo[j] = a.estimate() - z * a.se();
            hi[j] = a.estimate() + z * a.se();
            j++;
        }
        for (Map.Entry<Integer, Aggregate> e : res.byCohort().entrySet()) {
            Aggregate a = e.getValue();
            String g = Panel.fmt(panel.times()[e.getKey()]);
            r.estimate(QuasiSupport.wald("cohort " + g, METHOD, "mean post-treatment ATT of units first treated in " + g,
                    a.estimate(), a.se(), alpha));
        }
        List<Map<String, Object>> table = new ArrayList<>();
        for (Cell c : res.cells()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("cohort", panel.times()[c.g()]);
            row.put("time", panel.times()[c.t()]);
            row.put("att", c.att());
            row.put("se", se(c, res.units()));
            table.add(row);
        }
        r.detail("group_time_effects", table);
        r.detail("control_group", controls);
        // pre-treatment placebo cells: their average should be near zero under parallel trends
        List<Cell> preCells = res.cells().stream().filter(c -> c.t() < c.g()).toList();
        if (!preCells.isEmpty()) {
            Aggregate pre = aggregate(preCells, res.cohort(), res.share(), res.units(), true);
            double p = QuasiSupport.pNormal(pre.estimate() / pre.se());
            r.diagnostic(new Diagnostic("pre_trends", p < alpha ? Diagnostic.Status.WARN : Diagnostic.Status.PASS,
                    p < alpha ? "pre-treatment group-time effects differ from zero on average: parallel trends is doubtful"
                            : "pre-treatment group-time effects are near zero on average",
                    Map.of("mean_pre_att", pre.estimate(), "se", pre.se(), "p_value", p)));
        }
        r.chart(new Chart("staggered_event_study", "interval", "Callaway-Sant'Anna effects by event time", "event time",
                spec.outcome(), cats, List.of(new Series("ATT(e)", xs, ys, lo, hi)), 0.0));
        r.sampleSize("units", panel.units()).sampleSize("periods", panel.periods()).sampleSize("total", panel.rows());
        if (derived != null) {
            r.diagnostic(derived);
            r.detail("cohort_source", "treatment column " + spec.treatment());
        }
        warnings.forEach(r::warning);
        return r.provenance(spec, data, CallawaySantAnna.class, spec.seed()).build();
    }
}
