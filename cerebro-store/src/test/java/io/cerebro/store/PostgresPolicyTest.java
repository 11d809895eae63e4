package io.cerebro.store;

import io.cerebro.core.testing.LocalPostgres;
import io.cerebro.policy.PolicyServiceContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The policy contract on a real PostgreSQL server this class starts on loopback, one new database per test. */
class PostgresPolicyTest extends PolicyServiceContract {
    private static LocalPostgres server;

    @BeforeAll
    static void startServer() throws Exception {
        server = LocalPostgres.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected String freshLocation() throws Exception {
        return server.newDatabaseUrl();
    }
}
