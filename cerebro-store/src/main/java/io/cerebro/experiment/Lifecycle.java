package io.cerebro.experiment;

import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.ArmSummary;
import io.cerebro.store.Assignment;
import io.cerebro.store.Experiment;
import io.cerebro.store.ExperimentStatus;
import io.cerebro.store.ExperimentStore;
import io.cerebro.store.MetricDefinition;
import io.cerebro.store.MetricEvent;
import io.cerebro.store.MetricKind;
import io.cerebro.store.SequentialTest;
import io.cerebro.store.StoppingDecision;
import io.cerebro.store.UnitOutcome;
import io.cerebro.store.Variant;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongConsumer;

/**
 * The experiment lifecycle on a store: create, start, pause, stop, assign, record, analyse,
 * recommend, export. The rules of each status live here:
 * <ul>
 *   <li>only a running experiment assigns units to treatments and stores their assignment; a draft,
 *       paused or stopped one gives every unit the control and says so ({@link Assigned#note});</li>
 *   <li>a running or paused experiment records events; events of a unit with no assignment assign it
 *       (running) or are refused (paused, where new units are not in the experiment); a draft or
 *       stopped one refuses events, and nothing of the batch is stored;</li>
 *   <li>a stopped experiment stays stopped.</li>
 * </ul>
 */
public final class Lifecycle {
    private final ExperimentStore store;

    /** @param store where experiments live; the caller closes it */
    public Lifecycle(ExperimentStore store) {
        this.store = store;
    }

    /** @return the store. */
    public ExperimentStore store() {
        return store;
    }

    /**
     * What {@code cerebro exp create} was given.
     *
     * @param name           the experiment's name
     * @param variants       allocation, control first
     * @param metrics        metrics, primary first
     * @param minSamples     units per arm before any stopping decision
     * @param plannedSamples planned units per arm, or null
     * @param strata         unit attribute to balance on, or null
     * @param hypothesis     in words, or null
     * @param sequential     the sequential test
     * @param alpha          significance level
     * @param power          target power
     * @param mde            minimum detectable effect of the primary metric, or null
     * @param minEffect      minimum effect worth shipping, or null
     * @param futilityPower  conditional power below which to stop for futility
     * @param salt           assignment salt, or null for a random one
     */
    public record Design(String name, List<Variant> variants, List<MetricDefinition> metrics, long minSamples,
                         Long plannedSamples, String strata, String hypothesis, SequentialTest sequential, double alpha,
                         double power, Double mde, Double minEffect, double futilityPower, String salt) {
    }

    /** Creates an experiment in the draft status. */
    public Experiment create(Design d) {
        if (d.name() == null || !d.name().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            throw new UserInputException("experiment name '" + d.name() + "' is not usable; use letters, digits, '.', '_' or '-' (e.g. checkout-v2)");
        }
        if (d.metrics().isEmpty()) {
            throw new UserInputException("an experiment needs at least one metric; add --metric converted:binary");
        }
        Set<String> names = new HashSet<>();
        for (MetricDefinition m : d.metrics()) {
            if (!names.add(m.name())) {
                throw new UserInputException("metric '" + m.name() + "' is given twice; give each --metric once");
            }
            if (m.name().equals(ExperimentAnalysis.UNIT) || m.name().equals(ExperimentAnalysis.VARIANT) || m.name().equals(d.strata())) {
                throw new UserInputException("metric name '" + m.name() + "' is taken by the exported columns; choose another");
            }
        }
        if (d.minSamples() < 2) {
            throw new UserInputException("--min-samples must be at least 2 units per variant, got " + d.minSamples());
        }
        if (d.plannedSamples() != null && d.plannedSamples() < d.minSamples()) {
            throw new UserInputException("--planned-samples " + d.plannedSamples() + " is below --min-samples " + d.minSamples() + "; plan at least the minimum");
        }
        if (!(d.alpha() > 0 && d.alpha() < 1) || !(d.power() > 0 && d.power() < 1)) {
            throw new UserInputException("--alpha and --power must be between 0 and 1, got " + d.alpha() + " and " + d.power());
        }
        if (!(d.futilityPower() >= 0 && d.futilityPower() < 1)) {
            throw new UserInputException("--futility-power must be in [0, 1), got " + d.futilityPower() + "; the default is 0.2");
        }
        if (d.mde() != null && !(d.mde() > 0)) {
            throw new UserInputException("--mde must be a positive difference, got " + d.mde());
        }
        Instant now = Instant.now();
        Experiment e = new Experiment(d.name(), d.salt() != null ? d.salt() : UUID.randomUUID().toString(), ExperimentStatus.DRAFT,
                d.variants(), d.metrics(), d.hypothesis(), d.strata(), d.sequential(), d.alpha(), d.power(), d.minSamples(),
                d.plannedSamples(), d.mde(), d.minEffect(), d.futilityPower(), now, now);
        store.createExperiment(e);
        return require(d.name());
    }

