package io.cerebro.policy;

import io.cerebro.core.error.UserInputException;
import io.cerebro.experiment.Lifecycle;
import io.cerebro.experiment.Recommendation;
import io.cerebro.store.ExperimentStore;
import io.cerebro.store.Policy;
import io.cerebro.store.PolicyAdjustment;
import io.cerebro.store.PolicyChange;
import io.cerebro.store.PolicySnapshot;
import io.cerebro.store.PolicyWrite;
import io.cerebro.store.StoppingDecision;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Policies on a store: named values per scope, typed, with bounds and a maximum step declared when
 * they are created. Every change of a value goes the same way: it is validated against the rules,
 * a snapshot of every policy is taken, and the new value and its audit entry are written, all in
 * one transaction ({@link ExperimentStore#changePolicies}). So any change can be undone with
 * {@link #rollback}, which is itself such a change.
 *
 * <ul>
 *   <li>{@link #set}: create a policy, or set its value directly (validated and audited as "manual");</li>
 *   <li>{@link #propose} and {@link #proposeFromExperiment}: record a proposed value, from feedback
 *       (with how many items and how confident) or from an experiment's winner;</li>
 *   <li>{@link #validate}: check a value without changing anything;</li>
 *   <li>{@link #apply}: carry out a proposal (validated again against the value as it is then);</li>
 *   <li>{@link #rollback}: bring every policy back to a snapshot;</li>
 *   <li>{@link #history} and {@link #snapshots}: the audit trail, and what can be rolled back to.</li>
 * </ul>
 * Bad input (an unknown policy, snapshot or proposal, a value that breaks a rule) is a
 * {@link UserInputException} with one line, and nothing is stored.
 */
public final class PolicyService {
    /** The scope of a policy when none is named. */
    public static final String DEFAULT_SCOPE = "global";

    /** Audit sources. */
    public static final String MANUAL = "manual";
    public static final String FEEDBACK = "feedback";
    public static final String ROLLBACK = "rollback";
    /** Prefix of the source of a proposal from an experiment: {@code experiment:NAME}. */
    public static final String EXPERIMENT = "experiment:";

    /** Audit statuses. */
    public static final String PROPOSED = "proposed";
    public static final String APPLIED = "applied";
    public static final String ROLLED_BACK = "rolled_back";

    private final ExperimentStore store;

    /** @param store where policies live; the caller closes it */
    public PolicyService(ExperimentStore store) {
        this.store = store;
    }

    /** @return the store. */
    public ExperimentStore store() {
        return store;
    }

    /**
     * What {@code cerebro policy set} was given.
     *
     * @param name    the policy's name, e.g. routing.threshold
     * @param scope   its scope (null: {@value #DEFAULT_SCOPE})
     * @param value   the value
     * @param type    its type; null keeps an existing policy's type, and makes a new one a number
     * @param min     lowest allowed value (numbers and ints), or null (an existing policy keeps its own)
     * @param max     highest allowed value, or null (likewise)
     * @param maxStep largest allowed change in one step, or null (likewise)
     * @param actor   who (null: $USER)
     * @param reason  why, for the audit trail (may be null)
     */
    public record SetRequest(String name, String scope, String value, PolicyType type, Double min, Double max, Double maxStep,
                             String actor, String reason) {
    }

    /**
     * A proposal from feedback: a new value, or a change of a numeric value by {@code delta}.
     *
     * @param name          the policy
     * @param scope         its scope (null: {@value #DEFAULT_SCOPE})
     * @param value         the proposed value, or null when {@code delta} is given
     * @param delta         the proposed change of a number or int, or null when {@code value} is given
     * @param feedbackCount how many feedback items the proposal rests on (at least 0)
     * @param confidence    how sure the proposer is, in [0, 1], or null
     * @param actor         who proposes (null: $USER)
     * @param reason        why
     */
    public record FeedbackProposal(String name, String scope, String value, Double delta, long feedbackCount, Double confidence,
                                   String actor, String reason) {
    }

    /**
     * A proposal to set a policy to an experiment's winner.
     *
     * @param name           the policy
     * @param scope          its scope (null: {@value #DEFAULT_SCOPE})
     * @param experiment     the experiment whose recommendation names the winner
     * @param valueOfVariant the policy value each variant stands for (a variant not listed stands for its own name)
     * @param actor          who proposes (null: $USER)
     * @param reason         why (null: the recommendation's words)
     */
    public record ExperimentProposal(String name, String scope, String experiment, Map<String, String> valueOfVariant, String actor,
                                     String reason) {
    }

    /**
     * What a set, apply or rollback changed.
     *
     * @param snapshot the snapshot taken just before (roll back to its id to undo the change), or null when nothing changed
     * @param audit    the audit entries written
     * @param after    the changed policies as they are now (a policy the change removed is not listed)
     */
    public record Change(PolicySnapshot snapshot, List<PolicyAdjustment> audit, List<Policy> after) {
        public Change {
            audit = List.copyOf(audit);
            after = List.copyOf(after);
        }
    }

    private static String scopeOf(String scope) {
        return scope == null || scope.isBlank() ? DEFAULT_SCOPE : scope.strip();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static String newId(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static String label(String name, String scope) {
        return name + " (scope " + scope + ")";
    }

    // reading

    /** @return the policy, if it exists. */
    public Optional<Policy> get(String name, String scope) {
        return store.policy(name, scopeOf(scope));
    }

    /**
     * @return the policy
     * @throws UserInputException when there is none of that name in that scope
     */
    public Policy require(String name, String scope) {
        String s = scopeOf(scope);
        return store.policy(name, s).orElseThrow(() -> unknownPolicy(name, s));
    }

    private UserInputException unknownPolicy(String name, String scope) {
        List<String> scopes = store.policies().stream().filter(p -> p.name().equals(name)).map(Policy::scope).toList();
        return new UserInputException("no policy named '" + name + "' in scope " + scope + " of " + store.location()
                + (scopes.isEmpty() ? "; list them with 'cerebro policy list' or create it with 'cerebro policy set " + name + " VALUE'"
                : "; it exists in scope " + String.join(", ", scopes) + " (give --scope)"));
    }

    /** @return every policy, by name and scope; only those of {@code scope} when it is not null. */
    public List<Policy> list(String scope) {
        return store.policies().stream().filter(p -> scope == null || p.scope().equals(scope.strip())).toList();
    }

    /** @return the policy's audit trail, oldest first (proposals, applies, manual sets, rollbacks). */
    public List<PolicyAdjustment> history(String name, String scope) {
        String s = scopeOf(scope);
        List<PolicyAdjustment> h = store.adjustments(name, s);
        if (h.isEmpty() && store.policy(name, s).isEmpty()) {
            throw unknownPolicy(name, s);
        }
        return h;
    }

    /** @return every snapshot, oldest first. */
    public List<PolicySnapshot> snapshots() {
        return store.snapshots();
    }

    /**
     * @return the snapshot
     * @throws UserInputException when there is none of that id
     */
    public PolicySnapshot requireSnapshot(String id) {
        return store.snapshot(id).orElseThrow(() -> new UserInputException("no policy snapshot '" + id + "' in " + store.location()
                + "; list them with 'cerebro policy snapshots'"));
    }

    /**
     * @return the id of the newest proposal of the policy that is still pending
     * @throws UserInputException when the policy is unknown or has none
     */
    public String pendingProposal(String name, String scope) {
        Policy p = require(name, scope);
        List<PolicyAdjustment> h = store.adjustments(p.name(), p.scope());
        for (int i = h.size() - 1; i >= 0; i--) {
            if (h.get(i).status().equals(PROPOSED)) {
                return h.get(i).id();
            }
        }
        throw new UserInputException("policy " + label(p.name(), p.scope()) + " has no pending proposal; propose one with 'cerebro policy propose "
                + p.name() + " --value V' (or --from-experiment EXP)");
    }

    /**
     * @return the newest snapshot: the policies as they were just before the most recent change
     * @throws UserInputException when there is none
     */
    public PolicySnapshot latestSnapshot() {
        List<PolicySnapshot> all = store.snapshots();
        if (all.isEmpty()) {
            throw new UserInputException("no policy snapshots in " + store.location() + " yet; one is taken before every change");
        }
        return all.get(all.size() - 1);
    }

    // validation

    /** Checks a value against an existing policy's rules (type, bounds, maximum step from its current value); changes nothing. */
    public Validation validate(String name, String scope, String value) {
        return check(require(name, scope), value);
    }

    /** Checks a value against a policy's rules, the step measured from its current value. */
    static Validation check(Policy rules, String value) {
        String who = label(rules.name(), rules.scope());
        PolicyType type = PolicyType.parse(rules.valueType());
        List<String> problems = new ArrayList<>();
        String canonical;
        try {
            canonical = type.canonical(rules.name(), value);
        } catch (UserInputException e) {
            return new Validation(rules.name(), rules.scope(), rules.value(), value, List.of(e.getMessage()));
        }
        if (type.numeric()) {
            BigDecimal v = new BigDecimal(canonical);
            String range = "[" + num(rules.minValue(), "-inf") + ", " + num(rules.maxValue(), "inf") + "]";
            if (rules.minValue() != null && v.compareTo(BigDecimal.valueOf(rules.minValue())) < 0) {
                problems.add("policy " + who + ": " + canonical + " is below the minimum " + num(rules.minValue(), "") + "; give a value in " + range);
            }
            if (rules.maxValue() != null && v.compareTo(BigDecimal.valueOf(rules.maxValue())) > 0) {
                problems.add("policy " + who + ": " + canonical + " is above the maximum " + num(rules.maxValue(), "") + "; give a value in " + range);
            }
            BigDecimal current = rules.value() == null ? null : PolicyType.decimal(rules.value());
            if (rules.maxStep() != null && current != null) {
                BigDecimal step = v.subtract(current).abs();
                if (step.compareTo(BigDecimal.valueOf(rules.maxStep())) > 0) {
                    problems.add("policy " + who + ": a step of " + plain(step) + " from " + rules.value() + " to " + canonical
                            + " is larger than its maximum step " + num(rules.maxStep(), "") + "; change it by at most "
                            + num(rules.maxStep(), "") + " at a time");
                }
            }
        }
        return new Validation(rules.name(), rules.scope(), rules.value(), canonical, problems);
    }

    private static String plain(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    private static String num(Double d, String none) {
        return d == null ? none : plain(BigDecimal.valueOf(d));
    }

    private static void checkRules(String name, PolicyType type, Double min, Double max, Double maxStep) {
        if (!type.numeric() && (min != null || max != null || maxStep != null)) {
            throw new UserInputException("policy " + name + " holds a " + type.label() + "; --min, --max and --max-step apply to number and int policies only");
        }
        for (Double d : new Double[]{min, max, maxStep}) {
            if (d != null && !Double.isFinite(d)) {
                throw new UserInputException("policy " + name + ": bounds and maximum step must be finite numbers, got " + d);
            }
        }
        if (min != null && max != null && min > max) {
            throw new UserInputException("policy " + name + ": --min " + num(min, "") + " is above --max " + num(max, "") + "; swap them");
        }
        if (maxStep != null && maxStep <= 0) {
            throw new UserInputException("policy " + name + ": --max-step must be above 0, got " + num(maxStep, "") + "; leave it out for no step limit");
        }
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank() || !name.strip().equals(name) || name.chars().anyMatch(Character::isWhitespace)) {
            throw new UserInputException("policy name '" + name + "' must be non-empty without spaces, e.g. routing.threshold");
        }
    }

    // changes

    /**
     * Creates a policy, or sets an existing one's value (and, where given, its rules). The value is
     * validated against the rules (for an existing policy also the maximum step from its current
     * value), a snapshot is taken, and the change is audited as a manual one, in one transaction.
     */
    public Change set(SetRequest r) {
        checkName(r.name());
        String scope = scopeOf(r.scope());
        Optional<Policy> existing = store.policy(r.name(), scope);
        PolicyType type;
        if (existing.isPresent()) {
            PolicyType had = PolicyType.parse(existing.get().valueType());
            if (r.type() != null && r.type() != had) {
                throw new UserInputException("policy " + label(r.name(), scope) + " holds a " + had.label() + "; its type is fixed when it is created "
                        + "(leave out --type, or use another name)");
            }
            type = had;
        } else {
            type = r.type() != null ? r.type() : PolicyType.NUMBER;
            if (r.type() == null && PolicyType.decimal(r.value() == null ? "" : r.value()) == null) {
                throw new UserInputException("'" + r.value() + "' is not a number; say what policy " + r.name() + " holds with --type bool, int or string");
            }
        }
        Policy old = existing.orElse(null);
        Double min = r.min() != null ? r.min() : old == null ? null : old.minValue();
        Double max = r.max() != null ? r.max() : old == null ? null : old.maxValue();
        Double step = r.maxStep() != null ? r.maxStep() : old == null ? null : old.maxStep();
        checkRules(r.name(), type, min, max, step);
        Instant at = now();
        Policy rules = new Policy(r.name(), scope, old == null ? null : old.value(), type.label(), min, max, step, at);
        Validation v = check(rules, r.value()).orThrow();
        Policy next = new Policy(r.name(), scope, v.value(), type.label(), min, max, step, at);
        if (old != null && sameContent(old, next)) {
            return new Change(null, List.of(), List.of(old));
        }
        PolicyAdjustment audit = new PolicyAdjustment(newId("adj-"), r.name(), scope, old == null ? null : old.value(), next.value(),
                Actors.resolve(r.actor()), r.reason() != null ? r.reason() : old == null ? "created" : "set by hand", MANUAL, 0, null, APPLIED, at);
        String snapId = newId("snap-");
        PolicySnapshot snap = store.changePolicies(new PolicyChange(snapId, (old == null ? "before creating " + label(r.name(), scope) + " as "
                : "before setting " + label(r.name(), scope) + " to ") + next.value(), List.of(new PolicyWrite(r.name(), scope, old == null ? null : old.value(), next)),
                List.of(audit), List.of()));
        return new Change(snap, List.of(audit), List.of(next));
    }

    private static boolean sameContent(Policy a, Policy b) {
        return a.value().equals(b.value()) && a.valueType().equals(b.valueType()) && Objects.equals(a.minValue(), b.minValue())
                && Objects.equals(a.maxValue(), b.maxValue()) && Objects.equals(a.maxStep(), b.maxStep());
    }

    /**
     * Records a proposal from feedback, after checking it against the policy's rules (nothing is
     * stored when it breaks one). It changes no value until {@link #apply} is called with its id.
     */
    public PolicyAdjustment propose(FeedbackProposal p) {
        Policy current = require(p.name(), p.scope());
        if ((p.value() == null) == (p.delta() == null)) {
            throw new UserInputException("give the proposed value of " + p.name() + " either as --value V or as --delta D, not both or neither");
        }
        if (p.feedbackCount() < 0) {
            throw new UserInputException("--feedback-count must be at least 0, got " + p.feedbackCount());
        }
        if (p.confidence() != null && !(p.confidence() >= 0 && p.confidence() <= 1)) {
            throw new UserInputException("--confidence must be in [0, 1], got " + p.confidence());
        }
        String value = p.value();
        if (p.delta() != null) {
            PolicyType type = PolicyType.parse(current.valueType());
            if (!type.numeric() || !Double.isFinite(p.delta())) {
                throw new UserInputException("--delta applies to number and int policies; " + label(current.name(), current.scope())
                        + " holds a " + type.label() + ", give --value instead");
            }
            BigDecimal next = new BigDecimal(current.value()).add(BigDecimal.valueOf(p.delta()));
            value = type == PolicyType.INT ? next.toBigInteger().toString() : plain(next);
            if (type == PolicyType.INT && next.stripTrailingZeros().scale() > 0) {
                throw new UserInputException("--delta " + p.delta() + " is not a whole number; " + current.name() + " holds an int");
            }
        }
        Validation v = check(current, value).orThrow();
        PolicyAdjustment a = new PolicyAdjustment(newId("adj-"), current.name(), current.scope(), current.value(), v.value(),
                Actors.resolve(p.actor()), p.reason() != null ? p.reason() : "from feedback", FEEDBACK, p.feedbackCount(), p.confidence(),
                PROPOSED, now());
        store.recordAdjustment(a);
        return a;
    }

    /**
     * Proposes setting a policy to the winner of an experiment, as {@code cerebro exp recommend}
     * names it (that look is recorded with the experiment's decisions). The proposal's feedback count
     * is the experiment's number of units, and its confidence 1 minus the winner's (always-valid)
     * p-value. Refused, with the recommendation's words, when there is no winner.
     */
    public PolicyAdjustment proposeFromExperiment(ExperimentProposal p) {
        Policy current = require(p.name(), p.scope());
        Lifecycle life = new Lifecycle(store);
        life.require(p.experiment());
        Recommendation rec = life.recommend(p.experiment());
        if (rec.winner() == null) {
            throw new UserInputException("experiment '" + p.experiment() + "' has no winner to propose (" + rec.message() + "); nothing was proposed");
        }
        Map<String, String> map = p.valueOfVariant() == null ? Map.of() : p.valueOfVariant();
        String value = map.getOrDefault(rec.winner(), rec.winner());
        Validation v = check(current, value).orThrow();
        long units = store.variantCounts(p.experiment()).values().stream().mapToLong(Long::longValue).sum();
        List<StoppingDecision> ds = store.decisions(p.experiment());
        Double confidence = null;
        for (int i = ds.size() - 1; i >= 0; i--) {
            StoppingDecision d = ds.get(i);
            if (d.arm().equals(rec.winner()) && d.decision().equals("success")) {
                confidence = d.pValue() == null ? null : Math.max(0, 1 - d.pValue());
                break;
            }
        }
        PolicyAdjustment a = new PolicyAdjustment(newId("adj-"), current.name(), current.scope(), current.value(), v.value(),
                Actors.resolve(p.actor()), p.reason() != null ? p.reason() : rec.message(), EXPERIMENT + p.experiment(), units, confidence,
                PROPOSED, now());
        store.recordAdjustment(a);
        return a;
    }

    /**
     * Applies a proposal: checks that the policy still has the value the proposal started from and
     * that the new value keeps every rule, then snapshots, writes and audits in one transaction.
     */
    public Change apply(String adjustmentId, String actor) {
        PolicyAdjustment prop = store.adjustment(adjustmentId).orElseThrow(() -> new UserInputException("no proposed adjustment '" + adjustmentId
                + "' in " + store.location() + "; see the proposals with 'cerebro policy history NAME'"));
        if (!prop.status().equals(PROPOSED)) {
            throw new UserInputException("adjustment " + adjustmentId + " is " + prop.status().replace('_', ' ') + ", not a pending proposal; "
                    + "propose the change again with 'cerebro policy propose " + prop.policy() + "'");
        }
        Policy current = require(prop.policy(), prop.scope());
        if (!current.value().equals(prop.oldValue())) {
            throw new UserInputException("policy " + label(prop.policy(), prop.scope()) + " is " + current.value() + " now, not "
                    + prop.oldValue() + " as when " + adjustmentId + " was proposed; propose the change again (nothing was changed)");
        }
        Validation v = check(current, prop.newValue()).orThrow();
        Instant at = now();
        Policy next = new Policy(current.name(), current.scope(), v.value(), current.valueType(), current.minValue(), current.maxValue(),
                current.maxStep(), at);
        PolicyAdjustment audit = new PolicyAdjustment(newId("adj-"), current.name(), current.scope(), current.value(), next.value(),
                Actors.resolve(actor), "applied " + adjustmentId + (prop.reason() == null ? "" : ": " + prop.reason()), prop.source(),
                prop.feedbackCount(), prop.confidence(), APPLIED, at);
        PolicySnapshot snap = store.changePolicies(new PolicyChange(newId("snap-"), "before applying " + adjustmentId + " to "
                + label(current.name(), current.scope()), List.of(new PolicyWrite(current.name(), current.scope(), current.value(), next)),
                List.of(audit), List.of(adjustmentId)));
        return new Change(snap, List.of(audit), List.of(next));
    }

    /**
     * Brings every policy back to a snapshot: values and rules as they were, policies created
     * since removed. A snapshot is taken first, so a rollback can be rolled back too, and each policy
     * it changes gets an audit entry (status {@value #ROLLED_BACK}). Nothing is written when every
     * policy already is as in the snapshot.
     */
    public Change rollback(String snapshotId, String actor, String reason) {
        PolicySnapshot target = requireSnapshot(snapshotId);
        Map<String, Policy> want = new LinkedHashMap<>();
        for (Policy p : target.policies()) {
            want.put(p.name() + "\u0000" + p.scope(), p);
        }
        Map<String, Policy> have = new LinkedHashMap<>();
        for (Policy p : store.policies()) {
            have.put(p.name() + "\u0000" + p.scope(), p);
        }
        Instant at = now();
        String who = Actors.resolve(actor);
        String why = "rollback to " + snapshotId + " (taken " + target.createdAt() + " " + target.reason() + ")"
                + (reason == null || reason.isBlank() ? "" : ": " + reason);
        List<PolicyWrite> writes = new ArrayList<>();
        List<PolicyAdjustment> audit = new ArrayList<>();
        List<Policy> after = new ArrayList<>();
        for (Map.Entry<String, Policy> e : want.entrySet()) {
            Policy w = e.getValue();
            Policy h = have.get(e.getKey());
            if (h != null && sameContent(h, w)) {
                continue;
            }
            Policy next = new Policy(w.name(), w.scope(), w.value(), w.valueType(), w.minValue(), w.maxValue(), w.maxStep(), at);
            writes.add(new PolicyWrite(w.name(), w.scope(), h == null ? null : h.value(), next));
            audit.add(new PolicyAdjustment(newId("adj-"), w.name(), w.scope(), h == null ? null : h.value(), w.value(), who, why, ROLLBACK,
                    0, null, ROLLED_BACK, at));
            after.add(next);
        }
        for (Map.Entry<String, Policy> e : have.entrySet()) {
            if (!want.containsKey(e.getKey())) {
                Policy h = e.getValue();
                writes.add(new PolicyWrite(h.name(), h.scope(), h.value(), null));
                audit.add(new PolicyAdjustment(newId("adj-"), h.name(), h.scope(), h.value(), null, who, why + "; the policy did not exist then",
                        ROLLBACK, 0, null, ROLLED_BACK, at));
            }
        }
        if (writes.isEmpty()) {
            return new Change(null, List.of(), List.of());
        }
        PolicySnapshot snap = store.changePolicies(new PolicyChange(newId("snap-"), "before rolling back to " + snapshotId, writes, audit, List.of()));
        return new Change(snap, audit, after);
    }
}
