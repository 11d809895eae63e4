package io.cerebro.agents.causal;

import io.cerebro.agents.generate.JavaSource;
import io.cerebro.core.causal.quasi.did.PanelTreatment;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.spec.CausalMethod;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.PanelDesign;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The panel designs' part of the offline pipeline: two-way fixed-effects {@code causal.did}, the
 * event study {@code causal.event_study} and Callaway-Sant'Anna {@code causal.staggered_did}. It
 * supplies the title, the design comment, the constants, the call in {@code main} and the templates
 * ({@code templates/panel_common.java.txt} plus one per design, and the 2x2 template with {@code did_dispatch}
 * when the design may be 2x2) that {@link CausalPipelineWriter}
 * assembles. A did spec with {@code treated_group}, {@code post} and a time column decides at run
 * time, as the engine does: at most two periods give the 2x2 design, more give two-way fixed effects.
 * A spec whose timing is a 0/1 treatment column ({@code treatment} without {@code first_treated},
 * see {@link PanelTreatment}) gets constant {@code TREATMENT}: the program derives each unit's
 * cohort as its first period with 1 and stops on a unit whose treatment switches off again.
 */
final class PanelPipelineSection {
    private PanelPipelineSection() {
    }

    /**
     * @return whether the spec is a panel design this section writes: an event study, a staggered
     * design, or a did with a first-treated column or with a time column beside its group and post
     */
    static boolean handles(CausalSpec spec) {
        PanelDesign pd = spec.panel();
        return switch (spec.method()) {
            case EVENT_STUDY, STAGGERED_DID -> true;
            case DID -> pd != null && (pd.firstTreated() != null || PanelTreatment.switchColumn(spec) != null
                    || (pd.time() != null && pd.treatedGroup() != null && pd.post() != null));
            default -> false;
        };
    }

    /** @return whether the did spec may still be a 2x2 design (group and post given), decided by the data. */
    static boolean mayBeTwoByTwo(CausalSpec spec) {
        PanelDesign pd = spec.panel();
        return spec.method() == CausalMethod.DID && pd.treatedGroup() != null && pd.post() != null
                && PanelTreatment.switchColumn(spec) == null;
    }

    /** Checks the columns the design needs, with the engine's messages. */
    static void validate(CausalSpec spec) {
        PanelDesign pd = spec.panel();
        if (pd == null) {
            throw new UserInputException("method " + spec.method().methodId() + " needs a panel block: give --unit, --time and "
                    + "--treated-group/--post, --first-treated or --treatment");
        }
        String conflict = PanelTreatment.conflict(spec);
        if (conflict != null) {
            throw new UserInputException(conflict);
        }
        boolean timing = pd.firstTreated() != null || PanelTreatment.switchColumn(spec) != null;
        switch (spec.method()) {
            case EVENT_STUDY -> {
                if (pd.unit() == null || pd.time() == null || !timing) {
                    throw new UserInputException("an event study needs --unit, --time and --first-treated (or --treatment, a 0/1 column"
                            + " that is 1 from each unit's first treated period on)");
                }
                if ((pd.leads() != null && pd.leads() < 0) || (pd.lags() != null && pd.lags() < 0)) {
                    throw new UserInputException("--leads and --lags must be zero or positive");
                }
            }
            case STAGGERED_DID -> {
                if (pd.unit() == null || pd.time() == null || !timing) {
                    throw new UserInputException("staggered adoption needs --unit, --time and --first-treated (or --treatment, a 0/1"
                            + " column that is 1 from each unit's first treated period on)");
                }
                notYet(pd);
            }
            default -> {
                if (!mayBeTwoByTwo(spec) && (pd.unit() == null || pd.time() == null)) {
                    throw new UserInputException("two-way fixed effects need panel.unit and panel.time; give --unit and --time");
                }
            }
        }
    }

