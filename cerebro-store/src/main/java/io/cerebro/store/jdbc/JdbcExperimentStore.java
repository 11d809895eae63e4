package io.cerebro.store.jdbc;

import io.cerebro.core.error.UserInputException;
import io.cerebro.store.Assignment;
import io.cerebro.store.Experiment;
import io.cerebro.store.ExperimentStatus;
import io.cerebro.store.ExperimentStore;
import io.cerebro.store.MetricDefinition;
import io.cerebro.store.MetricEvent;
import io.cerebro.store.MetricKind;
import io.cerebro.store.Policy;
import io.cerebro.store.PolicyAdjustment;
import io.cerebro.store.PolicyChange;
import io.cerebro.store.PolicySnapshot;
import io.cerebro.store.PolicyWrite;
import io.cerebro.store.QValue;
import io.cerebro.store.RouterSettings;
import io.cerebro.store.SequentialTest;
import io.cerebro.store.StatusChange;
import io.cerebro.store.StoppingDecision;
import io.cerebro.store.UnitOutcome;
import io.cerebro.store.Variant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

/**
 * The store over JDBC, for DuckDB and PostgreSQL alike. Each method is one unit of work on one
 * connection; each write is one transaction. A DuckDB store has one connection, so its methods are
 * serialised by a lock; a PostgreSQL store takes a pooled connection per call.
 */
public final class JdbcExperimentStore implements ExperimentStore {
    /** Rows sent to the database per JDBC batch (and between progress reports). */
    static final int BATCH_ROWS = 1000;

    private final ConnectionSource source;
    private final String location;
    private final int schemaVersion;
    private final ReentrantLock serial = new ReentrantLock();

