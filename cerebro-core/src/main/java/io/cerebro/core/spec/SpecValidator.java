package io.cerebro.core.spec;

import io.cerebro.core.ab.ArmProfile;
import io.cerebro.core.data.ColumnInfo;
import io.cerebro.core.data.ColumnType;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a spec against a dataset's schema and contents and reports every violation at once, so a
 * user fixes a spec in one round instead of one error per run.
 */
public final class SpecValidator {
    private SpecValidator() {
    }

    /**
     * @param data the dataset; null for a family that reads no data ({@code readsData()} false), which
     *             has only the spec's own checks
     * @return every violation; empty when the spec fits the data
     */
    public static List<SpecViolation> validate(AnalysisSpec spec, Dataset data) {
        return io.cerebro.core.family.Families.of(spec).check(spec, data);
    }

    /**
     * Throws when the spec does not fit the data.
     *
     * @throws UserInputException whose message lists each violation with its fix
     */
    public static void requireValid(AnalysisSpec spec, Dataset data) {
        List<SpecViolation> v = validate(spec, data);
        if (v.size() == 1) {
            throw new UserInputException(v.get(0).toString());
        }
        if (!v.isEmpty()) {
            throw new UserInputException("the spec does not fit the data (" + v.size() + " problems): "
                    + v.stream().map(SpecViolation::toString).collect(Collectors.joining("; ")));
        }
    }