    /** @return whether the staggered design uses not-yet-treated controls (else never-treated). */
    static boolean notYet(PanelDesign pd) {
        return switch (pd.controlGroup().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "")) {
            case "never", "nevertreated" -> false;
            case "notyet", "notyettreated" -> true;
            default -> throw new UserInputException("panel.control_group must be never or notyet, got '" + pd.controlGroup() + "'");
        };
    }

    /** @return the title line of the program. */
    static String title(CausalSpec spec) {
        PanelDesign pd = spec.panel();
        String cluster = cluster(pd);
        String y = "'" + spec.outcome() + "'";
        return switch (spec.method()) {
            case EVENT_STUDY -> "Event study of " + y + ": two-way fixed effects with leads and lags around the first treated period"
                    + " (errors clustered by " + cluster + ", joint pre-trend test)";
            case STAGGERED_DID -> "Staggered difference-in-differences of " + y + ": Callaway-Sant'Anna group-time ATTs with "
                    + (notYet(pd) ? "not-yet-treated" : "never-treated") + " controls, aggregated overall, by event time and by cohort";
            default -> mayBeTwoByTwo(spec)
                    ? "Difference-in-differences of " + y + ": 2x2 with at most two periods, else two-way fixed effects"
                    + " (cluster-robust and HC1 errors)"
                    : "Two-way fixed-effects difference-in-differences of " + y + " (errors clustered by " + cluster + " and HC1)";
        };
    }

    /** Appends the design's assumptions to the header comment. */
    static void design(StringBuilder b, CausalSpec spec) {
        b.append(switch (spec.method()) {
            case EVENT_STUDY -> " * Design: event study on a balanced panel; parallel trends and no anticipation are assumed,\n"
                    + " *         and the leads test the first.\n";
            case STAGGERED_DID -> " * Design: staggered adoption on a balanced panel; parallel trends for every cohort and its\n"
                    + " *         comparison units, no anticipation; effects may differ by cohort and over time.\n";
            default -> " * Design: difference-in-differences on a balanced panel; parallel trends is assumed. With staggered\n"
                    + " *         adoption and effects that change over time the TWFE coefficient is biased (see the warning).\n";
        });
    }

    /** Appends the constants the templates read. */
    static void constants(StringBuilder b, CausalSpec spec) {
        PanelDesign pd = spec.panel();
        JavaSource.constant(b, "String", "OUTCOME", JavaSource.literal(spec.outcome()), "numeric outcome");
        JavaSource.constant(b, "String", "UNIT", JavaSource.literal(pd.unit()), "unit identifier");
        JavaSource.constant(b, "String", "TIME", JavaSource.literal(pd.time()), "numeric period");
        JavaSource.constant(b, "String", "FIRST_TREATED", JavaSource.literal(pd.firstTreated()),
                "first treated period per unit, 0 or empty for never treated; null for none");
        JavaSource.constant(b, "String", "TREATMENT", JavaSource.literal(PanelTreatment.switchColumn(spec)),
                "0/1 per row, 1 from a unit's first treated period on (its cohort is derived from it); null for none");
        boolean groupPost = mayBeTwoByTwo(spec);
        JavaSource.constant(b, "String", "GROUP", JavaSource.literal(groupPost ? pd.treatedGroup() : null),
                "0/1: the unit belongs to the treated group; null for none");
        JavaSource.constant(b, "String", "POST", JavaSource.literal(groupPost ? pd.post() : null),
                "0/1: the row is from the post period; null for none");
        JavaSource.constant(b, "String", "CLUSTER", JavaSource.literal(cluster(pd)), "cluster-robust errors by this column (default the unit)");
        JavaSource.constant(b, "double", "ALPHA", Double.toString(spec.alpha()), "intervals have level 1 - ALPHA");
        if (spec.method() == CausalMethod.EVENT_STUDY) {
            JavaSource.constant(b, "Integer", "LEADS", String.valueOf(pd.leads()), "periods before treatment to estimate; null for all");
            JavaSource.constant(b, "Integer", "LAGS", String.valueOf(pd.lags()), "periods after treatment to estimate; null for all");
        }
        if (spec.method() == CausalMethod.STAGGERED_DID) {
            JavaSource.constant(b, "boolean", "NOT_YET", String.valueOf(notYet(pd)),
                    "controls: not-yet-treated (true) or never-treated (false) units");
        }
    }

    /** @return the statement in {@code main} that runs the analysis on {@code args[0]}. */
    static String mainCall(CausalSpec spec) {
        return mayBeTwoByTwo(spec) ? "analyseTwoByTwoOrPanel(Path.of(args[0]))" : "analysePanel(Path.of(args[0]))";
    }

    /** @return the template names after {@code common}, in order. */
    static List<String> templates(CausalSpec spec) {
        List<String> t = new ArrayList<>(List.of("panel_common"));
        if (mayBeTwoByTwo(spec)) {
            t.add("did");
            t.add("did_dispatch");
        }
        t.add(switch (spec.method()) {
            case EVENT_STUDY -> "event_study";
            case STAGGERED_DID -> "staggered_did";
            default -> "twfe";
        });
        return t;
    }

    private static String cluster(PanelDesign pd) {
        return pd.cluster() != null ? pd.cluster() : pd.unit();
    }
}
