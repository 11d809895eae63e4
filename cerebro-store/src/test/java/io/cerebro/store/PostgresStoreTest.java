package io.cerebro.store;

import io.cerebro.core.error.UserInputException;
import io.cerebro.core.testing.LocalPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The store contract on a real PostgreSQL server that this class starts on loopback (see
 * {@link LocalPostgres}), one new database per test.
 */
class PostgresStoreTest extends ExperimentStoreContract {
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
    String freshLocation() throws Exception {
        return server.newDatabaseUrl();
    }

    @Test
    void aServerThatDoesNotAnswerIsNamedWithTheFix() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String url = "postgresql://cerebro:secret@127.0.0.1:" + closedPort + "/nowhere";
        UserInputException e = assertThrows(UserInputException.class, () -> Stores.open(url, Map.of()));
        assertTrue(e.getMessage().contains("cannot connect to the PostgreSQL store") && e.getMessage().contains("check that the server runs"),
                e.getMessage());
        assertTrue(!e.getMessage().contains("secret"), "the password is not printed: " + e.getMessage());
    }
}