    /** @return the experiment, or a message naming the fix. */
    public Experiment require(String name) {
        return store.experiment(name).orElseThrow(() -> new UserInputException("no experiment named '" + name + "' in "
                + store.location() + "; list them with 'cerebro exp list' or create it with 'cerebro exp create " + name + " ...'"));
    }

    /** Starts (or resumes) an experiment. */
    public Experiment start(String name, String reason) {
        Experiment e = require(name);
        if (e.status() == ExperimentStatus.STOPPED) {
            throw new UserInputException("experiment '" + name + "' is stopped and cannot be restarted; create a new experiment to test again");
        }
        if (e.status() != ExperimentStatus.RUNNING) {
            store.changeStatus(name, ExperimentStatus.RUNNING, reason);
        }
        return require(name);
    }

    /** Pauses a running experiment. */
    public Experiment pause(String name, String reason) {
        Experiment e = require(name);
        if (e.status() != ExperimentStatus.RUNNING) {
            throw new UserInputException("experiment '" + name + "' is " + e.status().label() + ", not running; only a running experiment can be paused");
        }
        store.changeStatus(name, ExperimentStatus.PAUSED, reason);
        return require(name);
    }

    /** Stops an experiment for good. */
    public Experiment stop(String name, String reason) {
        Experiment e = require(name);
        if (e.status() != ExperimentStatus.STOPPED) {
            store.changeStatus(name, ExperimentStatus.STOPPED, reason);
        }
        return require(name);
    }

    /** Changes the allocation; the variants must stay the same, and assigned units keep their variant. */
    public Experiment reallocate(String name, List<Variant> variants) {
        Experiment e = require(name);
        List<String> before = e.variants().stream().map(Variant::name).toList();
        List<String> after = variants.stream().map(Variant::name).toList();
        if (!before.equals(after)) {
            throw new UserInputException("the new allocation names " + after + " but the experiment has " + before
                    + "; give the same variants in the same order with new shares");
        }
        store.changeAllocation(name, variants);
        return require(name);
    }

    /**
     * A unit's variant.
     *
     * @param unit    the unit
     * @param variant its variant
     * @param stored  whether it is (now) a stored assignment that counts in the analysis
     * @param note    why it got the control regardless of its assignment, or null
     */
    public record Assigned(String unit, String variant, boolean stored, String note) {
    }

    private static String controlNote(Experiment e) {
        return "experiment '" + e.name() + "' is " + e.status().label() + ": every unit gets the control '" + e.control().name() + "'"
                + (e.status() == ExperimentStatus.DRAFT ? " until 'cerebro exp start " + e.name() + "'" : "");
    }

    /** Assigns one unit; {@code stratum} is its value of the experiment's strata attribute (or null). */
    public Assigned assign(String name, String unit, String stratum) {
        return assignBatch(name, List.of(new Assigner.Unit(unit, stratum))).get(0);
    }

    /** Assigns many units in one transaction (balanced within strata, see {@link Assigner#batch}), in the order given. */
    public List<Assigned> assignBatch(String name, List<Assigner.Unit> units) {
        Experiment e = require(name);
        for (Assigner.Unit u : units) {
            if (u.id() == null || u.id().isBlank()) {
                throw new UserInputException("a unit id is empty; every unit needs an id (check the unit column)");
            }
        }
        if (e.status() != ExperimentStatus.RUNNING) {
            String note = controlNote(e);
            return units.stream().map(u -> new Assigned(u.id(), e.control().name(), false, note)).toList();
        }
        List<String> ids = units.stream().map(Assigner.Unit::id).toList();
        if (e.strata() != null) {
            // a unit's variant depends on its stratum's counts: decided under the experiment's lock, on counts that
            // include every other process's units, so concurrent 'exp assign' calls keep each stratum balanced
            Map<String, Assignment> stored = store.assignBalanced(name, ids,
                    (existing, counts) -> Assigner.batch(e, units, existing, counts, Instant.now()), List.of(), n -> { });
            return units.stream().map(u -> new Assigned(u.id(), stored.get(u.id()).variant(), true, null)).toList();
        }
        Map<String, Assignment> existing = store.assignments(name, ids);
        List<Assignment> fresh = Assigner.batch(e, units, existing, Map.of(), Instant.now());
        store.saveAssignments(name, fresh);
        // another process may have assigned some of them meanwhile: read back what is stored
        Map<String, Assignment> stored = fresh.isEmpty() ? existing : store.assignments(name, units.stream().map(Assigner.Unit::id).toList());
        return units.stream().map(u -> new Assigned(u.id(), stored.get(u.id()).variant(), true, null)).toList();
    }