    /**
     * The A/B family's checks of a spec against the data (see {@link #validate}).
     * A/B checks in as few scans as possible (large files): one pass for the outcome's missing,
     * non-numeric, extreme and non-0/1 values, one for the arms and their usable outcomes.
     */
    public static List<SpecViolation> abViolations(ABTestSpec s, Dataset data) {
        List<SpecViolation> out = new ArrayList<>();
        boolean hasTreatment = column(data, "treatment", s.treatment(), out);
        boolean hasOutcome = column(data, "outcome", s.outcome(), out);
        if (s.covariate() != null && column(data, "covariate", s.covariate(), out)) {
            numeric(data, "covariate", s.covariate(), out);
        }
        if (s.strata() != null) {
            column(data, "strata", s.strata(), out);
        }
        String num = hasOutcome ? "TRY_CAST(" + Dataset.quote(s.outcome()) + " AS DOUBLE)" : null;
        // with both columns present, one grouped scan (shared with the engine through the dataset's cache)
        // answers every question below; otherwise the separate queries do
        boolean covariateOk = s.covariate() == null || data.column(s.covariate()).isPresent();
        List<ArmProfile> profile = hasOutcome && hasTreatment && covariateOk ? ArmProfile.of(s, data) : null;
        if (hasOutcome) {
            String raw = Dataset.quote(s.outcome());
            double[] st = profile != null ? outcomeSummary(profile) : data.query("SELECT count(*) FILTER (WHERE " + raw + " IS NOT NULL AND " + num + " IS NULL), "
                    + "count(*) FILTER (WHERE " + raw + " IS NULL OR isnan(" + num + ")), "
                    + "min(" + num + ") FILTER (WHERE NOT isnan(" + num + ")), max(" + num + ") FILTER (WHERE NOT isnan(" + num + ")), "
                    + "count(*) FILTER (WHERE " + num + " NOT IN (0, 1) AND NOT isnan(" + num + ")) FROM " + Dataset.TABLE, rs -> {
                rs.next();
                double min = rs.getDouble(3);
                boolean none = rs.wasNull();
                return new double[]{rs.getLong(1), rs.getLong(2), none ? Double.NaN : min, rs.getDouble(4), rs.getLong(5)};
            });
            long notNumbers = (long) st[0];
            long missing = (long) st[1];
            long numbers = data.rowCount() - notNumbers - missing;
            ColumnInfo oc = data.column(s.outcome()).orElseThrow();
            if (numbers == 0) {
                out.add(new SpecViolation("outcome", s.outcome(), "column holds " + oc.sqlType() + " values and none of the "
                        + data.rowCount() + " rows is a number", "pick the numeric outcome column or recode it as 0/1 or numbers"));
            } else {
                if (notNumbers > 0 && !s.dropMissing()) {
                    String first = data.firstNonNumber(s.outcome())
                            .map(b -> " (the first: row " + b.row() + ", '" + b.value() + "')").orElse("");
                    out.add(new SpecViolation("outcome", s.outcome(), notNumbers + " of " + data.rowCount()
                            + " rows hold values that are not numbers" + first,
                            "pass --drop-missing to analyse the " + numbers + " numeric rows, or fix the values"));
                }
                if (missing > 0 && !s.dropMissing()) {
                    out.add(new SpecViolation("outcome", s.outcome(), missing + " of " + data.rowCount()
                            + " rows have a missing (empty or NaN) outcome",
                            "pass --drop-missing to analyse the other rows, or fill them in"));
                }
                boolean zeroOne = st[4] == 0;
                if (st[2] == st[3]) {
                    out.add(new SpecViolation("outcome", s.outcome(), "every row has the same outcome value",
                            "there is nothing to compare; check the column or the --where filter"));
                } else if (s.outcomeType() == OutcomeType.BINARY && !zeroOne) {
                    out.add(new SpecViolation("outcome_type", "binary", "column '" + s.outcome()
                            + "' holds values other than 0 and 1", "use --outcome-type continuous or recode it"));
                } else if ((s.test() == ABTestType.Z_PROPORTIONS || s.test() == ABTestType.CHI_SQUARE
                        || s.test() == ABTestType.FISHER) && !zeroOne) {
                    out.add(new SpecViolation("test", s.test().name().toLowerCase(java.util.Locale.ROOT),
                            "needs a 0/1 outcome, but '" + s.outcome() + "' holds other values",
                            "use --test welch, student or mann_whitney"));
                }
            }
        }
        if (s.covariate() != null && data.column(s.covariate()).map(c -> c.type().isNumeric()).orElse(false)) {
            long missing = data.missingCount(s.covariate());
            if (missing > 0 && !s.dropMissing()) {
                out.add(new SpecViolation("covariate", s.covariate(), missing + " rows have a missing covariate",
                        "pass --drop-missing or fill them in"));
            }
        }
        if (hasTreatment) {
            String q = Dataset.quote(s.treatment());
            String usable = num == null ? "0" : "count(*) FILTER (WHERE " + num + " IS NOT NULL AND NOT isnan(" + num + "))";
            Map<String, Long> arms = new java.util.LinkedHashMap<>();
            Map<String, Long> withOutcome = new java.util.HashMap<>();
            if (profile != null) {
                for (ArmProfile p : profile) {
                    arms.put(p.arm(), p.rows());
                    withOutcome.put(p.arm(), p.numbers());
                }
            } else {
                data.query("SELECT CAST(" + q + " AS VARCHAR) AS arm, count(*), " + usable + " FROM " + Dataset.TABLE
                        + " GROUP BY arm ORDER BY arm NULLS LAST", rs -> {
                    while (rs.next()) {
                        arms.put(rs.getString(1), rs.getLong(2));
                        withOutcome.put(rs.getString(1), rs.getLong(3));
                    }
                    return null;
                });
            }
            long nullArms = arms.containsKey(null) ? arms.remove(null) : 0L;
            withOutcome.remove(null);
            if (nullArms > 0 && !s.dropMissing()) {
                out.add(new SpecViolation("treatment", s.treatment(), nullArms + " rows have no arm label",
                        "pass --drop-missing or fill them in"));
            }
            if (arms.size() < 2) {
                out.add(new SpecViolation("treatment", s.treatment(), "column has " + arms.size() + " arm"
                        + (arms.size() == 1 ? " (" + arms.keySet().iterator().next() + ")" : "s")
                        + "; a test needs at least two", "check the column name or the --where filter"));
            }
            if (s.control() != null && !arms.containsKey(s.control())) {
                out.add(new SpecViolation("control", s.control(), "no arm has this label; arms are " + arms.keySet(),
                        "pass one of them as --control"));
            }
            if (s.allocation() != null && arms.size() >= 2 && s.allocation().size() != arms.size()) {
                out.add(new SpecViolation("allocation", s.allocation().toString(), "gives " + s.allocation().size()
                        + " shares for " + arms.size() + " arms " + arms.keySet(),
                        "give one share per arm in this order, e.g. " + "50,".repeat(arms.size() - 1) + "50"));
            }
            if (hasOutcome && arms.size() >= 2) {
                for (String arm : arms.keySet()) {
                    if (withOutcome.getOrDefault(arm, 0L) == 0L) {
                        out.add(new SpecViolation("treatment", arm, "arm '" + arm + "' has no rows with an outcome",
                                "drop the arm with --where or check the data"));
                    } else if (withOutcome.getOrDefault(arm, 0L) == 1L) {
                        out.add(new SpecViolation("treatment", arm, "arm '" + arm + "' has a single row with an outcome; a variance needs two",
                                "collect more data or drop the arm with --where"));
                    }
                }
            }
        }
        return out;
    }

