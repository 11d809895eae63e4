package io.cerebro.policy.router;

import io.cerebro.core.error.UserInputException;
import io.cerebro.policy.PolicyService;
import io.cerebro.policy.PolicyType;
import io.cerebro.store.ExperimentStore;
import io.cerebro.store.Policy;
import io.cerebro.store.QValue;
import io.cerebro.store.RouterSettings;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Routers on a store: {@link #define} one (its actions, weights, rewards, learning rate and
 * baseline policy), {@link #route} a state to an action, and {@link #learn} from the outcome. The
 * Q-table lives in the store under the router's name; each learn step reads and writes it in one
 * transaction, so concurrent learners never lose an update.
 */
public final class Router {
    private final ExperimentStore store;

    /** @param store where routers and their Q-tables live; the caller closes it */
    public Router(ExperimentStore store) {
        this.store = store;
    }

    /**
     * A routing decision.
     *
     * @param router         the router
     * @param state          the state's canonical key
     * @param action         the chosen action
     * @param scores         every action's components and score, in the router's order
     * @param baselineAction the action the baseline policy names, or null
     * @param config         the router's configuration (weights included)
     */
    public record Decision(String router, String state, String action, List<ActionScore> scores, String baselineAction, RouterConfig config) {
    }

    /**
     * What a learn step did.
     *
     * @param router   the router
     * @param state    the state's canonical key
     * @param action   the action learned about
     * @param reward   the reward from the outcome and feedback
     * @param qBefore  Q(state, action) before
     * @param qAfter   Q(state, action) after
     * @param visits   updates of (state, action) so far
     * @param armMean  the action's mean reward over all states
     * @param armPulls its rewards over all states
     */
    public record Learned(String router, String state, String action, double reward, double qBefore, double qAfter, long visits,
                          double armMean, long armPulls) {
    }

    /**
     * Creates or replaces a router's configuration (its Q-table is kept). A baseline policy must
     * exist and hold a string.
     */
    public RouterConfig define(RouterConfig c) {
        if (c.baselinePolicy() != null) {
            Policy p = new PolicyService(store).require(c.baselinePolicy(), c.baselineScope());
            if (!p.valueType().equals(PolicyType.STRING.label())) {
                throw new UserInputException("baseline policy " + p.name() + " holds a " + p.valueType()
                        + "; a router's baseline is a string policy naming one of its actions (" + String.join(", ", c.actions()) + ")");
            }
            if (c.indexOf(p.value()) < 0) {
                throw new UserInputException("baseline policy " + p.name() + " (scope " + p.scope() + ") is '" + p.value() + "', not one of router "
                        + c.name() + "'s actions (" + String.join(", ", c.actions()) + "); set it to one of them first");
            }
        }
        store.putRouter(new RouterSettings(c.name(), c.toJson(), Instant.now().truncatedTo(ChronoUnit.MICROS)));
        return c;
    }

    /**
     * @return the router's configuration
     * @throws UserInputException when there is no router of that name
     */
    public RouterConfig require(String name) {
        String n = name == null ? "" : name.strip();
        return store.router(n).map(r -> RouterConfig.fromJson(r.name(), r.config())).orElseThrow(() -> new UserInputException(
                "no router named '" + n + "' in " + store.location() + "; create it with 'cerebro policy router " + n + " --actions a,b,c'"));
    }

    /** @return every router's configuration, by name. */
    public List<RouterConfig> list() {
        List<RouterConfig> out = new ArrayList<>();
        for (RouterSettings r : store.routers()) {
            out.add(RouterConfig.fromJson(r.name(), r.config()));
        }
        return out;
    }

    /** @return the router's learned cells (state rows, and the arm statistics under state "#arms"). */
    public List<QValue> qTable(String name) {
        return store.qTable(require(name).name());
    }

    /** Chooses the action for a state (a JSON object); changes nothing. */
    public Decision route(String name, String stateJson) {
        RouterConfig c = require(name);
        String key = StateKeys.canonical(stateJson);
        String baseline = baselineAction(c);
        List<ActionScore> scores = RouterModel.score(c, store.qTable(c.name()), key, baseline);
        return new Decision(c.name(), key, scores.get(RouterModel.best(scores)).action(), scores, baseline, c);
    }

    private String baselineAction(RouterConfig c) {
        if (c.baselinePolicy() == null) {
            return null;
        }
        Policy p = new PolicyService(store).require(c.baselinePolicy(), c.baselineScope());
        if (c.indexOf(p.value()) < 0) {
            throw new UserInputException("baseline policy " + p.name() + " (scope " + p.scope() + ") is '" + p.value() + "', not one of router "
                    + c.name() + "'s actions (" + String.join(", ", c.actions()) + "); set it to one of them");
        }
        return p.value();
    }

    /**
     * Learns from the outcome of taking {@code action} in a state.
     *
     * @param outcome   an outcome label of the router's reward mapping (excellent, good, neutral, poor, failure) or a number in [-1, 1]
     * @param feedback  feedback in the same terms, or null
     * @param nextState the state the action led to (JSON), or null when the episode ended there (the usual case for routing)
     */
    public Learned learn(String name, String stateJson, String action, String outcome, String feedback, String nextState) {
        RouterConfig c = require(name);
        String key = StateKeys.canonical(stateJson);
        String next = nextState == null ? null : StateKeys.canonical(nextState);
        if (c.indexOf(action) < 0) {
            throw new UserInputException("--action '" + action + "' is not one of router " + c.name() + "'s actions ("
                    + String.join(", ", c.actions()) + ")");
        }
        String a = c.actions().get(c.indexOf(action));
        double reward = c.rewards().reward(outcome, feedback);
        double[] before = new double[1];
        List<QValue> written = store.updateQTable(c.name(), rows -> {
            before[0] = rows.stream().filter(q -> q.state().equals(key) && q.action().equals(a)).mapToDouble(QValue::value).findFirst().orElse(0);
            return RouterModel.learn(c, rows, key, a, reward, next, Instant.now().truncatedTo(ChronoUnit.MICROS));
        });
        QValue q = written.get(0);
        QValue arm = written.get(1);
        return new Learned(c.name(), key, a, reward, before[0], q.value(), q.visits(), arm.value(), arm.visits());
    }
}
