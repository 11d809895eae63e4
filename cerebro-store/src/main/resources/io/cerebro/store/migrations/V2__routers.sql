-- Cerebro store, schema version 2: routers (cerebro policy route/learn). Their Q-tables and arm
-- statistics live in q_table, under the router's name.
CREATE TABLE routers (
    name       TEXT PRIMARY KEY,
    config     TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
-- a rollback to a snapshot taken before a policy existed removes it: its audit entry has no new value
ALTER TABLE policy_adjustments ALTER COLUMN new_value DROP NOT NULL;