    /** {not numbers, missing, min, max, non-binary} over all rows, summed from the per-arm profile. */
    private static double[] outcomeSummary(List<ArmProfile> profile) {
        double notNumbers = 0;
        double missing = 0;
        double min = Double.NaN;
        double max = Double.NaN;
        double nonBinary = 0;
        for (ArmProfile p : profile) {
            notNumbers += p.notNumbers();
            missing += p.missing();
            nonBinary += p.nonBinary();
            if (!Double.isNaN(p.min())) {
                min = Double.isNaN(min) ? p.min() : Math.min(min, p.min());
                max = Double.isNaN(max) ? p.max() : Math.max(max, p.max());
            }
        }
        return new double[]{notNumbers, missing, min, max, nonBinary};
    }

    /** The causal family's checks of a spec against the data (see {@link #validate}). */
    public static List<SpecViolation> causalViolations(CausalSpec s, Dataset data) {
        List<SpecViolation> out = new ArrayList<>();
        boolean adjusts = switch (s.method()) {
            case REGRESSION, PSM, MAHALANOBIS, IPW, AIPW -> true;
            default -> false;
        };
        if (adjusts && s.confounders().isEmpty() && (s.graph() == null || s.graph().isBlank())) {
            out.add(new SpecViolation("confounders", "", "method " + s.method().methodId()
                    + " adjusts for confounders, but none were given (the result would be the unadjusted difference)",
                    "pass --confounders a,b,c, or a causal graph with --graph \"a -> treat; a -> outcome; treat -> outcome\""));
        }
        column(data, "outcome", s.outcome(), out);
        if (s.treatment() != null) {
            column(data, "treatment", s.treatment(), out);
        }
        for (String c : s.confounders()) {
            column(data, "confounders", c, out);
        }
        if (s.mediator() != null) {
            column(data, "mediator", s.mediator(), out);
        }
        if (s.panel() != null) {
            PanelDesign p = s.panel();
            for (String[] f : new String[][]{{"unit", p.unit()}, {"time", p.time()}, {"treated_group", p.treatedGroup()},
                    {"post", p.post()}, {"first_treated", p.firstTreated()}, {"cluster", p.cluster()}}) {
                if (f[1] != null) {
                    column(data, "panel." + f[0], f[1], out);
                }
            }
        }
        panelTreatmentColumn(s, data, out);
        if (s.rdd() != null) {
            if (s.rdd().running() != null) {
                column(data, "rdd.running", s.rdd().running(), out);
            }
            if (s.rdd().fuzzy() != null) {
                column(data, "rdd.fuzzy", s.rdd().fuzzy(), out);
            }
        }
        if (s.iv() != null) {
            s.iv().instruments().forEach(c -> column(data, "iv.instruments", c, out));
            s.iv().controls().forEach(c -> column(data, "iv.controls", c, out));
        }
        if (s.synth() != null) {
            SynthDesign sy = s.synth();
            if (sy.unit() != null) {
                column(data, "synth.unit", sy.unit(), out);
            }
            if (sy.time() != null) {
                column(data, "synth.time", sy.time(), out);
            }
            sy.predictors().forEach(c -> column(data, "synth.predictors", c, out));
        }
        Set<String> dup = new LinkedHashSet<>();
        Set<String> seen = new java.util.HashSet<>();
        for (String c : s.confounders()) {
            if (!seen.add(c)) {
                dup.add(c);
            }
        }
        if (!dup.isEmpty()) {
            out.add(new SpecViolation("confounders", String.join(",", dup), "listed more than once", "list each column once"));
        }
        if (s.treatment() != null && s.confounders().contains(s.treatment())) {
            out.add(new SpecViolation("confounders", s.treatment(), "the treatment is also listed as a confounder",
                    "remove it from the confounders"));
        }
        if (s.outcome() != null && s.confounders().contains(s.outcome())) {
            out.add(new SpecViolation("confounders", s.outcome(), "the outcome is also listed as a confounder",
                    "remove it from the confounders"));
        }
        return out;
    }

