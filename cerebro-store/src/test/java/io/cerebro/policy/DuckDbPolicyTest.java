package io.cerebro.policy;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The policy contract on an embedded DuckDB file. */
class DuckDbPolicyTest extends PolicyServiceContract {
    @TempDir
    Path dir;
    private int n;

    @Override
    protected String freshLocation() {
        return dir.resolve("policies-" + (++n) + ".duckdb").toString();
    }
}
