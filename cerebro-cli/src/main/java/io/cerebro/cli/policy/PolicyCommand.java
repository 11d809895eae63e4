package io.cerebro.cli.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cerebro.cli.CliSupport;
import io.cerebro.cli.exp.StoreOption;
import io.cerebro.core.error.UserInputException;
import io.cerebro.policy.PolicyService;
import io.cerebro.policy.PolicyType;
import io.cerebro.policy.Validation;
import io.cerebro.policy.router.ActionScore;
import io.cerebro.policy.router.RewardFunction;
import io.cerebro.policy.router.Router;
import io.cerebro.policy.router.RouterConfig;
import io.cerebro.store.ExperimentStore;
import io.cerebro.store.Policy;
import io.cerebro.store.PolicyAdjustment;
import io.cerebro.store.PolicySnapshot;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code cerebro policy}: each subcommand maps its flags onto one call of
 * {@link PolicyService} or {@link Router} and prints the result (as text, or with
 * {@code --format json} as JSON).
 */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = {"Policies: named values per scope with bounds, a maximum step and a type; proposals from feedback or an experiment's "
                + "winner, validated applies with a snapshot before each, rollback, history. And the router: Q-learning, a bandit and a "
                + "baseline policy combined (route, learn).",
                "Example: cerebro policy set routing.threshold 0.7 --scope repo-a --min 0 --max 1 --max-step 0.1"},
        subcommands = {PolicyCommand.Set.class, PolicyCommand.Get.class, PolicyCommand.ListAll.class, PolicyCommand.Propose.class,
                PolicyCommand.Validate.class, PolicyCommand.Apply.class, PolicyCommand.Rollback.class, PolicyCommand.History.class,
                PolicyCommand.Snapshots.class, PolicyCommand.RouterSetup.class, PolicyCommand.Route.class, PolicyCommand.Learn.class})