    /**
     * The 0/1 treatment column of a panel design (did, event_study, staggered_did without a
     * first-treated column), from which the engines derive each unit's cohort: given only once
     * (not beside a first-treated column or a group/post pair), 0 or 1 in every row, and complete
     * unless {@code drop_missing} (which then drops the units with a missing value). Whether a
     * unit's treatment switches off again is the engine's check, since it needs the panel's order.
     */
    private static void panelTreatmentColumn(CausalSpec s, Dataset data, List<SpecViolation> out) {
        String conflict = io.cerebro.core.causal.quasi.did.PanelTreatment.conflict(s);
        if (conflict != null) {
            out.add(new SpecViolation("treatment", s.treatment(), conflict, ""));
            return;
        }
        String col = io.cerebro.core.causal.quasi.did.PanelTreatment.switchColumn(s);
        if (col == null || data.column(col).isEmpty()) {
            return;
        }
        String raw = Dataset.quote(col);
        String num = "TRY_CAST(" + raw + " AS DOUBLE)";
        String bad = raw + " IS NOT NULL AND (" + num + " IS NULL OR (NOT isnan(" + num + ") AND " + num + " NOT IN (0, 1)))";
        Object[] st = data.query("SELECT count(*) FILTER (WHERE " + raw + " IS NULL OR isnan(" + num + ")), count(*) FILTER (WHERE "
                + bad + "), min(CAST(" + raw + " AS VARCHAR)) FILTER (WHERE " + bad + ") FROM " + Dataset.TABLE, rs -> {
            rs.next();
            return new Object[]{rs.getLong(1), rs.getLong(2), rs.getString(3)};
        });
        long missing = (Long) st[0];
        long nonBinary = (Long) st[1];
        if (nonBinary > 0) {
            out.add(new SpecViolation("treatment", col, nonBinary + " of " + data.rowCount() + " rows hold values other than 0 and 1"
                    + " (e.g. '" + st[2] + "')", "the panel designs read --treatment as 1 in the periods a unit is treated, else 0;"
                    + " recode it, or give the first treated period per unit with --first-treated"));
        }
        if (missing > 0 && !s.dropMissing()) {
            out.add(new SpecViolation("treatment", col, missing + " of " + data.rowCount() + " rows have a missing treatment value",
                    "pass --drop-missing to leave out the units with a missing value (the design needs a balanced panel), or fill them in"));
        }
    }

    private static boolean column(Dataset data, String field, String name, List<SpecViolation> out) {
        if (data.column(name).isPresent()) {
            return true;
        }
        out.add(new SpecViolation(field, name, "no such column", closest(name, data.sourceColumnNames())
                + "columns are: " + String.join(", ", data.sourceColumnNames())));
        return false;
    }

    /** @return "did you mean 'x'? " for a column that differs only in case or by a typo, else "". */
    static String closest(String name, List<String> columns) {
        for (String c : columns) {
            if (c.equalsIgnoreCase(name)) {
                return "did you mean '" + c + "'? Names are case-sensitive; ";
            }
        }
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String c : columns) {
            int d = SpecReader.distance(name.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best != null && bestD <= Math.max(1, name.length() / 3) ? "did you mean '" + best + "'? " : "";
    }

    private static void numeric(Dataset data, String field, String name, List<SpecViolation> out) {
        ColumnInfo c = data.column(name).orElseThrow();
        if (c.type() != ColumnType.NUMERIC && c.type() != ColumnType.BOOLEAN) {
            out.add(new SpecViolation(field, name, "column holds " + c.sqlType() + " values, not numbers",
                    "pick a numeric column"));
        }
    }
}