    /** Opens the store on a connection source and applies pending migrations. */
    public JdbcExperimentStore(ConnectionSource source, String location) {
        this.source = source;
        this.location = location;
        try {
            this.schemaVersion = read(c -> SchemaMigrations.apply(c, source.isPostgres(), location));
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T read(Work<T> w) {
        boolean serialise = !source.isPostgres();
        if (serialise) {
            serial.lock();
        }
        try {
            Connection c = source.acquire();
            try {
                return w.run(c);
            } finally {
                source.release(c);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("store " + location + ": " + e.getMessage(), e);
        } finally {
            if (serialise) {
                serial.unlock();
            }
        }
    }

    private <T> T transaction(Work<T> w) {
        return read(c -> {
            c.setAutoCommit(false);
            try {
                T t = w.run(c);
                c.commit();
                return t;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }

    private static void setDouble(PreparedStatement p, int i, Double v) throws SQLException {
        if (v == null) {
            p.setNull(i, Types.DOUBLE);
        } else {
            p.setDouble(i, v);
        }
    }

    private static Double getDouble(ResultSet rs, String col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? null : v;
    }

    private static Long getLong(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public int schemaVersion() {
        return schemaVersion;
    }

    // experiments

    @Override
    public void createExperiment(Experiment e) {
        transaction(c -> {
            if (loadExperiment(c, e.name()).isPresent()) {
                throw new UserInputException("an experiment named '" + e.name() + "' already exists in " + location
                        + "; choose another name or see it with 'cerebro exp show " + e.name() + "'");
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO experiments (name, salt, status, hypothesis, strata, "
                    + "sequential_test, alpha, target_power, min_samples, planned_samples, mde, min_effect, futility_power, created_at, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                p.setString(1, e.name());
                p.setString(2, e.salt());
                p.setString(3, e.status().name());
                p.setString(4, e.hypothesis());
                p.setString(5, e.strata());
                p.setString(6, e.sequential().name());
                p.setDouble(7, e.alpha());
                p.setDouble(8, e.power());
                p.setLong(9, e.minSamples());
                if (e.plannedSamples() == null) {
                    p.setNull(10, Types.BIGINT);
                } else {
                    p.setLong(10, e.plannedSamples());
                }
                setDouble(p, 11, e.mde());
                setDouble(p, 12, e.minEffect());
                p.setDouble(13, e.futilityPower());
                p.setTimestamp(14, ts(e.createdAt()));
                p.setTimestamp(15, ts(e.updatedAt()));
                p.executeUpdate();
            }
            writeVariants(c, e.name(), e.variants());
            try (PreparedStatement p = c.prepareStatement("INSERT INTO metrics (experiment, name, position, kind) VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < e.metrics().size(); i++) {
                    p.setString(1, e.name());
                    p.setString(2, e.metrics().get(i).name());
                    p.setInt(3, i);
                    p.setString(4, e.metrics().get(i).kind().name());
                    p.addBatch();
                }
                p.executeBatch();
            }
            logStatus(c, e.name(), e.status(), "created", e.createdAt());
            return null;
        });
    }

    private static void writeVariants(Connection c, String experiment, List<Variant> variants) throws SQLException {
        try (PreparedStatement d = c.prepareStatement("DELETE FROM variants WHERE experiment = ?")) {
            d.setString(1, experiment);
            d.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO variants (experiment, name, position, weight) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < variants.size(); i++) {
                p.setString(1, experiment);
                p.setString(2, variants.get(i).name());
                p.setInt(3, i);
                p.setDouble(4, variants.get(i).weight());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    private static void logStatus(Connection c, String experiment, ExperimentStatus s, String reason, Instant at) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO status_changes (experiment, status, reason, changed_at) VALUES (?, ?, ?, ?)")) {
            p.setString(1, experiment);
            p.setString(2, s.name());
            p.setString(3, reason);
            p.setTimestamp(4, ts(at));
            p.executeUpdate();
        }
    }

    private Optional<Experiment> loadExperiment(Connection c, String name) throws SQLException {
        List<Experiment> l = loadExperiments(c, name);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    private static List<Experiment> loadExperiments(Connection c, String onlyName) throws SQLException {
        Map<String, List<Variant>> variants = new LinkedHashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT experiment, name, weight FROM variants"
                + (onlyName != null ? " WHERE experiment = ?" : "") + " ORDER BY experiment, position")) {
            if (onlyName != null) {
                p.setString(1, onlyName);
            }
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    variants.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Variant(rs.getString(2), rs.getDouble(3)));
                }
            }
        }
        Map<String, List<MetricDefinition>> metrics = new LinkedHashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT experiment, name, kind FROM metrics"
                + (onlyName != null ? " WHERE experiment = ?" : "") + " ORDER BY experiment, position")) {
            if (onlyName != null) {
                p.setString(1, onlyName);
            }
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    metrics.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new MetricDefinition(rs.getString(2), MetricKind.valueOf(rs.getString(3))));
                }
            }
        }
        List<Experiment> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT * FROM experiments"
                + (onlyName != null ? " WHERE name = ?" : "") + " ORDER BY name")) {
            if (onlyName != null) {
                p.setString(1, onlyName);
            }
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String n = rs.getString("name");
                    out.add(new Experiment(n, rs.getString("salt"), ExperimentStatus.valueOf(rs.getString("status")),
                            variants.getOrDefault(n, List.of()), metrics.getOrDefault(n, List.of()),
                            rs.getString("hypothesis"), rs.getString("strata"),
                            SequentialTest.valueOf(rs.getString("sequential_test")), rs.getDouble("alpha"),
                            rs.getDouble("target_power"), rs.getLong("min_samples"), getLong(rs, "planned_samples"), getDouble(rs, "mde"),
                            getDouble(rs, "min_effect"), rs.getDouble("futility_power"),
                            instant(rs, "created_at"), instant(rs, "updated_at")));
                }
            }
        }
        return out;
    }

    @Override
    public Optional<Experiment> experiment(String name) {
        return read(c -> loadExperiment(c, name));
    }

    @Override
    public List<Experiment> experiments() {
        return read(c -> loadExperiments(c, null));
    }

    private void requireExperiment(Connection c, String name) throws SQLException {
        if (loadExperiment(c, name).isEmpty()) {
            throw unknownExperiment(name);
        }
    }

    private UserInputException unknownExperiment(String name) {
        return new UserInputException("no experiment named '" + name + "' in " + location
                + "; list them with 'cerebro exp list' or create it with 'cerebro exp create " + name + " ...'");
    }

    @Override
    public void changeStatus(String name, ExperimentStatus status, String reason) {
        transaction(c -> {
            requireExperiment(c, name);
            Instant now = Instant.now();
            try (PreparedStatement p = c.prepareStatement("UPDATE experiments SET status = ?, updated_at = ? WHERE name = ?")) {
                p.setString(1, status.name());
                p.setTimestamp(2, ts(now));
                p.setString(3, name);
                p.executeUpdate();
            }
            logStatus(c, name, status, reason, now);
            return null;
        });
    }

    @Override
    public void changeAllocation(String name, List<Variant> variants) {
        transaction(c -> {
            requireExperiment(c, name);
            writeVariants(c, name, variants);
            try (PreparedStatement p = c.prepareStatement("UPDATE experiments SET updated_at = ? WHERE name = ?")) {
                p.setTimestamp(1, ts(Instant.now()));
                p.setString(2, name);
                p.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<StatusChange> statusChanges(String name) {
        return read(c -> {
            List<StatusChange> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT status, reason, changed_at FROM status_changes WHERE experiment = ? ORDER BY changed_at")) {
                p.setString(1, name);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StatusChange(ExperimentStatus.valueOf(rs.getString(1)), rs.getString(2), instant(rs, "changed_at")));
                    }
                }
            }
            return out;
        });
    }

    // assignments

    @Override
    public Optional<Assignment> assignment(String experiment, String unit) {
        return Optional.ofNullable(assignments(experiment, List.of(unit)).get(unit));
    }

    @Override
    public Map<String, Assignment> assignments(String experiment, Collection<String> units) {
        return read(c -> loadAssignments(c, experiment, units));
    }

    private static Map<String, Assignment> loadAssignments(Connection c, String experiment, Collection<String> units) throws SQLException {
        Map<String, Assignment> out = new LinkedHashMap<>();
        List<String> list = List.copyOf(units);
        for (int from = 0; from < list.size(); from += BATCH_ROWS) {
            List<String> chunk = list.subList(from, Math.min(list.size(), from + BATCH_ROWS));
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement p = c.prepareStatement("SELECT unit, variant, stratum, assigned_at FROM assignments "
                    + "WHERE experiment = ? AND unit IN (" + marks + ")")) {
                p.setString(1, experiment);
                for (int i = 0; i < chunk.size(); i++) {
                    p.setString(i + 2, chunk.get(i));
                }
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), new Assignment(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, "assigned_at")));
                    }
                }
            }
        }
        return out;
    }

    @Override
    public Map<String, Long> variantCounts(String experiment) {
        return read(c -> {
            Map<String, Long> out = new LinkedHashMap<>();
            try (PreparedStatement p = c.prepareStatement("SELECT variant, COUNT(*) FROM assignments WHERE experiment = ? GROUP BY variant ORDER BY variant")) {
                p.setString(1, experiment);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public Map<String, Map<String, Long>> stratumCounts(String experiment) {
        return read(c -> loadStratumCounts(c, experiment));
    }

    private static Map<String, Map<String, Long>> loadStratumCounts(Connection c, String experiment) throws SQLException {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT COALESCE(stratum, '') AS s, variant, COUNT(*) FROM assignments "
                + "WHERE experiment = ? GROUP BY COALESCE(stratum, ''), variant ORDER BY 1, 2")) {
            p.setString(1, experiment);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getLong(3));
                }
            }
        }
        return out;
    }

    /** First advisory-lock key (PostgreSQL) of balanced assignment; the second is the experiment's hash. */
    private static final int ASSIGN_LOCK = 0x0CE7EB73;

    @Override
    public Map<String, Assignment> assignBalanced(String experiment, Collection<String> units, BalancedDecision decide, List<MetricEvent> events,
                                                  LongConsumer progress) {
        String batch = UUID.randomUUID().toString();
        return transaction(c -> {
            lockForWrite(c, ASSIGN_LOCK, experiment.hashCode());
            requireExperimentRow(c, experiment);
            Map<String, Assignment> existing = loadAssignments(c, experiment, units);
            List<Assignment> fresh = decide.decide(existing, loadStratumCounts(c, experiment));
            insertAssignments(c, experiment, fresh);
            insertEvents(c, experiment, events, batch, progress);
            return fresh.isEmpty() ? existing : loadAssignments(c, experiment, units);
        });
    }

    private void insertEvents(Connection c, String experiment, List<MetricEvent> events, String batch, LongConsumer progress) throws SQLException {
        if (!source.isPostgres()) {
            appendEvents(c, experiment, events, batch, progress);
            return;
        }
        insertRows(c, "INSERT INTO metric_events (experiment, unit, metric, value, recorded_at, batch_id) VALUES ", 6, "", events,
                (p, i, e) -> {
                    p.setString(i, experiment);
                    p.setString(i + 1, e.unit());
                    p.setString(i + 2, e.metric());
                    p.setDouble(i + 3, e.value());
                    p.setTimestamp(i + 4, ts(e.recordedAt()));
                    p.setString(i + 5, batch);
                }, progress);
    }

    @Override
    public int saveAssignments(String experiment, List<Assignment> assignments) {
        return transaction(c -> insertAssignments(c, experiment, assignments));
    }

    private static int insertAssignments(Connection c, String experiment, List<Assignment> assignments) throws SQLException {
        return insertRows(c, "INSERT INTO assignments (experiment, unit, variant, stratum, assigned_at) VALUES ",
                5, " ON CONFLICT (experiment, unit) DO NOTHING", assignments, (p, i, a) -> {
                    p.setString(i, experiment);
                    p.setString(i + 1, a.unit());
                    p.setString(i + 2, a.variant());
                    p.setString(i + 3, a.stratum());
                    p.setTimestamp(i + 4, ts(a.assignedAt()));
                }, n -> { });
    }

    @FunctionalInterface
    private interface RowBinder<T> {
        void bind(PreparedStatement p, int firstIndex, T row) throws SQLException;
    }

    /** Rows per multi-row INSERT: one statement per chunk is far faster than one per row on DuckDB, and well under PostgreSQL's parameter limit. */
    static final int ROWS_PER_STATEMENT = 200;

    /**
     * Inserts rows with multi-row {@code INSERT ... VALUES (...), (...)} statements of
     * {@value #ROWS_PER_STATEMENT} rows, reporting the rows written after every {@value #BATCH_ROWS}.
     *
     * @return the rows the database reports as inserted
     */
    private static <T> int insertRows(Connection c, String prefix, int columns, String suffix, List<T> rows, RowBinder<T> binder,
                                      LongConsumer progress) throws SQLException {
        String tuple = "(" + String.join(", ", java.util.Collections.nCopies(columns, "?")) + ")";
        int inserted = 0;
        long written = 0;
        long reported = 0;
        PreparedStatement full = null;
        try {
            for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
                List<T> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
                PreparedStatement p;
                boolean reuse = chunk.size() == ROWS_PER_STATEMENT;
                if (reuse && full != null) {
                    p = full;
                } else {
                    p = c.prepareStatement(prefix + String.join(", ", java.util.Collections.nCopies(chunk.size(), tuple)) + suffix);
                    if (reuse) {
                        full = p;
                    }
                }
                try {
                    for (int r = 0; r < chunk.size(); r++) {
                        binder.bind(p, r * columns + 1, chunk.get(r));
                    }
                    inserted += Math.max(0, p.executeUpdate());
                } finally {
                    if (p != full) {
                        p.close();
                    }
                }
                written += chunk.size();
                if (written - reported >= BATCH_ROWS || written == rows.size()) {
                    progress.accept(written);
                    reported = written;
                }
            }
        } finally {
            if (full != null) {
                full.close();
            }
        }
        return inserted;
    }


    // metric events

    @Override
    public void recordEvents(String experiment, List<Assignment> newAssignments, List<MetricEvent> events, LongConsumer progress) {
        String batch = UUID.randomUUID().toString();
        if (!source.isPostgres()) {
            // the appender writes new assignments far faster than INSERT ... ON CONFLICT, but fails on a unit
            // already stored (DuckDB then reports only that the transaction is aborted); then the whole transaction
            // rolls back and the batch is written again the careful way, which also reports any other failure
            try {
                transaction(c -> {
                    requireExperimentRow(c, experiment);
                    appendAssignments(c, experiment, newAssignments);
                    appendEvents(c, experiment, events, batch, progress);
                    return null;
                });
                return;
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof SQLException)) {
                    throw e;
                }
            }
        }
        transaction(c -> {
            requireExperimentRow(c, experiment);
            insertAssignments(c, experiment, newAssignments);
            insertEvents(c, experiment, events, batch, progress);
            return null;
        });
    }

    /** One indexed look-up instead of loading the whole design (what a write of every request batch needs). */
    private void requireExperimentRow(Connection c, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM experiments WHERE name = ?")) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw unknownExperiment(name);
                }
            }
        }
    }

    private static void appendAssignments(Connection c, String experiment, List<Assignment> assignments) throws SQLException {
        if (assignments.isEmpty()) {
            return;
        }
        try (org.duckdb.DuckDBAppender a = c.unwrap(org.duckdb.DuckDBConnection.class)
                .createAppender(org.duckdb.DuckDBConnection.DEFAULT_SCHEMA, "assignments")) {
            for (Assignment x : assignments) {
                a.beginRow();
                a.append(experiment);
                a.append(x.unit());
                a.append(x.variant());
                a.append(x.stratum());
                a.append(ts(x.assignedAt()).toLocalDateTime());
                a.endRow();
            }
        }
    }

    /**
     * DuckDB's appender writes the events inside the open transaction several times faster than
     * multi-row INSERTs (no statement to bind per 200 rows); the batch still commits whole or not at all.
     */
    private static void appendEvents(Connection c, String experiment, List<MetricEvent> events, String batch, LongConsumer progress)
            throws SQLException {
        if (events.isEmpty()) {
            return; // an appender costs a catalog look-up even for no rows
        }
        long written = 0;
        try (org.duckdb.DuckDBAppender a = c.unwrap(org.duckdb.DuckDBConnection.class)
                .createAppender(org.duckdb.DuckDBConnection.DEFAULT_SCHEMA, "metric_events")) {
            for (MetricEvent e : events) {
                a.beginRow();
                a.append(experiment);
                a.append(e.unit());
                a.append(e.metric());
                a.append(e.value());
                a.append(ts(e.recordedAt()).toLocalDateTime());
                a.append(batch);
                a.endRow();
                if (++written % BATCH_ROWS == 0) {
                    progress.accept(written);
                }
            }
        }
        if (written % BATCH_ROWS != 0) {
            progress.accept(written);
        }
    }

    @Override
    public long eventCount(String experiment) {
        return read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM metric_events WHERE experiment = ?")) {
                p.setString(1, experiment);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public List<UnitOutcome> unitOutcomes(String experiment, MetricDefinition metric) {
        String aggregate = metric.kind() == MetricKind.BINARY ? "MAX(value)" : "SUM(value)";
        return read(c -> {
            List<UnitOutcome> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT a.unit, a.variant, a.stratum, COALESCE(e.v, 0) AS v "
                    + "FROM assignments a LEFT JOIN (SELECT unit, " + aggregate + " AS v FROM metric_events "
                    + "WHERE experiment = ? AND metric = ? GROUP BY unit) e ON a.unit = e.unit "
                    + "WHERE a.experiment = ? ORDER BY a.unit")) {
                p.setString(1, experiment);
                p.setString(2, metric.name());
                p.setString(3, experiment);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new UnitOutcome(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4)));
                    }
                }
            }
            return out;
        });
    }

    // stopping decisions

    @Override
    public void recordDecision(String experiment, StoppingDecision d) {
        transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO stopping_decisions (experiment, decided_at, metric, arm, decision, "
                    + "n_control, n_treatment, estimate, p_value, conditional_power, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                p.setString(1, experiment);
                p.setTimestamp(2, ts(d.decidedAt()));
                p.setString(3, d.metric());
                p.setString(4, d.arm());
                p.setString(5, d.decision());
                p.setLong(6, d.nControl());
                p.setLong(7, d.nTreatment());
                setDouble(p, 8, d.estimate());
                setDouble(p, 9, d.pValue());
                setDouble(p, 10, d.conditionalPower());
                p.setString(11, d.reason());
                p.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<StoppingDecision> decisions(String experiment) {
        return read(c -> {
            List<StoppingDecision> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT * FROM stopping_decisions WHERE experiment = ? ORDER BY decided_at")) {
                p.setString(1, experiment);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StoppingDecision(instant(rs, "decided_at"), rs.getString("metric"), rs.getString("arm"),
                                rs.getString("decision"), rs.getLong("n_control"), rs.getLong("n_treatment"),
                                getDouble(rs, "estimate"), getDouble(rs, "p_value"), getDouble(rs, "conditional_power"),
                                rs.getString("reason")));
                    }
                }
            }
            return out;
        });
    }

    // policies

    @Override
    public void putPolicy(Policy policy) {
        transaction(c -> {
            upsertPolicy(c, policy);
            return null;
        });
    }

    private static void upsertPolicy(Connection c, Policy policy) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO policies (name, scope, value, value_type, min_value, max_value, "
                + "max_step, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name, scope) DO UPDATE SET "
                + "value = EXCLUDED.value, value_type = EXCLUDED.value_type, min_value = EXCLUDED.min_value, "
                + "max_value = EXCLUDED.max_value, max_step = EXCLUDED.max_step, updated_at = EXCLUDED.updated_at")) {
            p.setString(1, policy.name());
            p.setString(2, policy.scope());
            p.setString(3, policy.value());
            p.setString(4, policy.valueType());
            setDouble(p, 5, policy.minValue());
            setDouble(p, 6, policy.maxValue());
            setDouble(p, 7, policy.maxStep());
            p.setTimestamp(8, ts(policy.updatedAt()));
            p.executeUpdate();
        }
    }

    private static Policy policyRow(ResultSet rs) throws SQLException {
        return new Policy(rs.getString("name"), rs.getString("scope"), rs.getString("value"), rs.getString("value_type"),
                getDouble(rs, "min_value"), getDouble(rs, "max_value"), getDouble(rs, "max_step"), instant(rs, "updated_at"));
    }

    @Override
    public Optional<Policy> policy(String name, String scope) {
        return read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT * FROM policies WHERE name = ? AND scope = ?")) {
                p.setString(1, name);
                p.setString(2, scope);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(policyRow(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<Policy> policies() {
        return read(JdbcExperimentStore::loadPolicies);
    }

    @Override
    public void recordAdjustment(PolicyAdjustment a) {
        transaction(c -> {
            insertAdjustment(c, a);
            return null;
        });
    }

    private static void insertAdjustment(Connection c, PolicyAdjustment a) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO policy_adjustments (id, policy, scope, old_value, new_value, actor, "
                + "reason, source, feedback_count, confidence, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, a.id());
            p.setString(2, a.policy());
            p.setString(3, a.scope());
            p.setString(4, a.oldValue());
            p.setString(5, a.newValue());
            p.setString(6, a.actor());
            p.setString(7, a.reason());
            p.setString(8, a.source());
            p.setLong(9, a.feedbackCount());
            setDouble(p, 10, a.confidence());
            p.setString(11, a.status());
            p.setTimestamp(12, ts(a.createdAt()));
            p.executeUpdate();
        }
    }

    @Override
    public List<PolicyAdjustment> adjustments(String policy, String scope) {
        return read(c -> {
            List<PolicyAdjustment> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT * FROM policy_adjustments WHERE policy = ? AND scope = ? ORDER BY created_at, id")) {
                p.setString(1, policy);
                p.setString(2, scope);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(adjustmentRow(rs));
                    }
                }
            }
            return out;
        });
    }

    private static PolicyAdjustment adjustmentRow(ResultSet rs) throws SQLException {
        return new PolicyAdjustment(rs.getString("id"), rs.getString("policy"), rs.getString("scope"),
                rs.getString("old_value"), rs.getString("new_value"), rs.getString("actor"), rs.getString("reason"),
                rs.getString("source"), rs.getLong("feedback_count"), getDouble(rs, "confidence"),
                rs.getString("status"), instant(rs, "created_at"));
    }

    @Override
    public Optional<PolicyAdjustment> adjustment(String id) {
        return read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT * FROM policy_adjustments WHERE id = ?")) {
                p.setString(1, id);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(adjustmentRow(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Advisory-lock key (PostgreSQL) that serialises policy changes between processes. */
    private static final int POLICY_LOCK = 0x0CE7EB71;
    /** First advisory-lock key of Q-table updates; the second is the agent's hash. */
    private static final int QTABLE_LOCK = 0x0CE7EB72;

    private void lockForWrite(Connection c, int key, int sub) throws SQLException {
        if (source.isPostgres()) {
            try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
                p.setInt(1, key);
                p.setInt(2, sub);
                p.executeQuery().close();
            }
        }
    }

    private static List<Policy> loadPolicies(Connection c) throws SQLException {
        List<Policy> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT * FROM policies ORDER BY name, scope");
             ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                out.add(policyRow(rs));
            }
        }
        return out;
    }

    @Override
    public PolicySnapshot changePolicies(PolicyChange change) {
        return transaction(c -> {
            lockForWrite(c, POLICY_LOCK, 0);
            List<Policy> now = loadPolicies(c);
            PolicySnapshot snap = new PolicySnapshot(change.snapshotId(), Instant.now(), change.snapshotReason(), PolicySnapshot.encode(now));
            insertSnapshot(c, snap);
            for (PolicyWrite w : change.writes()) {
                Policy current = now.stream().filter(x -> x.name().equals(w.name()) && x.scope().equals(w.scope())).findFirst().orElse(null);
                boolean asExpected = w.expected() == null ? current == null : current != null && current.value().equals(w.expected());
                if (!asExpected) {
                    throw new UserInputException("policy " + w.name() + " in scope " + w.scope() + " is now "
                            + (current == null ? "absent" : "'" + current.value() + "'") + ", not "
                            + (w.expected() == null ? "absent" : "'" + w.expected() + "'")
                            + " as this change expects (it changed meanwhile); nothing was changed: look at it again and retry");
                }
                if (w.next() != null) {
                    upsertPolicy(c, w.next());
                } else if (current != null) {
                    try (PreparedStatement d = c.prepareStatement("DELETE FROM policies WHERE name = ? AND scope = ?")) {
                        d.setString(1, w.name());
                        d.setString(2, w.scope());
                        d.executeUpdate();
                    }
                }
            }
            for (PolicyAdjustment a : change.audit()) {
                insertAdjustment(c, a);
            }
            for (String id : change.appliedProposals()) {
                try (PreparedStatement p = c.prepareStatement("UPDATE policy_adjustments SET status = 'applied' WHERE id = ? AND status = 'proposed'")) {
                    p.setString(1, id);
                    if (p.executeUpdate() != 1) {
                        throw new UserInputException("adjustment " + id + " is no longer a pending proposal (applied or rejected meanwhile); "
                                + "nothing was changed: see 'cerebro policy history'");
                    }
                }
            }
            return snap;
        });
    }

    @Override
    public void saveSnapshot(PolicySnapshot s) {
        transaction(c -> {
            insertSnapshot(c, s);
            return null;
        });
    }

    private static void insertSnapshot(Connection c, PolicySnapshot s) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO policy_snapshots (id, created_at, reason, content) VALUES (?, ?, ?, ?)")) {
            p.setString(1, s.id());
            p.setTimestamp(2, ts(s.createdAt()));
            p.setString(3, s.reason());
            p.setString(4, s.content());
            p.executeUpdate();
        }
    }

    private List<PolicySnapshot> loadSnapshots(String id) {
        return read(c -> {
            List<PolicySnapshot> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT id, created_at, reason, content FROM policy_snapshots"
                    + (id != null ? " WHERE id = ?" : "") + " ORDER BY created_at, id")) {
                if (id != null) {
                    p.setString(1, id);
                }
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new PolicySnapshot(rs.getString(1), instant(rs, "created_at"), rs.getString(3), rs.getString(4)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public Optional<PolicySnapshot> snapshot(String id) {
        return loadSnapshots(id).stream().findFirst();
    }

    @Override
    public List<PolicySnapshot> snapshots() {
        return loadSnapshots(null);
    }

    // Q-table

    @Override
    public void putQValue(QValue q) {
        transaction(c -> {
            upsertQValue(c, q);
            return null;
        });
    }

    private static void upsertQValue(Connection c, QValue q) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO q_table (agent, state, action, q_value, visits, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (agent, state, action) DO UPDATE SET q_value = EXCLUDED.q_value, "
                + "visits = EXCLUDED.visits, updated_at = EXCLUDED.updated_at")) {
            p.setString(1, q.agent());
            p.setString(2, q.state());
            p.setString(3, q.action());
            p.setDouble(4, q.value());
            p.setLong(5, q.visits());
            p.setTimestamp(6, ts(q.updatedAt()));
            p.executeUpdate();
        }
    }

    private static List<QValue> loadQTable(Connection c, String agent) throws SQLException {
        List<QValue> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT * FROM q_table WHERE agent = ? ORDER BY state, action")) {
            p.setString(1, agent);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new QValue(rs.getString("agent"), rs.getString("state"), rs.getString("action"),
                            rs.getDouble("q_value"), rs.getLong("visits"), instant(rs, "updated_at")));
                }
            }
        }
        return out;
    }

    @Override
    public List<QValue> qTable(String agent) {
        return read(c -> loadQTable(c, agent));
    }

    @Override
    public List<QValue> updateQTable(String agent, java.util.function.UnaryOperator<List<QValue>> change) {
        return transaction(c -> {
            lockForWrite(c, QTABLE_LOCK, agent.hashCode());
            List<QValue> written = List.copyOf(change.apply(loadQTable(c, agent)));
            for (QValue q : written) {
                if (!q.agent().equals(agent)) {
                    throw new IllegalArgumentException("a Q-table update of " + agent + " wrote a cell of " + q.agent());
                }
                upsertQValue(c, q);
            }
            return written;
        });
    }

    // routers

    @Override
    public void putRouter(RouterSettings r) {
        transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO routers (name, config, updated_at) VALUES (?, ?, ?) "
                    + "ON CONFLICT (name) DO UPDATE SET config = EXCLUDED.config, updated_at = EXCLUDED.updated_at")) {
                p.setString(1, r.name());
                p.setString(2, r.config());
                p.setTimestamp(3, ts(r.updatedAt()));
                p.executeUpdate();
            }
            return null;
        });
    }

    private List<RouterSettings> loadRouters(String name) {
        return read(c -> {
            List<RouterSettings> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT name, config, updated_at FROM routers"
                    + (name != null ? " WHERE name = ?" : "") + " ORDER BY name")) {
                if (name != null) {
                    p.setString(1, name);
                }
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new RouterSettings(rs.getString(1), rs.getString(2), instant(rs, "updated_at")));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public Optional<RouterSettings> router(String name) {
        return loadRouters(name).stream().findFirst();
    }

    @Override
    public List<RouterSettings> routers() {
        return loadRouters(null);
    }

    @Override
    public void close() {
        source.close();
    }
}
