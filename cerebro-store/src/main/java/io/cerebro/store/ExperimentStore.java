package io.cerebro.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Where experiments, their assignments and metric events, stopping decisions, policies and the
 * Q-table live. Every write is one transaction: a batch of assignments or events is stored whole
 * or not at all, also when the writing process is killed.
 *
 * <p>Open one with {@link Stores#open(String)}; close it when done (a DuckDB file admits one
 * writing process at a time, and is held while the store is open).
 */
public interface ExperimentStore extends AutoCloseable {
    /** @return where the store is, for messages (never a password). */
    String location();

    /** @return the schema version the store is at after opening. */
    int schemaVersion();

    // experiments

    /**
     * Stores a new experiment.
     *
     * @throws io.cerebro.core.error.UserInputException when one of that name exists
     */
    void createExperiment(Experiment experiment);

    /** @return the experiment of that name, if any. */
    Optional<Experiment> experiment(String name);

    /** @return every experiment, by name. */
    List<Experiment> experiments();

    /** Changes an experiment's status and logs the change with its reason. */
    void changeStatus(String name, ExperimentStatus status, String reason);

    /** Replaces an experiment's allocation (units already assigned keep their variant). */
    void changeAllocation(String name, List<Variant> variants);

    /** @return the experiment's lifecycle log, oldest first. */
    List<StatusChange> statusChanges(String name);

    // assignments

    /** @return the stored assignment of a unit, if it has one. */
    Optional<Assignment> assignment(String experiment, String unit);

    /** @return the stored assignments of these units, by unit. */
    Map<String, Assignment> assignments(String experiment, Collection<String> units);

    /** @return how many units each variant has. */
    Map<String, Long> variantCounts(String experiment);

    /** @return how many units each variant has within each stratum (units without a stratum under ""), by stratum. */
    Map<String, Map<String, Long>> stratumCounts(String experiment);

    /**
     * Stores assignments of units that have none, in one transaction; a unit already assigned keeps
     * its stored variant (first writer wins, also between processes).
     *
     * @return how many were new
     */
    int saveAssignments(String experiment, List<Assignment> assignments);

    // metric events

    /**
     * Stores a batch of events, and assignments for units that had none, in one transaction.
     *
     * @param progress told the number of events written so far, from inside the transaction (for progress bars)
     */
    void recordEvents(String experiment, List<Assignment> newAssignments, List<MetricEvent> events, LongConsumer progress);

    /** What {@link #assignBalanced} asks of its caller, inside the transaction that holds the experiment's assignment lock. */
    @FunctionalInterface
    interface BalancedDecision {
        /**
         * @param existing      the stored assignments of the units named, by unit
         * @param stratumCounts how many units each variant has within each stratum, as stored now
         * @return the new assignments to store
         */
        List<Assignment> decide(Map<String, Assignment> existing, Map<String, Map<String, Long>> stratumCounts);
    }

    /**
     * Assigns units whose variant depends on the counts so far (balanced within strata) safely
     * under concurrent writers: in one transaction that holds the experiment's assignment lock
     * (PostgreSQL: a transaction-scoped advisory lock, so that concurrent processes decide one
     * after another on counts that include each other's units; DuckDB: the file's single writer),
     * reads the units' stored assignments and the per-stratum counts, stores what {@code decide}
     * returns together with the events, and commits.
     *
     * @param events   events to store in the same transaction (may be empty)
     * @param progress told the number of events written so far
     * @return the stored assignments of the units, by unit
     */
    Map<String, Assignment> assignBalanced(String experiment, Collection<String> units, BalancedDecision decide, List<MetricEvent> events,
                                           LongConsumer progress);

    /** @return how many events the experiment has. */
    long eventCount(String experiment);

    /** @return every assigned unit's value of the metric, ordered by unit (see {@link MetricKind}). */
    List<UnitOutcome> unitOutcomes(String experiment, MetricDefinition metric);

    // stopping decisions

    /** Stores one look's decision. */
    void recordDecision(String experiment, StoppingDecision decision);

    /** @return the experiment's decisions, oldest first. */
    List<StoppingDecision> decisions(String experiment);

    // policies

    /** Creates or replaces a policy. */
    void putPolicy(Policy policy);

    /** @return the policy of that name in that scope, if any. */
    Optional<Policy> policy(String name, String scope);

    /** @return every policy, by name and scope. */
    List<Policy> policies();

    /** Appends to the audit trail. */
    void recordAdjustment(PolicyAdjustment adjustment);

    /** @return the audit trail of a policy in a scope, oldest first. */
    List<PolicyAdjustment> adjustments(String policy, String scope);

    /** @return the audit entry of that id, if any. */
    Optional<PolicyAdjustment> adjustment(String id);

    /**
     * Applies a policy change in one transaction: first a snapshot of every policy as it is at that
     * moment, then the writes (each checked against the value it expects), the audit entries and the
     * status of the proposals it applies. All of it is stored, or (on any error, or a kill) none.
     * Changes are serialised between processes (PostgreSQL: an advisory lock; DuckDB: its file lock).
     *
     * @return the snapshot taken before the change
     * @throws io.cerebro.core.error.UserInputException when a policy is no longer as the change expects
     *         (another process changed it meanwhile); nothing is stored then
     */
    PolicySnapshot changePolicies(PolicyChange change);

    /** Stores a snapshot. */
    void saveSnapshot(PolicySnapshot snapshot);

    /** @return the snapshot of that id, if any. */
    Optional<PolicySnapshot> snapshot(String id);

    /** @return every snapshot, oldest first. */
    List<PolicySnapshot> snapshots();

    // Q-table

    /** Creates or replaces a Q-table cell. */
    void putQValue(QValue value);

    /** @return an agent's Q-table, by state and action. */
    List<QValue> qTable(String agent);

    /**
     * Reads an agent's Q-table and replaces the cells {@code change} returns, in one transaction, so
     * two processes learning at once never lose each other's update (they are serialised as in
     * {@link #changePolicies}).
     *
     * @param change given the agent's current cells, returns the cells to write
     * @return the cells written
     */
    List<QValue> updateQTable(String agent, java.util.function.UnaryOperator<List<QValue>> change);

    // routers

    /** Creates or replaces a router's configuration. */
    void putRouter(RouterSettings router);

    /** @return the router of that name, if any. */
    Optional<RouterSettings> router(String name);

    /** @return every router, by name. */
    List<RouterSettings> routers();

    /** Releases the store (and, for DuckDB, its file lock). */
    @Override
    void close();
}