    /**
     * An event as the user gives it.
     *
     * @param unit    the unit
     * @param metric  the metric's name
     * @param value   its value
     * @param stratum the unit's stratum (used if the event assigns it), or null
     */
    public record Observation(String unit, String metric, double value, String stratum) {
    }

    /**
     * What a record call stored.
     *
     * @param events         events stored
     * @param newAssignments units the events assigned
     * @param skipped        events not stored because their unit is not in a paused experiment
     */
    public record Recorded(long events, long newAssignments, long skipped) {
    }

    /**
     * Checks a batch of events before anything is stored: the experiment records events (running or
     * paused), every metric is the experiment's, every unit has an id, and values fit their metric.
     * A server batching many callers' events into one transaction checks each caller's batch with
     * this first, so one bad batch fails alone.
     *
     * @throws UserInputException naming the first problem and the fix
     */
    public static void checkRecordable(Experiment e, List<Observation> observations) {
        String name = e.name();
        if (e.status() == ExperimentStatus.STOPPED || e.status() == ExperimentStatus.DRAFT) {
            throw new UserInputException("experiment '" + name + "' is " + e.status().label() + "; events are recorded only while it runs"
                    + (e.status() == ExperimentStatus.DRAFT ? " (start it with 'cerebro exp start " + name + "')"
                    : " (nothing was stored; a stopped experiment keeps its data as it was)"));
        }
        for (Observation o : observations) {
            MetricDefinition m = e.metric(o.metric()).orElseThrow(() -> new UserInputException("experiment '" + name + "' has no metric '"
                    + o.metric() + "'; its metrics are " + String.join(", ", e.metrics().stream().map(MetricDefinition::name).toList())
                    + " (nothing was stored)"));
            if (o.unit() == null || o.unit().isBlank()) {
                throw new UserInputException("an event has no unit id; every event needs one (nothing was stored)");
            }
            if (!Double.isFinite(o.value())) {
                throw new UserInputException("unit '" + o.unit() + "' has a " + o.metric() + " value that is not a finite number (nothing was stored)");
            }
            if (m.kind() == MetricKind.BINARY && o.value() != 0 && o.value() != 1) {
                throw new UserInputException("metric '" + o.metric() + "' is binary but unit '" + o.unit() + "' has " + o.value()
                        + "; record 0 or 1 (nothing was stored)");
            }
        }
    }

    /** Records a batch in one transaction: all of it, or (on any error) none of it. */
    public Recorded record(String name, List<Observation> observations, LongConsumer progress) {
        Experiment e = require(name);
        checkRecordable(e, observations);
        Map<String, String> strata = new LinkedHashMap<>();
        for (Observation o : observations) {
            strata.putIfAbsent(o.unit(), o.stratum());
        }
        Instant now = Instant.now();
        if (e.status() == ExperimentStatus.RUNNING && e.strata() != null) {
            // every event is stored and its unit assigned if new; the new units are balanced under the experiment's lock
            List<MetricEvent> all = new ArrayList<>();
            for (Observation o : observations) {
                all.add(new MetricEvent(o.unit(), o.metric(), o.value(), now));
            }
            long[] assigned = new long[1];
            store.assignBalanced(name, strata.keySet(), (existing, counts) -> {
                List<Assigner.Unit> missing = new ArrayList<>();
                strata.forEach((u, s) -> {
                    if (!existing.containsKey(u)) {
                        missing.add(new Assigner.Unit(u, s));
                    }
                });
                List<Assignment> fresh = Assigner.batch(e, missing, Map.of(), counts, now);
                assigned[0] = fresh.size();
                return fresh;
            }, all, progress);
            return new Recorded(all.size(), assigned[0], 0);
        }
        Map<String, Assignment> existing = store.assignments(name, strata.keySet());
        List<Assignment> fresh = new ArrayList<>();
        List<MetricEvent> events = new ArrayList<>();
        long skipped = 0;
        if (e.status() == ExperimentStatus.RUNNING) {
            List<Assigner.Unit> missing = new ArrayList<>();
            strata.forEach((u, s) -> {
                if (!existing.containsKey(u)) {
                    missing.add(new Assigner.Unit(u, s));
                }
            });
            fresh = Assigner.batch(e, missing, Map.of(), Map.of(), now);
        }
        for (Observation o : observations) {
            if (e.status() == ExperimentStatus.PAUSED && !existing.containsKey(o.unit())) {
                skipped++;
                continue;
            }
            events.add(new MetricEvent(o.unit(), o.metric(), o.value(), now));
        }
        store.recordEvents(name, fresh, events, progress);
        return new Recorded(events.size(), fresh.size(), skipped);
    }

