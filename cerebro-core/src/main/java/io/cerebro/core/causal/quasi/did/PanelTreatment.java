package io.cerebro.core.causal.quasi.did;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.result.Diagnostic;
import io.cerebro.core.spec.CausalMethod;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.PanelDesign;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the panel designs (did, event_study, staggered_did) read each unit's treatment timing: the
 * first-treated column {@code panel.first_treated}, or, without it, the spec's 0/1 {@code treatment}
 * column as analysts usually store it (1 in the periods a unit is treated). From that column each
 * unit's cohort is its first period with value 1; a unit never at 1 is never treated. Treatment must
 * stay on once it starts (absorbing treatment, which all three designs assume), so a unit that
 * switches off again ends the run with a line naming it.
 *
 * <p>For did a treatment column always gives the two-way fixed-effects form on a balanced panel;
 * with two periods its coefficient is the 2x2 difference of means. The treated-group/post coding
 * remains for 2x2 data that are not a balanced panel (such as repeated cross-sections).
 */
public final class PanelTreatment {
    private PanelTreatment() {
    }

    private static boolean panelMethod(CausalSpec spec) {
        return switch (spec.method()) {
            case DID, EVENT_STUDY, STAGGERED_DID -> true;
            default -> false;
        };
    }

    private static boolean given(String s) {
        return s != null && !s.isBlank();
    }

    /**
     * @return a one-line problem and fix when the spec names its treatment timing twice (a treatment
     * column and a first-treated column, or for did a treatment column and a treated-group/post
     * pair), or null when it does not
     */
    public static String conflict(CausalSpec spec) {
        PanelDesign pd = spec.panel();
        if (!panelMethod(spec) || pd == null || !given(spec.treatment())) {
            return null;
        }
        if (pd.firstTreated() != null) {
            return "a 0/1 treatment column ('" + spec.treatment() + "') and a first-treated column ('" + pd.firstTreated()
                    + "') are both given; give one: --treatment (1 from each unit's first treated period on) or --first-treated"
                    + " (that period per unit)";
        }
        if (spec.method() == CausalMethod.DID && (pd.treatedGroup() != null || pd.post() != null)) {
            return "a 0/1 treatment column ('" + spec.treatment() + "') and --treated-group/--post are both given; give one:"
                    + " --treatment (1 in the periods a unit is treated) or --treated-group with --post";
        }
        return null;
    }

    /**
     * @return the 0/1 treatment column the cohorts are derived from: the spec's {@code treatment}
     * for a panel design without a first-treated column (and, for did, without group and post);
     * null when the design reads its timing elsewhere
     */
    public static String switchColumn(CausalSpec spec) {
        PanelDesign pd = spec.panel();
        if (!panelMethod(spec) || pd == null || !given(spec.treatment()) || conflict(spec) != null) {
            return null;
        }
        return spec.treatment();
    }

    /** @return the column the timing comes from (first-treated or treatment), for messages; null for none. */
    static String timingColumn(CausalSpec spec) {
        String sw = switchColumn(spec);
        return sw != null ? sw : spec.panel() == null ? null : spec.panel().firstTreated();
    }

    /** @return "column 'first' is 0 or missing everywhere", or the same said of a treatment column. */
    static String neverTreated(CausalSpec spec) {
        String sw = switchColumn(spec);
        return sw != null ? "column '" + sw + "' (treatment) is 0 in every row"
                : "column '" + spec.panel().firstTreated() + "' is 0 or missing everywhere";
    }

    /**
     * The cohorts of a balanced panel, from the first-treated column or derived from the treatment
     * column (see the class comment).
     *
     * @param warnings receives the first-treated column's notes (units treated after the panel)
     * @throws io.cerebro.core.error.UserInputException on a conflicting spec or a treatment that switches off
     */
    static Cohorts cohorts(CausalSpec spec, Dataset data, Panel panel, List<String> warnings) {
        String problem = conflict(spec);
        if (problem != null) {
            throw new io.cerebro.core.error.UserInputException(problem);
        }
        String sw = switchColumn(spec);
        if (sw == null) {
            return Cohorts.of(data, spec.panel().firstTreated(), panel, warnings);
        }
        Cohorts c = Cohorts.fromSwitch(data, sw, panel);
        int treated = 0;
        int later = 0;
        for (int g : c.cohortIndex()) {
            treated += g >= 0 ? 1 : 0;
            later += g > 0 ? 1 : 0;
        }
        if (treated == 0) {
            throw new io.cerebro.core.error.UserInputException("no unit is ever treated: " + neverTreated(spec)
                    + "; check the column or the --where filter");
        }
        if (later == 0) {
            // typically a treated-group indicator passed as the treatment
            throw new io.cerebro.core.error.UserInputException("column '" + sw + "' (treatment) is 1 from the first period "
                    + Panel.fmt(panel.times()[0]) + " on for every treated unit, so none is seen before treatment; --treatment"
                    + " is 1 only in the periods a unit is treated (for a treated-group indicator give --treated-group with --post)");
        }
        return c;
    }

    /**
     * @return the note that the cohorts were derived from the treatment column, with the count of
     * units per cohort; null when the spec gives a first-treated column
     */
    static Diagnostic derivedNote(CausalSpec spec, Cohorts cohorts, Panel panel) {
        String sw = switchColumn(spec);
        if (sw == null) {
            return null;
        }
        TreeMap<Integer, Integer> sizes = new TreeMap<>();
        int never = 0;
        for (int g : cohorts.cohortIndex()) {
            if (g < 0) {
                never++;
            } else {
                sizes.merge(g, 1, Integer::sum);
            }
        }
        StringBuilder per = new StringBuilder();
        sizes.forEach((g, n) -> per.append(per.isEmpty() ? "" : ", ").append(n).append(" in ").append(Panel.fmt(panel.times()[g])));
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("cohorts", (double) sizes.size());
        values.put("treated_units", (double) (panel.units() - never));
        values.put("never_treated_units", (double) never);
        return new Diagnostic("cohorts_from_treatment", Diagnostic.Status.PASS, "cohorts derived from the 0/1 column '" + sw
                + "' (each unit's first period with " + sw + " = 1): " + (sizes.isEmpty() ? "none treated" : "first treated " + per)
                + "; " + never + " never treated", values);
    }
}
