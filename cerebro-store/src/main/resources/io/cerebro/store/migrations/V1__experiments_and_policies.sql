-- Cerebro store, schema version 1. Written in the SQL that DuckDB and PostgreSQL share: no foreign
-- keys (DuckDB refuses updates of rows that others reference), integrity is kept by the store.
CREATE TABLE experiments (
    name            TEXT PRIMARY KEY,
    salt            TEXT NOT NULL,
    status          TEXT NOT NULL,
    hypothesis      TEXT,
    strata          TEXT,
    sequential_test TEXT NOT NULL,
    alpha           DOUBLE PRECISION NOT NULL,
    target_power    DOUBLE PRECISION NOT NULL,
    min_samples     BIGINT NOT NULL,
    planned_samples BIGINT,
    mde             DOUBLE PRECISION,
    min_effect      DOUBLE PRECISION,
    futility_power  DOUBLE PRECISION NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE TABLE variants (
    experiment TEXT NOT NULL,
    name       TEXT NOT NULL,
    position   INTEGER NOT NULL,
    weight     DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (experiment, name)
);
CREATE TABLE metrics (
    experiment TEXT NOT NULL,
    name       TEXT NOT NULL,
    position   INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    PRIMARY KEY (experiment, name)
);
CREATE TABLE status_changes (
    experiment TEXT NOT NULL,
    status     TEXT NOT NULL,
    reason     TEXT,
    changed_at TIMESTAMP NOT NULL
);
CREATE TABLE assignments (
    experiment  TEXT NOT NULL,
    unit        TEXT NOT NULL,
    variant     TEXT NOT NULL,
    stratum     TEXT,
    assigned_at TIMESTAMP NOT NULL,
    PRIMARY KEY (experiment, unit)
);
CREATE TABLE metric_events (
    experiment  TEXT NOT NULL,
    unit        TEXT NOT NULL,
    metric      TEXT NOT NULL,
    value       DOUBLE PRECISION NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    batch_id    TEXT NOT NULL
);
CREATE INDEX metric_events_by_experiment ON metric_events (experiment, metric, unit);
CREATE TABLE stopping_decisions (
    experiment        TEXT NOT NULL,
    decided_at        TIMESTAMP NOT NULL,
    metric            TEXT NOT NULL,
    arm               TEXT NOT NULL,
    decision          TEXT NOT NULL,
    n_control         BIGINT NOT NULL,
    n_treatment       BIGINT NOT NULL,
    estimate          DOUBLE PRECISION,
    p_value           DOUBLE PRECISION,
    conditional_power DOUBLE PRECISION,
    reason            TEXT NOT NULL
);
CREATE TABLE policies (
    name       TEXT NOT NULL,
    scope      TEXT NOT NULL,
    value      TEXT NOT NULL,
    value_type TEXT NOT NULL,
    min_value  DOUBLE PRECISION,
    max_value  DOUBLE PRECISION,
    max_step   DOUBLE PRECISION,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (name, scope)
);
CREATE TABLE policy_adjustments (
    id             TEXT PRIMARY KEY,
    policy         TEXT NOT NULL,
    scope          TEXT NOT NULL,
    old_value      TEXT,
    new_value      TEXT NOT NULL,
    actor          TEXT NOT NULL,
    reason         TEXT,
    source         TEXT NOT NULL,
    feedback_count BIGINT NOT NULL,
    confidence     DOUBLE PRECISION,
    status         TEXT NOT NULL,
    created_at     TIMESTAMP NOT NULL
);
CREATE TABLE policy_snapshots (
    id         TEXT PRIMARY KEY,
    created_at TIMESTAMP NOT NULL,
    reason     TEXT,
    content    TEXT NOT NULL
);
CREATE TABLE q_table (
    agent      TEXT NOT NULL,
    state      TEXT NOT NULL,
    action     TEXT NOT NULL,
    q_value    DOUBLE PRECISION NOT NULL,
    visits     BIGINT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (agent, state, action)
);