    /** Analyses one metric (null: the primary) and, when {@code keepDecision}, stores the stopping decisions with their numbers. */
    public Analysis analyze(String name, String metricName, boolean keepDecision) {
        Experiment e = require(name);
        MetricDefinition m = metricName == null ? e.metrics().get(0) : e.metric(metricName).orElseThrow(() ->
                new UserInputException("experiment '" + name + "' has no metric '" + metricName + "'; its metrics are "
                        + String.join(", ", e.metrics().stream().map(MetricDefinition::name).toList())));
        List<UnitOutcome> outcomes = store.unitOutcomes(name, m);
        AnalysisResult r = ExperimentAnalysis.run(e, m, outcomes);
        List<StoppingDecision> decisions = StoppingRule.decide(e, m, r, Instant.now());
        if (keepDecision) {
            for (StoppingDecision d : decisions) {
                store.recordDecision(name, d);
            }
        }
        List<String> present = r.arms().stream().map(ArmSummary::arm).toList();
        return new Analysis(e, m, ExperimentAnalysis.spec(e, m, present), r, decisions, StoppingRule.overall(decisions));
    }

    /** Recommends what to do, from a look at the primary metric (the decision is stored). */
    public Recommendation recommend(String name) {
        Analysis a = analyze(name, null, true);
        Experiment e = a.experiment();
        AnalysisResult r = a.result();
        ArmSummary control = r.arms().stream().filter(x -> x.arm().equals(e.control().name())).findFirst().orElseThrow();
        if (a.overall().equals("success")) {
            StoppingDecision best = a.decisions().stream().filter(d -> d.decision().equals("success"))
                    .max(java.util.Comparator.comparingDouble(StoppingDecision::estimate)).orElseThrow();
            return new Recommendation("success", best.arm(), "winner: " + best.arm() + " — " + best.reason()
                    + "; stop the experiment and ship " + best.arm(), null, null);
        }
        // the arm closest to winning: the largest difference
        StoppingDecision lead = a.decisions().stream().max(java.util.Comparator.comparingDouble(StoppingDecision::estimate)).orElseThrow();
        ArmSummary t = r.arms().stream().filter(x -> x.arm().equals(lead.arm())).findFirst().orElseThrow();
        Double effect = e.mde() != null ? e.mde() : (Math.abs(lead.estimate()) > 0 ? Math.abs(lead.estimate()) : null);
        Long needed = effect == null ? null
                : StoppingRule.SampleSizes.perArm(a.metric().kind(), control, t, effect, e.alpha(), e.power()).orElse(null);
        long have = Math.min(control.n(), t.n());
        Long more = needed == null ? null : Math.max(0, needed - have);
        String why = switch (a.overall()) {
            case "failure" -> "no winner: every treatment is worse than control; keep " + e.control().name() + " (" + lead.reason() + ")";
            case "futility" -> "no winner: " + lead.reason() + "; stopping for futility is advised, keep " + e.control().name();
            default -> "no winner yet: " + lead.reason();
        };
        String samples = needed == null
                ? "; the power analysis needs an effect to size for (set --mde at creation)"
                : String.format(Locale.ROOT, "; the power analysis needs %d units per variant to detect a difference of %s with %.0f%% power "
                        + "(fixed-horizon size; %d more than the %d the smaller arm has)",
                needed, StoppingRule.num(effect), e.power() * 100, more, have);
        return new Recommendation(a.overall(), null, why + samples, needed, more);
    }

    /** Writes one row per assigned unit: unit, variant, the strata attribute if any, and every metric, as CSV. */
    public long export(String name, Writer out) throws IOException {
        Experiment e = require(name);
        List<List<UnitOutcome>> perMetric = new ArrayList<>();
        for (MetricDefinition m : e.metrics()) {
            perMetric.add(store.unitOutcomes(name, m));
        }
        List<String> header = new ArrayList<>(List.of(ExperimentAnalysis.UNIT, ExperimentAnalysis.VARIANT));
        if (e.strata() != null) {
            header.add(e.strata());
        }
        e.metrics().forEach(m -> header.add(m.name()));
        out.write(csvLine(header));
        List<UnitOutcome> first = perMetric.get(0);
        for (int i = 0; i < first.size(); i++) {
            UnitOutcome u = first.get(i);
            List<String> row = new ArrayList<>(List.of(u.unit(), u.variant()));
            if (e.strata() != null) {
                row.add(u.stratum() == null ? "" : u.stratum());
            }
            for (List<UnitOutcome> m : perMetric) {
                row.add(formatValue(m.get(i).value()));
            }
            out.write(csvLine(row));
        }
        out.flush();
        return first.size();
    }

    private static String formatValue(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** @return one CSV line (RFC 4180: a cell with a comma, quote or line break is quoted), with its newline. */
    public static String csvLine(List<String> cells) {
        StringBuilder s = new StringBuilder();
        for (String c : cells) {
            if (!s.isEmpty()) {
                s.append(',');
            }
            if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
                s.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                s.append(c);
            }
        }
        return s.append('\n').toString();
    }
}