public final class PolicyCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    @Override
    public void run() {
        cmd.commandLine().usage(cmd.commandLine().getOut());
    }

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The router {@code route} and {@code learn} use when none is named. */
    static final String DEFAULT_ROUTER = "default";

    /** Shared by the subcommands: the store, the output, the format, and running with the store open. */
    abstract static class StoreCommand implements Callable<Integer> {
        @Mixin
        StoreOption storeOption;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec cmd;

        PrintWriter out() {
            return cmd.commandLine().getOut();
        }

        @Override
        public final Integer call() throws Exception {
            check();
            try (ExperimentStore store = storeOption.open()) {
                int code = run(store);
                out().flush();
                cmd.commandLine().getErr().flush();
                return code;
            }
        }

        /** Checks the flags before the store is opened. */
        void check() {
        }

        abstract int run(ExperimentStore store) throws Exception;

        void json(Object o) {
            try {
                out().println(JSON.writeValueAsString(o));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write JSON", e);
            }
        }
    }

    /** {@code --format text|json}. */
    static final class FormatOption {
        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json.")
        String format;

        boolean json() {
            String f = format.strip().toLowerCase(Locale.ROOT);
            if (!f.equals("text") && !f.equals("json")) {
                throw new UserInputException("--format " + format + " is not known; use text or json");
            }
            return f.equals("json");
        }
    }

    static String who(Policy p) {
        return p.name() + " (scope " + p.scope() + ")";
    }

    static String rules(Policy p) {
        List<String> r = new ArrayList<>();
        if (p.minValue() != null || p.maxValue() != null) {
            r.add("in [" + (p.minValue() == null ? "-inf" : num(p.minValue())) + ", " + (p.maxValue() == null ? "inf" : num(p.maxValue())) + "]");
        }
        if (p.maxStep() != null) {
            r.add("max step " + num(p.maxStep()));
        }
        return p.valueType() + (r.isEmpty() ? "" : " " + String.join(", ", r));
    }

    static String num(double d) {
        BigDecimal b = BigDecimal.valueOf(d);
        return b.signum() == 0 ? "0" : b.stripTrailingZeros().toPlainString();
    }

    static Map<String, Object> policyJson(Policy p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("scope", p.scope());
        m.put("value", p.value());
        m.put("type", p.valueType());
        m.put("min", p.minValue());
        m.put("max", p.maxValue());
        m.put("max_step", p.maxStep());
        m.put("updated_at", p.updatedAt() == null ? null : p.updatedAt().toString());
        return m;
    }

    static Map<String, Object> adjustmentJson(PolicyAdjustment a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("policy", a.policy());
        m.put("scope", a.scope());
        m.put("old_value", a.oldValue());
        m.put("new_value", a.newValue());
        m.put("actor", a.actor());
        m.put("reason", a.reason());
        m.put("source", a.source());
        m.put("feedback_count", a.feedbackCount());
        m.put("confidence", a.confidence());
        m.put("status", a.status());
        m.put("created_at", a.createdAt().toString());
        return m;
    }

    static Map<String, Object> snapshotJson(PolicySnapshot s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("created_at", s.createdAt().toString());
        m.put("reason", s.reason());
        m.put("policies", s.policies().stream().map(PolicyCommand::policyJson).toList());
        return m;
    }

    static Map<String, Object> changeJson(PolicyService.Change c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("snapshot", c.snapshot() == null ? null : c.snapshot().id());
        m.put("changed", c.audit().size());
        m.put("audit", c.audit().stream().map(PolicyCommand::adjustmentJson).toList());
        m.put("policies", c.after().stream().map(PolicyCommand::policyJson).toList());
        return m;
    }

    static String arrow(PolicyAdjustment a) {
        return (a.oldValue() == null ? "(none)" : a.oldValue()) + " -> " + (a.newValue() == null ? "(removed)" : a.newValue());
    }

    @Command(name = "set", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Create a policy, or set its value (validated; a snapshot is taken first; audited as manual).",
                    "Example: cerebro policy set routing.threshold 0.7 --scope repo-a --min 0 --max 1 --max-step 0.1"})
    static final class Set extends StoreCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "Policy name, e.g. routing.threshold.")
        String name;

        @Parameters(index = "1", paramLabel = "VALUE", description = "Its value.")
        String value;

        @Option(names = "--scope", paramLabel = "SCOPE", description = "Where it applies (default: global).")
        String scope;

        @Option(names = "--type", paramLabel = "TYPE", description = "number, int, bool or string (fixed when created; default number).")
        String type;

        @Option(names = "--min", paramLabel = "X", description = "Lowest allowed value (number and int policies).")
        Double min;

        @Option(names = "--max", paramLabel = "X", description = "Highest allowed value (number and int policies).")
        Double max;

        @Option(names = "--max-step", paramLabel = "X", description = "Largest allowed change in one step (number and int policies).")
        Double maxStep;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the audit trail.")
        String reason;

        @Option(names = "--actor", paramLabel = "WHO", description = "Who makes the change (default: $USER).")
        String actor;

        @Mixin
        FormatOption format;

        @Override
        void check() {
            format.json();
            if (type != null) {
                PolicyType.parse(type);
            }
        }

        @Override
        int run(ExperimentStore store) {
            PolicyService.Change c = new PolicyService(store).set(new PolicyService.SetRequest(name, scope, value,
                    type == null ? null : PolicyType.parse(type), min, max, maxStep, actor, reason));
            if (format.json()) {
                json(changeJson(c));
                return CliSupport.OK;
            }
            Policy p = c.after().get(0);
            if (c.snapshot() == null) {
                out().println("policy " + who(p) + " already is " + p.value() + " (" + rules(p) + "); nothing changed");
            } else {
                out().println("policy " + who(p) + " = " + p.value() + " (" + rules(p) + "); snapshot " + c.snapshot().id()
                        + " taken before (undo with 'cerebro policy rollback --to " + c.snapshot().id() + "')");
            }
            return CliSupport.OK;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Print a policy's value (with --format json: its rules too).")
    static final class Get extends StoreCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "Policy name.")
        String name;

        @Option(names = "--scope", paramLabel = "SCOPE", description = "Its scope (default: global).")
        String scope;

        @Mixin
        FormatOption format;

        @Override
        void check() {
            format.json();
        }

        @Override
        int run(ExperimentStore store) {
            Policy p = new PolicyService(store).require(name, scope);
            if (format.json()) {
                json(policyJson(p));
            } else {
                out().println(p.value());
            }
            return CliSupport.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the policies (of one scope with --scope).")
    static final class ListAll extends StoreCommand {
        @Option(names = "--scope", paramLabel = "SCOPE", description = "Only this scope.")
        String scope;

        @Mixin
        FormatOption format;

        @Override
        void check() {
            format.json();
        }

        @Override
        int run(ExperimentStore store) {
            List<Policy> all = new PolicyService(store).list(scope);
            if (format.json()) {
                json(all.stream().map(PolicyCommand::policyJson).toList());
                return CliSupport.OK;
            }
            if (all.isEmpty()) {
                out().println("no policies" + (scope == null ? "" : " in scope " + scope) + " in " + store.location()
                        + "; create one with 'cerebro policy set NAME VALUE'");
                return CliSupport.OK;
            }
            out().printf(Locale.ROOT, "%-28s %-14s %-16s %s%n", "name", "scope", "value", "rules");
            for (Policy p : all) {
                out().printf(Locale.ROOT, "%-28s %-14s %-16s %s%n", p.name(), p.scope(), p.value(), rules(p));
            }
            return CliSupport.OK;
        }
    }

    @Command(name = "propose", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Propose a new value, from feedback (--value or --delta, with --feedback-count and --confidence) or from a "
                    + "finished experiment's winner (--from-experiment). Checked against the rules; nothing changes until 'apply'.",
                    "Example: cerebro policy propose checkout.flow --from-experiment checkout-v2"})
    static final class Propose extends StoreCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "Policy name.")
        String name;

        @Option(names = "--scope", paramLabel = "SCOPE", description = "Its scope (default: global).")
        String scope;

        @Option(names = "--value", paramLabel = "V", description = "The proposed value.")
        String value;

        @Option(names = "--delta", paramLabel = "D", description = "The proposed change of a number or int policy, e.g. 0.05 or -1.")
        Double delta;

        @Option(names = "--feedback-count", paramLabel = "N", defaultValue = "0", description = "How many feedback items the proposal rests on.")
        long feedbackCount;

        @Option(names = "--confidence", paramLabel = "C", description = "How sure, in [0, 1].")
        Double confidence;

        @Option(names = "--from-experiment", paramLabel = "EXP", description = "Propose the winner 'cerebro exp recommend EXP' names.")
        String experiment;

        @Option(names = "--variant-value", paramLabel = "VARIANT=VALUE",
                description = "The policy value a variant stands for (default: the variant's name); repeat per variant.")
        List<String> variantValues;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why (default: from feedback, or the recommendation's words).")
        String reason;

        @Option(names = "--actor", paramLabel = "WHO", description = "Who proposes (default: $USER).")
        String actor;

        @Mixin
        FormatOption format;

        @Override
        void check() {
            format.json();
            if (experiment != null && (value != null || delta != null)) {
                throw new UserInputException("--from-experiment proposes the winner; leave out --value and --delta (or propose from feedback without it)");
            }
            if (experiment == null && variantValues != null) {
                throw new UserInputException("--variant-value needs --from-experiment");
            }
            variantMap();
        }

        Map<String, String> variantMap() {
            Map<String, String> m = new LinkedHashMap<>();
            if (variantValues != null) {
                for (String kv : variantValues) {
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new UserInputException("--variant-value '" + kv + "' is not VARIANT=VALUE; write e.g. --variant-value treatment=0.8");
                    }
                    m.put(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
                }
            }
            return m;
        }

        @Override
        int run(ExperimentStore store) {
            PolicyService s = new PolicyService(store);
            PolicyAdjustment a = experiment != null
                    ? s.proposeFromExperiment(new PolicyService.ExperimentProposal(name, scope, experiment, variantMap(), actor, reason))
                    : s.propose(new PolicyService.FeedbackProposal(name, scope, value, delta, feedbackCount, confidence, actor, reason));
            if (format.json()) {
                json(adjustmentJson(a));
                return CliSupport.OK;
            }
            out().println("proposed " + a.id() + ": " + a.policy() + " (scope " + a.scope() + ") " + arrow(a) + " (" + a.source() + ", "
                    + a.feedbackCount() + " items" + (a.confidence() == null ? "" : String.format(Locale.ROOT, ", confidence %.3f", a.confidence()))
                    + "); apply it with 'cerebro policy apply " + a.id() + "'");
            return CliSupport.OK;
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check a value against a policy's rules (type, bounds, step from its current value); exit 1 when it breaks one. Changes nothing.")
    static final class Validate extends StoreCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "Policy name.")
        String name;

        @Parameters(index = "1", paramLabel = "VALUE", description = "The value to check.")
        String value;

        @Option(names = "--scope", paramLabel = "SCOPE", description = "Its scope (default: global).")
        String scope;

        @Mixin
        FormatOption format;

        @Override
        void check() {
            format.json();
        }

        @Override
        int run(ExperimentStore store) {
            Validation v = new PolicyService(store).validate(name, scope, value);
            if (format.json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("policy", v.policy());
                m.put("scope", v.scope());
                m.put("current", v.current());
                m.put("value", v.value());
                m.put("valid", v.ok());
                m.put("problems", v.problems());
                json(m);
            } else if (v.ok()) {
                out().println("valid: " + v.policy() + " (scope " + v.scope() + ") may go from " + v.current() + " to " + v.value());
            } else {
                v.problems().forEach(out()::println);
            }
            return v.ok() ? CliSupport.OK : CliSupport.FAILED;
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = "Apply a proposal: validated again, a snapshot of every policy taken first, written and audited in one transaction.")
    static final class Apply extends StoreCommand {
        @Parameters(index = "0", paramLabel = "ID|POLICY",
                description = "The proposal's id (adj-...), as 'propose' or 'history' prints it; or a policy's name: its newest pending proposal.")
        String id;

        @Option(names = "--scope", paramLabel = "SCOPE", description = "The policy's scope, when a policy is named (default: global).")
        String scope;

        @Option(names = "--actor", paramLabel = "WHO", description = "Who applies it (default: $USER).")
        String actor;

        @Mixin
        FormatOption format;

        @Override
        void check() {
            format.json();
        }

        @Override
        int run(ExperimentStore store) {
            PolicyService service = new PolicyService(store);
            if (store.adjustment(id).isEmpty() && !id.startsWith("adj-")) {
                id = service.pendingProposal(id, scope);
            }
            PolicyService.Change c = service.apply(id, actor);
            if (format.json()) {
                json(changeJson(c));
                return CliSupport.OK;
            }
            PolicyAdjustment a = c.audit().get(0);
            out().println("applied " + id + ": " + a.policy() + " (scope " + a.scope() + ") " + arrow(a) + "; snapshot " + c.snapshot().id()
                    + " taken before (undo with 'cerebro policy rollback --to " + c.snapshot().id() + "')");
            return CliSupport.OK;
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Bring every policy back to a snapshot (policies created since are removed); audited, with a snapshot taken first.")
    static final class Rollback extends StoreCommand {
        @Option(names = "--to", paramLabel = "SNAPSHOT", description = "The snapshot's id (snap-...), see 'cerebro policy snapshots'.")
        String snapshot;

        @Option(names = "--last", description = "Roll back to the newest snapshot: undo the most recent change.")
        boolean last;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the audit trail.")
        String reason;

        @Option(names = "--actor", paramLabel = "WHO", description = "Who rolls back (default: $USER).")
        String actor;

        @Mixin
        FormatOption format;

        @Override
        void check() {
            format.json();
            if ((snapshot == null) == !last) {
                throw new UserInputException("give either --to SNAPSHOT or --last to 'cerebro policy rollback' (see 'cerebro policy snapshots')");
            }
        }

        @Override
        int run(ExperimentStore store) {
            PolicyService service = new PolicyService(store);
            if (last) {
                snapshot = service.latestSnapshot().id();
            }
            PolicyService.Change c = service.rollback(snapshot, actor, reason);
            if (format.json()) {
                json(changeJson(c));
                return CliSupport.OK;
            }
            if (c.snapshot() == null) {
                out().println("every policy already is as in " + snapshot + "; nothing changed");
                return CliSupport.OK;
            }
            out().println("rolled back to " + snapshot + " (" + c.audit().size() + " " + (c.audit().size() == 1 ? "policy" : "policies")
                    + "); snapshot " + c.snapshot().id() + " taken before (undo with 'cerebro policy rollback --to " + c.snapshot().id() + "')");
            for (PolicyAdjustment a : c.audit()) {
                out().println("  " + a.policy() + " (scope " + a.scope() + ") " + arrow(a));
            }
            return CliSupport.OK;
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = "A policy's audit trail: who, what, why, when, with the feedback count and confidence; oldest first.")
    static final class History extends StoreCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "Policy name.")
        String name;

        @Option(names = "--scope", paramLabel = "SCOPE", description = "Its scope (default: global).")
        String scope;

        @Mixin
        FormatOption format;

        @Override
        void check() {
            format.json();
        }

        @Override
        int run(ExperimentStore store) {
            List<PolicyAdjustment> h = new PolicyService(store).history(name, scope);
            if (format.json()) {
                json(h.stream().map(PolicyCommand::adjustmentJson).toList());
                return CliSupport.OK;
            }
            for (PolicyAdjustment a : h) {
                out().println(a.createdAt() + "  " + a.id() + "  " + a.status() + "  " + arrow(a) + "  by " + a.actor() + "  (" + a.source()
                        + ", " + a.feedbackCount() + " items" + (a.confidence() == null ? "" : String.format(Locale.ROOT, ", confidence %.3f", a.confidence()))
                        + ")" + (a.reason() == null ? "" : "  " + a.reason()));
            }
            return CliSupport.OK;
        }
    }

    @Command(name = "snapshots", mixinStandardHelpOptions = true, description = "The snapshots a rollback can go back to, oldest first.")
    static final class Snapshots extends StoreCommand {
        @Mixin
        FormatOption format;

        @Override
        void check() {
            format.json();
        }

        @Override
        int run(ExperimentStore store) {
            List<PolicySnapshot> all = new PolicyService(store).snapshots();
            if (format.json()) {
                json(all.stream().map(PolicyCommand::snapshotJson).toList());
                return CliSupport.OK;
            }
            if (all.isEmpty()) {
                out().println("no policy snapshots in " + store.location() + "; one is taken before every change");
            }
            for (PolicySnapshot s : all) {
                int n = s.policies().size();
                out().println(s.createdAt() + "  " + s.id() + "  " + n + (n == 1 ? " policy  " : " policies  ") + s.reason());
            }
            return CliSupport.OK;
        }
    }

    static Map<String, Double> pairs(List<String> kvs, String flag, String example) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (kvs == null) {
            return out;
        }
        for (String list : kvs) {
            for (String kv : list.split(",")) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new UserInputException(flag + " '" + kv + "' is not NAME=NUMBER; write e.g. " + flag + " " + example);
                }
                try {
                    out.put(kv.substring(0, eq).strip().toLowerCase(Locale.ROOT), Double.parseDouble(kv.substring(eq + 1).strip()));
                } catch (NumberFormatException e) {
                    throw new UserInputException(flag + " '" + kv + "' does not end in a number; write e.g. " + flag + " " + example);
                }
            }
        }
        return out;
    }

    @Command(name = "router", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Create or change a router: its actions, how it weighs Q-learning, the bandit and the baseline policy, its rewards.",
                    "Example: cerebro policy router default --actions fast,careful --weights q=1,bandit=0.2,policy=0.1 --baseline routing.model"})
    static final class RouterSetup extends StoreCommand {
        @Parameters(index = "0", paramLabel = "NAME", defaultValue = DEFAULT_ROUTER, description = "Router name (default: default).")
        String name;

        @Option(names = "--actions", paramLabel = "A,B,...", description = "The actions it chooses among (required for a new router).")
        String actions;

        @Option(names = "--weights", paramLabel = "q=X,bandit=Y,policy=Z",
                description = "Weights of the Q-value, the bandit index and the baseline (default q=1,bandit=0.2,policy=0.1).")
        List<String> weights;

        @Option(names = "--reward", paramLabel = "OUTCOME=R",
                description = "Reward of an outcome in [-1, 1]; repeat or comma-separate (default excellent=1,good=0.5,neutral=0,poor=-0.5,failure=-1).")
        List<String> rewards;

        @Option(names = "--feedback-weight", paramLabel = "W", description = "Weight of --feedback against --outcome in a reward (default 0.5).")
        Double feedbackWeight;

        @Option(names = "--discount", paramLabel = "G", description = "Q-learning discount for steps with --next-state (default 0.9).")
        Double discount;

        @Option(names = "--learning-rate", paramLabel = "A", description = "A fixed learning rate in (0, 1] (default: 1/n^ω, the mean reward for ω = 1).")
        Double learningRate;

        @Option(names = "--rate-exponent", paramLabel = "W", description = "ω of the decaying rate 1/n^ω, in (0.5, 1] (default 1).")
        Double rateExponent;

        @Option(names = "--baseline", paramLabel = "POLICY", description = "A string policy naming the baseline action.")
        String baseline;

        @Option(names = "--baseline-scope", paramLabel = "SCOPE", description = "The baseline policy's scope (default: global).")
        String baselineScope;

        @Mixin
        FormatOption format;

        @Override
        void check() {
            format.json();
        }

        @Override
        int run(ExperimentStore store) {
            Router router = new Router(store);
            RouterConfig old = store.router(name.strip()).isPresent() ? router.require(name) : null;
            if (old == null && actions == null) {
                throw new UserInputException("router " + name + " is new: give its actions with --actions a,b,c");
            }
            Map<String, Double> w = pairs(weights, "--weights", "q=1,bandit=0.2,policy=0.1");
            for (String k : w.keySet()) {
                if (!List.of("q", "bandit", "policy").contains(k)) {
                    throw new UserInputException("--weights names '" + k + "'; the weights are q, bandit and policy, e.g. --weights q=1,bandit=0.2,policy=0.1");
                }
            }
            RouterConfig base = old != null ? old : RouterConfig.of(name.strip(), Arrays.asList(actions.split(",")));
            Map<String, Double> r = pairs(rewards, "--reward", "excellent=1.0");
            Map<String, Double> mapping = new LinkedHashMap<>(base.rewards().rewards());
            mapping.putAll(r);
            RouterConfig c = new RouterConfig(base.name(), actions != null ? Arrays.asList(actions.split(",")) : base.actions(),
                    w.getOrDefault("q", base.qWeight()), w.getOrDefault("bandit", base.banditWeight()), w.getOrDefault("policy", base.policyWeight()),
                    new RewardFunction(mapping, feedbackWeight != null ? feedbackWeight : base.rewards().feedbackWeight()),
                    discount != null ? discount : base.discount(), learningRate != null ? learningRate : base.learningRate(),
                    rateExponent != null ? rateExponent : base.rateExponent(), baseline != null ? baseline : base.baselinePolicy(),
                    baselineScope != null ? baselineScope : base.baselineScope());
            router.define(c);
            if (format.json()) {
                json(routerJson(c));
                return CliSupport.OK;
            }
            out().println((old == null ? "created" : "changed") + " router " + c.name() + ": actions " + String.join(", ", c.actions())
                    + "; score = " + num(c.qWeight()) + "·Q + " + num(c.banditWeight()) + "·UCB1 + " + num(c.policyWeight()) + "·baseline"
                    + (c.baselinePolicy() == null ? " (no baseline policy)" : " (" + c.baselinePolicy() + ")"));
            return CliSupport.OK;
        }
    }

    static Map<String, Object> routerJson(RouterConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("router", c.name());
        m.put("actions", c.actions());
        m.put("weights", weights(c));
        m.put("rewards", c.rewards().rewards());
        m.put("feedback_weight", c.rewards().feedbackWeight());
        m.put("discount", c.discount());
        m.put("learning_rate", c.learningRate());
        m.put("rate_exponent", c.rateExponent());
        m.put("baseline_policy", c.baselinePolicy());
        m.put("baseline_scope", c.baselineScope());
        return m;
    }

    static Map<String, Double> weights(RouterConfig c) {
        Map<String, Double> w = new LinkedHashMap<>();
        w.put("q", c.qWeight());
        w.put("bandit", c.banditWeight());
        w.put("policy", c.policyWeight());
        return w;
    }

    static Double finite(double d) {
        return Double.isFinite(d) ? d : null;
    }

    static String fmt(double d) {
        return Double.isNaN(d) ? "-" : Double.isInfinite(d) ? "inf" : String.format(Locale.ROOT, "%.4f", d);
    }

    @Command(name = "route", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Choose an action for a state: the router's weighted Q-value, bandit index and baseline; prints each component. Changes nothing.",
                    "Example: cerebro policy route --state '{\"task\":\"refactor\",\"size\":\"large\"}'"})
    static final class Route extends StoreCommand {
        @Option(names = "--state", required = true, paramLabel = "JSON", description = "The state, a JSON object of flat values.")
        String state;

        @Option(names = "--router", paramLabel = "NAME", defaultValue = DEFAULT_ROUTER, description = "Router name (default: default).")
        String router;

        @Mixin
        FormatOption format;

        @Override
        void check() {
            format.json();
        }

        @Override
        int run(ExperimentStore store) {
            Router.Decision d = new Router(store).route(router, state);
            RouterConfig c = d.config();
            if (format.json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("router", d.router());
                m.put("state", d.state());
                m.put("action", d.action());
                m.put("weights", weights(c));
                m.put("baseline_action", d.baselineAction());
                List<Map<String, Object>> rows = new ArrayList<>();
                for (ActionScore s : d.scores()) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("action", s.action());
                    r.put("q", s.q());
                    r.put("visits", s.visits());
                    r.put("bandit", finite(s.bandit()));
                    r.put("pulls", s.pulls());
                    r.put("mean_reward", finite(s.mean()));
                    r.put("baseline", s.baseline());
                    r.put("score", finite(s.score()));
                    rows.add(r);
                }
                m.put("components", rows);
                json(m);
                return CliSupport.OK;
            }
            out().println(d.action());
            out().println("router " + d.router() + ", state " + d.state() + ": score = " + num(c.qWeight()) + "·Q + " + num(c.banditWeight())
                    + "·UCB1 + " + num(c.policyWeight()) + "·baseline" + (d.baselineAction() == null ? "" : " (baseline " + d.baselineAction() + ")"));
            out().printf(Locale.ROOT, "  %-16s %9s %7s %9s %7s %9s %9s %9s%n", "action", "Q", "visits", "UCB1", "pulls", "mean", "baseline", "score");
            for (ActionScore s : d.scores()) {
                out().printf(Locale.ROOT, "  %-16s %9s %7d %9s %7d %9s %9s %9s%s%n", s.action(), fmt(s.q()), s.visits(), fmt(s.bandit()), s.pulls(),
                        fmt(s.mean()), fmt(s.baseline()), fmt(s.score()), s.action().equals(d.action()) ? "  <- chosen" : "");
            }
            return CliSupport.OK;
        }
    }

    @Command(name = "learn", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Learn from the outcome of an action in a state: the reward (outcome, and feedback if given) updates the Q-table and the arm.",
                    "Example: cerebro policy learn --state '{\"task\":\"refactor\"}' --action careful --outcome excellent"})
    static final class Learn extends StoreCommand {
        @Option(names = "--state", required = true, paramLabel = "JSON", description = "The state the action was taken in.")
        String state;

        @Option(names = "--action", required = true, paramLabel = "ACTION", description = "The action taken.")
        String action;

        @Option(names = "--outcome", required = true, paramLabel = "OUTCOME",
                description = "excellent, good, neutral, poor, failure (or the router's own labels), or a number in [-1, 1].")
        String outcome;

        @Option(names = "--feedback", paramLabel = "FEEDBACK", description = "Feedback in the same terms; the reward blends it with the outcome.")
        String feedback;

        @Option(names = "--next-state", paramLabel = "JSON", description = "The state the action led to (default: the episode ended).")
        String nextState;

        @Option(names = "--router", paramLabel = "NAME", defaultValue = DEFAULT_ROUTER, description = "Router name (default: default).")
        String router;

        @Mixin
        FormatOption format;

        @Override
        void check() {
            format.json();
        }

        @Override
        int run(ExperimentStore store) {
            Router.Learned l = new Router(store).learn(router, state, action, outcome, feedback, nextState);
            if (format.json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("router", l.router());
                m.put("state", l.state());
                m.put("action", l.action());
                m.put("reward", l.reward());
                m.put("q_before", l.qBefore());
                m.put("q_after", l.qAfter());
                m.put("visits", l.visits());
                m.put("arm_mean_reward", l.armMean());
                m.put("arm_pulls", l.armPulls());
                json(m);
                return CliSupport.OK;
            }
            out().println(String.format(Locale.ROOT, "router %s learned reward %s for %s in %s: Q %s -> %s (%d updates); %s's mean reward %s over %d",
                    l.router(), fmt(l.reward()), l.action(), l.state(), fmt(l.qBefore()), fmt(l.qAfter()), l.visits(), l.action(),
                    fmt(l.armMean()), l.armPulls()));
            return CliSupport.OK;
        }
    }
}
